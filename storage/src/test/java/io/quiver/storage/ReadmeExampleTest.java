package io.quiver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippet of the README's "Use it from Java" section, run as written (only the data directory
 * moves into a temporary folder), and a check that the README still shows exactly this code with
 * the imports it needs.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path THIS_SOURCE =
      Path.of("src/test/java/io/quiver/storage/ReadmeExampleTest.java");

  @TempDir Path tempDir;

  @Test
  void readmeSnippetStoresAndReadsARecord() {
    Path dataDir = tempDir.resolve("quiver-data");
    // spotless:off
    // README snippet start
    try (QuiverStore store = QuiverStore.open(dataDir)) {
      store.createFeatureGroup(FeatureGroupSpec.builder("customers")
          .recordIdentifier("customer_id").eventTime("event_time")
          .feature("customer_id", FeatureType.STRING)
          .feature("event_time", FeatureType.FRACTIONAL)
          .feature("orders", FeatureType.INTEGRAL)
          .feature(FeatureDefinition.vector("embedding", 3))
          .onlineStore(OnlineStoreConfig.enabled())
          .build());
      store.putRecord("customers", Record.builder()
          .set("customer_id", "c-42").set("event_time", 1_700_000_000.5).set("orders", 7L)
          .setVector("embedding", 0.1, 0.2, 0.3).build());
      Optional<OnlineRecord> latest = store.getRecord("customers", "c-42");
      // README snippet end
      // spotless:on

      assertThat(latest).isPresent();
      Record record = latest.orElseThrow().record();
      assertThat(record.getString("customer_id")).isEqualTo("c-42");
      assertThat(record.getDouble("event_time")).isEqualTo(1_700_000_000.5);
      assertThat(record.getLong("orders")).isEqualTo(7L);
      assertThat(record.getList("embedding")).containsExactly("0.1", "0.2", "0.3");
      assertThat(latest.orElseThrow().expiresAt()).isNull();
    }
  }

  @Test
  void readmeShowsTheSnippetThisTestRuns() throws IOException {
    String readme = Files.readString(README, UTF_8);
    Matcher block =
        Pattern.compile("## Use it from Java\\n.*?```java\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(block.find()).as("a java block under 'Use it from Java' in %s", README).isTrue();

    String source = Files.readString(THIS_SOURCE, UTF_8);
    int start = source.indexOf("// README snippet start\n") + "// README snippet start\n".length();
    int end = source.indexOf("      // README snippet end");
    List<String> lines =
        source
            .substring(start, end)
            .lines()
            .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
            .toList();
    String snippet =
        String.join("\n", lines)
                .replace("QuiverStore.open(dataDir)", "QuiverStore.open(Path.of(\"quiver-data\"))")
            + "\n}\n";

    String shown = block.group(1);
    int code = shown.indexOf("\n\n");
    assertThat(code).as("imports, a blank line, then the code").isPositive();
    assertThat(shown.substring(code + 2)).isEqualTo(snippet);
    // Every type the snippet names is imported, and every import is a type there is.
    List<String> imports = shown.substring(0, code).lines().toList();
    assertThat(imports)
        .containsExactlyInAnyOrder(
            "import io.quiver.storage.OnlineRecord;",
            "import io.quiver.storage.QuiverStore;",
            "import io.quiver.storage.catalog.FeatureDefinition;",
            "import io.quiver.storage.catalog.FeatureGroupSpec;",
            "import io.quiver.storage.catalog.FeatureType;",
            "import io.quiver.storage.catalog.OnlineStoreConfig;",
            "import io.quiver.storage.record.Record;",
            "import java.nio.file.Path;",
            "import java.util.Optional;");
    for (String line : imports) {
      String type = line.substring("import ".length(), line.length() - 1);
      assertThatCode(() -> Class.forName(type)).as(line).doesNotThrowAnyException();
    }
  }
}
