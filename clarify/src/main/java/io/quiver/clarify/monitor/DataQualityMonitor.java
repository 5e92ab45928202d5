package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.baseline.BaselineStatistics;
import io.quiver.wrangler.analyze.baseline.ConstraintCheck;
import io.quiver.wrangler.analyze.baseline.FeatureConstraint;
import io.quiver.wrangler.analyze.baseline.MonitoringConfig;
import io.quiver.wrangler.analyze.baseline.Violation;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.ProfileListener;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of each window's features and predictions, checked against {@code
 * constraints.json} as {@code quiver analyze check} checks a dataset (Model Monitor's data
 * quality). Writes {@code statistics.json} and {@code constraint_violations.json}. The charted
 * values are each feature's completeness and its drift distance from the baseline statistics.
 *
 * @param data the inference records (ground truth is not read)
 * @param baseline the statistics and constraints
 * @param threads profiling threads per window
 */
public record DataQualityMonitor(CapturedData data, Baseline baseline, int threads)
    implements Monitor {
  /** Checks the parts. */
  public DataQualityMonitor {
    requireNonNull(data, "data");
    requireNonNull(baseline, "baseline");
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
    }
  }

  /** A monitor that profiles on one thread. */
  public DataQualityMonitor(CapturedData data, Baseline baseline) {
    this(data, baseline, 1);
  }

  @Override
  public MonitorType type() {
    return MonitorType.DATA_QUALITY;
  }

  WindowResult run(WindowReader reader, MonitoringWindow window, Instant asOf, Path directory) {
    long rows = reader.counts(window, asOf, null).rows();
    if (rows == 0) {
      return WindowResult.failed(window, asOf, 0, "No inference records in the window");
    }
    DatasetProfile profile;
    try (BatchSource source = reader.features(window)) {
      profile =
          Profiler.profile(
              source, ProfileOptions.defaults().withThreads(threads), ProfileListener.NONE);
    }
    List<Violation> found = baseline.check(profile);
    List<MonitorViolation> violations = new ArrayList<>();
    for (Violation v : found) {
      violations.add(
          new MonitorViolation(v.featureName(), v.featureName(), v.checkType(), v.description()));
    }
    BaselineStatistics.of(profile).write(directory.resolve(MonitorFiles.STATISTICS));
    ConstraintCheck.write(found, directory.resolve(MonitorFiles.VIOLATIONS));
    return WindowResult.completed(window, asOf, rows, 0, points(profile), violations);
  }

  private List<MetricPoint> points(DatasetProfile profile) {
    MonitoringConfig config = baseline.constraints().config();
    List<MetricPoint> points = new ArrayList<>();
    for (FeatureConstraint f : baseline.constraints().features()) {
      ColumnProfile column = profile.column(f.name()).orElse(null);
      if (column == null) {
        continue;
      }
      double completeness = column.count() == 0 ? 0 : (double) column.present() / column.count();
      points.add(new MetricPoint("completeness", f.name(), completeness, f.completeness(), 1));
      double distance = ConstraintCheck.driftDistance(baseline, column);
      if (!Double.isNaN(distance)) {
        boolean numerical =
            baseline.statistics().feature(f.name()).map(s -> s.numerical()).orElse(false);
        double threshold =
            numerical ? config.comparisonThreshold() : config.categoricalComparisonThreshold();
        points.add(new MetricPoint("drift_distance", f.name(), distance, 0, threshold));
      }
    }
    return points;
  }
}
