package io.quiver.wrangler.executor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.flow.Flow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow written the way Data Wrangler writes {@code .flow} files (operator ids, sub-operator
 * objects, stale sibling parameters, Spark models in trained parameters, visualization and dataset
 * nodes, a join of two sources, a split with named outputs) runs: Spark models are refitted, a type
 * map in trained parameters is used as given.
 */
class SageMakerFlowTest {
  @TempDir Path dir;
  Flow flow;

  @BeforeEach
  void data() throws Exception {
    StringBuilder claims =
        new StringBuilder(
            "policy_id,customer,incident_date,amount,collision_type,driver_relationship,notes\n");
    String[] collisions = {"front", "rear", "side", ""};
    for (int i = 0; i < 40; i++) {
      claims
          .append(1000 + i)
          .append(",c")
          .append(i % 7)
          .append(",2024-0")
          .append(1 + i % 9)
          .append('-')
          .append(10 + i % 18)
          .append(',')
          .append(i % 10 == 0 ? "n/a" : Integer.toString(100 + i * 37 % 900))
          .append(',')
          .append(collisions[i % 4])
          .append(',')
          .append(i % 2 == 0 ? "self!" : "spouse#")
          .append(",note ")
          .append(i)
          .append('\n');
    }
    Files.writeString(dir.resolve("claims.csv"), claims.toString(), UTF_8);
    StringBuilder customers = new StringBuilder("customer,age,vip\n");
    for (int i = 0; i < 7; i++) {
      customers
          .append('c')
          .append(i)
          .append(',')
          .append(20 + i * 5)
          .append(',')
          .append(i % 2 == 0 ? "true" : "false")
          .append('\n');
    }
    Files.writeString(dir.resolve("customers.csv"), customers.toString(), UTF_8);
    try (InputStream in = getClass().getResourceAsStream("/flows/sagemaker-style.flow")) {
      flow = Flow.parse(new String(in.readAllBytes(), UTF_8), "sagemaker-style.flow");
    }
  }

  @Test
  void theFlowRunsWithItsModelsRefitted() throws Exception {
    RunResult result =
        FlowRunner.create(FlowRunner.Options.defaults())
            .run(flow, Map.of("data", dir.toString()), RunListener.silent());

    assertThat(result.fitted()).contains("a1b2c3d4-0006", "a1b2c3d4-0007", "b1b2c3d4-0002");
    assertThat(result.flow().node("a1b2c3d4-0006").trainedParameters().get("labels").toString())
        .isEqualTo("[\"front\",\"none\",\"rear\",\"side\"]");
    assertThat(result.destinations())
        .extracting(RunResult.Destination::rows)
        .containsExactlyInAnyOrder(30L, 10L);

    List<String> train = Files.readAllLines(dir.resolve("out/train/part-00000.csv"));
    assertThat(train).hasSize(31);
    assertThat(train.get(0))
        .isEqualTo(
            "policy_id,customer_0,incident_date,amount,driver_relationship,collision_type_front,"
                + "collision_type_none,collision_type_rear,collision_type_side,amount_per_day,incident_year,"
                + "incident_month,incident_quarter,age,vip");
    assertThat(train.subList(1, train.size()))
        .allMatch(line -> line.contains(",self,") || line.contains(",spouse,"));
    try (Stream<Path> files = Files.walk(dir.resolve("out/test"))) {
      assertThat(files.map(p -> dir.resolve("out/test").relativize(p).toString()))
          .anyMatch(p -> p.startsWith("driver_relationship=self/part-"));
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs =
            duck.createStatement()
                .executeQuery(
                    "SELECT count(*), count(DISTINCT driver_relationship) FROM read_parquet('"
                        + dir.resolve("out/test")
                        + "/**/*.parquet', hive_partitioning = true)")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(10);
    }
  }

  @Test
  void aPySparkNodeIsNamedNotSkipped() {
    String json =
        flow.toJson()
            .replace(
                "\"operator\" : \"sagemaker.spark.custom_formula_0.1\"",
                "\"operator\" : \"sagemaker.spark.custom_code_0.1\"");
    Flow pyspark = Flow.parse(json, "pyspark.flow");
    assertThatThrownBy(
            () ->
                FlowRunner.create(FlowRunner.Options.defaults())
                    .run(pyspark, Map.of("data", dir.toString()), RunListener.silent()))
        .hasMessageStartingWith(
            "Node 'a1b2c3d4-0008' (sagemaker.spark.custom_code_0.1): Quiver has no operator 'sagemaker.spark.custom_code_0.1'");
  }
}
