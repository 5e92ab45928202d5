package io.quiver.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.protocol.signing.SigV4Signer;
import io.quiver.protocol.signing.SignedRequest;
import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.AccessForbiddenException;

/** SigV4 verification against requests signed by the real AWS SDK. */
class SigV4SdkTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture =
        ServerFixture.start(
            dataDir,
            b ->
                b.accessKeys(
                    AccessKeys.of(Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))));
    FeatureGroups.create(fixture.control(), "fg");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void validSignatureIsAccepted() {
    try (SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      runtime.putRecord(
          r -> r.featureGroupName("fg").record(SdkRecords.record("r1", "1700000000", "1")));
      assertThat(
              runtime
                  .getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("r1"))
                  .hasRecord())
          .isTrue();
    }
    assertThat(
            fixture
                .control()
                .describeFeatureGroup(r -> r.featureGroupName("fg"))
                .featureGroupName())
        .isEqualTo("fg");
  }

  @Test
  void percentEncodedArnPathIsVerified() {
    String arn =
        fixture.control().describeFeatureGroup(r -> r.featureGroupName("fg")).featureGroupArn();
    try (SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      runtime.putRecord(
          r -> r.featureGroupName(arn).record(SdkRecords.record("a b/ü", "1700000000", "1")));
      assertThat(
              runtime
                  .getRecord(r -> r.featureGroupName(arn).recordIdentifierValueAsString("a b/ü"))
                  .hasRecord())
          .isTrue();
    }
  }

  @Test
  void wrongSecretIsAccessForbidden403() {
    try (SageMakerFeatureStoreRuntimeClient runtime =
        fixture.runtime(
            ServerFixture.credentials(ServerFixture.ACCESS_KEY, "not-the-secret"), b -> {})) {
      assertThatThrownBy(
              () ->
                  runtime.getRecord(
                      r -> r.featureGroupName("fg").recordIdentifierValueAsString("r1")))
          .isInstanceOfSatisfying(
              AccessForbiddenException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    SageMakerClient sm =
        fixture.control(ServerFixture.credentials(ServerFixture.ACCESS_KEY, "not-the-secret"));
    assertThatThrownBy(() -> sm.listFeatureGroups(r -> {}))
        .isInstanceOfSatisfying(
            SageMakerException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void unknownAccessKeyIsAccessForbidden() {
    try (SageMakerFeatureStoreRuntimeClient runtime =
        fixture.runtime(
            ServerFixture.credentials("AKIDUNKNOWN", ServerFixture.SECRET_KEY), b -> {})) {
      assertThatThrownBy(
              () ->
                  runtime.getRecord(
                      r -> r.featureGroupName("fg").recordIdentifierValueAsString("r1")))
          .isInstanceOf(AccessForbiddenException.class);
    }
  }

  @Test
  void unsignedRequestIsAccessForbidden() {
    try (SageMakerFeatureStoreRuntimeClient runtime =
        fixture.runtime(AnonymousCredentialsProvider.create(), b -> {})) {
      assertThatThrownBy(
              () ->
                  runtime.getRecord(
                      r -> r.featureGroupName("fg").recordIdentifierValueAsString("r1")))
          .isInstanceOfSatisfying(
              AccessForbiddenException.class,
              e -> assertThat(e.getMessage()).contains("not signed"));
    }
    assertThatThrownBy(
            () -> fixture.control(AnonymousCredentialsProvider.create()).listFeatureGroups(r -> {}))
        .isInstanceOfSatisfying(
            SageMakerException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void bodyTamperedAfterSigningIsAccessForbidden() {
    try (SdkHttpClient tampering =
            new TamperingHttpClient(ApacheHttpClient.builder().build(), "\"r7\"", "\"r8\"");
        SageMakerFeatureStoreRuntimeClient runtime =
            fixture.runtime(
                ServerFixture.credentials(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY),
                b -> b.httpClient(tampering))) {
      assertThatThrownBy(
              () ->
                  runtime.putRecord(
                      r ->
                          r.featureGroupName("fg")
                              .record(SdkRecords.record("r7", "1700000000", "1"))))
          .isInstanceOfSatisfying(
              AccessForbiddenException.class,
              e -> assertThat(e.getMessage()).contains("x-amz-content-sha256"));
    }
    try (SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      assertThat(
              runtime
                  .getRecord(r -> r.featureGroupName("fg").recordIdentifierValueAsString("r8"))
                  .hasRecord())
          .isFalse();
    }
  }

  /**
   * boto3 signs only content-type;host;x-amz-date;x-amz-target and sends no x-amz-content-sha256.
   */
  @Test
  void signatureWithoutContentSha256HeaderIsVerifiedAgainstTheBody() throws Exception {
    String body = "{\"FeatureGroupName\": \"fg\"}";
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String amzDate =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(now);
    String host = "127.0.0.1:" + fixture.server().httpPort();
    SignedRequest toSign =
        new SignedRequest(
            "POST",
            "/",
            Map.of(),
            Map.of(
                "host",
                List.of(host),
                "content-type",
                List.of("application/x-amz-json-1.1"),
                "x-amz-date",
                List.of(amzDate),
                "x-amz-target",
                List.of("SageMaker.DescribeFeatureGroup")),
            body.getBytes(UTF_8));
    String authorization =
        SigV4Signer.authorization(
            toSign,
            ServerFixture.ACCESS_KEY,
            ServerFixture.SECRET_KEY,
            "us-east-1",
            "sagemaker",
            now);
    assertThat(authorization).contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> ok =
        client.send(describe(authorization, amzDate, body), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    HttpResponse<String> tampered =
        client.send(
            describe(authorization, amzDate, body.replace("fg", "gf")),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tampered.statusCode()).isEqualTo(403);
  }

  private static HttpRequest describe(String authorization, String amzDate, String body) {
    return HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "SageMaker.DescribeFeatureGroup")
        .header("X-Amz-Date", amzDate)
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Test
  void healthAndMetricsNeedNoSignature() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> metrics =
        client.send(
            HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
  }

  @Test
  void signatureFromTheFarPastIsRefused() {
    try (ServerFixture skewed =
            ServerFixture.start(
                dataDir.resolve("skewed"),
                b ->
                    b.accessKeys(
                            AccessKeys.of(
                                Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY)))
                        .clock(() -> Instant.now().plus(20, ChronoUnit.MINUTES)));
        SageMakerFeatureStoreRuntimeClient runtime = skewed.runtime()) {
      assertThatThrownBy(
              () ->
                  runtime.getRecord(
                      r -> r.featureGroupName("fg").recordIdentifierValueAsString("r1")))
          .isInstanceOfSatisfying(
              AccessForbiddenException.class, e -> assertThat(e.getMessage()).contains("expired"));
    }
  }

  /** Replaces text in request bodies after the SDK has signed them. */
  private static final class TamperingHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final String from;
    private final String to;

    TamperingHttpClient(SdkHttpClient delegate, String from, String to) {
      this.delegate = delegate;
      this.from = from;
      this.to = to;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      if (request.contentStreamProvider().isEmpty()) {
        return delegate.prepareRequest(request);
      }
      String body;
      try (InputStream in = request.contentStreamProvider().get().newStream()) {
        body = new String(in.readAllBytes(), UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return delegate.prepareRequest(
          HttpExecuteRequest.builder()
              .request(request.httpRequest())
              .contentStreamProvider(ContentStreamProvider.fromUtf8String(body.replace(from, to)))
              .metricCollector(request.metricCollector().orElse(null))
              .build());
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
