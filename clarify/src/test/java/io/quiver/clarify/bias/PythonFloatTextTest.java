package io.quiver.clarify.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Thresholds print like Python's repr, as Clarify's interval strings do. */
class PythonFloatTextTest {
  @ParameterizedTest
  @CsvSource({
    "40, 40.0",
    "0.5, 0.5",
    "1.97768247, 1.97768247",
    "-3, -3.0",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "10000000, 10000000.0",
    "1e16, 1e+16",
    "1.5e16, 1.5e+16",
    "-2.5e-7, -2.5e-07",
    "0, 0.0"
  })
  void matchesPythonRepr(double value, String python) {
    assertThat(PythonFloatText.of(value)).isEqualTo(python);
  }

  /** Issue 21: under ar-EG the exponent came out in Arabic-Indic digits ({@code 1.5e-٠٧}). */
  @Test
  void spellingDoesNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      for (Locale locale :
          List.of(
              Locale.forLanguageTag("ar-EG"),
              Locale.forLanguageTag("hi-IN-u-nu-deva"),
              Locale.GERMANY)) {
        Locale.setDefault(locale);
        assertThat(PythonFloatText.of(1.5e-7)).as("%s", locale).isEqualTo("1.5e-07");
        assertThat(PythonFloatText.of(-2.5e20)).as("%s", locale).isEqualTo("-2.5e+20");
        assertThat(PythonFloatText.of(1234.5)).as("%s", locale).isEqualTo("1234.5");
      }
    } finally {
      Locale.setDefault(before);
    }
  }

  @ParameterizedTest
  @CsvSource({"1.0, 1.97768247, '(1.0, 1.97768247]'", "50000, 91000, '(50000.0, 91000.0]'"})
  void intervalIsOpenBelowAndClosedAbove(double threshold, double max, String interval) {
    assertThat(PythonFloatText.interval(threshold, max)).isEqualTo(interval);
  }
}
