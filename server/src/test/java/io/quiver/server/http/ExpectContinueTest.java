package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Expect: 100-continue}, as the AWS SDK for Java sends it on PutRecord, on a raw socket. */
class ExpectContinueTest {
  @TempDir Path dataDir;

  @Test
  void continueIsSentBeforeTheBodyAndThePutSucceeds() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir);
        Socket socket = new Socket("127.0.0.1", fixture.server().httpPort())) {
      FeatureGroups.create(fixture.control(), "fg");
      String body =
          "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"r1\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}";
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                  + body.getBytes(UTF_8).length
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(in.readLine()).isEmpty();
      out.write(body.getBytes(UTF_8));
      out.flush();
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void oversizedDeclaredBodyIsRefusedWithoutReadingIt() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir, b -> b.maxRequestBytes(1024));
        Socket socket = new Socket("127.0.0.1", fixture.server().httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"
              .getBytes(UTF_8));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
      assertThat(response)
          .startsWith("HTTP/1.1 413")
          .contains("x-amzn-ErrorType: ValidationError")
          .contains("too large");
    }
  }
}
