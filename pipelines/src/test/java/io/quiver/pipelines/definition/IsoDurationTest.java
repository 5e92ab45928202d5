package io.quiver.pipelines.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ExpireAfter durations: ISO-8601 and the guide's short forms. */
class IsoDurationTest {
  @ParameterizedTest
  @CsvSource({
    "PT1H, PT1H",
    "P30D, PT720H",
    "P1W, PT168H",
    "P1Y, PT8760H",
    "P1M, PT720H",
    "P1DT2H3M4S, PT26H3M4S",
    "PT0.5S, PT0.5S",
    "30d, PT720H",
    "T16m, PT16M",
    "pt2h, PT2H"
  })
  void parses(String text, String expected) {
    assertThat(IsoDuration.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "P", "PT", "soon", "1 hour", "P0D", "-P1D", "PT1H30"})
  void refuses(String text) {
    assertThatThrownBy(() -> IsoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
