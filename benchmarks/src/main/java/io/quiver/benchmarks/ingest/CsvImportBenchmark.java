package io.quiver.benchmarks.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportListener;
import io.quiver.wrangler.importer.ImportSummary;
import io.quiver.wrangler.importer.Importer;
import io.quiver.wrangler.importer.RecordSink;
import io.quiver.wrangler.schema.InferredSchema;
import io.quiver.wrangler.schema.SchemaInference;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Measures {@code quiver import} of a CSV file of 1,000,000 rows and 20 columns (identifier, ISO
 * event time, 6 Integral, 6 Fractional, 6 String features; 200,000 distinct identifiers; fixed
 * seed) into a fresh data directory whose group has an online store and an offline store, timed
 * until the store is closed (both stores durable), next to DuckDB converting the same CSV to
 * Parquet with {@code COPY ... TO ... (FORMAT parquet)} in the same JVM, and DuckDB writing the
 * layout Quiver writes (hourly partitions of event time; about 8,760 files for a year of rows). The
 * import into a new group is a bulk load; with {@code putrecords}, the same import through
 * putRecords a batch at a time is measured too. Three repetitions each, alternating; prints every
 * time and the medians.
 *
 * <p>A plain main rather than JMH: one repetition takes seconds and writes a data directory, so the
 * interesting number is wall time per full import. Run with:
 *
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.ingest.CsvImportBenchmark [rows] [reps] [dir] [putrecords]
 * </pre>
 */
public final class CsvImportBenchmark {
  private static final long SEED = 20_240_501L;
  private static final int ENTITIES = 200_000;
  private static final String[] CITIES = {
    "Paris", "Lyon", "Berlin", "Madrid", "Rome", "Lisbon", "Oslo", "Vienna"
  };

  private CsvImportBenchmark() {}

  /** Runs the benchmark; arguments: rows (1000000), repetitions (3), working folder. */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/csv-import-benchmark");
    Files.createDirectories(dir);
    Path csv = dir.resolve("input.csv");
    long start = System.nanoTime();
    generate(csv, rows);
    System.out.printf(
        Locale.ROOT,
        "generated %,d rows x 20 columns, %,d bytes, in %.1f s%n",
        rows,
        Files.size(csv),
        seconds(start));

