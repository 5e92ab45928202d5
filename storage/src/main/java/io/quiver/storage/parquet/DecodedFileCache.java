package io.quiver.storage.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.objectstore.ReadableObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
 * same key is read afresh, whatever its size. Identifier codes belong to one scan (IdentifierCodes),
 * so an entry keeps its identifier column as file-local codes over the file's distinct values
 * (UTF-8 bytes); a hit interns those values once each into the scan's codes and maps the rows with
 * an int array. Reads that skip row groups (identifier filters) bypass the cache: their batches are
 * not the whole file. Staged records never reach it: it sees files only.
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

  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long sizeBytes;

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

  /** About how many bytes the cached files hold now; never above {@link #maxBytes()}. */
  public synchronized long sizeBytes() {
    return sizeBytes;
  }

  /** How many files are cached now. */
  public synchronized int files() {
    return entries.size();
  }

  /**
   * Reads {@code columns} of {@code file} (whose key below its store is {@code key}) as {@link
   * ParquetColumnReader#read(ReadableObject, List, String, java.util.Set, IdentifierCodes)} does,
   * without row-group filtering; the strings of {@code idColumn} are interned in {@code codes}.
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
    if (entry != null && Arrays.equals(entry.tail, tail)) {
      statistics.fileFromCache();
      return entry.batch(codes);
    }
    IdentifierCodes local = new IdentifierCodes();
    ColumnBatch batch =
        new ParquetColumnReader(statistics).read(file, columns, idColumn, null, local);
    entry = Entry.of(batch, columns, idColumn, local, tail);
    put(k, entry);
    return entry.batch(codes);
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

  private synchronized void put(Key key, Entry entry) {
    Entry old = entries.remove(key);
    if (old != null) {
      sizeBytes -= old.bytes;
    }
    if (entry.bytes > maxBytes) {
      return;
    }
    entries.put(key, entry);
    sizeBytes += entry.bytes;
    Iterator<Entry> eldest = entries.values().iterator();
    while (sizeBytes > maxBytes && eldest.hasNext()) {
      sizeBytes -= eldest.next().bytes;
      eldest.remove();
    }
  }

  /** What identifies one decoded read of one version of a file. */
  private record Key(String key, long length, List<ColumnSpec> columns, String idColumn) {}

  /**
   * One decoded file: its columns, the identifier column (at {@code idIndex}, or -1 if it is not
   * coded) as per-row local codes ({@code -1} for null) into {@code values}, UTF-8 bytes of each
   * distinct value at {@code [valueStart[i], valueStart[i + 1])}.
   */
  private record Entry(
      ColumnBatch batch,
      int idIndex,
      int[] rowCodes,
      byte[] values,
      int[] valueStart,
      byte[] tail,
      long bytes) {

    static Entry of(
        ColumnBatch batch,
        List<ColumnSpec> columns,
        String idColumn,
        IdentifierCodes local,
        byte[] tail) {
      int idIndex = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(idColumn) && batch.column(i).hasCodes()) {
          idIndex = i;
        }
      }
      long bytes = 256 + tail.length;
      List<ColumnVector> kept = new ArrayList<>(batch.columns());
      int[] rowCodes = new int[0];
      byte[] values = new byte[0];
      int[] valueStart = new int[1];
      if (idIndex >= 0) {
        ColumnVector ids = batch.column(idIndex);
        rowCodes = new int[ids.size()];
        for (int r = 0; r < rowCodes.length; r++) {
          rowCodes[r] = ids.isNull(r) ? -1 : ids.code(r);
        }
        int distinct = local.size();
        valueStart = new int[distinct + 1];
        List<byte[]> parts = new ArrayList<>(distinct);
        int total = 0;
        for (int c = 0; c < distinct; c++) {
          byte[] part = local.value(c).getBytes(UTF_8);
          parts.add(part);
          total += part.length;
          valueStart[c + 1] = total;
        }
        values = new byte[total];
        for (int c = 0; c < distinct; c++) {
          System.arraycopy(parts.get(c), 0, values, valueStart[c], parts.get(c).length);
        }
        // The scan-coded vector is rebuilt per hit; the entry keeps no reference to it.
        kept.set(idIndex, ColumnVector.allNull(ColumnKind.STRING, 0));
        bytes += 4L * rowCodes.length + values.length + 4L * valueStart.length;
      }
      for (int i = 0; i < kept.size(); i++) {
        if (i != idIndex) {
          bytes += kept.get(i).estimatedBytes();
        }
      }
      return new Entry(
          new ColumnBatch(batch.rowCount(), kept),
          idIndex,
          rowCodes,
          values,
          valueStart,
          tail,
          bytes);
    }

    /** The batch with its identifier column coded in {@code codes}. */
    ColumnBatch batch(IdentifierCodes codes) {
      if (idIndex < 0) {
        return batch;
      }
      int distinct = valueStart.length - 1;
      int[] codeOf = new int[distinct];
      IdentifierCodes.Lookup lookup = codes.acquire();
      try {
        for (int c = 0; c < distinct; c++) {
          codeOf[c] = lookup.intern(values, valueStart[c], valueStart[c + 1] - valueStart[c]);
        }
      } finally {
        codes.release(lookup);
      }
      ColumnVector ids = new ColumnVector(ColumnKind.STRING, rowCodes.length, codes);
      for (int r = 0; r < rowCodes.length; r++) {
        int c = rowCodes[r];
        if (c < 0) {
          ids.setNull(r);
        } else {
          ids.setCoded(r, codeOf[c]);
        }
      }
      List<ColumnVector> columns = new ArrayList<>(batch.columns());
      columns.set(idIndex, ids);
      return new ColumnBatch(batch.rowCount(), columns);
    }
  }

  /** For tests: the cached files' keys, least recently used first. */
  synchronized List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<Key, Entry> e : entries.entrySet()) {
      keys.add(e.getKey().key());
    }
    return keys;
  }
}
