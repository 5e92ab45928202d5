package io.quiver.wrangler.analyze.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.input.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statistic of the profile against a brute-force computation over the same rows: exact
 * statistics equal, sketched ones within their documented bounds.
 */
class ProfilerTest {
  private static final int ROWS = 60_000;
  private static final int BATCH = 7_000;
  private static final List<AnalysisColumn> COLUMNS =
      List.of(
          new AnalysisColumn("x", ColumnKind.DOUBLE),
          new AnalysisColumn("n", ColumnKind.LONG),
          new AnalysisColumn("city", ColumnKind.STRING),
          new AnalysisColumn("id", ColumnKind.STRING),
          new AnalysisColumn("flag", ColumnKind.BOOLEAN),
          new AnalysisColumn("wide", ColumnKind.DOUBLE));

  // column-major brute-force copies (null = missing)
  private static final Double[] X = new Double[ROWS];
  private static final Long[] N = new Long[ROWS];
  private static final String[] CITY = new String[ROWS];
  private static final String[] ID = new String[ROWS];
  private static final Boolean[] FLAG = new Boolean[ROWS];
  private static final Double[] WIDE = new Double[ROWS];
  private static final int PLANTED_OUTLIERS = 120;
  private static final int PLANTED_DUPLICATES = 37;
  private static DatasetProfile profile;

  @BeforeAll
  static void profileOnce() {
    Random random = new Random(7);
    String[] cities = {"Lyon", "Oslo", "Lima", "Pune", "Kobe", "  "};
    for (int r = 0; r < ROWS; r++) {
      double x = 10 + 3 * random.nextGaussian();
      if (r % 500 == 17) {
        x = 1_000 + random.nextDouble(); // far outliers
      }
      X[r] = r % 97 == 0 ? null : x;
      if (r % 1001 == 5) {
        X[r] = Double.NaN;
      }
      if (r % 2003 == 9) {
        X[r] = Double.POSITIVE_INFINITY;
      }
      N[r] = r % 31 == 0 ? null : (long) random.nextInt(40) - 5;
      CITY[r] = r % 13 == 0 ? null : cities[random.nextInt(cities.length)];
      ID[r] = "id-" + r;
      FLAG[r] = random.nextBoolean();
      WIDE[r] = random.nextDouble() * 1e6;
    }
    for (int d = 0; d < PLANTED_DUPLICATES; d++) {
      int from = 100 + d;
      int to = ROWS - 1 - d;
      X[to] = X[from];
      N[to] = N[from];
      CITY[to] = CITY[from];
      ID[to] = ID[from];
      FLAG[to] = FLAG[from];
      WIDE[to] = WIDE[from];
    }
    profile =
        Profiler.profile(
            source(),
            ProfileOptions.defaults().withThreads(2).withSampleRows(500),
            ProfileListener.NONE);
  }

  static BatchSource source() {
    List<ColumnBatch> batches = new ArrayList<>();
    for (int start = 0; start < ROWS; start += BATCH) {
      int n = Math.min(BATCH, ROWS - start);
      ColumnVector x = new ColumnVector(ColumnKind.DOUBLE, n);
      ColumnVector nv = new ColumnVector(ColumnKind.LONG, n);
      ColumnVector city = new ColumnVector(ColumnKind.STRING, n);
      ColumnVector id = new ColumnVector(ColumnKind.STRING, n);
      ColumnVector flag = new ColumnVector(ColumnKind.BOOLEAN, n);
      ColumnVector wide = new ColumnVector(ColumnKind.DOUBLE, n);
      for (int i = 0; i < n; i++) {
        int r = start + i;
        if (X[r] == null) {
          x.setNull(i);
        } else {
          x.setDouble(i, X[r]);
        }
        if (N[r] == null) {
          nv.setNull(i);
        } else {
          nv.setLong(i, N[r]);
        }
        if (CITY[r] == null) {
          city.setNull(i);
        } else {
          city.setString(i, CITY[r]);
        }
        id.setString(i, ID[r]);
        flag.setLong(i, FLAG[r] ? 1 : 0);
        wide.setDouble(i, WIDE[r]);
      }
      batches.add(new ColumnBatch(n, List.of(x, nv, city, id, flag, wide)));
    }
    return BatchSource.of(COLUMNS, batches.iterator());
  }

