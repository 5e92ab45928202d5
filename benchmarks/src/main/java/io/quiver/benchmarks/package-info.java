/** JMH benchmarks of Quiver, each measured next to a baseline in the same run. */
@NullMarked
package io.quiver.benchmarks;

import org.jspecify.annotations.NullMarked;
