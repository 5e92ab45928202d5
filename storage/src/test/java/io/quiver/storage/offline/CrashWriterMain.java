package io.quiver.storage.offline;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.objectstore.S3Settings;
import io.quiver.storage.record.Record;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * The child process of {@link OfflineCrashTest}: writes records from several threads until it is
 * killed, printing {@code ACK <write id> <record id> <event time> END} after each acknowledged
 * write. Arguments: data dir, offline base URI, S3 endpoint or {@code -}, threads, round, seed.
 */
public final class CrashWriterMain {
  static final String GROUP = "crash";
  static final int RECORD_IDS = 300;

  private CrashWriterMain() {}

  public static void main(String[] args) throws Exception {
    StoreConfig config = config(Path.of(args[0]), args[1], args[2]);
    int threads = Integer.parseInt(args[3]);
    int round = Integer.parseInt(args[4]);
    long seed = Long.parseLong(args[5]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    QuiverStore store = QuiverStore.open(config); // never closed: the parent kills this process
    try {
      store.describeFeatureGroup(GROUP);
    } catch (ResourceNotFoundException e) {
      store.createFeatureGroup(spec());
    }
    out.println("READY");
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                Random random = new Random(seed * 31 + thread);
                for (long n = 0; ; n++) {
                  String writeId = round + "-" + thread + "-" + n;
                  String recordId = "r" + random.nextInt(RECORD_IDS);
                  // Two hours of event times: out-of-order history and two or three partitions.
                  String ts =
                      Long.toString(1_700_000_000L + random.nextInt(7_200))
                          + "."
                          + random.nextInt(1000);
                  store.putRecord(
                      GROUP,
                      Record.builder()
                          .set("id", recordId)
                          .set("ts", ts)
                          .set("writer", writeId)
                          .set("payload", "x".repeat(random.nextInt(200)))
                          .build());
                  out.println("ACK " + writeId + " " + recordId + " " + ts + " END");
                }
              },
              "writer-" + t);
      writer.start();
    }
  }

  static StoreConfig config(Path dataDir, String baseUri, String endpoint) {
    S3Settings s3 =
        endpoint.equals("-")
            ? S3Settings.defaults()
            : S3Settings.compatible(
                URI.create(endpoint),
                "us-east-1",
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY);
    return StoreConfig.builder(dataDir)
        .offlineStoreBaseUri(baseUri)
        .s3(s3)
        .ttlSweepInterval(Duration.ZERO)
        .offlineFlushAge(Duration.ofMillis(150))
        .offlineMaxFileRows(400)
        .build();
  }

  static FeatureGroupSpec spec() {
    return FeatureGroupSpec.builder(GROUP)
        .recordIdentifier("id")
        .eventTime("ts")
        .feature("id", FeatureType.STRING)
        .feature("ts", FeatureType.FRACTIONAL)
        .feature("writer", FeatureType.STRING)
        .feature("payload", FeatureType.STRING)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .build();
  }
}
