package io.quiver.storage.record;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.error.ValidationException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One named value of a record: a scalar as a string ({@code ValueAsString}) or a collection as a
 * list of strings ({@code ValueAsStringList}), exactly as SageMaker's runtime API carries it.
 *
 * @param featureName the feature's name
 * @param valueAsString the scalar value, or {@code null} for a collection
 * @param valueAsStringList the collection's elements, or {@code null} for a scalar
 */
public record FeatureValue(
    String featureName, @Nullable String valueAsString, @Nullable List<String> valueAsStringList) {

  /**
   * Checks that exactly one form of value is present.
   *
   * @throws ValidationException if neither or both are
   */
  public FeatureValue {
    requireNonNull(featureName, "featureName");
    if ((valueAsString == null) == (valueAsStringList == null)) {
      throw new ValidationException(
          "Cannot accept feature '"
              + featureName
              + "': exactly one of ValueAsString or ValueAsStringList must be set");
    }
    if (valueAsStringList != null) {
      for (String element : valueAsStringList) {
        if (element == null) {
          throw new ValidationException(
              "Cannot accept feature '"
                  + featureName
                  + "': ValueAsStringList must not hold null elements");
        }
      }
      valueAsStringList = List.copyOf(valueAsStringList);
    }
  }

  /** A scalar value. */
  public static FeatureValue of(String featureName, String value) {
    return new FeatureValue(featureName, value, null);
  }

  /** A collection value. */
  public static FeatureValue ofList(String featureName, List<String> values) {
    return new FeatureValue(featureName, null, values);
  }

  /** Whether this is a collection value. */
  public boolean isList() {
    return valueAsStringList != null;
  }

  /**
   * The scalar value.
   *
   * @throws IllegalStateException if this is a collection value
   */
  public String scalar() {
    String value = valueAsString;
    if (value == null) {
      throw new IllegalStateException("feature '" + featureName + "' holds a list, not a scalar");
    }
    return value;
  }

  /**
   * The collection's elements.
   *
   * @throws IllegalStateException if this is a scalar value
   */
  public List<String> elements() {
    List<String> elements = valueAsStringList;
    if (elements == null) {
      throw new IllegalStateException("feature '" + featureName + "' holds a scalar, not a list");
    }
    return elements;
  }
}
