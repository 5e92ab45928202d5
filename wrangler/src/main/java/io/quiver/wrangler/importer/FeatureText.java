package io.quiver.wrangler.importer;

import io.quiver.storage.catalog.FeatureType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The exact string a source value becomes in a record: text as read, a double as {@link
 * Double#toString}, a decimal in plain notation, a timestamp as ISO-8601 UTC ({@code
 * yyyy-MM-dd'T'HH:mm:ss[.SSS]Z}) for a String feature or epoch seconds for a Fractional one,
 * anything else as its {@code toString}. Stateless.
 */
public final class FeatureText {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private FeatureText() {}

  /** The string of {@code value} for a feature of {@code type}. */
  public static String of(Object value, FeatureType type) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Double d) {
      return Double.toString(d);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Instant instant) {
      return type == FeatureType.FRACTIONAL ? epochSeconds(instant) : iso(instant);
    }
    return value.toString();
  }

  private static String iso(Instant instant) {
    return instant.getNano() / 1_000_000 == 0 ? SECONDS.format(instant) : MILLIS.format(instant);
  }

  private static String epochSeconds(Instant instant) {
    BigDecimal seconds =
        BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    return seconds.stripTrailingZeros().scale() <= 0
        ? seconds.setScale(1).toPlainString()
        : seconds.stripTrailingZeros().toPlainString();
  }
}
