package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver repair} on a data directory whose write-ahead log has a damaged byte. */
class RepairCommandTest {
  @TempDir Path tmp;

  @Test
  void repairKeepsTheWritesBeforeTheDamageListsTheRestAndTheDirectoryThenOpens()
      throws IOException {
    Path damaged = tmp.resolve("damaged");
    try (QuiverStore store =
        QuiverStore.open(StoreConfig.builder(tmp.resolve("live")).syncWrites(true).build())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("fg")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .feature("s", FeatureType.STRING)
              .onlineStore(OnlineStoreConfig.enabled())
              .build());
      for (int i = 0; i < 300; i++) {
        store.putRecord(
            "fg",
            Record.builder()
                .set("id", "r" + i)
                .set("ts", "1700000000")
                .set("s", "x".repeat(100))
                .build());
      }
      copyWhileOpen(tmp.resolve("live"), damaged);
    }
    Path wal = flipMiddleByteOfWal(damaged);

    StringWriter out = new StringWriter();
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out));
    int status = line.execute("repair", "--data-dir", damaged.toString());

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("Repaired " + damaged)
        .contains(wal.getFileName().toString())
        .contains("dropping");
    try (QuiverStore store = QuiverStore.open(damaged)) {
      assertThat(store.walRecoveryLosses()).isEmpty();
      assertThat(store.getRecord("fg", "r0")).isPresent();
    }
    StringWriter again = new StringWriter();
    line.setOut(new PrintWriter(again));
    assertThat(line.execute("repair", "--data-dir", damaged.toString())).isZero();
    assertThat(again.toString()).contains("Nothing to repair");
  }

  private static void copyWhileOpen(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().equals("LOCK")) {
          Files.copy(path, target);
        }
      }
    }
  }

  private static Path flipMiddleByteOfWal(Path dataDir) throws IOException {
    Path wal;
    try (Stream<Path> files = Files.list(dataDir.resolve("db"))) {
      wal = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 0xFF);
    }
    return wal;
  }
}
