package io.quiver.wrangler.analyze.baseline;

import static io.quiver.wrangler.analyze.profile.Profiles.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.Profiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suggested baselines, their files, and the check of new data against them. */
class BaselineTest {
  private static final List<AnalysisColumn> COLUMNS =
      List.of(
          column("age", ColumnKind.LONG),
          column("income", ColumnKind.DOUBLE),
          column("plan", ColumnKind.STRING),
          column("note", ColumnKind.STRING));
  private static final String[] PLANS = {"basic", "plus", "pro"};

  private static DatasetProfile reference() {
    Random random = new Random(1);
    return Profiles.of(
        COLUMNS,
        5_000,
        i ->
            new Object[] {
              (long) (18 + random.nextInt(60)),
              50_000 + 10_000 * random.nextGaussian(),
              PLANS[i % 3],
              i % 10 == 0 ? null : "note " + i
            });
  }

  @Test
  void suggestedConstraintsFollowTheReference(@TempDir Path dir) throws Exception {
    DatasetProfile reference = reference();
    Baseline.suggest(reference).write(dir);
    Baseline read = Baseline.read(dir);
    FeatureConstraint age = read.constraints().feature("age");
    assertThat(age.inferredType()).isEqualTo("Integral");
    assertThat(age.completeness()).isEqualTo(1.0);
    assertThat(age.nonNegative()).isTrue();
    FeatureConstraint plan = read.constraints().feature("plan");
    assertThat(plan.inferredType()).isEqualTo("String");
    assertThat(plan.domains()).containsExactly("basic", "plus", "pro");
    FeatureConstraint note = read.constraints().feature("note");
    assertThat(note.domains()).isNull();
    // 90% present over 5,000 rows: the 95% lower bound 0.9 - 1.96 * sqrt(0.09 / 5000)
    assertThat(note.completeness()).isCloseTo(0.9 - 1.96 * Math.sqrt(0.09 / 5000), within(1e-4));
    assertThat(read.constraints().config()).isEqualTo(MonitoringConfig.defaults());

    JsonNode stats = new ObjectMapper().readTree(dir.resolve("statistics.json").toFile());
    assertThat(stats.path("dataset").path("item_count").asLong()).isEqualTo(5_000);
    JsonNode income = stats.path("features").get(1);
    assertThat(income.path("inferred_type").asText()).isEqualTo("Fractional");
    JsonNode kll = income.path("numerical_statistics").path("distribution").path("kll");
    assertThat(kll.path("buckets")).hasSize(10);
    long bucketTotal = 0;
    for (JsonNode b : kll.path("buckets")) {
      bucketTotal += b.path("count").asLong();
    }
    assertThat(bucketTotal).as(kll.path("buckets").toString()).isEqualTo(5_000);
    assertThat(kll.path("sketch").path("data").isArray()).isTrue();
    // the sketch read back summarises the same distribution
    FeatureStatistics incomeStats = read.statistics().feature("income").orElseThrow();
    assertThat(incomeStats.sketch().getN()).isEqualTo(5_000);
    // the rebuilt sketch's median is the original's within both sketches' rank error
    var original = reference.column("income").orElseThrow();
    double rank =
        original
            .sketch()
            .getRank(
                incomeStats.sketch().getQuantile(0.5),
                org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
    assertThat(rank).isCloseTo(0.5, within(2 * original.quantileRankError() + 1e-9));
  }

  @Test
  void constraintsFileMatchesTheGoldenFile(@TempDir Path dir) throws Exception {
    Baseline.suggest(reference()).constraints().write(dir.resolve("constraints.json"));
    if (Boolean.getBoolean("quiver.golden.write")) {
      Files.copy(
          dir.resolve("constraints.json"),
          Path.of("src/test/resources/analyze/baseline/constraints.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String golden =
        new String(
            Objects.requireNonNull(
                    getClass().getResourceAsStream("/analyze/baseline/constraints.json"))
                .readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(Files.readString(dir.resolve("constraints.json"))).isEqualTo(golden);
  }

  @Test
  void theReferenceItselfMeetsItsBaseline() {
    DatasetProfile reference = reference();
    assertThat(Baseline.suggest(reference).check(reference)).isEmpty();
  }

  @Test
  void eachBrokenConstraintIsReported(@TempDir Path dir) {
    Baseline.suggest(reference()).write(dir);
    Random random = new Random(2);
    List<AnalysisColumn> changed =
        List.of(
            column("age", ColumnKind.DOUBLE),
            column("income", ColumnKind.DOUBLE),
            column("plan", ColumnKind.STRING),
            column("extra", ColumnKind.LONG));
    DatasetProfile current =
        Profiles.of(
            changed,
            4_000,
            i ->
                new Object[] {
                  i % 4 == 0 ? 30.5 : (double) (i % 7 == 0 ? -3 : 40),
                  90_000 + 10_000 * random.nextGaussian(),
                  i % 5 == 0 ? "enterprise" : (i % 3 == 0 ? null : PLANS[i % 3]),
                  (long) i
                });
    List<Violation> found = Baseline.read(dir).check(current);
    assertThat(found)
        .extracting(v -> v.featureName() + ":" + v.checkType())
        .containsExactlyInAnyOrder(
            "age:data_type_check",
            "age:non_negative_check",
            "age:baseline_drift_check",
            "income:baseline_drift_check",
            "plan:completeness_check",
            "plan:categorical_values_check",
            "plan:baseline_drift_check",
            "note:missing_column_check",
            "extra:extra_column_check");
    Violation type =
        found.stream()
            .filter(v -> v.checkType().equals("data_type_check"))
            .findFirst()
            .orElseThrow();
    assertThat(type.description())
        .isEqualTo(
            "Data type match requirement is not met. Expected data type: Integral, Expected match:"
                + " 90.0%. Observed: Only 75.0% of data is Integral.");
    ConstraintCheck.write(found, dir.resolve(Baseline.VIOLATIONS_FILE));
    assertThat(dir.resolve(Baseline.VIOLATIONS_FILE))
        .content()
        .contains("\"constraint_check_type\"");
  }

  @Test
  void readsAStatisticsFileInSageMakersShape(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("statistics.json"),
        """
        {"version": 0, "dataset": {"item_count": 6},
         "features": [
          {"name": "x", "inferred_type": "Fractional",
           "numerical_statistics": {"common": {"num_present": 6, "num_missing": 0},
             "mean": 3.5, "sum": 21.0, "std_dev": 1.7, "min": 1.0, "max": 6.0,
             "distribution": {"kll": {"buckets": [],
               "sketch": {"parameters": {"c": 0.64, "k": 2048.0},
                          "data": [[1.0, 2.0, 3.0, 4.0], [5.5]]}}}}},
          {"name": "s", "inferred_type": "String",
           "string_statistics": {"common": {"num_present": 6, "num_missing": 0},
             "distinct_count": 2.0,
             "distribution": {"categorical": {"buckets": [{"value": "a", "count": 4},
                                                            {"value": "b", "count": 2}]}}}}]}
        """);
    BaselineStatistics stats = BaselineStatistics.read(dir.resolve("statistics.json"));
    FeatureStatistics x = stats.feature("x").orElseThrow();
    assertThat(x.sketch().getN()).isEqualTo(6); // 4 items of weight 1, one of weight 2
    assertThat(x.sketch().getMaxItem()).isEqualTo(5.5);
    assertThat(stats.feature("s").orElseThrow().categories()).hasSize(2);
  }

  @Test
  void malformedFilesAreRefusedWithTheirName(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("constraints.json"), "{\"features\": 3}");
    assertThatThrownBy(() -> BaselineConstraints.read(dir.resolve("constraints.json")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("constraints.json")
        .hasMessageContaining("features array");
    assertThatThrownBy(() -> Baseline.read(dir.resolve("nowhere")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void numericalDistanceIsTheLargestGapBetweenDistributionFunctions() {
    var a = org.apache.datasketches.kll.KllDoublesSketch.newHeapInstance();
    var b = org.apache.datasketches.kll.KllDoublesSketch.newHeapInstance();
    for (int i = 0; i < 100; i++) {
      a.update(i);
      b.update(i + 30);
    }
    // exact sketches (no compaction): F_a(x) - F_b(x) peaks at 0.30 for x in [29, 99)
    assertThat(ConstraintCheck.numericalDistance(a, b, false)).isCloseTo(0.30, within(1e-12));
    assertThat(ConstraintCheck.numericalDistance(a, b, true)).isCloseTo(0.30, within(1e-12));
  }
}
