package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import io.quiver.server.auth.AccessKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, findings 1 and 2, on loopback: request bodies held by many connections stay within the
 * configured memory while GetRecord and {@code /health} keep answering; idle and slow (slowloris)
 * connections are closed after their timeouts; connections over the cap are refused; a request with
 * a body is refused on its head when its credentials are bad, before the body is read.
 */
class ConnectionBoundsTest {
  private static final int BODY = 64 * 1024;
  private static final int HELD = 4;

  @TempDir Path dataDir;

  @Test
  void heldBodiesStayWithinTheBudgetWhileGetRecordAndHealthAnswer() throws Exception {
    try (ServerFixture fixture =
        ServerFixture.start(
            dataDir,
            b ->
                b.maxRequestBytes(BODY)
                    .maxBufferedBodyBytes((long) HELD * BODY)
                    .requestTimeout(Duration.ofMinutes(5)))) {
      FeatureGroups.create(fixture.control(), "fg");
      int port = fixture.server().httpPort();
      List<Socket> admitted = new ArrayList<>();
      int refused = 0;
      try {
        for (int i = 0; i < 40; i++) {
          Socket socket = new Socket("127.0.0.1", port);
          socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
          socket
              .getOutputStream()
              .write(
                  ("PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          + "Expect: 100-continue\r\nContent-Length: "
                          + BODY
                          + "\r\n\r\n")
                      .getBytes(ISO_8859_1));
          String status = statusLine(socket.getInputStream());
          if (status.startsWith("HTTP/1.1 100")) {
            skipHeaders(socket.getInputStream());
            // All but the last byte: the body is held, unfinished.
            socket.getOutputStream().write(putBody("held" + i), 0, BODY - 1);
            socket.getOutputStream().flush();
            admitted.add(socket);
          } else {
            assertThat(status).startsWith("HTTP/1.1 503");
            refused++;
            socket.close();
          }
        }
        assertThat(admitted).hasSize(HELD);
        assertThat(refused).isEqualTo(40 - HELD);
        assertThat(get(port, "/health").status()).isEqualTo(200);
        assertThat(get(port, "/FeatureGroup/fg?RecordIdentifierValueAsString=x").status())
            .isEqualTo(200);
        assertThat(get(port, "/metrics").body())
            .contains("quiver_http_buffered_body_bytes " + (long) HELD * BODY)
            .contains("reason=\"memory\"} " + (40 - HELD));
        // The held requests finish and are answered; their reservations are given back.
        for (int i = 0; i < admitted.size(); i++) {
          Socket socket = admitted.get(i);
          socket.getOutputStream().write(putBody("held" + i), BODY - 1, 1);
          socket.getOutputStream().flush();
          RawHttp.Response response = RawHttp.read(socket.getInputStream());
          assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        assertThat(fixture.store().getRecord("fg", "held0")).isPresent();
        assertThat(get(port, "/metrics").body()).contains("quiver_http_buffered_body_bytes 0");
      } finally {
        for (Socket socket : admitted) {
          socket.close();
        }
      }
    }
  }

  @Test
  void refusedBodyWithoutExpectIsReadAndDroppedAndTheConnectionStaysUsable() throws Exception {
    try (ServerFixture fixture =
            ServerFixture.start(
                dataDir,
                b ->
                    b.maxRequestBytes(BODY)
                        .maxBufferedBodyBytes(BODY)
                        .requestTimeout(Duration.ofMinutes(5)));
        Socket holder = new Socket("127.0.0.1", fixture.server().httpPort());
        Socket client = new Socket("127.0.0.1", fixture.server().httpPort())) {
      FeatureGroups.create(fixture.control(), "fg");
      holder.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
      holder
          .getOutputStream()
          .write(
              ("PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                      + "Content-Length: "
                      + BODY
                      + "\r\n\r\n")
                  .getBytes(ISO_8859_1));
      assertThat(statusLine(holder.getInputStream())).startsWith("HTTP/1.1 100");
      client.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
      OutputStream out = client.getOutputStream();
      out.write(
          ("PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + BODY
                  + "\r\n\r\n")
              .getBytes(ISO_8859_1));
      out.write(putBody("dropped"));
      out.flush();
      RawHttp.Response refusedResponse = RawHttp.read(client.getInputStream());
      assertThat(refusedResponse.status()).isEqualTo(503);
      assertThat(refusedResponse.head()).contains("x-amzn-ErrorType: ServiceUnavailable");
      assertThat(refusedResponse.closes()).isFalse();
      out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      out.flush();
      assertThat(RawHttp.read(client.getInputStream()).status()).isEqualTo(200);
      assertThat(fixture.store().getRecord("fg", "dropped")).isEmpty();
    }
  }

  @Test
  void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (ServerFixture fixture =
            ServerFixture.start(dataDir, b -> b.idleTimeout(Duration.ofMillis(200)));
        Socket silent = new Socket("127.0.0.1", fixture.server().httpPort())) {
      assertThat(RawHttp.closedByServer(silent)).isTrue();
    }
  }

