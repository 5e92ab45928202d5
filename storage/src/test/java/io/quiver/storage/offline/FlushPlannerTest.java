package io.quiver.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.offline.FlushManifest.PlannedFile;
import io.quiver.storage.offline.FlushPlanner.StagedEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning, naming and the manifest format; the catalog side is covered through the store. */
class FlushPlannerTest {
  static final long HOUR = 3_600_000_000L;
  static final long T = 1_709_632_800_000_000L; // 2024-03-05T10:00:00Z

  @Test
  void partitionsAreHourlyByEventTimeInUtc() {
    assertThat(OfflineLayout.partition(T)).isEqualTo("year=2024/month=03/day=05/hour=10");
    assertThat(OfflineLayout.partition(T - 1)).isEqualTo("year=2024/month=03/day=05/hour=09");
    assertThat(OfflineLayout.partition(-1)).isEqualTo("year=1969/month=12/day=31/hour=23");
  }

  @Test
  void tagsAreSixteenAlphanumericsThatDependOnEveryInput() {
    String tag = OfflineLayout.tag(1, 2, new long[] {3, 4});
    assertThat(tag)
        .matches("[0-9A-Za-z]{16}")
        .isEqualTo(OfflineLayout.tag(1, 2, new long[] {3, 4}));
    assertThat(
            List.of(
                OfflineLayout.tag(9, 2, new long[] {3, 4}),
                OfflineLayout.tag(1, 9, new long[] {3, 4}),
                OfflineLayout.tag(1, 2, new long[] {3, 9})))
        .doesNotContain(tag)
        .doesNotHaveDuplicates();
  }

  @Test
  void rowsAreOrderedByEventTimeThenSequenceAndSplitByRowsAndBytes() {
    List<StagedEntry> entries = new ArrayList<>();
    entries.add(new StagedEntry(5, 7, T + 2, new byte[10]));
    entries.add(new StagedEntry(1, 7, T + 3, new byte[10]));
    entries.add(new StagedEntry(3, 7, T + 2, new byte[10]));
    entries.add(new StagedEntry(2, 7, T + HOUR, new byte[10])); // next hour
    entries.add(new StagedEntry(4, 7, T + 1, new byte[10]));
    List<PlannedFile> files = FlushPlanner.plan(entries, id -> "g/data", 99, 2, Long.MAX_VALUE);
    assertThat(files)
        .extracting(f -> Arrays.toString(f.sequences()))
        .containsExactly("[4, 3]", "[5, 1]", "[2]");
    assertThat(files.get(0).key()).contains("/hour=10/20240305T100000Z_");
    assertThat(files.get(2).key()).contains("/hour=11/20240305T110000Z_");

    List<PlannedFile> byBytes = FlushPlanner.plan(entries, id -> "g/data", 99, 100, 15);
    assertThat(byBytes).extracting(f -> f.sequences().length).containsExactly(2, 2, 1);
    assertThat(FlushPlanner.plan(entries, id -> "g/data", 99, 100, 15))
        .usingRecursiveComparison()
        .isEqualTo(byBytes);
  }

  @Test
  void manifestsRoundTrip() {
    FlushManifest manifest =
        new FlushManifest(
            42,
            1234,
            List.of(
                new PlannedFile(7, "a/b/c.parquet", new long[] {42, 43}),
                new PlannedFile(8, "d.parquet", new long[] {44})));
    FlushManifest decoded = FlushManifest.decode(42, manifest.encode());
    assertThat(decoded).usingRecursiveComparison().isEqualTo(manifest);
    assertThat(manifest.encode()[0]).isEqualTo(FlushManifest.FORMAT_VERSION);
  }
}
