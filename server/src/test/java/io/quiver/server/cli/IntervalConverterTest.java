package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IntervalConverterTest {
  private final IntervalConverter converter = new IntervalConverter();

  @Test
  void readsANumberWithItsUnitOrOff() {
    assertThat(converter.convert("50us")).isEqualTo(Duration.ofNanos(50_000));
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("off")).isZero();
    assertThat(converter.convert("0")).isZero();
  }

  @Test
  void writesAnIntervalInTheLargestWholeUnitAndReadsItBack() {
    assertThat(IntervalConverter.format(Duration.ZERO)).isEqualTo("off");
    assertThat(IntervalConverter.format(Duration.ofNanos(50_000))).isEqualTo("50us");
    assertThat(IntervalConverter.format(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
    assertThat(IntervalConverter.format(Duration.ofMillis(10))).isEqualTo("10ms");
    assertThat(IntervalConverter.format(Duration.ofMillis(1_500))).isEqualTo("1500ms");
    assertThat(IntervalConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(IntervalConverter.format(Duration.ofMinutes(2))).isEqualTo("2m");
    for (String written : new String[] {"50us", "1500us", "10ms", "90s", "2m", "off"}) {
      assertThat(IntervalConverter.format(converter.convert(written))).isEqualTo(written);
    }
  }

  @Test
  void refusesAnythingElseSayingWhatIsAllowed() {
    for (String bad : new String[] {"1", "1h", "-1s", "1.5s", "s", "", "1 s", "PT1S"}) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(CommandLine.TypeConversionException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' is not an interval (expected: a number with us, ms, s or m, such as 1s; or off)");
    }
  }
}
