package io.quiver.spark.ingest;

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
import software.amazon.awssdk.services.sagemaker.model.CollectionType;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;
import software.amazon.awssdk.services.sagemaker.model.FeatureType;

/**
 * Feature definitions from a DataFrame's schema, ready for CreateFeatureGroup: integer columns are
 * Integral, floating and decimal columns Fractional, strings, booleans, dates and timestamps
 * String, arrays of those List features of the element's type. Stateless.
 */
public final class SchemaFeatureDefinitions {
  private SchemaFeatureDefinitions() {}

  /**
   * One definition per column, in column order.
   *
   * @throws ValidationException naming the first column whose type has no feature type
   */
  public static List<FeatureDefinition> of(StructType schema) {
    List<FeatureDefinition> definitions = new ArrayList<>();
    for (StructField field : schema.fields()) {
      DataType type = field.dataType();
      FeatureDefinition.Builder definition = FeatureDefinition.builder().featureName(field.name());
      if (type instanceof ArrayType array) {
        definition
            .featureType(scalar(field.name(), array.elementType()))
            .collectionType(CollectionType.LIST);
      } else {
        definition.featureType(scalar(field.name(), type));
      }
      definitions.add(definition.build());
    }
    return definitions;
  }

  private static FeatureType scalar(String column, DataType type) {
    if (type instanceof LongType
        || type instanceof IntegerType
        || type instanceof ShortType
        || type instanceof ByteType) {
      return FeatureType.INTEGRAL;
    }
    if (type instanceof DoubleType || type instanceof FloatType || type instanceof DecimalType) {
      return FeatureType.FRACTIONAL;
    }
    if (type instanceof StringType
        || type instanceof BooleanType
        || type instanceof DateType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType) {
      return FeatureType.STRING;
    }
    throw new ValidationException(
        "Cannot define a feature for column '"
            + column
            + "' of type "
            + type.simpleString()
            + " (expected: numbers, strings, booleans, dates, timestamps or arrays of them)");
  }
}