    boolean withPutRecords = args.length > 3 && args[3].equals("putrecords");
    List<Double> quiver = new ArrayList<>();
    List<Double> puts = new ArrayList<>();
    List<Double> duck = new ArrayList<>();
    List<Double> duckPartitioned = new ArrayList<>();
    for (int rep = 0; rep < reps; rep++) {
      quiver.add(quiverImport(csv, dir.resolve("quiver-" + rep), rows, false));
      duck.add(duckDbCopy(csv, dir.resolve("duck-" + rep + ".parquet")));
      duckPartitioned.add(duckDbPartitionedCopy(csv, dir.resolve("duck-hourly-" + rep)));
      if (withPutRecords) {
        puts.add(quiverImport(csv, dir.resolve("quiver-puts-" + rep), rows, true));
      }
      System.out.printf(
          Locale.ROOT,
          "rep %d: quiver import %.2f s (%,.0f rows/s), duckdb csv->parquet %.2f s (%,.0f rows/s),"
              + " duckdb csv->hourly parquet partitions %.2f s%s%n",
          rep,
          quiver.get(rep),
          rows / quiver.get(rep),
          duck.get(rep),
          rows / duck.get(rep),
          duckPartitioned.get(rep),
          withPutRecords
              ? String.format(Locale.ROOT, ", quiver through putRecords %.2f s", puts.get(rep))
              : "");
    }
    double q = median(quiver);
    double d = median(duck);
    System.out.printf(
        Locale.ROOT,
        "median: quiver import %.2f s = %,.0f rows/s; duckdb COPY to parquet %.2f s = %,.0f rows/s;"
            + " ratio %.2f; duckdb COPY to hourly partitions %.2f s = %,.0f rows/s%s%n",
        q,
        rows / q,
        d,
        rows / d,
        d / q,
        median(duckPartitioned),
        rows / median(duckPartitioned),
        withPutRecords
            ? String.format(
                Locale.ROOT,
                "; quiver through putRecords %.2f s = %,.0f rows/s",
                median(puts),
                rows / median(puts))
            : "");
  }

  static void generate(Path csv, int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    try (BufferedWriter out = Files.newBufferedWriter(csv, UTF_8)) {
      StringBuilder header = new StringBuilder("entity_id,event_time");
      for (int i = 0; i < 6; i++) {
        header.append(",count_").append(i);
      }
      for (int i = 0; i < 6; i++) {
        header.append(",ratio_").append(i);
      }
      for (int i = 0; i < 6; i++) {
        header.append(",label_").append(i);
      }
      out.write(header.append('\n').toString());
      StringBuilder line = new StringBuilder(256);
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        line.append('e').append(random.nextInt(ENTITIES)).append(',');
        Instant time = t0.plusSeconds(random.nextLong(31_536_000L));
        // ISO-8601 UTC, half with milliseconds (yyyy-MM-dd'T'HH:mm:ss.SSSZ), half without
        line.append((r % 2 == 0 ? time.plusMillis(1 + random.nextInt(999)) : time).toString());
        for (int i = 0; i < 6; i++) {
          line.append(',').append(random.nextInt(1_000_000));
        }
        for (int i = 0; i < 6; i++) {
          line.append(',').append(Math.round(random.nextDouble() * 1e6) / 1e4);
        }
        for (int i = 0; i < 6; i++) {
          line.append(',')
              .append(CITIES[random.nextInt(CITIES.length)])
              .append(random.nextInt(100));
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  /**
   * Seconds from the start of the import until the store is closed, so both stores are durable:
   * through a bulk load (a new group), or through putRecords a batch at a time (whose staged
   * records are flushed to Parquet at the end of the import).
   */
  private static double quiverImport(Path csv, Path dataDir, int rows, boolean throughPutRecords) {
    delete(dataDir);
    long start;
    ImportSummary summary;
    try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).build());
        ImportSource source = ImportSource.open(csv.toString(), SourceOptions.defaults())) {
      InferredSchema schema =
          SchemaInference.infer(
              source, "entity_id", "event_time", SchemaInference.SAMPLE_ROWS_DEFAULT);
      store.createFeatureGroup(
          schema
              .toSpec("bench")
              .onlineStore(OnlineStoreConfig.enabled())
              .offlineStore(OfflineStoreConfig.at(dataDir.resolve("offline").toUri().toString()))
              .build());
      start = System.nanoTime();
      Importer importer =
          throughPutRecords
              ? Importer.create(RecordSink.local(store), ImportConfig.defaults())
              : Importer.create(store, ImportConfig.defaults());
      summary = importer.run(source, "bench", ImportListener.silent());
      if (throughPutRecords) {
        store.flush();
      }
    }
    double took = seconds(start);
    if (summary.rowsWritten() != rows) {
      throw new IllegalStateException(
          "Cannot trust the run: wrote " + summary.rowsWritten() + " of " + rows + " rows");
    }
    return took;
  }

  private static double duckDbCopy(Path csv, Path parquet) throws SQLException {
    delete(parquet);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csv.toAbsolutePath()
              + "')) TO '"
              + parquet.toAbsolutePath()
              + "' (FORMAT parquet)");
      return seconds(start);
    }
  }

  /** DuckDB writing the layout Quiver must write: one folder per hour of event time. */
  private static double duckDbPartitionedCopy(Path csv, Path folder) throws SQLException {
    delete(folder);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute(
          "COPY (SELECT *, year(event_time) AS year, month(event_time) AS month,"
              + " day(event_time) AS day, hour(event_time) AS hour FROM read_csv('"
              + csv.toAbsolutePath()
              + "')) TO '"
              + folder.toAbsolutePath()
              + "' (FORMAT parquet, PARTITION_BY (year, month, day, hour))");
      return seconds(start);
    }
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toNanos() / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
