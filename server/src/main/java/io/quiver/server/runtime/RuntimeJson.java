package io.quiver.server.runtime;

import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.catalog.TtlUnit;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The runtime API's JSON shapes as Java records (member names map through {@code
 * UPPER_CAMEL_CASE}), and their conversion to and from storage types.
 */
final class RuntimeJson {
  private RuntimeJson() {}

  /** {@code FeatureValue}. */
  record FeatureValueJson(
      @Nullable String featureName,
      @Nullable String valueAsString,
      @Nullable List<String> valueAsStringList) {}

  /** {@code TtlDuration} (both members required on the runtime API). */
  record TtlJson(@Nullable String unit, @Nullable Long value) {}

  /** PutRecord's body. */
  record PutRecordBody(
      @Nullable List<FeatureValueJson> record,
      @Nullable List<String> targetStores,
      @Nullable TtlJson ttlDuration) {}

  /** {@code BatchGetRecordIdentifier}. */
  record IdentifierJson(
      @Nullable String featureGroupName,
      @Nullable List<String> recordIdentifiersValueAsString,
      @Nullable List<String> featureNames) {}

  /** BatchGetRecord's body. */
  record BatchGetRecordBody(
      @Nullable List<IdentifierJson> identifiers, @Nullable String expirationTimeResponse) {}

  /** {@code BatchGetRecordResultDetail}. */
  record ResultDetailJson(
      String featureGroupName,
      String recordIdentifierValueAsString,
      List<FeatureValueJson> record,
      @Nullable String expiresAt) {}

  /** {@code BatchGetRecordError}. */
  record ErrorJson(
      String featureGroupName,
      String recordIdentifierValueAsString,
      String errorCode,
      String errorMessage) {}

  /** BatchGetRecord's response; all three lists are always present. */
  record BatchGetRecordResponse(
      List<ResultDetailJson> records,
      List<ErrorJson> errors,
      List<IdentifierJson> unprocessedIdentifiers) {}

  /** Error body; {@code __type} is written by the error encoder. */
  record ErrorBody(String message) {}

  static Record toRecord(List<FeatureValueJson> values) {
    List<FeatureValue> converted = new ArrayList<>(values.size());
    for (FeatureValueJson value : values) {
      if (value == null || value.featureName() == null) {
        throw new ValidationException(
            "1 validation error detected: Value null at 'record.member.featureName' failed to satisfy constraint: Member must not be null");
      }
      converted.add(
          new FeatureValue(value.featureName(), value.valueAsString(), value.valueAsStringList()));
    }
    return new Record(converted);
  }

  static List<FeatureValueJson> fromRecord(Record record) {
    List<FeatureValueJson> values = new ArrayList<>(record.values().size());
    for (FeatureValue value : record.values()) {
      values.add(
          new FeatureValueJson(
              value.featureName(), value.valueAsString(), value.valueAsStringList()));
    }
    return values;
  }

  static @Nullable TtlDuration toTtl(@Nullable TtlJson ttl) {
    if (ttl == null) {
      return null;
    }
    if (ttl.unit() == null || ttl.value() == null) {
      throw new ValidationException("Cannot accept TtlDuration: Unit and Value are both required");
    }
    return TtlDuration.of(ttl.value(), TtlUnit.fromWireName(ttl.unit()));
  }

  static <T> T required(@Nullable T value, String member) {
    if (value == null) {
      throw new ValidationException(
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }
}
