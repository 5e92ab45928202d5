package io.quiver.storage.internal.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.internal.record.RecordCodec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The online store's header reads and the cache of recently written headers. */
class OnlineStoreTest {
  @TempDir Path tmp;

  private Options options;
  private RocksDB db;
  private WriteOptions writeOptions;
  private OnlineStore online;

  @BeforeEach
  void open() throws RocksDBException {
    RocksDB.loadLibrary();
    options = new Options().setCreateIfMissing(true);
    db = RocksDB.open(options, tmp.toString());
    writeOptions = new WriteOptions();
    online = new OnlineStore(db, db.getDefaultColumnFamily(), db.getDefaultColumnFamily());
  }

  @AfterEach
  void close() {
    writeOptions.close();
    db.close();
    options.close();
  }

  @Test
  void getHeaderReturnsTheFirstBytesOfTheStoredValue() throws RocksDBException {
    byte[] key = OnlineStore.key(1, "a");
    byte[] value = value(7, 1000);
    db.put(key, value);

    assertThat(online.getHeader(key)).isEqualTo(Arrays.copyOf(value, RecordCodec.HEADER_BYTES));
  }

  @Test
  void getHeaderOfAnAbsentKeyIsNull() {
    assertThat(online.getHeader(OnlineStore.key(1, "absent"))).isNull();
  }

  @Test
  void getHeaderOfAValueShorterThanAHeaderReturnsItWhole() throws RocksDBException {
    byte[] key = OnlineStore.key(1, "short");
    db.put(key, new byte[] {1, 2, 3});

    assertThat(online.getHeader(key)).containsExactly(1, 2, 3);
  }

  @Test
  void committedValueIsServedFromTheCache() throws RocksDBException {
    byte[] key = OnlineStore.key(1, "a");
    db.put(key, value(1, 100));
    online.committed(key, value(2, 100));

    // The cache answers, not RocksDB (which a real write path would have changed too).
    assertThat(online.getHeader(key)[0]).isEqualTo((byte) 2);
  }

  @Test
  void forgetSendsTheNextReadToRocksDb() throws RocksDBException {
    byte[] key = OnlineStore.key(1, "a");
    db.put(key, value(1, 100));
    online.committed(key, value(2, 100));

    online.forget(key);

    assertThat(online.getHeader(key)[0]).isEqualTo((byte) 1);
  }

  @Test
  void committedNothingForgetsTheKey() throws RocksDBException {
    byte[] key = OnlineStore.key(1, "a");
    online.committed(key, value(2, 100));

    online.committed(key, null);

    assertThat(online.getHeader(key)).isNull();
  }

  @Test
  void forgetAllForgetsTheRecordsOfADeletedGroup() throws RocksDBException {
    byte[] key = OnlineStore.key(5, "a");
    db.put(key, value(1, 100));
    assertThat(online.getHeader(key)).isNotNull(); // now cached
    try (WriteBatch batch = new WriteBatch()) {
      online.deleteGroup(batch, 5);
      db.write(writeOptions, batch);
    }

    online.forgetAll();

    assertThat(online.getHeader(key)).isNull();
  }

  @Test
  void getHeadersMixesCachedAndStoredHeadersInOrder() throws RocksDBException {
    byte[] cached = OnlineStore.key(1, "cached");
    byte[] stored = OnlineStore.key(1, "stored");
    byte[] absent = OnlineStore.key(1, "absent");
    online.committed(cached, value(3, 50));
    db.put(stored, value(4, 500));

    List<byte[]> headers = online.getHeaders(List.of(cached, absent, stored));

    assertThat(headers.get(0)).isEqualTo(Arrays.copyOf(value(3, 50), RecordCodec.HEADER_BYTES));
    assertThat(headers.get(1)).isNull();
    assertThat(headers.get(2)).isEqualTo(Arrays.copyOf(value(4, 500), RecordCodec.HEADER_BYTES));
  }

  /** A value of {@code length} bytes whose first byte is {@code tag} and the rest distinct. */
  private static byte[] value(int tag, int length) {
    byte[] value = new byte[length];
    value[0] = (byte) tag;
    for (int i = 1; i < length; i++) {
      value[i] = (byte) (i * 31 + tag);
    }
    return value;
  }
}
