package io.quiver.benchmarks.bias;

import io.quiver.clarify.bias.BiasAnalysis;
import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second of a full bias analysis (pre- and post-training metrics with a group variable)
 * over 10,000,000 generated rows, from memory (counting alone), from a CSV file and from a SNAPPY
 * Parquet file (reading plus counting). Facet values are Zipf-distributed over 8 values; the facet
 * is either one selected value or every value one-vs-rest. The score is rows/s because each
 * invocation counts {@link #ROWS} operations.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar BiasBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BiasBenchmark.ROWS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgs = {
      "-Xmx1g",
      "-Dorg.slf4j.simpleLogger.log.org.apache.parquet=warn",
      "-Dorg.slf4j.simpleLogger.log.org.apache.hadoop=warn"
    })
public class BiasBenchmark {
  static final int ROWS = 10_000_000;
  private static final String[] FACETS = {"a", "b", "c", "d", "e", "f", "g", "h"};
  private static final String[] BITS = {"0", "1"};
  private static final String[] GROUPS = new String[16];

  static {
    for (int i = 0; i < GROUPS.length; i++) {
      GROUPS[i] = "g" + i;
    }
  }

  /**
   * Where rows come from: generated arrays in memory, or a CSV or Parquet file written at setup.
   */
  @Param({"memory", "csv", "parquet"})
  public String input = "memory";

  /** {@code selected}: d = facet value "b"; {@code oneVsRest}: every facet value in turn. */
  @Param({"selected", "oneVsRest"})
  public String facetMode = "selected";

  private byte[] facet = new byte[0];
  private byte[] label = new byte[0];
  private byte[] predicted = new byte[0];
  private byte[] group = new byte[0];
  private @Nullable Path file;
  private @Nullable BiasConfig config;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    facet = new byte[ROWS];
    label = new byte[ROWS];
    predicted = new byte[ROWS];
    group = new byte[ROWS];
    double[] zipf = zipfCumulative(FACETS.length, 1.1);
    for (int i = 0; i < ROWS; i++) {
      facet[i] = (byte) sample(zipf, random.nextDouble());
      label[i] = (byte) (random.nextDouble() < 0.3 + 0.05 * facet[i] ? 1 : 0);
      predicted[i] = (byte) (random.nextDouble() < 0.85 ? label[i] : 1 - label[i]);
      group[i] = (byte) random.nextInt(GROUPS.length);
    }
    BiasConfig.Builder builder =
        BiasConfig.builder()
            .label("y", ValueSelector.anyOf("1"))
            .predictedLabel("yhat")
            .groupVariable("g");
    config =
        (facetMode.equals("selected")
                ? builder.facet("x", ValueSelector.anyOf("b"))
                : builder.facet("x"))
            .build();
    if (input.equals("parquet")) {
      file = Files.createTempFile("bias-benchmark", ".parquet");
      writeParquet(file);
    } else if (input.equals("csv")) {
      file = Files.createTempFile("bias-benchmark", ".csv");
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write("id,x,y,yhat,g,score\n");
        for (int i = 0; i < ROWS; i++) {
          out.write(Integer.toString(i));
          out.write(',');
          out.write(FACETS[facet[i]]);
          out.write(',');
          out.write(BITS[label[i]]);
          out.write(',');
          out.write(BITS[predicted[i]]);
          out.write(',');
          out.write(GROUPS[group[i]]);
          out.write(",0.5\n");
        }
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  @Benchmark
  public BiasAnalysis analyze() {
    BiasConfig c = java.util.Objects.requireNonNull(config);
    try (BiasRowSource source =
        file != null ? BiasRowSource.open(file, c.columns()) : new ArraySource(c.columns())) {
      return BiasAnalyzer.analyze(c, source);
    }
  }

  private void writeParquet(Path path) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message row { required int64 id; required binary x (STRING); required int32 y;"
                + " required int32 yhat; required binary g (STRING); required double score; }");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    Files.delete(path); // the writer creates it
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(path))
            .withConf(new PlainParquetConfiguration())
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        writer.write(
            groups
                .newGroup()
                .append("id", (long) i)
                .append("x", FACETS[facet[i]])
                .append("y", (int) label[i])
                .append("yhat", (int) predicted[i])
                .append("g", GROUPS[group[i]])
                .append("score", 0.5));
      }
    }
  }

  private static double[] zipfCumulative(int n, double exponent) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      cumulative[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= sum;
    }
    return cumulative;
  }

  private static int sample(double[] cumulative, double u) {
    for (int k = 0; k < cumulative.length; k++) {
      if (u < cumulative[k]) {
        return k;
      }
    }
    return cumulative.length - 1;
  }

  /** Rows from the generated arrays, as shared constant strings (no per-row allocation). */
  private final class ArraySource implements BiasRowSource {
    private final BiasColumns columns;
    private int row = -1;

    ArraySource(BiasColumns columns) {
      this.columns = columns;
    }

    @Override
    public BiasColumns columns() {
      return columns;
    }

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public boolean next() {
      return ++row < ROWS;
    }

    @Override
    public String facet() {
      return FACETS[facet[row]];
    }

    @Override
    public String label() {
      return BITS[label[row]];
    }

    @Override
    public String predictedLabel() {
      return BITS[predicted[row]];
    }

    @Override
    public String groupVariable() {
      return GROUPS[group[row]];
    }

    @Override
    public void close() {}
  }
}
