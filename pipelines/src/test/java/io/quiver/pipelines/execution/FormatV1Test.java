package io.quiver.pipelines.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden pipelines folder of format version 1 (docs/format/pipelines.md) reads back whole. */
class FormatV1Test {
  static final Path GOLDEN = Path.of("src/test/resources/format/v1/pipelines");
  static final String EXECUTION = "30ogcyjtg7yo";

  @TempDir Path dir;

  Path copy() throws Exception {
    Path root = dir.resolve("pipelines");
    try (Stream<Path> files = Files.walk(GOLDEN)) {
      for (Path f : files.toList()) {
        Path target = root.resolve(GOLDEN.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return root;
  }

  PipelineEngine open(Path root) {
    return PipelineEngine.open(
        PipelineEngineConfig.builder(root)
            .clock(() -> Instant.parse("2026-01-02T00:00:00Z"))
            .build());
  }

  @Test
  void goldenFolderReadsBackAndFeedsTheCache() throws Exception {
    try (PipelineEngine engine = open(copy())) {
      PipelineDescription p = engine.describePipeline("golden");
      assertThat(p.displayName()).isEqualTo("Golden");
      assertThat(p.maxParallelSteps()).isEqualTo(2);
      assertThat(p.tags()).isEqualTo(Map.of("team", "ml"));
      assertThat(p.versionId()).isEqualTo(1);
      List<ExecutionSnapshot> runs = engine.listExecutions("golden");
      assertThat(runs)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.status()).isEqualTo(ExecutionStatus.Succeeded);
                assertThat(r.header().executionId()).isEqualTo(EXECUTION);
                assertThat(r.header().parameters().get("Limit").asLong()).isEqualTo(7);
                assertThat(r.steps()).extracting(StepSnapshot::name).containsExactly("A", "C");
                assertThat(r.steps().get(1).properties().get("Outcome").asBoolean()).isTrue();
              });

      ExecutionSnapshot again = engine.startExecution(ExecutionStart.of("golden", Map.of()));
      ExecutionSnapshot done =
          engine.completion(again.header().executionArn()).get(60, TimeUnit.SECONDS);
      assertThat(done.steps().get(0).cacheSource()).isEqualTo(runs.get(0).header().executionArn());
    }
  }

  @Test
  void aTornLastLineIsDroppedButDamageBeforeItIsReported() throws Exception {
    Path root = copy();
    Path journal = root.resolve("executions/" + EXECUTION + "/journal.log");
    Files.writeString(
        journal, "0000abcd {\"event\":\"ExecutionSta", UTF_8, StandardOpenOption.APPEND);
    try (PipelineEngine engine = open(root)) {
      assertThat(engine.listExecutions("golden").get(0).status())
          .isEqualTo(ExecutionStatus.Succeeded);
    }
    String text = Files.readString(journal, UTF_8);
    assertThat(text).endsWith("\"status\":\"Succeeded\"}\n");

    Files.writeString(journal, text.replaceFirst("\"attempt\":1", "\"attempt\":2"), UTF_8);
    assertThatThrownBy(() -> open(root))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "Cannot read the pipeline journal "
                + journal
                + ": line 2 is damaged (checksum mismatch); the execution's state cannot be trusted");
  }

  @Test
  void anotherFormatVersionIsRefused() throws Exception {
    Path root = copy();
    Files.writeString(
        root.resolve("format.json"), "{\"format\": \"quiver-pipelines\", \"formatVersion\": 2}");

    assertThatThrownBy(() -> open(root))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "Cannot open the pipelines folder "
                + root
                + ": its format version is 2 (expected: 1; use the Quiver release that wrote it)");
  }

  @Test
  void oneEngineAtATimeHoldsTheFolder() throws Exception {
    Path root = copy();
    try (PipelineEngine first = open(root)) {
      assertThatThrownBy(() -> open(root))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("another Quiver engine is using it");
    }
  }
}
