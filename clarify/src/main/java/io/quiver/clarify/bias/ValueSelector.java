package io.quiver.clarify.bias;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a column collapses to yes/no: membership in a list of values, or being above a threshold. A
 * label selector picks the positive labels; a facet selector picks the sensitive group d.
 */
public sealed interface ValueSelector permits ValueSelector.AnyOf, ValueSelector.Above {

  /**
   * Selects rows whose value is one of {@code values}; numbers compare numerically ({@code 1}
   * matches {@code 1.0}), booleans ignore case, other text compares exactly.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  static ValueSelector anyOf(List<String> values) {
    return new AnyOf(values);
  }

  /** Same as {@link #anyOf(List)}. */
  static ValueSelector anyOf(String... values) {
    return new AnyOf(List.of(values));
  }

  /**
   * Selects rows whose value, read as a number, is greater than {@code threshold}.
   *
   * @throws IllegalArgumentException if {@code threshold} is not finite
   */
  static ValueSelector above(double threshold) {
    return new Above(threshold);
  }

  /** A list of selected values. */
  record AnyOf(List<String> values) implements ValueSelector {
    /** Copies the list and rejects an empty one. */
    public AnyOf {
      values = List.copyOf(requireNonNull(values, "values"));
      if (values.isEmpty()) {
        throw new IllegalArgumentException("values: [] (expected: at least one value)");
      }
    }
  }

  /** A threshold: value &gt; threshold is selected. */
  record Above(double threshold) implements ValueSelector {
    /** Rejects NaN and infinities. */
    public Above {
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException(
            "threshold: " + threshold + " (expected: a finite number)");
      }
    }
  }
}
