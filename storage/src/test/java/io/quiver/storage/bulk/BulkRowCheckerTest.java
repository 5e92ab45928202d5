package io.quiver.storage.bulk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk checker's number parsers against an independent reference: the grammar of Integral and
 * Fractional values as regular expressions, {@link BigInteger} for the range of a long and {@link
 * Double#parseDouble} for the value.
 */
class BulkRowCheckerTest {
  private static final Pattern INTEGRAL = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern FRACTIONAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @TempDir Path tmp;

  @Test
  void parsesIntegralsExactlyAsTheRulesAcceptThem() {
    BulkRowChecker checker = checker();
    for (String value : samples(20240601L, "0123456789+-.eE x")) {
      byte[] bytes = value.getBytes(UTF_8);
      boolean expected =
          INTEGRAL.matcher(value).matches()
              && new BigInteger(value).compareTo(MIN) >= 0
              && new BigInteger(value).compareTo(MAX) <= 0;
      assertThat(checker.parseIntegral(bytes, 0, bytes.length))
          .as("'%s'", value)
          .isEqualTo(expected);
    }
  }

  @Test
  void parsesFractionalsExactlyAsTheRulesAcceptAndDoubleParsesThem() {
    BulkRowChecker checker = checker();
    for (String value : samples(20240602L, "0123456789+-.eE5")) {
      byte[] bytes = value.getBytes(UTF_8);
      boolean expected =
          FRACTIONAL.matcher(value).matches() && Double.isFinite(Double.parseDouble(value));
      boolean parsed = checker.parseFractional(bytes, 0, bytes.length);
      assertThat(parsed).as("'%s'", value).isEqualTo(expected);
      if (expected) {
        assertThat(Double.doubleToRawLongBits(parsedDouble(checker, bytes)))
            .as("'%s'", value)
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(value)));
      }
    }
  }

  @Test
  void parsesTheEdgesOfBothRanges() {
    BulkRowChecker checker = checker();
    for (String value :
        List.of(
            "9223372036854775807",
            "-9223372036854775808",
            "+9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "00000000000000000000000001")) {
      byte[] bytes = value.getBytes(UTF_8);
      boolean fits =
          new BigInteger(value).compareTo(MIN) >= 0 && new BigInteger(value).compareTo(MAX) <= 0;
      assertThat(checker.parseIntegral(bytes, 0, bytes.length)).as(value).isEqualTo(fits);
    }
    for (String value :
        List.of(
            "1.7976931348623157e308",
            "1.8e308",
            "4.9e-324",
            "0.1",
            "123456789012345.6",
            "9007199254740993",
            "0.0000000000000000000001",
            "1" + "0".repeat(308))) {
      byte[] bytes = value.getBytes(UTF_8);
      double reference = Double.parseDouble(value);
      assertThat(checker.parseFractional(bytes, 0, bytes.length))
          .as(value)
          .isEqualTo(Double.isFinite(reference));
      if (Double.isFinite(reference)) {
        assertThat(parsedDouble(checker, bytes)).as(value).isEqualTo(reference);
      }
    }
  }

  private static double parsedDouble(BulkRowChecker checker, byte[] bytes) {
    // Parse again into a fresh state: the value is the checker's last parse.
    assertThat(checker.parseFractional(bytes, 0, bytes.length)).isTrue();
    return checker.lastDouble();
  }

  private BulkRowChecker checker() {
    try (QuiverStore store = QuiverStore.open(tmp.resolve("store"))) {
      FeatureGroup group = store.createFeatureGroup(BulkRows.spec("g", true, null));
      return new BulkRowChecker(group, BulkRows.COLUMNS);
    }
  }

  /** Random short strings over {@code alphabet}, biased towards number-like ones. */
  private static List<String> samples(long seed, String alphabet) {
    Random random = new Random(seed);
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(i % 3 == 0 ? 25 : 8);
      StringBuilder value = new StringBuilder();
      for (int c = 0; c < length; c++) {
        // Mostly digits, so that many samples are valid numbers.
        value.append(
            random.nextInt(3) > 0
                ? (char) ('0' + random.nextInt(10))
                : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      samples.add(value.toString());
    }
    return samples;
  }
}
