package io.quiver.wrangler.analyze.profile;

import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.jspecify.annotations.Nullable;

/**
 * The running profile of one column on one worker: numeric columns (numbers, times, booleans) feed
 * moments, an exact histogram, a KLL sketch and value counts; text columns feed value counts and
 * lengths. Not thread-safe; confined to its worker until merged.
 */
final class ColumnAccumulator {
  static final int DISPLAY_BINS = 30;
  private static final Pattern ISO_DATE =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?");

  private final AnalysisColumn column;
  private final boolean numeric;
  private long count;
  private long missing;
  private long invalid;
  // numeric
  private final @Nullable Moments moments;
  private final @Nullable GridHistogram grid;
  private final @Nullable KllDoublesSketch kll;
  private final @Nullable NumericCounts numericCounts;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private boolean integral = true;
  private long fractional;
  private double[] scratch = new double[0];
  // text
  private final @Nullable StringCounts stringCounts;
  private long lengthSum;
  private int maxLength;

  ColumnAccumulator(AnalysisColumn column, int kllK) {
    this.column = column;
    this.numeric = isNumeric(column.kind());
    this.moments = numeric ? new Moments() : null;
    this.grid = numeric ? new GridHistogram() : null;
    this.kll = numeric ? KllDoublesSketch.newHeapInstance(kllK) : null;
    this.numericCounts = numeric ? new NumericCounts() : null;
    this.stringCounts = numeric ? null : new StringCounts();
    this.integral = column.kind() != ColumnKind.DOUBLE;
  }

  /** Numbers, times and booleans get numeric statistics; text and lists are counted as text. */
  static boolean isNumeric(ColumnKind kind) {
    return kind != ColumnKind.STRING && kind != ColumnKind.LIST;
  }

  void add(ColumnVector vector, int rows) {
    count += rows;
    if (numeric) {
      addNumbers(vector, rows);
    } else {
      addText(vector, rows);
    }
  }

