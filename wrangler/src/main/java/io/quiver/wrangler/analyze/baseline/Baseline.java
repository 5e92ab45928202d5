package io.quiver.wrangler.analyze.baseline;

import static java.util.Objects.requireNonNull;

import io.quiver.wrangler.analyze.profile.DatasetProfile;
import java.nio.file.Path;
import java.util.List;

/**
 * A monitoring baseline: the statistics of a reference dataset and the constraints new data must
 * meet, stored as {@code statistics.json} and {@code constraints.json} in one folder, in the shapes
 * SageMaker Model Monitor uses. Suggest one from a profile ({@link #suggest}), edit the constraints
 * if needed, and {@link #check} later datasets against it.
 *
 * <pre>{@code
 * DatasetProfile reference = Profiler.profile(source, ProfileOptions.defaults(), listener);
 * Baseline.suggest(reference).write(dir);
 * List<Violation> found = Baseline.read(dir).check(Profiler.profile(newData, options, listener));
 * ConstraintCheck.write(found, dir.resolve("constraint_violations.json"));
 * }</pre>
 *
 * @param statistics the reference statistics
 * @param constraints the constraints
 */
public record Baseline(BaselineStatistics statistics, BaselineConstraints constraints) {
  /** The statistics file's name. */
  public static final String STATISTICS_FILE = "statistics.json";

  /** The constraints file's name. */
  public static final String CONSTRAINTS_FILE = "constraints.json";

  /** The violations file's name. */
  public static final String VIOLATIONS_FILE = "constraint_violations.json";

  /** Checks the parts. */
  public Baseline {
    requireNonNull(statistics, "statistics");
    requireNonNull(constraints, "constraints");
  }

  /** The statistics and suggested constraints of a profiled reference dataset. */
  public static Baseline suggest(DatasetProfile profile) {
    return new Baseline(BaselineStatistics.of(profile), BaselineConstraints.suggest(profile));
  }

  /**
   * Writes both files into {@code directory}, creating it if needed.
   *
   * @throws java.io.UncheckedIOException if a file cannot be written
   */
  public void write(Path directory) {
    statistics.write(directory.resolve(STATISTICS_FILE));
    constraints.write(directory.resolve(CONSTRAINTS_FILE));
  }

  /**
   * Reads both files from {@code directory}.
   *
   * @throws io.quiver.storage.error.ValidationException if a file is missing or malformed
   */
  public static Baseline read(Path directory) {
    return new Baseline(
        BaselineStatistics.read(directory.resolve(STATISTICS_FILE)),
        BaselineConstraints.read(directory.resolve(CONSTRAINTS_FILE)));
  }

  /** The violations of {@code current} against this baseline (empty if it meets every one). */
  public List<Violation> check(DatasetProfile current) {
    return ConstraintCheck.check(this, current);
  }
}
