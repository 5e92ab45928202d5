package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.InterceptedStore;
import io.quiver.server.ServerFixture;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the full worker pool refuses is answered before the request pipelined after it on the
 * same connection: the refusal must not resume reads (which delivers the next decoded request at
 * once) before it is written.
 */
class WorkerPoolRefusalOrderTest {
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3})");

  @TempDir Path dataDir;

  @Test
  @Timeout(120)
  void aRefusedWriteIsAnsweredBeforeTheNextPipelinedRequest() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    QuiverStore real = QuiverStore.open(StoreConfig.builder(dataDir).build());
    try (ServerFixture fixture =
            ServerFixture.start(
                blockingDeletes(real, entered, release), b -> b.workerThreads(1).workerQueue(1));
        Socket first = new Socket("127.0.0.1", fixture.server().httpPort());
        Socket second = new Socket("127.0.0.1", fixture.server().httpPort());
        Socket third = new Socket("127.0.0.1", fixture.server().httpPort())) {
      FeatureGroups.create(fixture.control(), "fg");
      try {
        send(first, delete("a", false)); // takes the only worker and blocks it
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
        send(second, delete("b", false)); // fills the queue
        awaitQueueDepth(fixture.endpoint(), 1);

        // One segment: the put joins its event loop's group commit, the delete waits for it, the
        // GET is held in the pipeline; the delete, refused, must be answered before the GET.
        String body =
            "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"p1\"},"
                + "{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000\"}]}";
        send(
            third,
            "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body
                + delete("c", false)
                + "GET /FeatureGroup/nope?RecordIdentifierValueAsString=p1 HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        String responses = new String(third.getInputStream().readAllBytes(), UTF_8);
        assertThat(statuses(responses)).containsExactly("200", "400", "404");
        int refusal = responses.indexOf("HTTP/1.1", responses.indexOf("HTTP/1.1") + 1);
        assertThat(responses.substring(refusal, responses.lastIndexOf("HTTP/1.1")))
            .contains("ThrottlingException");
      } finally {
        release.countDown();
      }
      // The blocked writes finish once released, and their connections still work. The queued
      // write must have left the queue first, or the next write would find it full and be refused.
      awaitQueueDepth(fixture.endpoint(), 0);
      for (Socket socket : List.of(first, second)) {
        send(socket, delete("d", true));
        assertThat(statuses(new String(socket.getInputStream().readAllBytes(), UTF_8)))
            .containsExactly("200", "200");
      }
    }
  }

  /** {@code real}, whose {@code deleteRecord} waits for {@code release} (after {@code entered}). */
  private static QuiverStore blockingDeletes(
      QuiverStore real, CountDownLatch entered, CountDownLatch release) {
    return InterceptedStore.wrap(
        real,
        (method, args) -> {
          if (method.getName().equals("deleteRecord")) {
            entered.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never released");
            }
          }
          return InterceptedStore.PROCEED;
        });
  }

  private static String delete(String id, boolean close) {
    return "DELETE /FeatureGroup/fg?RecordIdentifierValueAsString="
        + id
        + "&EventTime=1700000000 HTTP/1.1\r\nHost: x\r\n"
        + (close ? "Connection: close\r\n" : "")
        + "\r\n";
  }

  private static void send(Socket socket, String requests) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(requests.getBytes(UTF_8));
    out.flush();
  }

  private static List<String> statuses(String responses) {
    List<String> statuses = new ArrayList<>();
    Matcher m = STATUS.matcher(responses);
    while (m.find()) {
      statuses.add(m.group(1));
    }
    return statuses;
  }

  /** Polls the server's {@code quiver_worker_queue_depth} gauge until it reads {@code depth}. */
  private static void awaitQueueDepth(URI endpoint, int depth) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest scrape = HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).build();
    Pattern gauge = Pattern.compile("(?m)^quiver_worker_queue_depth (\\S+)$");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      String body = client.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = gauge.matcher(body);
      assertThat(m.find()).as("metrics: %s", body).isTrue();
      if (Double.parseDouble(m.group(1)) == depth) {
        return;
      }
      assertThat(System.nanoTime()).as("queue depth never reached %d", depth).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
