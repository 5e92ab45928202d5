package io.quiver.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.server.ServerFixture;
import io.quiver.server.grpc.GrpcRecordSink;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.GetRecordResponse;

/**
 * A flow attached at creation through the control plane (Quiver's {@code IngestTransform} member)
 * and gRPC, shown by Describe, and applied by PutRecord over REST and gRPC.
 */
class IngestTransformApiTest {
  @TempDir static Path dir;
  static ServerFixture fixture;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fixture = ServerFixture.start(dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static JsonNode call(String operation, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "SageMaker." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    ObjectNode result =
        (ObjectNode) JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    result.put("_status", response.statusCode());
    return result;
  }

  private static String createBody(String name, String flow) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("FeatureGroupName", name);
    body.put("RecordIdentifierFeatureName", "id");
    body.put("EventTimeFeatureName", "ts");
    var features = body.putArray("FeatureDefinitions");
    for (String[] f :
        new String[][] {
          {"id", "String"}, {"ts", "String"}, {"amount", "Fractional"}, {"name_upper", "String"}
        }) {
      features.addObject().put("FeatureName", f[0]).put("FeatureType", f[1]);
    }
    body.putObject("OnlineStoreConfig").put("EnableOnlineStore", true);
    body.putObject("IngestTransform").put("Name", "orders.flow").put("Definition", flow);
    return JSON.writeValueAsString(body);
  }

  @Test
  void restCreateDescribeAndPutRecordRunTheFlow() throws Exception {
    JsonNode created = call("CreateFeatureGroup", createBody("rest_orders", TestFlows.ORDERS));
    assertThat(created.get("_status").asInt()).as(created.toString()).isEqualTo(200);
    JsonNode described = call("DescribeFeatureGroup", "{\"FeatureGroupName\": \"rest_orders\"}");
    assertThat(described.at("/IngestTransform/Name").asText()).isEqualTo("orders.flow");
    assertThat(described.at("/IngestTransform/Definition").asText()).isEqualTo(TestFlows.ORDERS);

    fixture
        .runtime()
        .putRecord(
            r ->
                r.featureGroupName("rest_orders")
                    .record(
                        value("id", "o1"),
                        value("ts", "2024-01-31T12:00:00Z"),
                        value("amount", " 12.5 "),
                        value("name", "ann")));
    GetRecordResponse got =
        fixture
            .runtime()
            .getRecord(r -> r.featureGroupName("rest_orders").recordIdentifierValueAsString("o1"));
    assertThat(got.record())
        .extracting(FeatureValue::featureName, FeatureValue::valueAsString)
        .contains(
            org.assertj.core.groups.Tuple.tuple("amount", "12.5"),
            org.assertj.core.groups.Tuple.tuple("name_upper", "ANN"));
  }

  @Test
  void aFlowThatCannotRunPerRecordIsRefusedWithItsReason() throws Exception {
    JsonNode refused = call("CreateFeatureGroup", createBody("sorted", TestFlows.ORDERS_SORTED));
    assertThat(refused.get("_status").asInt()).isEqualTo(400);
    assertThat(refused.get("Message").asText())
        .contains(
            "Node 'sort' (manage_rows): it cannot run on one record at a time: sorting needs every row");
    JsonNode missing =
        call(
            "CreateFeatureGroup",
            createBody("missing", TestFlows.ORDERS).replace("\"Name\":\"orders.flow\",", ""));
    assertThat(missing.get("_status").asInt()).isEqualTo(400);
    assertThat(missing.get("Message").asText()).contains("ingestTransform.name");
  }

  @Test
  void grpcCreateAndPutRecordsRunTheFlow() {
    try (GrpcRecordSink sink =
        GrpcRecordSink.connect(
            GrpcEndpoint.parse("grpc://127.0.0.1:" + fixture.server().grpcPort()))) {
      FeatureGroup group =
          sink.createFeatureGroup(
              FeatureGroupSpec.builder("grpc_orders")
                  .recordIdentifier("id")
                  .eventTime("ts")
                  .feature("id", FeatureType.STRING)
                  .feature("ts", FeatureType.STRING)
                  .feature("amount", FeatureType.FRACTIONAL)
                  .feature("name_upper", FeatureType.STRING)
                  .onlineStore(OnlineStoreConfig.enabled())
                  .ingestTransform(new IngestTransformConfig("orders.flow", TestFlows.ORDERS))
                  .build());
      assertThat(group.spec().ingestTransform().definition()).isEqualTo(TestFlows.ORDERS);
      sink.write(
          "grpc_orders",
          List.of(
              Record.builder()
                  .set("id", "o2")
                  .set("ts", "2024-01-31T12:00:00Z")
                  .set("amount", "3")
                  .set("name", "bo")
                  .build()),
          n -> {});
      Record stored = fixture.store().getRecord("grpc_orders", "o2").orElseThrow().record();
      assertThat(stored.getDouble("amount")).isEqualTo(3.0);
      assertThat(stored.getString("name_upper")).isEqualTo("BO");
      assertThatThrownBy(
              () ->
                  sink.write(
                      "grpc_orders",
                      List.of(Record.builder().set("id", "o3").set("colour", "red").build()),
                      n -> {}))
          .hasMessageContaining("feature 'colour' is not one of the flow's inputs");
    }
  }

  private static FeatureValue value(String name, String value) {
    return FeatureValue.builder().featureName(name).valueAsString(value).build();
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
