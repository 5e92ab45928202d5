package io.quiver.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.OnlineStoreConfig;
import software.amazon.awssdk.services.sagemaker.model.TtlDuration;
import software.amazon.awssdk.services.sagemaker.model.TtlDurationUnit;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordIdentifier;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordResponse;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.DeletionMode;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.ExpirationTimeResponse;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.GetRecordResponse;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.TargetStore;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.ValidationErrorException;

/** The runtime API through the real AWS SDK for Java v2 client, against a running server. */
class RuntimeApiSdkTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static SageMakerFeatureStoreRuntimeClient runtime;
  static String arn;

  @BeforeAll
  static void start() {
    fixture = ServerFixture.start(dataDir);
    runtime = fixture.runtime();
    arn = FeatureGroups.create(fixture.control(), "fg1");
    fixture
        .control()
        .createFeatureGroup(
            FeatureGroups.simple("ttl")
                .onlineStoreConfig(
                    OnlineStoreConfig.builder()
                        .enableOnlineStore(true)
                        .ttlDuration(
                            TtlDuration.builder().unit(TtlDurationUnit.DAYS).value(7).build())
                        .build())
                .build());
  }

  @AfterAll
  static void stop() {
    runtime.close();
    fixture.close();
  }

  static List<FeatureValue> record(String id, String ts, String n) {
    return List.of(value("id", id), value("ts", ts), value("n", n));
  }

  static FeatureValue value(String name, String value) {
    return FeatureValue.builder().featureName(name).valueAsString(value).build();
  }

  @Test
  void putThenGetReturnsTheRecord() {
    runtime.putRecord(r -> r.featureGroupName("fg1").record(record("r1", "1700000000.5", "7")));
    GetRecordResponse got =
        runtime.getRecord(r -> r.featureGroupName("fg1").recordIdentifierValueAsString("r1"));
    assertThat(got.record())
        .extracting(FeatureValue::featureName, FeatureValue::valueAsString)
        .contains(
            org.assertj.core.groups.Tuple.tuple("id", "r1"),
            org.assertj.core.groups.Tuple.tuple("n", "7"));
    assertThat(got.expiresAt()).isNull();
  }

  @Test
  void getRecordProjectsFeatureNames() {
    runtime.putRecord(r -> r.featureGroupName("fg1").record(record("proj", "1700000000", "1")));
    GetRecordResponse got =
        runtime.getRecord(
            r ->
                r.featureGroupName("fg1")
                    .recordIdentifierValueAsString("proj")
                    .featureNames("id", "n"));
    assertThat(got.record())
        .extracting(FeatureValue::featureName)
        .containsExactlyInAnyOrder("id", "n");
  }

  @Test
  void getRecordOfUnknownIdentifierHasNoRecord() {
    GetRecordResponse got =
        runtime.getRecord(r -> r.featureGroupName("fg1").recordIdentifierValueAsString("nobody"));
    assertThat(got.hasRecord()).isFalse();
  }

  @Test
  void groupNamedByPercentEncodedArnAndOddIdentifier() {
    String id = "r 1/ü&x+y";
    runtime.putRecord(r -> r.featureGroupName(arn).record(record(id, "1700000000", "3")));
    GetRecordResponse got =
        runtime.getRecord(r -> r.featureGroupName(arn).recordIdentifierValueAsString(id));
    assertThat(got.record()).contains(value("id", id));
  }

  @Test
  void getRecordOnMissingGroupIsResourceNotFound404() {
    assertThatThrownBy(
            () ->
                runtime.getRecord(
                    r -> r.featureGroupName("missing").recordIdentifierValueAsString("r1")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  /** Issue 2606: PutRecord on a missing group is a ValidationError, as the real service answers. */
  @Test
  void putRecordOnMissingGroupIsValidationError() {
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r -> r.featureGroupName("missing").record(record("r1", "1700000000", "1"))))
        .isInstanceOfSatisfying(
            ValidationErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.requestId()).isNotBlank();
            });
  }

  @Test
  void deleteRecordOnMissingGroupIsValidationError() {
    assertThatThrownBy(
            () ->
                runtime.deleteRecord(
                    r ->
                        r.featureGroupName("missing")
                            .recordIdentifierValueAsString("r1")
                            .eventTime("1700000001")))
        .isInstanceOf(ValidationErrorException.class);
  }

  @Test
  void invalidRecordIsValidationError() {
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r ->
                        r.featureGroupName("fg1")
                            .record(record("bad", "1700000000", "not-a-number"))))
        .isInstanceOf(ValidationErrorException.class);
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r -> r.featureGroupName("fg1").record(value("id", "x"), value("unknown", "1"))))
        .isInstanceOf(ValidationErrorException.class);
  }

  @Test
  void putRecordWithoutRecordIsValidationError() {
    assertThatThrownBy(() -> runtime.putRecord(r -> r.featureGroupName("fg1")))
        .isInstanceOfSatisfying(
            ValidationErrorException.class, e -> assertThat(e.getMessage()).contains("record"));
  }

  @Test
  void targetStoreNotEnabledIsValidationError() {
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r ->
                        r.featureGroupName("fg1")
                            .record(record("t", "1700000000", "1"))
                            .targetStores(TargetStore.OFFLINE_STORE)))
        .isInstanceOf(ValidationErrorException.class);
  }

  @Test
  void recordLargerThan350KbIsValidationError() {
    String big = "x".repeat(351 * 1024);
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r ->
                        r.featureGroupName("fg1")
                            .record(
                                value("id", "big"), value("ts", "1700000000"), value("s", big))))
        .isInstanceOfSatisfying(
            ValidationErrorException.class, e -> assertThat(e.getMessage()).contains("size"));
    assertThat(
            runtime
                .getRecord(r -> r.featureGroupName("fg1").recordIdentifierValueAsString("big"))
                .hasRecord())
        .isFalse();
  }

  @Test
  void identifierLargerThan2KbIsValidationError() {
    String id = "i".repeat(2049);
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r -> r.featureGroupName("fg1").record(record(id, "1700000000", "1"))))
        .isInstanceOf(ValidationErrorException.class);
    assertThatThrownBy(
            () ->
                runtime.getRecord(r -> r.featureGroupName("fg1").recordIdentifierValueAsString(id)))
        .isInstanceOf(ValidationErrorException.class);
  }

  @Test
  void bodyLargerThanTheRequestLimitIsRefusedBeforeBuffering() {
    String huge = "y".repeat(1100 * 1024);
    assertThatThrownBy(
            () ->
                runtime.putRecord(
                    r ->
                        r.featureGroupName("fg1")
                            .record(
                                value("id", "huge"), value("ts", "1700000000"), value("s", huge))))
        .isInstanceOfSatisfying(
            ValidationErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(413));
  }

  @Test
  void expiresAtIsReturnedOnlyWhenAskedFor() {
    runtime.putRecord(r -> r.featureGroupName("ttl").record(record("e1", "4070908800", "1")));
    GetRecordResponse with =
        runtime.getRecord(
            r ->
                r.featureGroupName("ttl")
                    .recordIdentifierValueAsString("e1")
                    .expirationTimeResponse(ExpirationTimeResponse.ENABLED));
    assertThat(with.expiresAt()).isEqualTo("2099-01-08T00:00:00Z");
    GetRecordResponse without =
        runtime.getRecord(r -> r.featureGroupName("ttl").recordIdentifierValueAsString("e1"));
    assertThat(without.expiresAt()).isNull();
  }

  @Test
  void batchGetRecordReturnsRecordsAndPerEntryErrors() {
    runtime.putRecord(r -> r.featureGroupName("fg1").record(record("b1", "1700000000", "1")));
    runtime.putRecord(r -> r.featureGroupName("fg1").record(record("b2", "1700000000", "2")));
    BatchGetRecordResponse got =
        runtime.batchGetRecord(
            r ->
                r.identifiers(
                    BatchGetRecordIdentifier.builder()
                        .featureGroupName("fg1")
                        .recordIdentifiersValueAsString("b1", "b2", "b-none")
                        .build(),
                    BatchGetRecordIdentifier.builder()
                        .featureGroupName(arn)
                        .recordIdentifiersValueAsString("b1")
                        .featureNames("n")
                        .build(),
                    BatchGetRecordIdentifier.builder()
                        .featureGroupName("missing")
                        .recordIdentifiersValueAsString("x")
                        .build()));
    assertThat(got.records()).hasSize(3);
    assertThat(got.records())
        .filteredOn(d -> d.featureGroupName().equals(arn))
        .singleElement()
        .satisfies(d -> assertThat(d.record()).containsExactly(value("n", "1")));
    assertThat(got.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.featureGroupName()).isEqualTo("missing");
              assertThat(e.errorCode()).isEqualTo("ResourceNotFound");
            });
    assertThat(got.unprocessedIdentifiers()).isEmpty();
  }

  @Test
  void batchGetRecordOfMoreThan100IdentifiersIsValidationError() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      ids.add("id" + i);
    }
    assertThatThrownBy(
            () ->
                runtime.batchGetRecord(
                    r ->
                        r.identifiers(
                            BatchGetRecordIdentifier.builder()
                                .featureGroupName("fg1")
                                .recordIdentifiersValueAsString(ids)
                                .build())))
        .isInstanceOf(ValidationErrorException.class);
  }

  @Test
  void batchGetRecordAcrossMoreThan10GroupsIsValidationError() {
    List<BatchGetRecordIdentifier> entries = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      entries.add(
          BatchGetRecordIdentifier.builder()
              .featureGroupName("g" + i)
              .recordIdentifiersValueAsString("x")
              .build());
    }
    assertThatThrownBy(() -> runtime.batchGetRecord(r -> r.identifiers(entries)))
        .isInstanceOf(ValidationErrorException.class);
  }

  @Test
  void deleteRecordHidesTheRecord() {
    runtime.putRecord(r -> r.featureGroupName("fg1").record(record("d1", "1700000000", "1")));
    runtime.deleteRecord(
        r -> r.featureGroupName("fg1").recordIdentifierValueAsString("d1").eventTime("1700000001"));
    assertThat(
            runtime
                .getRecord(r -> r.featureGroupName("fg1").recordIdentifierValueAsString("d1"))
                .hasRecord())
        .isFalse();
  }

  @Test
  void staleHardDeleteIsValidationError() {
    runtime.putRecord(r -> r.featureGroupName("fg1").record(record("d2", "1700000000", "1")));
    assertThatThrownBy(
            () ->
                runtime.deleteRecord(
                    r ->
                        r.featureGroupName("fg1")
                            .recordIdentifierValueAsString("d2")
                            .eventTime("1600000000")
                            .deletionMode(DeletionMode.HARD_DELETE)))
        .isInstanceOf(ValidationErrorException.class);
    runtime.deleteRecord(
        r ->
            r.featureGroupName("fg1")
                .recordIdentifierValueAsString("d2")
                .eventTime("1700000002")
                .deletionMode(DeletionMode.HARD_DELETE)
                .targetStores(TargetStore.ONLINE_STORE));
    assertThat(
            runtime
                .getRecord(r -> r.featureGroupName("fg1").recordIdentifierValueAsString("d2"))
                .hasRecord())
        .isFalse();
  }
}
