package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelined requests are answered in order even when a write (on the worker pool) comes first. */
class PipeliningTest {
  @TempDir Path dataDir;

  @Test
  void responsesFollowRequestOrder() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir);
        Socket socket = new Socket("127.0.0.1", fixture.server().httpPort())) {
      FeatureGroups.create(fixture.control(), "fg");
      String body =
          "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"p1\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}";
      String put =
          "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      String get =
          "GET /FeatureGroup/fg?RecordIdentifierValueAsString=p1 HTTP/1.1\r\nHost: x\r\n\r\n";
      String missing =
          "GET /FeatureGroup/nope?RecordIdentifierValueAsString=p1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write((put + get + missing).getBytes(UTF_8)); // one segment: all three arrive together
      out.flush();
      String responses =
          new String(socket.getInputStream().readAllBytes(), UTF_8); // until the server closes
      List<String> statuses = new ArrayList<>();
      Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(responses);
      while (m.find()) {
        statuses.add(m.group(1));
      }
      assertThat(statuses).containsExactly("200", "200", "404");
      // The GET saw the PUT before it: its body, between the second and third status lines, holds
      // p1.
      assertThat(
              responses.substring(
                  responses.indexOf("HTTP/1.1", responses.indexOf("HTTP/1.1") + 1),
                  responses.lastIndexOf("HTTP/1.1")))
          .contains("\"p1\"");
    }
  }
}
