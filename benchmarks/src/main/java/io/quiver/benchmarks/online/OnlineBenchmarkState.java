package io.quiver.benchmarks.online;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters shared by the states of the online benchmarks and the order in which a benchmark
 * visits records, drawn once per trial. Single-threaded: the cursor is a plain field. (JMH reads
 * {@code @Param} only in {@code @State} classes, hence the annotation on this base.)
 */
@State(Scope.Benchmark)
public abstract class OnlineBenchmarkState {
  private static final int ORDER_LENGTH = 1 << 20;
  private static final long SEED = 20_260_101L;

  /** How many records are preloaded (and, for puts, how many identifiers rotate). */
  @Param("100000")
  public int records;

  /** The encoded size of every record, in bytes. */
  @Param("1024")
  public int recordBytes;

  /** Which records the benchmark touches. */
  @Param("ZIPF")
  public KeyDistribution distribution = KeyDistribution.ZIPF;

  private int[] order = new int[0];
  private int cursor;

  /** Draws the visiting order; call from {@code @Setup(Level.Trial)}. */
  final void drawOrder() {
    order = distribution.draw(records, ORDER_LENGTH, new SplittableRandom(SEED));
    cursor = 0;
  }

  /** The position of the next record to touch. */
  final int next() {
    int position = order[cursor];
    cursor = (cursor + 1) & (ORDER_LENGTH - 1);
    return position;
  }
}
