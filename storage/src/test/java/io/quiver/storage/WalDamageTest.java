package io.quiver.storage;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 5: one damaged byte in the middle of the RocksDB write-ahead log used to drop
 * every later acknowledged record silently. Now it stops the open with a message naming the file
 * and the ways out; opening with {@link WalRecovery#POINT_IN_TIME} (what {@code quiver repair}
 * does) keeps the records before the damage and reports what was dropped.
 *
 * <p>The log with unflushed records is made as a crash leaves it: the data directory is copied
 * while the store that wrote it (syncing every write) is still open.
 */
class WalDamageTest {
  private static final int RECORDS = 300;

  @TempDir Path tmp;

  @Test
  void damagedByteMidWalStopsTheOpenNamingTheFileAndTheChoices() throws IOException {
    Path copy = crashedCopy();
    Path wal = damageMiddleOfWal(copy);
    assertThatThrownBy(() -> QuiverStore.open(config(copy, WalRecovery.STRICT)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("write-ahead log is damaged")
        .hasMessageContaining(wal.getFileName().toString())
        .hasMessageContaining("quiver repair --data-dir " + copy)
        .hasMessageContaining("--accept-wal-loss");
  }

  @Test
  void pointInTimeOpenKeepsTheWritesBeforeTheDamageAndReportsTheRest() throws IOException {
    Path copy = crashedCopy();
    Path wal = damageMiddleOfWal(copy);
    int kept;
    try (QuiverStore store = QuiverStore.open(config(copy, WalRecovery.POINT_IN_TIME))) {
      assertThat(store.walRecoveryLosses())
          .isNotEmpty()
          .allSatisfy(loss -> assertThat(loss).contains(wal.getFileName().toString()))
          .anySatisfy(loss -> assertThat(loss).containsPattern("dropping [0-9]+ bytes"));
      assertThat(store.getRecord(CUSTOMERS, "c-0")).isPresent();
      kept = countRecords(store);
      assertThat(kept).isBetween(1, RECORDS - 1);
    }
    // The damaged log is gone: the directory now opens strictly, with the same records.
    try (QuiverStore store = QuiverStore.open(config(copy, WalRecovery.STRICT))) {
      assertThat(store.walRecoveryLosses()).isEmpty();
      assertThat(countRecords(store)).isEqualTo(kept);
    }
  }

  @Test
  void intactWalOpensStrictlyWithEveryRecord() throws IOException {
    Path copy = crashedCopy();
    try (QuiverStore store = QuiverStore.open(config(copy, WalRecovery.STRICT))) {
      assertThat(store.walRecoveryLosses()).isEmpty();
      assertThat(countRecords(store)).isEqualTo(RECORDS);
    }
  }

  private static int countRecords(QuiverStore store) {
    int found = 0;
    for (int i = 0; i < RECORDS; i++) {
      if (store.getRecord(CUSTOMERS, "c-" + i).isPresent()) {
        found++;
      }
    }
    return found;
  }

  private static StoreConfig config(Path dataDir, WalRecovery recovery) {
    return StoreConfig.builder(dataDir)
        .syncWrites(true)
        .offlineFlushAge(Duration.ofDays(1))
        .ttlSweepInterval(Duration.ZERO)
        .walRecovery(recovery)
        .build();
  }

  /** A copy of a data directory taken while its store is open, as a crash leaves it. */
  private Path crashedCopy() throws IOException {
    Path live = tmp.resolve("live");
    Path copy = tmp.resolve("copy");
    try (QuiverStore store = QuiverStore.open(config(live, WalRecovery.STRICT))) {
      store.createFeatureGroup(TestGroups.customers());
      for (int i = 0; i < RECORDS; i++) {
        store.putRecord(
            CUSTOMERS, customer("c-" + i, "1700000000").set("bio", "x".repeat(100)).build());
      }
      copyTree(live, copy);
    }
    return copy;
  }

  private static void copyTree(Path from, Path to) throws IOException {
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

  /** Flips the bits of one byte in the middle of the largest write-ahead log file. */
  private static Path damageMiddleOfWal(Path dataDir) throws IOException {
    Path wal;
    try (Stream<Path> files = Files.list(dataDir.resolve("db"))) {
      List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
      wal = logs.stream().max(Comparator.comparingLong(WalDamageTest::size)).orElseThrow();
    }
    long middle = size(wal) / 2;
    try (FileChannel channel =
        FileChannel.open(wal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, middle);
      one.flip();
      byte damaged = (byte) (one.get() ^ 0xFF);
      channel.write(ByteBuffer.wrap(new byte[] {damaged}), middle);
    }
    return wal;
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
