package io.quiver.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.objectstore.ReadableObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * Design: offline files are immutable once listed, yet a long-lived store (the server answering
 * SQL, an embedded application) decodes the same files for every query. This cache keeps the
 * decoded columns of whole files, least recently used first out, within a byte budget. Entries
 * are keyed by the object's key, its length and the columns read, and hold the file's last bytes
 * (the Parquet footer's tail: its length, and the end of the metadata, which names every column
 * chunk's offset): each hit reads those bytes again and compares, so a file replaced under the
 * same key is read afresh, whatever its size. Identifier strings are coded (IdentifierCodes) in
 * one dictionary per scope (a group's identifier column) that lives as long as the cache, so a
 * hit costs no decoding and no interning at all: scans of the scope code their fresh files in the
 * same dictionary ({@link #codes}). The dictionary only grows, so it counts against the budget
 * (an estimate per value); when it alone would take more than half, the scope starts a new one
 * and its entries go. Reads that skip row groups (identifier filters) bypass the cache: their
 * batches are not the whole file. Staged records never reach it: it sees files only.
 */

/**
 * A bounded cache of decoded offline files: {@link #read} answers what {@link
 * ParquetColumnReader#read(ReadableObject, List, String, java.util.Set, IdentifierCodes)} would,
 * from memory when the same file was read with the same columns before. Thread-safe; a budget of 0
 * turns it off.
 */
public final class DecodedFileCache {
  /** Bytes of the file's end kept to tell a replaced file from the cached one. */
  static final int TAIL_BYTES = 64;

  /** Estimated heap bytes of one dictionary value (entry, string, key bytes, map node). */
  static final long BYTES_PER_CODE = 160;

  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<String, IdentifierCodes> scopes = new HashMap<>();
  private long entryBytes;

  /**
   * A cache holding at most about {@code maxBytes} of decoded columns.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public DecodedFileCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
    }
    this.maxBytes = maxBytes;
  }

  /** The budget in bytes; 0 when the cache is off. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * About how many bytes the cached files and their dictionaries hold now; at most {@link
   * #maxBytes()} once a read has stored its file (a scan's dictionary grows while it reads).
   */
  public synchronized long sizeBytes() {
    return entryBytes + codeBytes();
  }

  /** How many files are cached now. */
  public synchronized int files() {
    return entries.size();
  }

  /**
   * The dictionary a scan of {@code scope} (say, a group's identifier column) codes identifiers in,
   * so that cached files of the scope need no re-coding; a new one each call when the cache is off.
   */
  public synchronized IdentifierCodes codes(String scope) {
    if (maxBytes == 0) {
      return new IdentifierCodes();
    }
    return scopes.computeIfAbsent(scope, s -> new IdentifierCodes());
  }

  /**
   * Reads {@code columns} of {@code file} (whose key below its store is {@code key}) as {@link
   * ParquetColumnReader#read(ReadableObject, List, String, java.util.Set, IdentifierCodes)} does,
   * without row-group filtering; the strings of {@code idColumn} are interned in {@code codes}, and
   * the result is cached when {@code codes} is a scope's current dictionary ({@link #codes}).
   *
   * @throws IllegalArgumentException if two columns have the same name
   * @throws io.quiver.storage.error.CorruptFileException if the file is damaged
   * @throws java.io.UncheckedIOException if a local file cannot be read
   * @throws io.quiver.storage.error.StorageException if an S3 object cannot be read
   */
  public ColumnBatch read(
      ReadableObject file,
      String key,
      List<ColumnSpec> columns,
      String idColumn,
      IdentifierCodes codes,
      ScanStatistics statistics) {
    requireNonNull(key, "key");
    requireNonNull(codes, "codes");
    if (maxBytes == 0) {
      return new ParquetColumnReader(statistics).read(file, columns, idColumn, null, codes);
    }
    Key k = new Key(key, file.length(), List.copyOf(columns), idColumn);
    byte[] tail = tail(file);
    Entry entry = get(k);
    if (entry != null && entry.codes == codes && Arrays.equals(entry.tail, tail)) {
      statistics.fileFromCache();
      return entry.batch;
    }
    ColumnBatch batch =
        new ParquetColumnReader(statistics).read(file, columns, idColumn, null, codes);
    long bytes = 256 + tail.length;
    for (ColumnVector column : batch.columns()) {
      bytes += column.estimatedBytes();
    }
    put(k, new Entry(batch, codes, tail, bytes));
    return batch;
  }

  private static byte[] tail(ReadableObject file) {
    long length = file.length();
    byte[] tail = new byte[(int) Math.min(TAIL_BYTES, length)];
    try {
      file.read(length - tail.length, ByteBuffer.wrap(tail));
    } catch (RuntimeException e) {
      throw ReadFailure.of(file.uri(), e);
    }
    return tail;
  }

  private synchronized @Nullable Entry get(Key key) {
    return entries.get(key);
  }

  private long codeBytes() {
    long bytes = 0;
    for (IdentifierCodes codes : scopes.values()) {
      bytes += BYTES_PER_CODE * codes.size();
    }
    return bytes;
  }

  private synchronized void put(Key key, Entry entry) {
    if (!scopes.containsValue(entry.codes)) {
      return; // coded in a retired or private dictionary: a cached entry stays (checked per hit)
    }
    Entry old = entries.remove(key);
    if (old != null) {
      entryBytes -= old.bytes;
    }
    // Dictionaries only grow: while they take over half the budget, the largest starts again,
    // and the entries coded in it go with it.
    while (codeBytes() > maxBytes / 2) {
      String largest = null;
      for (Map.Entry<String, IdentifierCodes> scope : scopes.entrySet()) {
        if (largest == null
            || scope.getValue().size() > requireNonNull(scopes.get(largest)).size()) {
          largest = scope.getKey();
        }
      }
      removeEntriesOf(requireNonNull(scopes.remove(requireNonNull(largest))));
    }
    if (!scopes.containsValue(entry.codes) || entry.bytes + codeBytes() > maxBytes) {
      return; // its dictionary just started again, or too large to keep
    }
    entries.put(key, entry);
    entryBytes += entry.bytes;
    long limit = maxBytes - codeBytes();
    Iterator<Entry> eldest = entries.values().iterator();
    while (entryBytes > limit && eldest.hasNext()) {
      entryBytes -= eldest.next().bytes;
      eldest.remove();
    }
  }

  private void removeEntriesOf(IdentifierCodes codes) {
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.codes == codes) {
        entryBytes -= e.bytes;
        it.remove();
      }
    }
  }

  /** What identifies one decoded read of one version of a file. */
  private record Key(String key, long length, List<ColumnSpec> columns, String idColumn) {}

  /** One decoded file, its identifiers coded in {@code codes}. */
  private record Entry(ColumnBatch batch, IdentifierCodes codes, byte[] tail, long bytes) {}

  /** For tests: the cached files' keys, least recently used first. */
  synchronized List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<Key, Entry> e : entries.entrySet()) {
      keys.add(e.getKey().key());
    }
    return keys;
  }
}
