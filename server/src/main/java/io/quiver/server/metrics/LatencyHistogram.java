package io.quiver.server.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of request latencies over fixed buckets from 50 µs to 10 s. Thread-safe
 * and lock-free; buckets are stored non-cumulatively and summed when written out.
 */
final class LatencyHistogram {
  /** Bucket upper bounds in seconds. */
  static final double[] BOUNDS = {
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    2.5, 5, 10
  };

  private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
  private final LongAdder sumNanos = new LongAdder();

  LatencyHistogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void record(long nanos) {
    double seconds = nanos / 1e9;
    int i = 0;
    while (i < BOUNDS.length && seconds > BOUNDS[i]) {
      i++;
    }
    buckets[i].increment();
    sumNanos.add(nanos);
  }

  void writeTo(StringBuilder out, String name, String labels) {
    long cumulative = 0;
    for (int i = 0; i < buckets.length; i++) {
      cumulative += buckets[i].sum();
      String le = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
      out.append(name)
          .append("_bucket{")
          .append(labels)
          .append(",le=\"")
          .append(le)
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    out.append(name)
        .append("_sum{")
        .append(labels)
        .append("} ")
        .append(sumNanos.sum() / 1e9)
        .append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
  }
}
