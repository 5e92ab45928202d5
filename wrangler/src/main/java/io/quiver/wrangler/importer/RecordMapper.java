package io.quiver.wrangler.importer;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.source.SourceRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns source rows into records of one feature group: each non-null value becomes its feature's
 * string, exactly (a double as {@link Double#toString}, an integer in decimal, a decimal in plain
 * notation). Missing values, empty CSV cells and NaN are left out of the record, as the SageMaker
 * SDK does. Timestamps become ISO-8601 UTC strings ({@code yyyy-MM-dd'T'HH:mm:ss[.SSS]Z}) for
 * String features and epoch seconds for Fractional ones. A column that is not a feature is passed
 * on by name, so the record rules reject the row with their usual message.
 *
 * <p>Not thread-safe: it caches the column-to-feature mapping of the last column list it saw.
 */
final class RecordMapper {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final FeatureGroup group;
  private @Nullable List<String> lastNames;
  private @Nullable FeatureDefinition[] lastDefinitions = {};

  RecordMapper(FeatureGroup group) {
    this.group = group;
  }

  Record toRecord(SourceRow row) {
    FeatureDefinition[] definitions = definitions(row.names());
    List<FeatureValue> values = new ArrayList<>(definitions.length);
    for (int i = 0; i < definitions.length; i++) {
      Object value = row.values().get(i);
      if (value == null || (value instanceof Double d && d.isNaN())) {
        continue;
      }
      String name = row.names().get(i);
      FeatureDefinition definition = definitions[i];
      if (definition != null && definition.isCollection() && value instanceof List<?> elements) {
        List<String> strings = new ArrayList<>(elements.size());
        for (Object element : elements) {
          strings.add(text(element, definition.type()));
        }
        values.add(FeatureValue.ofList(name, strings));
      } else {
        values.add(
            FeatureValue.of(
                name, text(value, definition == null ? FeatureType.STRING : definition.type())));
      }
    }
    return new Record(values);
  }

  private @Nullable FeatureDefinition[] definitions(List<String> names) {
    if (names != lastNames) {
      @Nullable FeatureDefinition[] definitions = new FeatureDefinition[names.size()];
      for (int i = 0; i < definitions.length; i++) {
        int position = group.position(names.get(i));
        definitions[i] = position < 0 ? null : group.features().get(position);
      }
      lastNames = names;
      lastDefinitions = definitions;
    }
    return lastDefinitions;
  }

  /** The exact string of {@code value} for a feature of {@code type}. */
  static String text(Object value, FeatureType type) {
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
