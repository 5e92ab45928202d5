package io.quiver.storage.record;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A record: the values of some or all features of a feature group, in the order given. Typed values
 * go in through {@link #builder()} and come out through {@link #getLong}, {@link #getDouble},
 * {@link #getString} and {@link #getList}.
 *
 * @param values the values; feature names are checked against the group when the record is written
 */
public record Record(List<FeatureValue> values) {
  /** Copies the values. */
  public Record {
    values = List.copyOf(values);
  }

  /** A record of {@code values}. */
  public static Record of(FeatureValue... values) {
    return new Record(List.of(values));
  }

  /** Starts building a record from typed values. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value of feature {@code name}, if the record has it. */
  public Optional<FeatureValue> value(String name) {
    for (FeatureValue value : values) {
      if (value.featureName().equals(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * The scalar value of feature {@code name} as its string.
   *
   * @throws IllegalArgumentException if the record has no scalar value of that name
   */
  public String getString(String name) {
    FeatureValue value =
        value(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "name: " + name + " (expected: a feature of this record)"));
    if (value.valueAsString() == null) {
      throw new IllegalArgumentException(
          "name: " + name + " (expected: a scalar feature, got a collection)");
    }
    return value.valueAsString();
  }

  /**
   * The scalar value of feature {@code name} as a long.
   *
   * @throws IllegalArgumentException if there is no such scalar value
   * @throws NumberFormatException if it is not an integer
   */
  public long getLong(String name) {
    return Long.parseLong(getString(name));
  }

  /**
   * The scalar value of feature {@code name} as a double.
   *
   * @throws IllegalArgumentException if there is no such scalar value
   * @throws NumberFormatException if it is not a number
   */
  public double getDouble(String name) {
    return Double.parseDouble(getString(name));
  }

  /**
   * The collection value of feature {@code name}.
   *
   * @throws IllegalArgumentException if the record has no collection value of that name
   */
  public List<String> getList(String name) {
    FeatureValue value =
        value(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "name: " + name + " (expected: a feature of this record)"));
    if (value.valueAsStringList() == null) {
      throw new IllegalArgumentException(
          "name: " + name + " (expected: a collection feature, got a scalar)");
    }
    return value.valueAsStringList();
  }

  /** Builds a {@link Record} from typed values; not thread-safe. */
  public static final class Builder {
    private final List<FeatureValue> values = new ArrayList<>();

    private Builder() {}

    /** Sets a String feature (or any feature, given its exact string form). */
    public Builder set(String name, String value) {
      values.add(FeatureValue.of(name, requireNonNull(value, "value")));
      return this;
    }

    /** Sets an Integral feature. */
    public Builder set(String name, long value) {
      return set(name, Long.toString(value));
    }

    /** Sets a Fractional feature. */
    public Builder set(String name, double value) {
      return set(name, Double.toString(value));
    }

    /** Sets a collection feature; elements are written in their {@code toString()} form. */
    public Builder setList(String name, List<?> elements) {
      List<String> strings = new ArrayList<>(elements.size());
      for (Object element : elements) {
        strings.add(String.valueOf(element));
      }
      values.add(FeatureValue.ofList(name, strings));
      return this;
    }

    /** Sets a vector feature. */
    public Builder setVector(String name, double... elements) {
      List<String> strings = new ArrayList<>(elements.length);
      for (double element : elements) {
        strings.add(Double.toString(element));
      }
      values.add(FeatureValue.ofList(name, strings));
      return this;
    }

    /** The record. */
    public Record build() {
      return new Record(values);
    }
  }
}
