package io.quiver.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.SdkRecords;
import io.quiver.server.ServerFixture;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;

/**
 * PutRecords taken on the event loops are committed in groups: concurrent writers of the same
 * identifiers end with the latest event time, pipelined requests are answered in order, and puts
 * the store cannot take without waiting are made on the worker pool.
 */
class GroupCommitTest {
  @TempDir Path dataDir;

  @Test
  @Timeout(180)
  void concurrentPutsOfTheSameIdentifiersEndWithTheLatestEventTime() throws Exception {
    int writers = 12;
    int putsPerWriter = 150;
    int identifiers = 5;
    // Several loops whatever the cores (the default may be one): their groups then contend for
    // the same identifiers' locks, and a put can find one held by another loop's commit.
    try (ServerFixture fixture = ServerFixture.start(dataDir, config -> config.eventLoops(4))) {
      FeatureGroups.create(fixture.control(), "fg");
      Map<String, Long> acknowledged = new ConcurrentHashMap<>();
      CyclicBarrier start = new CyclicBarrier(writers);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          done.add(
              pool.submit(
                  () -> {
                    try (SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
                      start.await();
                      for (int i = 0; i < putsPerWriter; i++) {
                        long ts = 1_700_000_000L + (long) i * writers + writer;
                        String id = "k" + ((i + writer) % identifiers);
                        runtime.putRecord(
                            b -> b.featureGroupName("fg").record(record(id, ts, writer)));
                        acknowledged.merge(id, ts, Math::max);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      try (SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
        assertThat(acknowledged).hasSize(identifiers);
        for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
          List<FeatureValue> stored =
              runtime
                  .getRecord(
                      b -> b.featureGroupName("fg").recordIdentifierValueAsString(entry.getKey()))
                  .record();
          assertThat(valueOf(stored, "ts")).as(entry.getKey()).isEqualTo(entry.getValue() + "");
        }
      }
    }
  }

  @Test
  void pipelinedPutsAreAnsweredInOrderAfterTheirCommit() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(dataDir);
        Socket socket = new Socket("127.0.0.1", fixture.server().httpPort())) {
      FeatureGroups.create(fixture.control(), "fg");
      String requests =
          put("p1", "1700000002")
              + put("p1", "1700000001")
              + put("p1", "not a time")
              + "GET /FeatureGroup/fg?RecordIdentifierValueAsString=p1 HTTP/1.1\r\nHost: x\r\n\r\n"
              + put("p2", "1700000003")
              + "GET /FeatureGroup/fg?RecordIdentifierValueAsString=p2 HTTP/1.1\r\nHost: x\r\n"
              + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(requests.getBytes(UTF_8)); // one segment: all arrive together
      out.flush();
      String responses = new String(socket.getInputStream().readAllBytes(), UTF_8);

      List<String> statuses = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(responses);
      while (m.find()) {
        statuses.add(m.group(1));
        starts.add(m.start());
      }
      assertThat(statuses).containsExactly("200", "200", "400", "200", "200", "200");
      assertThat(responses.substring(starts.get(3), starts.get(4)))
          .contains("1700000002")
          .doesNotContain("1700000001");
      assertThat(responses.substring(starts.get(5))).contains("\"p2\"");
    }
  }

  @Test
  void putsThatWouldWaitForAnFsyncAreMadeOnTheWorkerPool() {
    QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dataDir).account("123456789012").syncWrites(true).build());
    try (ServerFixture fixture = ServerFixture.start(store, b -> b);
        SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime()) {
      FeatureGroups.create(fixture.control(), "fg");
      runtime.putRecord(b -> b.featureGroupName("fg").record(record("s1", 1_700_000_000L, 7)));

      assertThat(
              valueOf(
                  runtime
                      .getRecord(b -> b.featureGroupName("fg").recordIdentifierValueAsString("s1"))
                      .record(),
                  "n"))
          .isEqualTo("7");
    }
  }

  private static String put(String id, String ts) {
    String body =
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\""
            + id
            + "\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\""
            + ts
            + "\"}]}";
    return "PUT /FeatureGroup/fg HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static List<FeatureValue> record(String id, long ts, int n) {
    return SdkRecords.record(id, Long.toString(ts), Integer.toString(n));
  }

  private static String valueOf(List<FeatureValue> record, String name) {
    return record.stream()
        .filter(v -> v.featureName().equals(name))
        .findFirst()
        .orElseThrow()
        .valueAsString();
  }
}
