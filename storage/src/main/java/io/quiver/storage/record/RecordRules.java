package io.quiver.storage.record;

import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.SizeLimitExceededException;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules a record must pass to be written: known features, each once, in the right form and
 * type, identifier and event time present and valid, and SageMaker's size limits. Stateless.
 */
public final class RecordRules {
  /** SageMaker's limit on a record: 350 KB. */
  public static final int MAX_RECORD_BYTES = 350 * 1024;

  /** SageMaker's limit on one feature value: 350 KB. */
  public static final int MAX_VALUE_BYTES = 350 * 1024;

  /** SageMaker's limit on a record identifier: 2 KB. */
  public static final int MAX_IDENTIFIER_BYTES = 2 * 1024;

  /** Integer digits below which a decimal without exponent cannot overflow a double. */
  private static final int FINITE_DIGITS = 300;

  private RecordRules() {}

  /**
   * Checks {@code record} against {@code group}.
   *
   * @throws ValidationException (or its subclass {@link SizeLimitExceededException}) naming the
   *     first rule the record breaks
   */
  public static ValidRecord check(FeatureGroup group, Record record) {
    List<FeatureValue> values = record.values();
    if (values.isEmpty()) {
      throw new ValidationException(
          putPrefix(group) + "Record must hold at least one feature value");
    }
    FeatureValue[] byPosition = new FeatureValue[group.features().size()];
    long recordBytes = 0;
    for (FeatureValue value : values) {
      int position = group.position(value.featureName());
      if (position < 0) {
        throw new ValidationException(
            putPrefix(group)
                + "feature '"
                + value.featureName()
                + "' is not defined in the feature group");
      }
      if (byPosition[position] != null) {
        throw new ValidationException(
            putPrefix(group)
                + "feature '"
                + value.featureName()
                + "' appears more than once in the record");
      }
      FeatureDefinition definition = group.features().get(position);
      // Three bytes per UTF-16 unit bound a string's UTF-8 size: exact sizes are counted only
      // when the bound is over a limit, which a normal record never is.
      long valueBytes = valueBytesBound(value);
      if (valueBytes > MAX_VALUE_BYTES) {
        valueBytes = valueBytes(value);
      }
      byPosition[position] = checkValue(group, definition, value, valueBytes);
      recordBytes += 3L * value.featureName().length() + valueBytes;
    }
    FeatureValue id = byPosition[group.recordIdentifierPosition()];
    if (id == null) {
      throw new ValidationException(
          putPrefix(group)
              + "the record identifier feature '"
              + group.recordIdentifier().name()
              + "' is required in every record");
    }
    String identifier = canonicalIdentifier(group, id.valueAsString());
    FeatureValue eventTime = byPosition[group.eventTimePosition()];
    if (eventTime == null) {
      throw new ValidationException(
          putPrefix(group)
              + "the event time feature '"
              + group.eventTime().name()
              + "' is required in every record");
    }
    long eventTimeMicros =
        EventTimeFormat.of(group.eventTime().type()).parseMicros(eventTime.valueAsString());
    if (recordBytes > MAX_RECORD_BYTES) {
      long exact = recordBytes(values);
      if (exact > MAX_RECORD_BYTES) {
        throw new SizeLimitExceededException(
            "record for feature group " + group.name(), exact, MAX_RECORD_BYTES);
      }
    }
    return new ValidRecord(group, identifier, eventTimeMicros, byPosition);
  }

