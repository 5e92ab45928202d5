package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, findings 6 and 7: every client mistake is answered with a 4xx in SageMaker's error
 * shape (never a 500, never a connection closed without an answer), and JSON is read strictly.
 */
class ClientMistakeTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static int port;

  @BeforeAll
  static void start() {
    fixture = ServerFixture.start(dataDir);
    port = fixture.server().httpPort();
    FeatureGroups.create(fixture.control(), "fg");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1e3", "", "5, 5", "12345678901234567890123", "-1", "0x5"})
  void badContentLengthIs400(String contentLength) throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(
            port,
            "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + contentLength
                + "\r\n\r\n{}");
    assertThat(response.status()).as(response.head()).isEqualTo(400);
    assertThat(response.head()).contains("x-amzn-ErrorType: ValidationError");
    assertThat(response.body()).contains("\"__type\":\"ValidationError\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/FeatureGroup/%zz?RecordIdentifierValueAsString=a",
        "/FeatureGroup/%0?RecordIdentifierValueAsString=a",
        "/FeatureGroup/fg%?RecordIdentifierValueAsString=a",
        "/FeatureGroup/%C0%80?RecordIdentifierValueAsString=a",
        "/FeatureGroup/fg?RecordIdentifierValueAsString=%zz",
        "/FeatureGroup/fg?RecordIdentifierValueAsString=%0",
        "/FeatureGroup/fg?RecordIdentifierValueAsString=%ED%A0%80",
        "/FeatureGroup/fg?RecordIdentifierValueAsString=a&FeatureName=%g1",
        "/FeatureGroup/fg?%zz=a"
      })
  void badPercentEncodingIs400(String target) throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.head()).contains("x-amzn-ErrorType: ValidationError");
    assertThat(response.body()).contains("Cannot read request");
  }

  @Test
  void percentEncodedArnStillWorks() throws Exception {
    String arn = fixture.store().describeFeatureGroup("fg").arn();
    RawHttp.Response response =
        RawHttp.exchange(
            port,
            "GET /FeatureGroup/"
                + arn.replace(":", "%3A").replace("/", "%2F")
                + "?RecordIdentifierValueAsString=a%20b HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Identifiers\":[{\"FeatureGroupName\":\"fg\",\"RecordIdentifiersValueAsString\":[null]}]}",
        "{\"Identifiers\":[{\"FeatureGroupName\":\"fg\",\"RecordIdentifiersValueAsString\":[\"a\"],\"FeatureNames\":[null]}]}",
        "{\"Identifiers\":[null]}"
      })
  void nullInsideListsIs400(String body) throws Exception {
    RawHttp.Response response = post("/BatchGetRecord", "application/json", body);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("not null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":1},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":true},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":1.5},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}"
      })
  void numbersAndBooleansAreNotStrings(String body) throws Exception {
    RawHttp.Response response = put("/FeatureGroup/fg", body);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("'Record[0].ValueAsString' must be a string, not");
    assertThat(fixture.store().getRecord("fg", "1")).isEmpty();
  }

  @Test
  void duplicateKeyIsRefused() throws Exception {
    RawHttp.Response response =
        put(
            "/FeatureGroup/fg",
            "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"d1\",\"ValueAsString\":\"d2\"},"
                + "{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}");
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("Duplicate field 'ValueAsString'");
    assertThat(fixture.store().getRecord("fg", "d2")).isEmpty();
  }

  @Test
  void overlongUtf8IsRefused() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"o".getBytes(UTF_8));
    body.write(0xC0);
    body.write(0x80);
    body.writeBytes(
        "\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}".getBytes(UTF_8));
    byte[] head =
        ("PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.size()
                + "\r\n\r\n")
            .getBytes(ISO_8859_1);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head);
    request.writeBytes(body.toByteArray());
    RawHttp.Response response = RawHttp.exchange(port, request.toByteArray());
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("not valid UTF-8").contains("0xC0");
    assertThat(fixture.store().getRecord("fg", "o\u0000")).isEmpty();
  }

  @Test
  void escapedLoneSurrogateIsRefused() throws Exception {
    RawHttp.Response response =
        put(
            "/FeatureGroup/fg",
            "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"s\\ud800\"},"
                + "{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}");
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("'Record[0].ValueAsString'").contains("\\\\ud800");
    assertThat(fixture.store().getRecord("fg", "s?")).isEmpty();
  }

  @Test
  void escapedSurrogatePairIsAccepted() throws Exception {
    RawHttp.Response response =
        put(
            "/FeatureGroup/fg",
            "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"p\\ud83d\\ude00\"},"
                + "{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(fixture.store().getRecord("fg", "p\ud83d\ude00")).isPresent();
  }

  @Test
  void featureDefinitionsAsAStringNamesTheFieldAndShape() throws Exception {
    RawHttp.Response response =
        post(
            "/",
            "application/x-amz-json-1.1",
            "SageMaker.CreateFeatureGroup",
            "{\"FeatureGroupName\":\"g2\",\"RecordIdentifierFeatureName\":\"id\","
                + "\"EventTimeFeatureName\":\"ts\",\"FeatureDefinitions\":\"id,ts\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .contains("'FeatureDefinitions' must be a list of objects, not a string")
        .doesNotContain("java.")
        .doesNotContain("REDACTED");
  }

  @Test
  void nestedFieldErrorNamesThePath() throws Exception {
    RawHttp.Response response =
        post(
            "/",
            "application/x-amz-json-1.1",
            "SageMaker.CreateFeatureGroup",
            "{\"FeatureGroupName\":\"g3\",\"RecordIdentifierFeatureName\":\"id\","
                + "\"EventTimeFeatureName\":\"ts\",\"FeatureDefinitions\":[{\"FeatureName\":\"id\","
                + "\"FeatureType\":\"String\"}],\"OnlineStoreConfig\":{\"EnableOnlineStore\":\"yes\"}}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .contains("'OnlineStoreConfig.EnableOnlineStore' must be true or false, not a string");
  }

  @Test
  void syntaxErrorGivesLineAndColumnWithoutSourceNote() throws Exception {
    RawHttp.Response response =
        post("/", "application/x-amz-json-1.1", "SageMaker.ListFeatureGroups", "{\"MaxResults\":}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .contains("not valid JSON")
        .contains("line 1, column")
        .doesNotContain("REDACTED")
        .doesNotContain("Source");
  }

  private static RawHttp.Response put(String path, String body) throws Exception {
    return send("PUT", path, "application/json", null, body);
  }

  private static RawHttp.Response post(String path, String contentType, String body)
      throws Exception {
    return send("POST", path, contentType, null, body);
  }

  private static RawHttp.Response post(String path, String contentType, String target, String body)
      throws Exception {
    return send("POST", path, contentType, target, body);
  }

  private static RawHttp.Response send(
      String method, String path, String contentType, String target, String body) throws Exception {
    byte[] bytes = body.getBytes(UTF_8);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + contentType
            + "\r\n"
            + (target == null ? "" : "X-Amz-Target: " + target + "\r\n")
            + "Content-Length: "
            + bytes.length
            + "\r\n\r\n";
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head.getBytes(ISO_8859_1));
    request.writeBytes(bytes);
    return RawHttp.exchange(port, request.toByteArray());
  }
}
