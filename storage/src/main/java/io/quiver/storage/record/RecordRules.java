package io.quiver.storage.record;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.CollectionType;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.SizeLimitExceededException;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
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

  private static final Pattern INTEGRAL = Pattern.compile("[+-]?\\d+");
  private static final Pattern FRACTIONAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

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
      long valueBytes = valueBytes(value);
      byPosition[position] = checkValue(group, definition, value, valueBytes);
      recordBytes += utf8Length(value.featureName()) + valueBytes;
    }
    FeatureValue id = byPosition[group.recordIdentifierPosition()];
    if (id == null) {
      throw new ValidationException(
          putPrefix(group)
              + "the record identifier feature '"
              + group.recordIdentifier().name()
              + "' is required in every record");
    }
    String identifier = canonicalIdentifier(group, id.scalar());
    FeatureValue eventTime = byPosition[group.eventTimePosition()];
    if (eventTime == null) {
      throw new ValidationException(
          putPrefix(group)
              + "the event time feature '"
              + group.eventTime().name()
              + "' is required in every record");
    }
    long eventTimeMicros =
        EventTimeFormat.of(group.eventTime().type()).parseMicros(eventTime.scalar());
    if (recordBytes > MAX_RECORD_BYTES) {
      throw new SizeLimitExceededException(
          "record for feature group " + group.name(), recordBytes, MAX_RECORD_BYTES);
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
    int bytes = value.getBytes(UTF_8).length;
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
      checkScalar(group, name, definition.type(), value.scalar());
      return value;
    }
    if (!value.isList()) {
      throw new ValidationException(
          putPrefix(group)
              + "feature '"
              + name
              + "' is a "
              + requireNonNull(definition.collectionType()).wireName()
              + " and needs ValueAsStringList, not ValueAsString");
    }
    List<String> elements = value.elements();
    for (String element : elements) {
      checkScalar(group, name, definition.type(), element);
    }
    if (definition.collectionType() == CollectionType.VECTOR
        && elements.size() != requireNonNull(definition.vectorDimension())) {
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
        boolean ok = INTEGRAL.matcher(value).matches();
        if (ok) {
          try {
            Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
          } catch (NumberFormatException e) {
            ok = false;
          }
        }
        if (!ok) {
          return "value '"
              + abbreviate(value)
              + "' of feature '"
              + name
              + "' is not a valid Integral (expected: a 64-bit signed integer, -9223372036854775808 to 9223372036854775807)";
        }
      }
      case FRACTIONAL -> {
        if (!FRACTIONAL.matcher(value).matches() || !Double.isFinite(Double.parseDouble(value))) {
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

  private static long valueBytes(FeatureValue value) {
    if (!value.isList()) {
      return utf8Length(value.scalar());
    }
    long total = 0;
    for (String element : value.elements()) {
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
