package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.server.ServerFixture;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: nothing showed what is in the store from the command line. {@code quiver groups},
 * {@code get} and {@code put}, over a data directory and through a server.
 */
class GroupsGetPutCommandTest {
  @TempDir Path tmp;
  Path data;

  @BeforeEach
  void writeAGroup() {
    data = tmp.resolve("data");
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(data).account("123456789012").build())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("customers")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .feature("orders", FeatureType.INTEGRAL)
              .feature(FeatureDefinition.vector("embedding", 2))
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.storeDefault())
              .description("one row per customer")
              .tag("team", "growth")
              .build());
      store.putRecord(
          "customers",
          Record.builder()
              .set("id", "c1")
              .set("ts", 1_700_000_000.5)
              .set("orders", 7L)
              .setVector("embedding", 0.25, -1.5)
              .build());
    }
  }

  @Test
  void listAndDescribeOverADataDirectory() throws Exception {
    CliRun list = CliRun.of("groups", "--data-dir", data.toString());
    CliRun describe = CliRun.of("groups", "describe", "customers", "--data-dir", data.toString());
    CliRun json =
        CliRun.of(
            "groups", "describe", "customers", "--format", "json", "--data-dir", data.toString());

    assertThat(list.status()).as(list.err()).isZero();
    assertThat(list.out()).contains("| name ", "| customers | 4 ", "| yes ", "/offline-store/");
    assertThat(describe.status()).as(describe.err()).isZero();
    assertThat(describe.out())
        .contains(
            "| record identifier | id ",
            "| description       | one row per customer",
            "| tags              | team=growth",
            "| embedding | Fractional | Vector of 2 |");
    JsonNode parsed = new ObjectMapper().readTree(json.out());
    assertThat(parsed.get("FeatureGroupName").asText()).isEqualTo("customers");
    assertThat(parsed.get("FeatureDefinitions")).hasSize(4);
  }

  @Test
  void getPrintsTypedJsonAndPutWritesARecord() {
    CliRun get = CliRun.of("get", "customers", "c1", "--data-dir", data.toString());
    assertThat(get.status()).as(get.err()).isZero();
    assertThat(get.out())
        .isEqualTo("{\"id\":\"c1\",\"ts\":1700000000.5,\"orders\":7,\"embedding\":[0.25,-1.5]}\n");

    CliRun put =
        CliRun.of(
            "put",
            "customers",
            "{\"id\": \"c2\", \"ts\": 1700000001.25, \"orders\": 3, \"embedding\": [1, 2]}",
            "--data-dir",
            data.toString());
    assertThat(put.status()).as(put.err()).isZero();
    assertThat(put.out()).isEqualTo("Put record c2 into feature group customers\n");
    assertThat(
            CliRun.of(
                    "get", "customers", "c2", "--feature", "orders", "--data-dir", data.toString())
                .out())
        .isEqualTo("{\"orders\":3}\n");
  }

  @Test
  void aMissingRecordAndABadRecordAreOneLineEach() {
    CliRun missing = CliRun.of("get", "customers", "nobody", "--data-dir", data.toString());
    CliRun notJson = CliRun.of("put", "customers", "{id: c3}", "--data-dir", data.toString());
    CliRun badValue =
        CliRun.of(
            "put",
            "customers",
            "{\"id\": \"c3\", \"ts\": 1.5, \"orders\": \"many\"}",
            "--data-dir",
            data.toString());

    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo(
            "quiver: feature group customers has no record nobody online (never written,"
                + " deleted, or expired)\n");
    assertThat(notJson.status()).isEqualTo(1);
    assertThat(notJson.err())
        .startsWith("quiver: Cannot read the record: it is not valid JSON (")
        .contains("at line 1, column 2");
    assertThat(badValue.status()).isEqualTo(1);
    assertThat(badValue.err())
        .startsWith("quiver: Cannot put record into feature group customers: value 'many'");
  }

  @Test
  void theSameThroughAServerAndAPointerToItWhenTheDirectoryIsOpen() {
    try (ServerFixture server = ServerFixture.start(data)) {
      String endpoint = "grpc://127.0.0.1:" + server.server().grpcPort();

      CliRun list = CliRun.of("groups", "list", "--endpoint", endpoint);
      CliRun describe = CliRun.of("groups", "describe", "customers", "--endpoint", endpoint);
      CliRun put =
          CliRun.of(
              "put",
              "customers",
              "{\"id\": \"c9\", \"ts\": 1700000009.0, \"orders\": 9, \"embedding\": [0, 0]}",
              "--endpoint",
              endpoint);
      CliRun get = CliRun.of("get", "customers", "c9", "--endpoint", endpoint);
      CliRun locked = CliRun.of("groups", "--data-dir", data.toString());

      assertThat(list.status()).as(list.err()).isZero();
      assertThat(list.out()).contains("| customers | 4 ");
      assertThat(describe.out()).contains("| tags              | team=growth");
      assertThat(put.status()).as(put.err()).isZero();
      assertThat(get.out()).startsWith("{\"id\":\"c9\",\"ts\":1700000009.0,\"orders\":9,");
      assertThat(locked.status()).isEqualTo(1);
      assertThat(locked.err())
          .isEqualTo(
              "quiver: Cannot open data directory "
                  + data
                  + ": another process (a running quiver serve?) has it open; go through that"
                  + " server with --endpoint grpc://host:port\n");
    }
  }

  @Test
  void optionsAreCheckedBeforeAnything() {
    CliRun typo = CliRun.of("groups", "--data-dir", tmp.resolve("dta").toString());
    CliRun both =
        CliRun.of("groups", "--data-dir", data.toString(), "--endpoint", "grpc://127.0.0.1:9");
    CliRun unknown = CliRun.of("groups", "drop", "--data-dir", data.toString());
    CliRun noName = CliRun.of("groups", "describe", "--data-dir", data.toString());

    assertThat(typo.status()).isEqualTo(2);
    assertThat(typo.err()).startsWith("--data-dir: " + tmp.resolve("dta") + " holds no Quiver");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).startsWith("--endpoint and --data-dir are mutually exclusive");
    assertThat(unknown.err()).startsWith("groups: drop (expected: list, or describe NAME)");
    assertThat(noName.err()).startsWith("groups describe needs the group's NAME");
  }
}
