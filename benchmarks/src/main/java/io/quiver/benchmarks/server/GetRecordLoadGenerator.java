package io.quiver.benchmarks.server;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.util.ResourceLeakDetector;
import io.quiver.protocol.v1.CreateFeatureGroupRequest;
import io.quiver.protocol.v1.FeatureDefinition;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.FeatureType;
import io.quiver.protocol.v1.FeatureValue;
import io.quiver.protocol.v1.OnlineStoreConfig;
import io.quiver.protocol.v1.PutRecordRequest;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures GetRecord against a running {@code quiver serve} over REST or gRPC: throughput and
 * p50/p99/p99.9 latency at a fixed request rate or closed loop, for a given number of concurrent
 * clients. Records have one String feature of {@code --value-bytes} bytes; keys are uniform over
 * {@code --records} identifiers, all present (so every call returns a record). With {@code --put}
 * it measures PutRecord over REST instead, and with {@code --protocol redis} Redis GET or SET by
 * the same client, as the baseline measured like for like.
 *
 * <p>Run (server started separately, without --access-keys):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.server.GetRecordLoadGenerator \
 *     --setup --protocol rest --clients 50 --duration 10
 * </pre>
 *
 * See {@code benchmarks/run-get-load.sh} for the full comparison with Redis.
 */
@Command(
    name = "get-load",
    mixinStandardHelpOptions = true,
    description =
        "GetRecord (REST or gRPC) or PutRecord (REST) load generator; Redis GET or SET by the same"
            + " client.")
public final class GetRecordLoadGenerator implements Callable<Integer> {
  /** What the calls go to; given in lower case on the command line. */
  enum Protocol {
    REST,
    GRPC,
    REDIS
  }

  @Option(names = "--host", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "REST port.")
  int port;

  @Option(
      names = "--grpc-port",
      defaultValue = "9090",
      description = "gRPC port (also used by --setup).")
  int grpcPort;

  @Option(
      names = "--protocol",
      defaultValue = "rest",
      description =
          "rest or grpc; or redis: GET of the same keys from a Redis server on --port (seeded with"
              + " redis-cli), measured by the same client as rest.")
  Protocol protocol;

  @Option(
      names = "--clients",
      defaultValue = "1",
      description = "Concurrent clients, one call in flight each.")
  int clients;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Total calls per second (fixed-rate mode); 0 = closed loop.")
  double rate;

  @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds, not measured.")
  long warmup;

  @Option(names = "--duration", defaultValue = "15", description = "Measured seconds.")
  long duration;

  @Option(names = "--records", defaultValue = "10000", description = "Distinct record identifiers.")
  int records;

  @Option(
      names = "--value-bytes",
      defaultValue = "100",
      description = "Bytes of the String feature of each record.")
  int valueBytes;

  @Option(names = "--feature-group", defaultValue = "bench")
  String featureGroup;

  @Option(
      names = "--setup",
      description = "Create the feature group and write the records first (over gRPC).")
  boolean setup;

  @Option(
      names = "--put",
      description =
          "PutRecord instead of GetRecord (rest only: each put a microsecond newer than the last, so"
              + " each replaces its record), or with --protocol redis SET of --value-bytes.")
  boolean put;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(
      names = "--busy-poll",
      description =
          "Transport threads spin instead of sleeping between responses (one thread, as redis-benchmark runs).")
  boolean busyPoll;

  public static void main(String[] args) {
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      // As in quiver serve: leak sampling records stack traces, CPU this machine shares with the
      // server.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    System.exit(
        new CommandLine(new GetRecordLoadGenerator())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (put && protocol == Protocol.GRPC) {
      System.err.println("--put: expected --protocol rest or redis");
      return 2;
    }
    if (setup && protocol == Protocol.REDIS) {
      System.err.println("--setup writes Quiver's records; seed Redis with redis-cli");
      return 2;
    }
    if (setup) {
      setUp();
    }
    ClientTransport transport = ClientTransport.best(busyPoll);
    try (LoadClient client = newClient(transport)) {
      LoadRun.Result result =
          new LoadRun(client, clients, rate, records).run(warmup, duration, seed);
      Histogram h = result.latencyMicros();
      System.out.printf(
          Locale.ROOT,
          "protocol=%s%s mode=%s%s clients=%d value_bytes=%d calls=%d errors=%d throughput=%.0f/s p50=%.3fms p99=%.3fms p999=%.3fms max=%.3fms%n",
          protocol.name().toLowerCase(Locale.ROOT),
          put ? " operation=put" : "",
          rate > 0 ? "fixed-rate(" + (long) rate + "/s)" : "closed-loop",
          transport.busyPoll() ? ",busy-poll" : "",
          clients,
          valueBytes,
          result.calls(),
          result.errors(),
          result.throughput(),
          h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0,
          h.getValueAtPercentile(99.9) / 1000.0,
          h.getMaxValue() / 1000.0);
      return result.errors() == 0 ? 0 : 1;
    }
  }

  private LoadClient newClient(ClientTransport transport) throws InterruptedException {
    return switch (protocol) {
      // grpc-java costs more per call than the REST client: two threads unless they spin.
      case GRPC ->
          new GrpcGetClient(
              host,
              grpcPort,
              featureGroup,
              Math.min(clients, 4),
              busyPoll ? 1 : Math.min(clients, 2),
              records,
              transport);
      case REDIS -> new RedisClient(host, port, clients, records, put ? valueBytes : -1, transport);
      case REST ->
          put
              ? new RestPutClient(host, port, featureGroup, clients, valueBytes, transport)
              : new RestGetClient(host, port, featureGroup, clients, records, transport);
    };
  }

  private void setUp() throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, grpcPort).usePlaintext().build();
    try {
      FeatureStoreGrpc.FeatureStoreBlockingStub stub = FeatureStoreGrpc.newBlockingStub(channel);
      try {
        stub.createFeatureGroup(
            CreateFeatureGroupRequest.newBuilder()
                .setFeatureGroupName(featureGroup)
                .setRecordIdentifierFeatureName("id")
                .setEventTimeFeatureName("ts")
                .addFeatureDefinitions(
                    FeatureDefinition.newBuilder()
                        .setFeatureName("id")
                        .setFeatureType(FeatureType.STRING))
                .addFeatureDefinitions(
                    FeatureDefinition.newBuilder()
                        .setFeatureName("ts")
                        .setFeatureType(FeatureType.FRACTIONAL))
                .addFeatureDefinitions(
                    FeatureDefinition.newBuilder()
                        .setFeatureName("payload")
                        .setFeatureType(FeatureType.STRING))
                .setOnlineStoreConfig(OnlineStoreConfig.newBuilder().setEnableOnlineStore(true))
                .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
      String payload = "v".repeat(valueBytes);
      for (int i = 0; i < records; i++) {
        stub.putRecord(
            PutRecordRequest.newBuilder()
                .setFeatureGroupName(featureGroup)
                .addRecord(
                    FeatureValue.newBuilder()
                        .setFeatureName("id")
                        .setValueAsString(LoadClient.key(i)))
                .addRecord(
                    FeatureValue.newBuilder().setFeatureName("ts").setValueAsString("1700000000"))
                .addRecord(
                    FeatureValue.newBuilder().setFeatureName("payload").setValueAsString(payload))
                .build());
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
