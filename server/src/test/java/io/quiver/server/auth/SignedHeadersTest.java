package io.quiver.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.protocol.signing.SigV4Signer;
import io.quiver.protocol.signing.SignedRequest;
import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 3: a signature must cover every header that changes a request's meaning, so a
 * captured signature cannot be resent with another operation, content type or payload hash.
 */
class SignedHeadersTest {
  private static final String DESCRIBE = "SageMaker.DescribeFeatureGroup";
  private static final String DELETE = "SageMaker.DeleteFeatureGroup";
  private static final String JSON_11 = "application/x-amz-json-1.1";

  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    fixture = ServerFixture.startSigned(dataDir);
    FeatureGroups.create(fixture.control(), "kept");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void describeSignedWithoutTargetCannotBeResentAsDelete() throws Exception {
    String body = "{\"FeatureGroupName\":\"kept\"}";
    Signed signed = sign(Map.of("content-type", JSON_11), body);
    HttpResponse<String> swapped =
        send(signed, body, Map.of("Content-Type", JSON_11, "X-Amz-Target", DELETE));
    assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(403);
    assertThat(swapped.body()).contains("x-amz-target").contains("not signed");
    assertThat(fixture.store().listFeatureGroups()).extracting(g -> g.name()).contains("kept");
  }

  @Test
  void targetSignedForDescribeCannotBeSwappedForDelete() throws Exception {
    String body = "{\"FeatureGroupName\":\"kept\"}";
    Signed signed = sign(Map.of("content-type", JSON_11, "x-amz-target", DESCRIBE), body);
    HttpResponse<String> swapped =
        send(signed, body, Map.of("Content-Type", JSON_11, "X-Amz-Target", DELETE));
    assertThat(swapped.statusCode()).isEqualTo(403);
    assertThat(fixture.store().listFeatureGroups()).extracting(g -> g.name()).contains("kept");
    HttpResponse<String> asSigned =
        send(signed, body, Map.of("Content-Type", JSON_11, "X-Amz-Target", DESCRIBE));
    assertThat(asSigned.statusCode()).as(asSigned.body()).isEqualTo(200);
  }

  @Test
  void unsignedContentTypeIsRefused() throws Exception {
    String body = "{\"FeatureGroupName\":\"kept\"}";
    Signed signed = sign(Map.of("x-amz-target", DESCRIBE), body);
    HttpResponse<String> response =
        send(signed, body, Map.of("Content-Type", JSON_11, "X-Amz-Target", DESCRIBE));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("content-type");
  }

  @Test
  void unsignedPayloadHashIsRefused() throws Exception {
    String body = "{\"FeatureGroupName\":\"kept\"}";
    Signed signed = sign(Map.of("content-type", JSON_11, "x-amz-target", DESCRIBE), body);
    HttpResponse<String> response =
        send(
            signed,
            body,
            Map.of(
                "Content-Type",
                JSON_11,
                "X-Amz-Target",
                DESCRIBE,
                "X-Amz-Content-Sha256",
                SigV4Authenticator.sha256Hex(body.getBytes(UTF_8))));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("x-amz-content-sha256");
  }

  @Test
  void repeatedTargetHeaderIsRefused() throws Exception {
    String body = "{\"FeatureGroupName\":\"kept\"}";
    Signed signed = sign(Map.of("content-type", JSON_11, "x-amz-target", DESCRIBE), body);
    HttpRequest request =
        base(signed, body)
            .header("Content-Type", JSON_11)
            .header("X-Amz-Target", DESCRIBE)
            .header("X-Amz-Target", DELETE)
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("more than once");
    assertThat(fixture.store().listFeatureGroups()).extracting(g -> g.name()).contains("kept");
  }

  private record Signed(String authorization, String amzDate) {}

  /** Signs a POST / with host, x-amz-date and {@code extraHeaders}, as a client would. */
  private static Signed sign(Map<String, String> extraHeaders, String body) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String amzDate =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(now);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("host", List.of("127.0.0.1:" + fixture.server().httpPort()));
    headers.put("x-amz-date", List.of(amzDate));
    extraHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
    String authorization =
        SigV4Signer.authorization(
            new SignedRequest("POST", "/", Map.of(), headers, body.getBytes(UTF_8)),
            ServerFixture.ACCESS_KEY,
            ServerFixture.SECRET_KEY,
            "us-east-1",
            SigV4Authenticator.SERVICE,
            now);
    return new Signed(authorization, amzDate);
  }

  private static HttpRequest.Builder base(Signed signed, String body) {
    return HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/"))
        .header("X-Amz-Date", signed.amzDate())
        .header("Authorization", signed.authorization())
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(Signed signed, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = base(signed, body);
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
