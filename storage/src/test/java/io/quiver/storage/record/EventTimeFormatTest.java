package io.quiver.storage.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing of both event time formats to the engine's one ordering, microseconds since the epoch.
 */
class EventTimeFormatTest {
  @ParameterizedTest
  @CsvSource({
    "1970-01-01T00:00:00Z, 0",
    "1970-01-01T00:00:01.500Z, 1500000",
    "2023-11-21T22:13:20Z, 1700604800000000",
    "2023-11-21T22:13:20.001Z, 1700604800001000",
    "1969-12-31T23:59:59.999Z, -1000"
  })
  void parsesIsoToMicros(String value, long micros) {
    assertThat(EventTimeFormat.ISO_8601.parseMicros(value)).isEqualTo(micros);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1700000000.5, 1700000000500000",
    "1.7e9, 1700000000000000",
    "1.7000000005E9, 1700000000500000",
    "-1.5, -1500000",
    "0.0000005, 1"
  })
  void parsesEpochSecondsToMicros(String value, long micros) {
    assertThat(EventTimeFormat.EPOCH_SECONDS.parseMicros(value)).isEqualTo(micros);
  }

  @Test
  void bothFormatsShareTheRangeLimits() {
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli() * 1_000L;
    assertThat(EventTimeFormat.ISO_8601.parseMicros("0000-01-01T00:00:00.000Z")).isEqualTo(min);
    assertThat(EventTimeFormat.EPOCH_SECONDS.parseMicros("-62167219200")).isEqualTo(min);
    assertThat(EventTimeFormat.ISO_8601.parseMicros("9999-12-31T23:59:59.999Z")).isEqualTo(max);
    assertThat(EventTimeFormat.EPOCH_SECONDS.parseMicros("253402300799.999")).isEqualTo(max);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1700000000.123456",
        "1700000000.1234565",
        "1700000000.1234564999",
        "-0.5",
        "-0.0000015",
        "1.",
        "007",
        "+12.5",
        "253402300799.999999",
        "-62167219200.000000",
        "999999999999.5"
      })
  void epochSecondsAgreeWithDecimalArithmeticRoundedHalfUp(String value) {
    BigDecimal seconds = new BigDecimal(value);
    boolean inRange =
        seconds.compareTo(new BigDecimal("-62167219200")) >= 0
            && seconds.compareTo(new BigDecimal("253402300800")) < 0;
    if (inRange) {
      assertThat(EventTimeFormat.EPOCH_SECONDS.parseMicros(value))
          .isEqualTo(seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
    } else {
      assertThatThrownBy(() -> EventTimeFormat.EPOCH_SECONDS.parseMicros(value))
          .isInstanceOf(ValidationException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"253402300800", "-62167219200.000001", "1e20", "1.5.5", "1-", "--1", "", "."})
  void rejectsEpochSecondsOutOfRangeOrMalformed(String value) {
    assertThatThrownBy(() -> EventTimeFormat.EPOCH_SECONDS.parseMicros(value))
        .isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-11-21T22:13:20",
        "2023-11-21 22:13:20Z",
        "2023-11-21T22:13:20.1Z",
        "2023-11-21T22:13:20.0001Z",
        "2023-11-21T22:13:20+00:00",
        "2023-1a-21T22:13:20Z",
        "2023-11-21T22:13:2\u0663Z",
        "12023-11-21T22:13:20Z",
        "2023-02-30T00:00:00Z",
        "2023-11-21T24:00:00Z"
      })
  void rejectsIsoTimesOutsideTheTwoForms(String value) {
    assertThatThrownBy(() -> EventTimeFormat.ISO_8601.parseMicros(value))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void rejectsNonNumericEpochSeconds() {
    assertThatThrownBy(() -> EventTimeFormat.EPOCH_SECONDS.parseMicros("NaN"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContainingAll("event time 'NaN'", "seconds since the Unix epoch");
  }

  @Test
  void rejectsEpochSecondsWithSurroundingSpaces() {
    assertThatThrownBy(() -> EventTimeFormat.EPOCH_SECONDS.parseMicros(" 200"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not a valid event time format");
  }

  @Test
  void mapsFeatureTypesToFormats() {
    assertThat(EventTimeFormat.of(FeatureType.STRING)).isEqualTo(EventTimeFormat.ISO_8601);
    assertThat(EventTimeFormat.of(FeatureType.FRACTIONAL)).isEqualTo(EventTimeFormat.EPOCH_SECONDS);
    assertThatThrownBy(() -> EventTimeFormat.of(FeatureType.INTEGRAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Integral");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 1970-01-01T00:00:00.000Z, 0.0",
    "1700000000000000, 2023-11-14T22:13:20.000Z, 1700000000.0",
    "1700000000250000, 2023-11-14T22:13:20.250Z, 1700000000.25",
    "1700000000000001, 2023-11-14T22:13:20.001Z, 1700000000.000001",
    "-1500000, 1969-12-31T23:59:58.500Z, -1.5",
    "-1, 1970-01-01T00:00:00.000Z, -0.000001"
  })
  void formatsTheEarliestEventTimeAtOrAfterAnInstant(long micros, String iso, String seconds) {
    assertThat(EventTimeFormat.ISO_8601.formatAtOrAfter(micros)).isEqualTo(iso);
    assertThat(EventTimeFormat.EPOCH_SECONDS.formatAtOrAfter(micros)).isEqualTo(seconds);
    assertThat(EventTimeFormat.ISO_8601.parseMicros(iso))
        .isGreaterThanOrEqualTo(micros)
        .isLessThan(micros + 1_000);
    assertThat(EventTimeFormat.EPOCH_SECONDS.parseMicros(seconds)).isEqualTo(micros);
  }
}
