package io.quiver.benchmarks.flow;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.executor.RecordProgram;
import io.quiver.wrangler.executor.RunListener;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.frame.Column;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what a flow attached to a feature group adds to an in-process PutRecord: PutRecord of a
 * raw record into a group with the benchmark flow attached (the flow's ten transforms run on it,
 * then the derived record is validated and written) next to PutRecord of the same derived record
 * into an identical group without a flow. Both groups keep online and offline stores; rounds
 * alternate between them, each on fresh identifiers; the first two rounds are not counted. Prints
 * each round and the medians, and the transform alone per record.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.flow.AttachedFlowPutBenchmark [records per round] [rounds] [dir]
 * </pre>
 */
public final class AttachedFlowPutBenchmark {
  private AttachedFlowPutBenchmark() {}

  /** Arguments: records per round (50000), measured rounds (7), working folder. */
  public static void main(String[] args) throws Exception {
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/attached-flow-benchmark");
    FlowRunBenchmark.delete(dir);
    Files.createDirectories(dir);
    int total = perRound * (rounds + 2);
    Path csv = dir.resolve("raw.csv");
    FlowData.generate(csv, total);
    Flow fitted =
        FlowRunner.create(FlowRunner.Options.defaults())
            .fit(
                Flow.parse(FlowData.flow(csv, null), "bench.flow"),
                Map.of(),
                false,
                RunListener.silent());
    RecordProgram program = RecordProgram.compile(fitted, fitted.parameterValues(Map.of()));
    List<Record> raw = read(csv, total);
    List<Record> derived = new ArrayList<>(raw.size());
    for (Record r : raw) {
      derived.add(program.apply(r));
    }

    List<FeatureDefinition> features = new ArrayList<>();
    for (Column c : program.output().columns()) {
      features.add(
          FeatureDefinition.of(
              c.name(),
              switch (c.type()) {
                case LONG, BOOLEAN -> FeatureType.INTEGRAL;
                case DOUBLE -> FeatureType.FRACTIONAL;
                default -> FeatureType.STRING;
              }));
    }
    try (QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("data")).ttlSweepInterval(Duration.ZERO).build())) {
      store.createFeatureGroup(spec("plain", features, null));
      store.createFeatureGroup(
          spec("flowed", features, new IngestTransformConfig("bench.flow", fitted.toJson())));
      List<Double> plain = new ArrayList<>();
      List<Double> flowed = new ArrayList<>();
      List<Double> alone = new ArrayList<>();
      for (int round = 0; round < rounds + 2; round++) {
        int from = round * perRound;
        long t0 = System.nanoTime();
        for (int i = from; i < from + perRound; i++) {
          store.putRecord("plain", derived.get(i));
        }
        long t1 = System.nanoTime();
        for (int i = from; i < from + perRound; i++) {
          store.putRecord("flowed", raw.get(i));
        }
        long t2 = System.nanoTime();
        int checksum = 0;
        for (int i = from; i < from + perRound; i++) {
          checksum += program.apply(raw.get(i)).values().size();
        }
        long t3 = System.nanoTime();
        double p = (t1 - t0) / (double) perRound / 1000;
        double f = (t2 - t1) / (double) perRound / 1000;
        double a = (t3 - t2) / (double) perRound / 1000;
        System.out.printf(
            Locale.ROOT,
            "round %d%s: PutRecord derived %.2f us, PutRecord raw with flow %.2f us (+%.0f%%),"
                + " transform alone %.2f us (%d values)%n",
            round,
            round < 2 ? " (warm-up)" : "",
            p,
            f,
            (f / p - 1) * 100,
            a,
            checksum);
        if (round >= 2) {
          plain.add(p);
          flowed.add(f);
          alone.add(a);
        }
      }
      double p = FlowRunBenchmark.median(plain);
      double f = FlowRunBenchmark.median(flowed);
      System.out.printf(
          Locale.ROOT,
          "median: PutRecord derived %.2f us (%,.0f/s), raw with flow %.2f us (%,.0f/s): flow adds %.0f%%;"
              + " transform alone %.2f us (%.0f%% of the derived PutRecord)%n",
          p,
          1e6 / p,
          f,
          1e6 / f,
          (f / p - 1) * 100,
          FlowRunBenchmark.median(alone),
          FlowRunBenchmark.median(alone) / p * 100);
    }
  }

  private static FeatureGroupSpec spec(
      String name, List<FeatureDefinition> features, IngestTransformConfig transform) {
    return FeatureGroupSpec.builder(name)
        .recordIdentifier("entity_id")
        .eventTime("event_time")
        .features(features)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault())
        .ingestTransform(transform)
        .build();
  }

  /** The CSV's rows as raw records, each with a fresh identifier (no cell is quoted). */
  private static List<Record> read(Path csv, int rows) throws Exception {
    List<Record> records = new ArrayList<>(rows);
    try (BufferedReader in = Files.newBufferedReader(csv, UTF_8)) {
      String[] header = in.readLine().split(",", -1);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",", -1);
        Record.Builder b = Record.builder();
        for (int c = 0; c < header.length; c++) {
          if (c == 0) {
            b.set(header[c], "id" + records.size());
          } else if (!cells[c].isEmpty()) {
            b.set(header[c], cells[c]);
          }
        }
        records.add(b.build());
      }
    }
    return records;
  }
}
