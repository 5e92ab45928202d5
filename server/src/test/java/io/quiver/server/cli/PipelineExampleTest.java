package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.pipelines.execution.PipelineEngine;
import io.quiver.server.QuiverServer;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The end-to-end example of docs/pipelines.md, run as the page tells: CSV through a data flow into
 * a feature group, a point-in-time training set, bias and data-quality checks, a local training
 * command, and a registered model.
 */
class PipelineExampleTest {
  static final Path EXAMPLE = Path.of("../docs/pipelines/churn");

  @TempDir Path dir;

  @Test
  void theDocumentedPipelineRegistersAModel() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    try (Stream<Path> files = Files.list(EXAMPLE.resolve("data"))) {
      for (Path f : files.toList()) {
        Files.copy(f, data.resolve(f.getFileName()));
      }
    }
    Path dataDir = dir.resolve("quiver-data");
    CommandLine line = QuiverCommand.newCommandLine();
    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(out));

    int exit =
        line.execute(
            "pipeline",
            "run",
            EXAMPLE.resolve("pipeline.json").toString(),
            "--name",
            "churn",
            "--data-dir",
            dataDir.toString(),
            "--param",
            "DataUri=" + data.toUri().toString().replaceAll("/$", ""),
            "--param",
            "OutputUri=" + dir.resolve("out").toUri().toString().replaceAll("/$", ""),
            "--graph",
            Path.of("target/churn-dag.png").toString());

    assertThat(exit).as("output: %s", out).isZero();
    for (String step :
        List.of(
            "Prepare",
            "TrainingSet",
            "DataBias",
            "DataQuality",
            "Train",
            "AccurateEnough",
            "Register")) {
      assertThat(out.toString()).containsPattern(step + " +Succeeded");
    }
    assertThat(out.toString()).doesNotContain("NotAccurate");
    assertThat(Files.size(Path.of("target/churn-dag.png"))).isPositive();
    assertThat(
            line.execute(
                "pipeline",
                "graph",
                EXAMPLE.resolve("pipeline.json").toString(),
                "-o",
                "target/churn-dag.svg"))
        .isZero();
    try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).build());
        PipelineEngine engine = PipelineEngine.open(QuiverServer.pipelineConfig(store))) {
      assertThat(store.describeFeatureGroup("customers").name()).isEqualTo("customers");
      JsonNode pkg = engine.registry().listModelPackages("churn").get(0);
      assertThat(pkg.get("ModelPackageVersion").asInt()).isEqualTo(1);
      String baseline = pkg.at("/DriftCheckBaselines/Bias/PreTrainingConstraints/S3Uri").asText();
      assertThat(baseline).endsWith("/bias/analysis.json");
      JsonNode analysis =
          new ObjectMapper().readTree(Path.of(java.net.URI.create(baseline)).toFile());
      assertThat(analysis.at("/pre_training_bias_metrics/label").asText()).isEqualTo("churned");
      String statistics = pkg.at("/DriftCheckBaselines/ModelDataQuality/Statistics/S3Uri").asText();
      assertThat(statistics).endsWith("/quality/statistics.json");
      JsonNode stats =
          new ObjectMapper().readTree(Path.of(java.net.URI.create(statistics)).toFile());
      assertThat(stats.at("/dataset/item_count").asLong()).isPositive();
      assertThat(pkg.at("/ModelMetrics/ModelDataQuality/Constraints/S3Uri").asText())
          .endsWith("/quality/constraints.json");
      String model = pkg.at("/InferenceSpecification/Containers/0/ModelDataUrl").asText();
      assertThat(Files.exists(Path.of(java.net.URI.create(model)))).isTrue();
    }
  }
}
