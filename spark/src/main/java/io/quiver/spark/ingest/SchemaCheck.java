package io.quiver.spark.ingest;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.jspecify.annotations.Nullable;

/**
 * Checks a DataFrame's schema against a feature group before any row is written: every column a
 * feature, the record identifier and event time present, each column's type convertible to its
 * feature's. Messages are PutRecord's where PutRecord has one. Stateless.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * The feature names of {@code schema}'s columns, in column order.
   *
   * @throws ValidationException naming the first problem
   */
  public static String[] check(FeatureGroup group, StructType schema) {
    String prefix = "Cannot put record into feature group " + group.name() + ": ";
    List<String> names = new ArrayList<>();
    for (StructField field : schema.fields()) {
      FeatureDefinition feature =
          group
              .feature(field.name())
              .orElseThrow(
                  () ->
                      new ValidationException(
                          prefix
                              + "feature '"
                              + field.name()
                              + "' is not defined in the feature group"));
      String problem = typeProblem(feature, field.dataType());
      if (problem != null) {
        throw new ValidationException(prefix + problem);
      }
      names.add(field.name());
    }
    requirePresent(prefix, names, group.recordIdentifier().name(), "record identifier");
    requirePresent(prefix, names, group.eventTime().name(), "event time");
    return names.toArray(String[]::new);
  }

  private static void requirePresent(
      String prefix, List<String> names, String feature, String role) {
    if (!names.contains(feature)) {
      throw new ValidationException(
          prefix + "the " + role + " feature '" + feature + "' is required in every record");
    }
  }

  private static @Nullable String typeProblem(FeatureDefinition feature, DataType type) {
    boolean array = type instanceof ArrayType;
    if (feature.isCollection() != array) {
      return array
          ? "feature '"
              + feature.name()
              + "' is a scalar "
              + feature.type().wireName()
              + " and needs ValueAsString, not ValueAsStringList (column type "
              + type.simpleString()
              + ")"
          : "feature '"
              + feature.name()
              + "' is a "
              + java.util.Objects.requireNonNull(feature.collectionType()).wireName()
              + " and needs ValueAsStringList, not ValueAsString (column type "
              + type.simpleString()
              + ")";
    }
    DataType scalar = array ? ((ArrayType) type).elementType() : type;
    if (convertible(feature.type(), scalar)) {
      return null;
    }
    return "column '"
        + feature.name()
        + "' of type "
        + type.simpleString()
        + " cannot hold "
        + feature.type().wireName()
        + " values (expected: "
        + expected(feature.type())
        + ")";
  }

  private static boolean convertible(FeatureType feature, DataType type) {
    boolean integer =
        type instanceof LongType
            || type instanceof IntegerType
            || type instanceof ShortType
            || type instanceof ByteType
            || (type instanceof DecimalType d && d.scale() == 0);
    boolean number =
        integer
            || type instanceof DoubleType
            || type instanceof FloatType
            || type instanceof DecimalType;
    return switch (feature) {
      case INTEGRAL -> integer || type instanceof StringType;
      case FRACTIONAL -> number || type instanceof StringType;
      case STRING ->
          number
              || type instanceof StringType
              || type instanceof BooleanType
              || type instanceof TimestampType
              || type instanceof TimestampNTZType
              || type instanceof DateType;
    };
  }

  private static String expected(FeatureType feature) {
    return switch (feature) {
      case INTEGRAL -> "an integer type or string";
      case FRACTIONAL -> "a numeric type or string";
      case STRING -> "string, number, boolean, date or timestamp";
    };
  }
}
