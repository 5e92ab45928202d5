/**
 * The {@code quiver} command line: one picocli command per task (serve, and more as they come).
 * Commands print results to standard output and clear one-line errors to standard error, never a
 * stack trace for bad input.
 */
@NullMarked
package io.quiver.server.cli;

import org.jspecify.annotations.NullMarked;
