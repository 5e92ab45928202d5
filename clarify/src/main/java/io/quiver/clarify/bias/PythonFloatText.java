package io.quiver.clarify.bias;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Spells a double the way Python's {@code repr} does ({@code 40.0}, {@code 0.0001}, {@code 1e-05},
 * {@code 1e+16}), so threshold intervals read like Clarify's {@code (40.0, 90.0]}, whatever the
 * default locale.
 */
public final class PythonFloatText {
  private PythonFloatText() {}

  /** {@code x} as Python's {@code repr(float)} spells it. */
  public static String of(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(x)).stripTrailingZeros();
    double magnitude = Math.abs(x);
    if (magnitude >= 1e-4 && magnitude < 1e16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    // scientific: shortest digits, mantissa without a trailing ".0", exponent signed, >= 2 digits
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = x < 0 ? "-" : "";
    String expSign = exponent < 0 ? "-" : "+";
    return String.format(Locale.ROOT, "%s%se%s%02d", sign, mantissa, expSign, Math.abs(exponent));
  }

  /** Clarify's threshold interval {@code (t, max]}. */
  static String interval(double threshold, double max) {
    return "(" + of(threshold) + ", " + of(max) + "]";
  }
}
