package io.quiver.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServerFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/** {@code GET /metrics} in Prometheus text format. */
class MetricsEndpointTest {
  @TempDir Path dataDir;

  @Test
  void countsRequestsLatenciesAndStoreGauges() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir);
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      FeatureGroups.create(fixture.control(), "fg");
      runtime.putRecord(
          r -> r.featureGroupName("fg").record(SdkRecords.record("r1", "1700000000", "1")));
      runtime.getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("r1"));
      assertThatThrownBy(
          () ->
              runtime.getRecord(
                  r -> r.featureGroupName("nope").recordIdentifierValueAsString("r1")));

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      String text = response.body();
      assertThat(text)
          .contains("# TYPE quiver_requests_total counter")
          .contains(
              "quiver_requests_total{protocol=\"http\",operation=\"GetRecord\",outcome=\"OK\"} 1")
          .contains(
              "quiver_requests_total{protocol=\"http\",operation=\"GetRecord\",outcome=\"ResourceNotFound\"} 1")
          .contains(
              "quiver_requests_total{protocol=\"http\",operation=\"PutRecord\",outcome=\"OK\"} 1")
          .contains(
              "quiver_request_duration_seconds_bucket{protocol=\"http\",operation=\"GetRecord\",le=\"+Inf\"} 2")
          .contains(
              "quiver_request_duration_seconds_count{protocol=\"http\",operation=\"PutRecord\"} 1")
          .contains("# TYPE quiver_throttled_total counter")
          .contains("# TYPE quiver_rejected_total counter")
          .contains("quiver_feature_groups 1")
          .containsPattern("quiver_online_store_size_bytes [1-9][0-9]*");
    }
  }
}
