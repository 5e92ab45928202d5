package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetRecord and BatchGetRecord: projections, per-identifier failures and request limits. */
class RecordReaderTest {
  private static final String HISTORY = "history";
  private static final String ARN_PREFIX =
      "arn:aws:sagemaker:us-east-1:000000000000:feature-group/";

  @TempDir Path dir;
  private QuiverStore store;

  @BeforeEach
  void open() {
    store = QuiverStore.open(dir);
    TestGroups.createCustomersOrdersAndHistory(store, HISTORY);
    store.putRecord(
        CUSTOMERS,
        Record.builder()
            .setVector("embedding", 0.1, 0.2, 0.3)
            .set("name", "Ada")
            .set("event_time", "100")
            .set("customer_id", "c-1")
            .set("score", "0.5")
            .build());
    store.putRecord(ORDERS, order("1", "2024-01-01T00:00:00Z").set("amount", "9.99").build());
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- GetRecord

  @Test
  void getReturnsEveryWrittenFeatureInDefinitionOrder() {
    OnlineRecord found = store.getRecord(CUSTOMERS, "c-1").orElseThrow();
    assertThat(found.record().values())
        .containsExactly(
            FeatureValue.of("customer_id", "c-1"),
            FeatureValue.of("event_time", "100"),
            FeatureValue.of("score", "0.5"),
            FeatureValue.of("name", "Ada"),
            FeatureValue.ofList("embedding", List.of("0.1", "0.2", "0.3")));
    assertThat(found.expiresAt()).isNull();
  }

  @Test
  void getOfAbsentRecordIsEmpty() {
    assertThat(store.getRecord(CUSTOMERS, "nobody")).isEmpty();
  }

  @Test
  void getReturnsOnlyTheRequestedFeatures() {
    Record projected =
        store
            .getRecord(CUSTOMERS, "c-1", List.of("score", "customer_id", "orders"))
            .orElseThrow()
            .record();
    assertThat(projected.values())
        .containsExactly(FeatureValue.of("customer_id", "c-1"), FeatureValue.of("score", "0.5"));
  }

  @Test
  void getRejectsUnknownFeatureName() {
    assertThatThrownBy(() -> store.getRecord(CUSTOMERS, "c-1", List.of("score", "nope")))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("FeatureName 'nope' is not defined");
  }

  @Test
  void getRejectsGroupWithoutOnlineStore() {
    assertThatThrownBy(() -> store.getRecord(HISTORY, "c-1"))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("the group has no online store");
  }

  @Test
  void getFromUnknownGroupFailsWithResourceNotFound() {
    assertThatThrownBy(() -> store.getRecord("missing", "c-1"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void getAcceptsTheGroupArn() {
    assertThat(store.getRecord(ARN_PREFIX + CUSTOMERS, "c-1")).isPresent();
  }

  @Test
  void getRejectsIdentifierNotOfItsFeatureType() {
    assertThatThrownBy(() -> store.getRecord(ORDERS, "abc"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not a valid Integral");
  }

  // ---- BatchGetRecord

  @Test
  void batchGetReadsAcrossGroupsAndOmitsAbsentRecords() {
    BatchGetResult result =
        store.batchGetRecord(
            List.of(
                new BatchGetRequest(CUSTOMERS, List.of("c-1", "nobody"), null),
                new BatchGetRequest(ORDERS, List.of("404", "001"), null)));

    assertThat(result.records())
        .extracting(BatchGetResult.Found::featureGroupName, BatchGetResult.Found::recordIdentifier)
        .containsExactlyInAnyOrder(tuple(CUSTOMERS, "c-1"), tuple(ORDERS, "001"));
    assertThat(result.errors()).isEmpty();
    assertThat(result.unprocessed()).isEmpty();
    BatchGetResult.Found order =
        result.records().stream()
            .filter(f -> f.featureGroupName().equals(ORDERS))
            .findFirst()
            .orElseThrow();
    assertThat(order.record()).isEqualTo(store.getRecord(ORDERS, "1").orElseThrow().record());
  }

  @Test
  void batchGetNamesTheGroupAsRequested() {
    BatchGetResult result =
        store.batchGetRecord(
            List.of(new BatchGetRequest(ARN_PREFIX + CUSTOMERS, List.of("c-1"), null)));
    assertThat(result.records())
        .extracting(BatchGetResult.Found::featureGroupName)
        .containsExactly(ARN_PREFIX + CUSTOMERS);
  }

  @Test
  void batchGetReportsUnknownGroupForEachIdentifier() {
    BatchGetResult result =
        store.batchGetRecord(
            List.of(
                new BatchGetRequest("missing", List.of("a", "b"), null),
                new BatchGetRequest(CUSTOMERS, List.of("c-1"), null)));

    assertThat(result.errors())
        .extracting(
            BatchGetResult.Failure::featureGroupName,
            BatchGetResult.Failure::recordIdentifier,
            BatchGetResult.Failure::errorCode)
        .containsExactly(
            tuple("missing", "a", ErrorCode.RESOURCE_NOT_FOUND),
            tuple("missing", "b", ErrorCode.RESOURCE_NOT_FOUND));
    assertThat(result.errors()).allSatisfy(f -> assertThat(f.errorMessage()).contains("missing"));
    assertThat(result.records())
        .extracting(BatchGetResult.Found::recordIdentifier)
        .containsExactly("c-1");
  }

  @Test
  void batchGetReportsUnknownFeatureNameForEachIdentifier() {
    BatchGetResult result =
        store.batchGetRecord(
            List.of(new BatchGetRequest(CUSTOMERS, List.of("c-1", "c-2"), List.of("nope"))));
    assertThat(result.errors())
        .extracting(BatchGetResult.Failure::recordIdentifier, BatchGetResult.Failure::errorCode)
        .containsExactly(tuple("c-1", ErrorCode.VALIDATION), tuple("c-2", ErrorCode.VALIDATION));
    assertThat(result.records()).isEmpty();
  }

  @Test
  void batchGetReportsGroupWithoutOnlineStoreForEachIdentifier() {
    BatchGetResult result =
        store.batchGetRecord(List.of(new BatchGetRequest(HISTORY, List.of("c-1"), null)));
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.errorCode()).isEqualTo(ErrorCode.VALIDATION);
              assertThat(f.errorMessage()).contains("no online store");
            });
  }

  @Test
  void batchGetReportsAnInvalidIdentifierAlone() {
    BatchGetResult result =
        store.batchGetRecord(List.of(new BatchGetRequest(ORDERS, List.of("1", "abc"), null)));
    assertThat(result.records())
        .extracting(BatchGetResult.Found::recordIdentifier)
        .containsExactly("1");
    assertThat(result.errors())
        .extracting(BatchGetResult.Failure::recordIdentifier, BatchGetResult.Failure::errorCode)
        .containsExactly(tuple("abc", ErrorCode.VALIDATION));
  }

  @Test
  void batchGetProjectsEachEntryOnItsOwn() {
    BatchGetResult result =
        store.batchGetRecord(
            List.of(
                new BatchGetRequest(CUSTOMERS, List.of("c-1"), List.of("name")),
                new BatchGetRequest(ORDERS, List.of("1"), null)));
    assertThat(result.records())
        .extracting(f -> f.record().values().size())
        .containsExactlyInAnyOrder(1, 3);
  }

  @Test
  void batchGetSkipsSoftDeletedRecords() {
    store.deleteRecord(
        CUSTOMERS, "c-1", "101", DeletionMode.SOFT_DELETE, RecordWriteOptions.defaults());
    assertThat(
            store
                .batchGetRecord(List.of(new BatchGetRequest(CUSTOMERS, List.of("c-1"), null)))
                .records())
        .isEmpty();
  }

  @Test
  void batchGetAcceptsOneHundredIdentifiers() {
    BatchGetResult result =
        store.batchGetRecord(
            List.of(
                new BatchGetRequest(CUSTOMERS, ids(60), null),
                new BatchGetRequest(ORDERS, numbers(40), null)));
    assertThat(result.records()).hasSize(1 + 1);
  }

  @Test
  void batchGetRejectsMoreThanOneHundredIdentifiers() {
    assertThatThrownBy(
            () ->
                store.batchGetRecord(
                    List.of(
                        new BatchGetRequest(CUSTOMERS, ids(60), null),
                        new BatchGetRequest(ORDERS, numbers(41), null))))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll("101 record identifiers", "at most 100");
  }

  @Test
  void batchGetAcceptsTenGroups() {
    BatchGetResult result = store.batchGetRecord(groups(10));
    assertThat(result.errors())
        .hasSize(10)
        .allSatisfy(f -> assertThat(f.errorCode()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
  }

  @Test
  void batchGetRejectsMoreThanTenGroups() {
    assertThatThrownBy(() -> store.batchGetRecord(groups(11)))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContainingAll("11 feature groups", "at most 10");
  }

  @Test
  void batchGetCountsAGroupNamedByNameAndByArnOnce() {
    List<BatchGetRequest> requests = new ArrayList<>(groups(9));
    requests.add(new BatchGetRequest(CUSTOMERS, List.of("c-1"), null));
    requests.add(
        new BatchGetRequest(
            "arn:aws:sagemaker:us-east-1:000000000000:feature-group/" + CUSTOMERS,
            List.of("c-1"),
            null));

    assertThat(store.batchGetRecord(requests).records()).hasSize(2);
  }

  @Test
  void batchGetRejectsEmptyRequest() {
    assertThatThrownBy(() -> store.batchGetRecord(List.of()))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("Identifiers must hold at least one entry");
  }

  @Test
  void batchGetRejectsEntryWithoutIdentifiers() {
    assertThatThrownBy(
            () -> store.batchGetRecord(List.of(new BatchGetRequest(CUSTOMERS, List.of(), null))))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "RecordIdentifiersValueAsString of feature group customers must hold at least one identifier");
  }

  @Test
  void batchGetRejectsEmptyFeatureNames() {
    assertThatThrownBy(
            () ->
                store.batchGetRecord(
                    List.of(new BatchGetRequest(CUSTOMERS, List.of("c-1"), List.of()))))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "FeatureNames of feature group customers must be absent or hold at least one name");
  }

  @Test
  void getRejectsEmptyFeatureNames() {
    assertThatThrownBy(() -> store.getRecord(CUSTOMERS, "c-1", List.of()))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("FeatureNames must be absent or hold at least one name");
  }

  // ---- helpers

  /** {@code c-1} and {@code count - 1} customer identifiers that do not exist. */
  private static List<String> ids(int count) {
    List<String> ids = new ArrayList<>(List.of("c-1"));
    for (int i = 2; i <= count; i++) {
      ids.add("c-" + i);
    }
    return ids;
  }

  /** Order identifiers 1 to {@code count}; only 1 exists. */
  private static List<String> numbers(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  /** One single-identifier entry for each of {@code count} distinct groups that do not exist. */
  private static List<BatchGetRequest> groups(int count) {
    List<BatchGetRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(new BatchGetRequest("g" + i, Collections.singletonList("x"), null));
    }
    return requests;
  }
}
