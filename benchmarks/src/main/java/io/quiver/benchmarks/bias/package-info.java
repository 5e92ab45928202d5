/** Benchmarks of the bias metrics ({@code io.quiver.clarify.bias}): rows counted per second. */
@NullMarked
package io.quiver.benchmarks.bias;

import org.jspecify.annotations.NullMarked;
