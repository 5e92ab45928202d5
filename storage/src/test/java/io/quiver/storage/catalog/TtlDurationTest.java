package io.quiver.storage.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtlDurationTest {
  @ParameterizedTest
  @ValueSource(longs = {0, -1, 1_000_000_001L})
  void rejectsValueOutsideOneToOneBillion(long value) {
    assertThatThrownBy(() -> TtlDuration.of(value, TtlUnit.SECONDS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContainingAll("TtlDuration", "Value " + value, "1 to 1000000000");
  }

  @Test
  void convertsEachUnitToItsDuration() {
    assertThat(TtlDuration.of(2, TtlUnit.SECONDS).toDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(TtlDuration.of(2, TtlUnit.MINUTES).toDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(TtlDuration.of(2, TtlUnit.HOURS).toDuration()).isEqualTo(Duration.ofHours(2));
    assertThat(TtlDuration.of(2, TtlUnit.DAYS).toDuration()).isEqualTo(Duration.ofDays(2));
    assertThat(TtlDuration.of(2, TtlUnit.WEEKS).toDuration()).isEqualTo(Duration.ofDays(14));
  }

  @Test
  void convertsToMicrosSaturatingAtLongMax() {
    assertThat(TtlDuration.of(90, TtlUnit.MINUTES).toMicros()).isEqualTo(5_400_000_000L);
    assertThat(TtlDuration.of(1_000_000_000L, TtlUnit.SECONDS).toMicros())
        .isEqualTo(1_000_000_000_000_000L);
    assertThat(TtlDuration.of(1_000_000_000L, TtlUnit.WEEKS).toMicros()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void parsesSageMakerUnitNames() {
    assertThat(TtlUnit.fromWireName("Weeks")).isEqualTo(TtlUnit.WEEKS);
    assertThatThrownBy(() -> TtlUnit.fromWireName("weeks"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Seconds, Minutes, Hours, Days, Weeks");
  }
}
