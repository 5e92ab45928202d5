package io.quiver.wrangler.importer;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.source.SourceRow;
import java.util.ArrayList;
import java.util.List;
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
  private final FeatureGroup group;
  private @Nullable List<String> lastNames;
  private @Nullable FeatureDefinition[] lastDefinitions;

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
          strings.add(FeatureText.of(element, definition.type()));
        }
        values.add(FeatureValue.ofList(name, strings));
      } else {
        values.add(
            FeatureValue.of(
                name,
                FeatureText.of(
                    value, definition == null ? FeatureType.STRING : definition.type())));
      }
    }
    return new Record(values);
  }

  private @Nullable FeatureDefinition[] definitions(List<String> names) {
    if (names != lastNames) {
      FeatureDefinition[] definitions = new FeatureDefinition[names.size()];
      for (int i = 0; i < definitions.length; i++) {
        int position = group.position(names.get(i));
        definitions[i] = position < 0 ? null : group.features().get(position);
      }
      lastNames = names;
      lastDefinitions = definitions;
    }
    return lastDefinitions;
  }
}