  private static double[] finite(Double[] values) {
    return Arrays.stream(values)
        .filter(v -> v != null && Double.isFinite(v))
        .mapToDouble(Double::doubleValue)
        .toArray();
  }

  @Test
  void countsMissingAndInvalidAreExact() {
    ColumnProfile x = profile.column("x").orElseThrow();
    long nulls = Arrays.stream(X).filter(v -> v == null || v.isNaN()).count();
    long infinite = Arrays.stream(X).filter(v -> v != null && v.isInfinite()).count();
    assertThat(profile.rows()).isEqualTo(ROWS);
    assertThat(x.count()).isEqualTo(ROWS);
    assertThat(x.missing()).isEqualTo(nulls);
    assertThat(x.invalid()).isEqualTo(infinite);
    ColumnProfile city = profile.column("city").orElseThrow();
    long blankOrNull = Arrays.stream(CITY).filter(v -> v == null || v.isBlank()).count();
    assertThat(city.missing()).isEqualTo(blankOrNull);
  }

  @Test
  void extremesAndMomentsMatchATwoPassComputation() {
    double[] v = finite(X);
    double mean = Arrays.stream(v).average().orElseThrow();
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double d : v) {
      double e = d - mean;
      m2 += e * e;
      m3 += e * e * e;
      m4 += e * e * e * e;
    }
    int n = v.length;
    ColumnProfile x = profile.column("x").orElseThrow();
    assertThat(x.min()).isEqualTo(Arrays.stream(v).min().orElseThrow());
    assertThat(x.max()).isEqualTo(Arrays.stream(v).max().orElseThrow());
    assertThat(x.mean()).isCloseTo(mean, within(1e-9 * Math.abs(mean)));
    assertThat(x.sum()).isCloseTo(Arrays.stream(v).sum(), within(1e-6));
    assertThat(x.stdDev()).isCloseTo(Math.sqrt(m2 / (n - 1)), within(1e-9));
    assertThat(x.populationStdDev()).isCloseTo(Math.sqrt(m2 / n), within(1e-9));
    assertThat(x.skewness()).isCloseTo(Math.sqrt(n) * m3 / Math.pow(m2, 1.5), within(1e-9));
    assertThat(x.kurtosis()).isCloseTo(n * m4 / (m2 * m2), within(1e-7));
    assertThat(x.integral()).isFalse();
    assertThat(profile.column("n").orElseThrow().integral()).isTrue();
  }

  @Test
  void quantilesAreWithinTheSketchRankError() {
    double[] v = finite(X);
    Arrays.sort(v);
    ColumnProfile x = profile.column("x").orElseThrow();
    double error = x.quantileRankError();
    for (double rank : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
      double q = x.quantile(rank);
      // the exact normalised rank of q must be within the error of the asked rank
      int below = lowerBound(v, q);
      int atOrBelow = lowerBound(v, Math.nextUp(q));
      double lo = (double) below / v.length;
      double hi = (double) atOrBelow / v.length;
      assertThat(rank).isBetween(lo - error, hi + error);
    }
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Test
  void histogramCountsAreExactForTheirEdges() {
    for (String name : List.of("x", "n", "wide")) {
      ColumnProfile column = profile.column(name).orElseThrow();
      Histogram histogram = column.histogram();
      double[] values =
          name.equals("n")
              ? Arrays.stream(N).filter(v -> v != null).mapToDouble(Long::doubleValue).toArray()
              : finite(name.equals("x") ? X : WIDE);
      double[] edges = histogram.edges();
      long[] expected = new long[histogram.bins()];
      for (double value : values) {
        for (int b = 0; b < expected.length; b++) {
          if (value >= edges[b] && value < edges[b + 1]) {
            expected[b]++;
            break;
          }
        }
      }
      assertThat(histogram.counts()).as(name).containsExactly(expected);
      assertThat(Arrays.stream(histogram.counts()).sum()).isEqualTo(values.length);
    }
    // small integer ranges get one bin per integer
    Histogram n = profile.column("n").orElseThrow().histogram();
    assertThat(n.edges()[1] - n.edges()[0]).isEqualTo(1.0);
  }

  @Test
  void distinctAndFrequentValuesAreExactForFewValuesAndBoundedForMany() {
    ColumnProfile city = profile.column("city").orElseThrow();
    Map<String, Long> counts = new TreeMap<>();
    for (String c : CITY) {
      if (c != null && !c.isBlank()) {
        counts.merge(c, 1L, Long::sum);
      }
    }
    assertThat(city.distinct()).isEqualTo(DistinctCount.exact(counts.size()));
    assertThat(city.frequenciesExact()).isTrue();
    ValueCount top = city.mostFrequent().get(0);
    assertThat(top.count()).isEqualTo(counts.values().stream().max(Long::compare).orElseThrow());
    assertThat(counts.get(top.value())).isEqualTo(top.count());
    ValueCount bottom = city.leastFrequent().get(0);
    assertThat(bottom.count()).isEqualTo(counts.values().stream().min(Long::compare).orElseThrow());
    assertThat(city.type()).isEqualTo(ColumnType.CATEGORICAL);

    Set<String> ids = new HashSet<>(Arrays.asList(ID));
    ColumnProfile id = profile.column("id").orElseThrow();
    assertThat(id.distinct().exact()).isFalse();
    assertThat((double) ids.size())
        .isBetween(id.distinct().lowerBound(), id.distinct().upperBound());
    assertThat(id.leastFrequent()).isEmpty();

    Map<Long, Long> ns = new HashMap<>();
    for (Long v : N) {
      if (v != null) {
        ns.merge(v, 1L, Long::sum);
      }
    }
    ColumnProfile n = profile.column("n").orElseThrow();
    assertThat(n.distinct().rounded()).isEqualTo(ns.size());
    ValueCount topN = n.mostFrequent().get(0);
    assertThat(ns.get(Long.parseLong(topN.value()))).isEqualTo(topN.count());
    assertThat(profile.column("flag").orElseThrow().type()).isEqualTo(ColumnType.BINARY);
  }

  @Test
  void robustOutliersFindThePlantedOnesWithinTheirBound() {
    ColumnProfile x = profile.column("x").orElseThrow();
    long planted = 0;
    for (Double v : X) {
      if (v != null && v >= 1_000 && v < 1_001) {
        planted++;
      }
    }
    assertThat(x.outliers()).isCloseTo(planted, within(x.outliersErrorBound() + 0.5));
    assertThat(x.outliers()).isGreaterThanOrEqualTo(planted - 0.5);
  }

  @Test
  void duplicateRowsAreCountedExactly() {
    assertThat(profile.duplicateRows()).isEqualTo(PLANTED_DUPLICATES);
  }

  @Test
  void theSampleIsTheSameWhateverTheThreadsAndHoldsRealRows() {
    DatasetProfile single =
        Profiler.profile(
            source(),
            ProfileOptions.defaults().withThreads(1).withSampleRows(500),
            ProfileListener.NONE);
    assertThat(profile.sample().rows()).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(single.sample().rows().get(i)).containsExactly(profile.sample().rows().get(i));
    }
    Set<String> ids = new HashSet<>();
    for (Object[] row : profile.sample().rows()) {
      ids.add((String) row[3]);
    }
    assertThat(ids.size()).isGreaterThan(490);
  }
}
