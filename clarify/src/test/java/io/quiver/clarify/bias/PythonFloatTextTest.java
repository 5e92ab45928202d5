package io.quiver.clarify.bias;

import static org.assertj.core.api.Assertions.assertThat;

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

  @ParameterizedTest
  @CsvSource({"1.0, 1.97768247, '(1.0, 1.97768247]'", "50000, 91000, '(50000.0, 91000.0]'"})
  void intervalIsOpenBelowAndClosedAbove(double threshold, double max, String interval) {
    assertThat(PythonFloatText.interval(threshold, max)).isEqualTo(interval);
  }
}
