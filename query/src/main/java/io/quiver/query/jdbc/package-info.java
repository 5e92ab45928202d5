/**
 * The {@code jdbc:quiver:} JDBC driver: SQL over a data directory for tools that take a JDBC URL.
 */
@NullMarked
package io.quiver.query.jdbc;

import org.jspecify.annotations.NullMarked;