  /**
   * The canonical form of a record identifier given as a string: the online key of the record.
   * Integral identifiers are normalized ({@code 007} and {@code 7} name one record).
   *
   * @throws ValidationException if the identifier is empty, too large or not of the feature's type
   */
  public static String canonicalIdentifier(FeatureGroup group, String value) {
    if (value.isEmpty()) {
      throw new ValidationException(
          identifierPrefix(group) + "the record identifier value must not be empty");
    }
    int bytes = 3 * value.length() <= MAX_IDENTIFIER_BYTES ? 0 : utf8Length(value);
    if (bytes > MAX_IDENTIFIER_BYTES) {
      throw new SizeLimitExceededException(
          "record identifier for feature group " + group.name(), bytes, MAX_IDENTIFIER_BYTES);
    }
    FeatureType type = group.recordIdentifier().type();
    String problem = scalarProblem(group.recordIdentifier().name(), type, value);
    if (problem != null) {
      throw new ValidationException(identifierPrefix(group) + problem);
    }
    return switch (type) {
      case INTEGRAL ->
          Long.toString(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
      case FRACTIONAL -> Double.toString(Double.parseDouble(value));
      case STRING -> value;
    };
  }

  // Messages are built only on failure: this runs for every value of every write.
  private static String putPrefix(FeatureGroup group) {
    return "Cannot put record into feature group " + group.name() + ": ";
  }

  private static String identifierPrefix(FeatureGroup group) {
    return "Cannot accept record identifier for feature group " + group.name() + ": ";
  }

  private static FeatureValue checkValue(
      FeatureGroup group, FeatureDefinition definition, FeatureValue value, long bytes) {
    String name = definition.name();
    if (bytes > MAX_VALUE_BYTES) {
      throw new SizeLimitExceededException(
          "value of feature '" + name + "'", bytes, MAX_VALUE_BYTES);
    }
    if (!definition.isCollection()) {
      if (value.isList()) {
        throw new ValidationException(
            putPrefix(group)
                + "feature '"
                + name
                + "' is a scalar "
                + definition.type().wireName()
                + " and needs ValueAsString, not ValueAsStringList");
      }
      checkScalar(group, name, definition.type(), value.valueAsString());
      return value;
    }
    if (!value.isList()) {
      throw new ValidationException(
          putPrefix(group)
              + "feature '"
              + name
              + "' is a "
              + definition.collectionType().wireName()
              + " and needs ValueAsStringList, not ValueAsString");
    }
    List<String> elements = value.valueAsStringList();
    for (String element : elements) {
      checkScalar(group, name, definition.type(), element);
    }
    if (definition.collectionType() == CollectionType.VECTOR
        && elements.size() != definition.vectorDimension()) {
      throw new ValidationException(
          putPrefix(group)
              + "Vector feature '"
              + name
              + "' has "
              + elements.size()
              + " elements (expected: exactly "
              + definition.vectorDimension()
              + ")");
    }
    if (definition.collectionType() == CollectionType.SET) {
      LinkedHashSet<String> unique = new LinkedHashSet<>(elements);
      if (unique.size() != elements.size()) {
        return FeatureValue.ofList(name, new ArrayList<>(unique));
      }
    }
    return value;
  }

  private static void checkScalar(FeatureGroup group, String name, FeatureType type, String value) {
    String problem = scalarProblem(name, type, value);
    if (problem != null) {
      throw new ValidationException(putPrefix(group) + problem);
    }
  }

  /** What is wrong with a scalar value of feature {@code name}, or {@code null} if nothing. */
  private static @Nullable String scalarProblem(String name, FeatureType type, String value) {
    switch (type) {
      case INTEGRAL -> {
        if (!isIntegral(value)) {
          return "value '"
              + abbreviate(value)
              + "' of feature '"
              + name
              + "' is not a valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807)";
        }
      }
      case FRACTIONAL -> {
        if (!isFractional(value)) {
          return "value '"
              + abbreviate(value)
              + "' of feature '"
              + name
              + "' is not a valid Fractional (expected: a finite decimal number such as 1.5 or 2e-3)";
        }
      }
      case STRING -> {
        // Any UTF-8 string is a String value; its size is checked with the record.
      }
    }
    return null;
  }

  /**
   * Whether {@code value} is {@code [+-]?[0-9]+} and fits in a long. Hand-written rather than a
   * regular expression: it runs for every Integral value of every write.
   */
  static boolean isIntegral(String value) {
    int start = value.startsWith("+") || value.startsWith("-") ? 1 : 0;
    if (digits(value, start) != value.length() - start || value.length() == start) {
      return false;
    }
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException e) {
      return false; // out of range
    }
  }

  /**
   * Whether {@code value} is {@code [+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?} and finite
   * as a double.
   */
  static boolean isFractional(String value) {
    int length = value.length();
    int i = value.startsWith("+") || value.startsWith("-") ? 1 : 0;
    int integer = digits(value, i);
    i += integer;
    int fraction = 0;
    if (i < length && value.charAt(i) == '.') {
      fraction = digits(value, i + 1);
      i += 1 + fraction;
    }
    if (integer == 0 && fraction == 0) {
      return false;
    }
    if (i == length) {
      return integer < FINITE_DIGITS || Double.isFinite(Double.parseDouble(value));
    }
    char e = value.charAt(i);
    if (e != 'e' && e != 'E') {
      return false;
    }
    i++;
    if (i < length && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
      i++;
    }
    int exponent = digits(value, i);
    return exponent > 0 && i + exponent == length && Double.isFinite(Double.parseDouble(value));
  }

  /** How many ASCII digits {@code s} has from {@code start} on, up to the first non-digit. */
  private static int digits(String s, int start) {
    int i = start;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - start;
  }

  private static long valueBytesBound(FeatureValue value) {
    if (value.valueAsString() != null) {
      return 3L * value.valueAsString().length();
    }
    long total = 0;
    for (String element : value.valueAsStringList()) {
      total += 3L * element.length();
    }
    return total;
  }

  private static long recordBytes(List<FeatureValue> values) {
    long total = 0;
    for (FeatureValue value : values) {
      total += utf8Length(value.featureName()) + valueBytes(value);
    }
    return total;
  }

  private static long valueBytes(FeatureValue value) {
    if (value.valueAsString() != null) {
      return utf8Length(value.valueAsString());
    }
    long total = 0;
    for (String element : value.valueAsStringList()) {
      total += utf8Length(element);
    }
    return total;
  }

  private static int utf8Length(String s) {
    int length = s.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isSurrogate(c)) {
          bytes += 1;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  private static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 61) + "...";
  }
}
