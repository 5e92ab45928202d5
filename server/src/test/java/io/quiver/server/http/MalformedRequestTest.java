package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.ServerFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes that are not HTTP, or headers over the limit, get a 400 and a closed connection. */
class MalformedRequestTest {
  @TempDir Path dataDir;

  @Test
  void oversizedHeaderIsRefusedWith400AndClose() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir);
        Socket socket = new Socket("127.0.0.1", fixture.server().httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /FeatureGroup/fg?RecordIdentifierValueAsString=a HTTP/1.1\r\nHost: x\r\nX-Big: "
                  + "a".repeat(20_000)
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String response =
          new String(in.readAllBytes(), UTF_8); // readAllBytes returns once the server closes
      assertThat(response)
          .startsWith("HTTP/1.1 400")
          .contains("x-amzn-ErrorType: ValidationError")
          .contains("Cannot parse request");
    }
  }
}
