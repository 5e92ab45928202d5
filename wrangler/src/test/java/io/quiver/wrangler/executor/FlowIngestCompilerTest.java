package io.quiver.wrangler.executor;

import static io.quiver.wrangler.testing.OrderFlows.CAST;
import static io.quiver.wrangler.testing.OrderFlows.DROP_NAME;
import static io.quiver.wrangler.testing.OrderFlows.SOURCE;
import static io.quiver.wrangler.testing.OrderFlows.UPPER;
import static io.quiver.wrangler.testing.OrderFlows.flow;
import static io.quiver.wrangler.testing.OrderFlows.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.testing.OrderFlows;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A frozen flow as a feature group's ingest transform, found by the store on the class path. */
class FlowIngestCompilerTest {
  @TempDir Path dir;

  private static FeatureGroupSpec spec(String flowJson) {
    return FeatureGroupSpec.builder("orders")
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.STRING)
        .feature("amount", FeatureType.FRACTIONAL)
        .feature("name_upper", FeatureType.STRING)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .ingestTransform(new IngestTransformConfig("orders.flow", flowJson))
        .build();
  }

  private QuiverStore open() {
    return QuiverStore.open(StoreConfig.builder(dir).ttlSweepInterval(Duration.ZERO).build());
  }

  private static Record raw(String id, String amount, String name) {
    return Record.builder()
        .set("id", id)
        .set("ts", "2024-01-31T12:00:00Z")
        .set("amount", amount)
        .set("name", name)
        .build();
  }

  @Test
  void putRecordStoresWhatTheFlowDerives() {
    try (QuiverStore store = open()) {
      store.createFeatureGroup(spec(OrderFlows.ORDERS));
      store.putRecord("orders", raw("o1", " 12.5 ", "ann"));
      Record stored = store.getRecord("orders", "o1").orElseThrow().record();
      assertThat(stored.getDouble("amount")).isEqualTo(12.5);
      assertThat(stored.getString("name_upper")).isEqualTo("ANN");
      assertThat(stored.value("name")).isEmpty();
    }
  }

  @Test
  void aFlowWhoseOutputIsNotTheGroupIsRefusedAtCreation() {
    try (QuiverStore store = open()) {
      assertThatThrownBy(() -> store.createFeatureGroup(spec(flow(SOURCE, CAST, UPPER))))
          .isInstanceOf(ValidationException.class)
          .hasMessage(
              "Cannot attach flow orders.flow to feature group orders: the flow outputs column 'name',"
                  + " which the group does not define (define it, or drop the column in the flow)");
      assertThatThrownBy(
              () ->
                  store.createFeatureGroup(
                      spec(flow(SOURCE, UPPER.replace("\"cast\"", "\"src\""), DROP_NAME))))
          .hasMessageContaining(
              "the flow outputs 'amount' as string, but the group defines it as Fractional");
    }
  }

  @Test
  void anUnfittedOrUnknownStepIsRefusedWithItsNode() {
    String impute =
        node(
            "impute",
            "drop",
            "handle_missing",
            "{\"operator\": \"Impute\", \"impute_parameters\": {\"column_type\": \"Numeric\", \"numeric_parameters\": {\"input_column\": \"amount\"}}}");
    try (QuiverStore store = open()) {
      assertThatThrownBy(
              () -> store.createFeatureGroup(spec(flow(SOURCE, CAST, UPPER, DROP_NAME, impute))))
          .hasMessageContaining(
              "Node 'impute' (handle_missing): it is not fitted; fit the flow first");
      String unknown = node("x", "drop", "sagemaker.spark.teleport_0.1", "{}");
      assertThatThrownBy(
              () -> store.createFeatureGroup(spec(flow(SOURCE, CAST, UPPER, DROP_NAME, unknown))))
          .hasMessageContaining("Node 'x' (sagemaker.spark.teleport_0.1): Quiver has no operator");
      String unfittedSource = SOURCE.replaceAll(", \"trained_parameters\": \\{[^}]*}}", "");
      assertThatThrownBy(
              () -> store.createFeatureGroup(spec(flow(unfittedSource, CAST, UPPER, DROP_NAME))))
          .hasMessageContaining("the source's schema is not recorded");
    }
  }

  @Test
  void badValuesAndFilteredRecordsWriteNothing() {
    String dropMissing =
        node(
            "needs-amount",
            "drop",
            "handle_missing",
            "{\"operator\": \"Drop missing\", \"drop_missing_parameters\": {\"input_column\": \"amount\"}}");
    try (QuiverStore store = open()) {
      store.createFeatureGroup(spec(flow(SOURCE, CAST, UPPER, DROP_NAME, dropMissing)));
      assertThatThrownBy(() -> store.putRecord("orders", raw("o2", "lots", "bob")))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("drops it at node 'needs-amount' (handle_missing)");
      assertThatThrownBy(
              () ->
                  store.putRecord(
                      "orders", Record.builder().set("id", "o3").set("colour", "red").build()))
          .hasMessageContaining(
              "feature 'colour' is not one of the flow's inputs (id, ts, amount, name)");
      assertThat(store.getRecord("orders", "o2")).isEmpty();
      assertThat(store.getRecord("orders", "o3")).isEmpty();
    }
  }
}
