package io.quiver.storage.offline;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.jspecify.annotations.Nullable;

/**
 * The Parquet schema of a feature group's offline files ({@code docs/format/offline-store.md}): one
 * optional column per feature in definition order (Integral INT64, Fractional DOUBLE, String UTF-8
 * BINARY, collections a three-level LIST of the element type), then {@code write_time} and {@code
 * api_invocation_time} (INT64 TIMESTAMP(MICROS, UTC)) and {@code is_deleted} (BOOLEAN). Stateless.
 */
final class OfflineSchema {
  static final String WRITE_TIME = "write_time";
  static final String API_INVOCATION_TIME = "api_invocation_time";
  static final String IS_DELETED = "is_deleted";

  private OfflineSchema() {}

  static MessageType of(FeatureGroup group) {
    List<Type> fields = new ArrayList<>();
    for (FeatureDefinition feature : group.features()) {
      fields.add(column(feature));
    }
    LogicalTypeAnnotation timestamp = LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS);
    fields.add(Types.required(PrimitiveTypeName.INT64).as(timestamp).named(WRITE_TIME));
    fields.add(Types.required(PrimitiveTypeName.INT64).as(timestamp).named(API_INVOCATION_TIME));
    fields.add(Types.required(PrimitiveTypeName.BOOLEAN).named(IS_DELETED));
    return new MessageType("feature_group", fields);
  }

  private static Type column(FeatureDefinition feature) {
    if (!feature.isCollection()) {
      return scalar(feature, Repetition.OPTIONAL, feature.name());
    }
    return Types.optionalList()
        .optionalElement(primitive(feature))
        .as(logical(feature))
        .named(feature.name());
  }

  private static Type scalar(FeatureDefinition feature, Repetition repetition, String name) {
    return Types.primitive(primitive(feature), repetition).as(logical(feature)).named(name);
  }

  private static PrimitiveTypeName primitive(FeatureDefinition feature) {
    return switch (feature.type()) {
      case INTEGRAL -> PrimitiveTypeName.INT64;
      case FRACTIONAL -> PrimitiveTypeName.DOUBLE;
      case STRING -> PrimitiveTypeName.BINARY;
    };
  }

  private static @Nullable LogicalTypeAnnotation logical(FeatureDefinition feature) {
    return switch (feature.type()) {
      case STRING -> LogicalTypeAnnotation.stringType();
      case INTEGRAL, FRACTIONAL -> null;
    };
  }
}