  @Test
  void keptAliveConnectionIsClosedAfterTheIdleTimeoutFollowingItsLastResponse() throws Exception {
    try (ServerFixture fixture =
            ServerFixture.start(dataDir, b -> b.idleTimeout(Duration.ofSeconds(3)));
        Socket keptAlive = new Socket("127.0.0.1", fixture.server().httpPort())) {
      keptAlive.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
      keptAlive
          .getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      assertThat(RawHttp.read(keptAlive.getInputStream()).status()).isEqualTo(200);
      assertThat(RawHttp.closedByServer(keptAlive)).isTrue();
    }
  }

  @Test
  void slowlorisHeadIsAnswered408AndClosed() throws Exception {
    try (ServerFixture fixture =
            ServerFixture.start(
                dataDir,
                b -> b.requestTimeout(Duration.ofMillis(200)).idleTimeout(Duration.ofMinutes(5)));
        Socket slow = new Socket("127.0.0.1", fixture.server().httpPort())) {
      slow.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
      slow.getOutputStream().write("GET /FeatureGroup/fg?Rec".getBytes(ISO_8859_1));
      slow.getOutputStream().flush();
      RawHttp.Response response = RawHttp.read(slow.getInputStream());
      assertThat(response.status()).isEqualTo(408);
      assertThat(response.head()).contains("x-amzn-ErrorType: RequestTimeout");
      assertThat(RawHttp.closedByServer(slow)).isTrue();
    }
  }

  @Test
  void slowBodyIsAnswered408AndClosed() throws Exception {
    try (ServerFixture fixture =
            ServerFixture.start(
                dataDir,
                b -> b.requestTimeout(Duration.ofMillis(200)).idleTimeout(Duration.ofMinutes(5)));
        Socket slow = new Socket("127.0.0.1", fixture.server().httpPort())) {
      slow.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
      slow.getOutputStream()
          .write(
              "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"Rec"
                  .getBytes(ISO_8859_1));
      slow.getOutputStream().flush();
      assertThat(RawHttp.read(slow.getInputStream()).status()).isEqualTo(408);
      assertThat(RawHttp.closedByServer(slow)).isTrue();
    }
  }

  @Test
  void connectionsOverTheCapAreRefusedWith503() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir, b -> b.maxConnections(3))) {
      int port = fixture.server().httpPort();
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket socket = new Socket("127.0.0.1", port);
          socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
          socket
              .getOutputStream()
              .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
          assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
          open.add(socket);
        }
        RawHttp.Response refused = get(port, "/health");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.head()).contains("x-amzn-ErrorType: ServiceUnavailable");
        open.remove(0).close();
        // The server notices the close on its own loop; a new connection is taken once it has.
        int status = 503;
        for (int attempt = 0; attempt < 1_000 && status == 503; attempt++) {
          status = get(port, "/health").status();
        }
        assertThat(status).isEqualTo(200);
      } finally {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }
  }

  @Test
  void unsignedBodyIsRefusedOnItsHeadBeforeTheBodyIsRead() throws Exception {
    try (ServerFixture fixture =
            ServerFixture.start(
                dataDir,
                b ->
                    b.accessKeys(
                        AccessKeys.of(
                            Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))));
        Socket socket = new Socket("127.0.0.1", fixture.server().httpPort())) {
      socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
      socket
          .getOutputStream()
          .write(
              ("PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                      + "Content-Length: 1000000\r\n\r\n")
                  .getBytes(ISO_8859_1));
      RawHttp.Response response = RawHttp.read(socket.getInputStream());
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.head()).contains("x-amzn-ErrorType: AccessForbidden");
      assertThat(response.body()).contains("not signed");
    }
  }

  @Test
  void chunkedBodyIsRefusedWith411() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir)) {
      RawHttp.Response response =
          RawHttp.exchange(
              fixture.server().httpPort(),
              "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "2\r\n{}\r\n0\r\n\r\n");
      assertThat(response.status()).isEqualTo(411);
      assertThat(response.head()).contains("x-amzn-ErrorType: ValidationError");
    }
  }

  /** A PutRecord body of exactly {@link #BODY} bytes, padded with JSON whitespace. */
  private static byte[] putBody(String id) {
    String json =
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\""
            + id
            + "\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}";
    return (json + " ".repeat(BODY - json.length())).getBytes(UTF_8);
  }

  private static RawHttp.Response get(int port, String target) throws IOException {
    return RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.append((char) b);
    }
    return line.toString().strip();
  }

  private static void skipHeaders(InputStream in) throws IOException {
    String line;
    do {
      line = statusLine(in);
    } while (!line.isEmpty());
  }
}
