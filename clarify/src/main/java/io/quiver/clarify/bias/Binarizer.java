package io.quiver.clarify.bias;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Collapses a column's text to yes/no as a {@link ValueSelector} says. Threshold binarizers also
 * track the largest value seen, which Clarify prints as the upper end of the threshold interval.
 * Not thread-safe: one instance per analysis.
 */
abstract sealed class Binarizer permits Binarizer.ValueList, Binarizer.Threshold {

  static Binarizer of(ValueSelector selector) {
    if (selector instanceof ValueSelector.AnyOf anyOf) {
      return new ValueList(anyOf.values());
    }
    return new Threshold(((ValueSelector.Above) selector).threshold());
  }

  /**
   * Whether the text is selected.
   *
   * @throws NumberFormatException if a threshold meets text that is not a number
   */
  abstract boolean test(String text);

  /** Membership in a list; numbers compare numerically, booleans ignore case. */
  static final class ValueList extends Binarizer {
    /** Memoised answers: categorical columns have few distinct values. */
    private static final int MEMO_LIMIT = 4096;

    private final Set<String> texts;
    private final Set<Double> numbers = new HashSet<>();
    private final Set<String> booleans = new HashSet<>();
    private final Map<String, Boolean> memo = new HashMap<>();

    ValueList(List<String> values) {
      this.texts = Set.copyOf(values);
      for (String value : values) {
        Double number = number(value);
        if (number != null) {
          numbers.add(number);
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
          booleans.add(lower);
        }
      }
    }

    @Override
    boolean test(String text) {
      Boolean known = memo.get(text);
      if (known != null) {
        return known;
      }
      boolean answer = compute(text);
      if (memo.size() < MEMO_LIMIT) {
        memo.put(text, answer);
      }
      return answer;
    }

    private boolean compute(String text) {
      if (texts.contains(text)) {
        return true;
      }
      if (!numbers.isEmpty()) {
        Double number = number(text);
        if (number != null && numbers.contains(number)) {
          return true;
        }
      }
      return !booleans.isEmpty() && booleans.contains(text.trim().toLowerCase(Locale.ROOT));
    }

    /** The text as a number (with -0 as 0), or null if it does not look like one. */
    private static @Nullable Double number(String text) {
      String t = text.trim();
      if (t.isEmpty()) {
        return null;
      }
      char c = t.charAt(0);
      if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
        return null;
      }
      try {
        double value = Double.parseDouble(t);
        return value == 0 ? 0.0 : value;
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** value &gt; threshold. */
  static final class Threshold extends Binarizer {
    private final double threshold;
    private double max = Double.NEGATIVE_INFINITY;

    Threshold(double threshold) {
      this.threshold = threshold;
    }

    @Override
    boolean test(String text) {
      double value = Double.parseDouble(text);
      if (value > max) {
        max = value;
      }
      return value > threshold;
    }

    double threshold() {
      return threshold;
    }

    /** Largest value seen, or negative infinity before any. */
    double max() {
      return max;
    }
  }
}
