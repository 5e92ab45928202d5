package io.quiver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.internal.online.OnlineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The online family's memtable is hashed by whole key (see {@code RocksDatabase}): point reads and
 * in-place updates find a key in its bucket, and every iterator still reads the family in key
 * order, across groups, whether the keys are in the memtable, in table files, or both.
 */
class OnlineHashedMemtableTest {
  @TempDir Path dir;

  @Test
  void theOnlineFamilyUsesTheHashedMemtable() {
    try (RocksDatabase database = RocksDatabase.open(StoreConfig.builder(dir).build())) {
      assertThat(optionsFileLine(database, "memtable_factory")).contains("HashSkipListRepFactory");
      assertThat(optionsFileLine(database, "prefix_extractor")).contains("rocksdb.Noop");
    }
  }

  /**
   * A seek to a group's first key, shorter than every key of the group, lands on the group's first
   * record: with prefix iteration it would look in the bucket of the 8-byte key alone and find
   * nothing.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void isGroupEmptySeesRecordsInTheMemtableAndInTableFiles(boolean flushed)
      throws RocksDBException {
    try (RocksDatabase database = RocksDatabase.open(StoreConfig.builder(dir).build())) {
      OnlineStore online = new OnlineStore(database.db, database.online, database.catalog);
      database.db.put(database.online, OnlineStore.key(7, "x"), bytes("v"));
      if (flushed) {
        flush(database);
      }
      assertThat(online.isGroupEmpty(7)).isFalse();
      assertThat(online.isGroupEmpty(6)).isTrue();
      assertThat(online.isGroupEmpty(8)).isTrue();
    }
  }

  @Test
  void iteratorsReadEveryKeyInOrderAcrossTheMemtableAndTableFiles() throws RocksDBException {
    List<String> expected = new ArrayList<>();
    try (RocksDatabase database = RocksDatabase.open(StoreConfig.builder(dir).build())) {
      for (long group = 1; group <= 3; group++) {
        for (int i = 0; i < 50; i++) {
          database.db.put(database.online, OnlineStore.key(group, "id" + i), bytes("v"));
        }
      }
      flush(database);
      // Half of group 2 again, newer, in the memtable; and group 4 only there.
      for (int i = 0; i < 50; i += 2) {
        database.db.put(database.online, OnlineStore.key(2, "id" + i), bytes("w"));
      }
      for (int i = 0; i < 50; i++) {
        database.db.put(database.online, OnlineStore.key(4, "id" + i), bytes("v"));
      }
      for (long group = 1; group <= 4; group++) {
        for (int i = 0; i < 50; i++) {
          expected.add(group + "/id" + i);
        }
      }
      expected.sort(null);

      List<String> read = new ArrayList<>();
      try (RocksIterator it = database.db.newIterator(database.online)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          read.add(name(it.key()));
        }
        assertThat(read).isEqualTo(expected);

        it.seek(OnlineStore.key(2, "id25"));
        assertThat(name(it.key())).isEqualTo("2/id25");
        it.next();
        assertThat(name(it.key())).isEqualTo("2/id26");
        assertThat(new String(it.value(), UTF_8)).isEqualTo("w");
      }
    }
  }

  @Test
  void deletedGroupsAreRemovedFromTheMemtableAtOpen() throws RocksDBException {
    try (RocksDatabase database = RocksDatabase.open(StoreConfig.builder(dir).build())) {
      OnlineStore online = new OnlineStore(database.db, database.online, database.catalog);
      for (long group = 1; group <= 3; group++) {
        database.db.put(database.online, OnlineStore.key(group, "a"), bytes("v"));
      }

      assertThat(online.dropOtherGroups(Set.of(2L), database.writeOptions)).isEqualTo(2);

      assertThat(online.isGroupEmpty(1)).isTrue();
      assertThat(online.get(OnlineStore.key(2, "a"))).isEqualTo(bytes("v"));
      assertThat(online.isGroupEmpty(3)).isTrue();
    }
  }

  /**
   * A data directory written before the online family had a prefix extractor or a hashed memtable
   * (table files without the extractor, a write-ahead log still to replay) opens with them and
   * reads every record.
   */
  @Test
  void aDirectoryWrittenWithTheDefaultMemtableOpensAndReadsItsRecords() throws RocksDBException {
    Path db = dir.resolve(RocksDatabase.DB_FOLDER);
    List<String> families = List.of("catalog", "online", "staging", "offline", "expiry");
    try (ColumnFamilyOptions defaults = new ColumnFamilyOptions();
        DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults));
      for (String family : families) {
        descriptors.add(new ColumnFamilyDescriptor(family.getBytes(UTF_8), defaults));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      Files.createDirectories(db);
      try (RocksDB old = RocksDB.open(options, db.toString(), descriptors, handles);
          FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        ColumnFamilyHandle online = handles.get(2);
        old.put(online, OnlineStore.key(1, "flushed"), bytes("in a table file"));
        old.flush(flush, online);
        old.put(online, OnlineStore.key(1, "logged"), bytes("in the log"));
        handles.forEach(ColumnFamilyHandle::close);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    try (RocksDatabase database = RocksDatabase.open(StoreConfig.builder(dir).build())) {
      OnlineStore online = new OnlineStore(database.db, database.online, database.catalog);
      assertThat(online.get(OnlineStore.key(1, "flushed"))).isEqualTo(bytes("in a table file"));
      assertThat(online.get(OnlineStore.key(1, "logged"))).isEqualTo(bytes("in the log"));
      assertThat(online.get(OnlineStore.key(1, "absent"))).isNull();
      assertThat(online.isGroupEmpty(1)).isFalse();
    }
  }

  private static void flush(RocksDatabase database) throws RocksDBException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      database.db.flush(flush, database.online);
    }
  }

  /** The line of the latest OPTIONS file that sets {@code option} for the online family. */
  private static String optionsFileLine(RocksDatabase database, String option) {
    try (Stream<Path> files = Files.list(Path.of(database.db.getName()))) {
      Path latest =
          files
              .filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
              .max(Comparator.comparing(Path::toString))
              .orElseThrow();
      List<String> lines = Files.readAllLines(latest);
      int family = lines.indexOf("[CFOptions \"online\"]");
      return lines.subList(family, lines.size()).stream()
          .filter(line -> line.trim().startsWith(option + "="))
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key as "group/identifier". */
  private static String name(byte[] key) {
    return OnlineStore.groupIdOf(key)
        + "/"
        + new String(key, Long.BYTES, key.length - Long.BYTES, UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