  private void addNumbers(ColumnVector vector, int rows) {
    if (scratch.length < rows) {
      scratch = new double[rows];
    }
    double[] values = scratch;
    int n = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    NumericCounts counts = numericCounts;
    if (column.kind() == ColumnKind.DOUBLE) {
      long notWhole = 0;
      for (int r = 0; r < rows; r++) {
        if (vector.isNull(r)) {
          missing++;
          continue;
        }
        double x = vector.getDouble(r);
        if (x != x) {
          missing++;
          continue;
        }
        if (Double.isInfinite(x)) {
          invalid++;
          continue;
        }
        counts.add(Double.doubleToLongBits(x + 0.0)); // -0.0 counts as 0.0
        notWhole += x == Math.rint(x) ? 0 : 1;
        values[n++] = x;
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      fractional += notWhole;
      integral &= notWhole == 0;
    } else {
      for (int r = 0; r < rows; r++) {
        if (vector.isNull(r)) {
          missing++;
          continue;
        }
        long l = vector.getLong(r);
        counts.add(l);
        double x = l;
        values[n++] = x;
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    if (n == 0) {
      return;
    }
    moments.addAll(values, n);
    grid.addAll(values, n, lo, hi);
    kll.update(values, 0, n);
    min = Math.min(min, lo);
    max = Math.max(max, hi);
  }

  private void addText(ColumnVector vector, int rows) {
    StringCounts counts = stringCounts;
    for (int r = 0; r < rows; r++) {
      String s =
          vector.kind() == ColumnKind.STRING
              ? vector.getString(r)
              : vector.isNull(r) ? null : String.valueOf(vector.get(r));
      if (s == null || s.isBlank()) {
        missing++;
        continue;
      }
      counts.add(s);
      lengthSum += s.length();
      maxLength = Math.max(maxLength, s.length());
    }
  }

  void merge(ColumnAccumulator other) {
    count += other.count;
    missing += other.missing;
    invalid += other.invalid;
    if (numeric) {
      moments.merge(other.moments);
      grid.merge(other.grid);
      kll.merge(other.kll);
      numericCounts.merge(other.numericCounts);
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      integral &= other.integral;
      fractional += other.fractional;
    } else {
      stringCounts.merge(other.stringCounts);
      lengthSum += other.lengthSum;
      maxLength = Math.max(maxLength, other.maxLength);
    }
  }

  ColumnProfile finish(long sourceInvalid) {
    long bad = invalid + sourceInvalid;
    if (!numeric) {
      return finishText(bad);
    }
    DistinctCount distinct = numericCounts.distinct();
    List<ValueCount> counts = numericCounts.counts(this::text);
    boolean exact = numericCounts.exact();
    long n = moments.n;
    double median = n == 0 ? Double.NaN : kll.getQuantile(0.5);
    double outliers = Double.NaN;
    double outliersBound = Double.NaN;
    if (n > 0) {
      double robustStd = grid.clippedStdDev(kll.getQuantile(0.05), kll.getQuantile(0.95));
      double reach = 5 * (Double.isNaN(robustStd) ? 0 : robustStd);
      double[] outside = grid.countOutside(median - reach, median + reach);
      outliers = outside[0];
      outliersBound = outside[1];
    }
    ColumnType type;
    if (column.kind() == ColumnKind.TIMESTAMP_MICROS) {
      type = ColumnType.DATETIME;
    } else if (distinct.exact() && distinct.rounded() == 2) {
      type = ColumnType.BINARY;
    } else {
      type = ColumnType.NUMERIC;
    }
    return new ColumnProfile(
        column.name(),
        column.kind(),
        type,
        count,
        missing,
        bad,
        distinct,
        n == 0 ? Double.NaN : min,
        n == 0 ? Double.NaN : max,
        n == 0 ? Double.NaN : moments.mean,
        moments.sampleStdDev(),
        moments.populationStdDev(),
        n == 0 ? 0 : moments.mean * n,
        moments.skewness(),
        moments.kurtosis(),
        kll,
        grid.display(DISPLAY_BINS, integral),
        outliers,
        outliersBound,
        integral,
        fractional,
        Frequencies.most(counts),
        exact ? Frequencies.least(counts) : List.of(),
        exact,
        Double.NaN,
        0);
  }

  private ColumnProfile finishText(long bad) {
    DistinctCount distinct = stringCounts.distinct();
    List<ValueCount> counts = stringCounts.counts();
    boolean exact = stringCounts.exact();
    long present = count - missing;
    double meanLength = present == 0 ? Double.NaN : (double) lengthSum / present;
    List<ValueCount> most = Frequencies.most(counts);
    ColumnType type;
    if (present > 0 && most.stream().allMatch(v -> ISO_DATE.matcher(v.value()).matches())) {
      type = ColumnType.DATETIME;
    } else if (distinct.exact() && distinct.rounded() == 2) {
      type = ColumnType.BINARY;
    } else if (meanLength >= 20 && distinct.estimate() > 0.5 * present) {
      type = ColumnType.TEXT;
    } else {
      type = ColumnType.CATEGORICAL;
    }
    return new ColumnProfile(
        column.name(),
        column.kind(),
        type,
        count,
        missing,
        bad,
        distinct,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0,
        Double.NaN,
        Double.NaN,
        null,
        null,
        Double.NaN,
        Double.NaN,
        false,
        0,
        most,
        exact ? Frequencies.least(counts) : List.of(),
        exact,
        meanLength,
        maxLength);
  }

  /** A numeric key as text: the number, the time (ISO-8601) or the boolean. */
  private String text(long key) {
    return switch (column.kind()) {
      case DOUBLE -> Double.toString(Double.longBitsToDouble(key));
      case BOOLEAN -> key != 0 ? "true" : "false";
      case TIMESTAMP_MICROS ->
          Instant.ofEpochSecond(
                  Math.floorDiv(key, 1_000_000L), Math.floorMod(key, 1_000_000L) * 1_000L)
              .toString();
      default -> Long.toString(key);
    };
  }
}
