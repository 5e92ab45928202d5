package io.quiver.storage.batch;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.io.api.Binary;

/*
 * Design: the readers of one scan decode the record identifier column in parallel, file by file.
 * Without this class every row would allocate a String and the (single-threaded) join build would
 * hash it; with it, each reader hashes the raw bytes once, on its own thread, and gets a shared
 * String and a dense code; the build then maps codes with an int array. Codes are assigned in
 * whatever order the threads meet the values: callers that need a deterministic order (the
 * point-in-time build numbers identifiers by first appearance) renumber them.
 */

/**
 * Interns the values of an identifier column across the files of one scan: each distinct byte
 * string gets one shared {@link String} and a dense int code (0, 1, 2, ...). Thread-safe.
 */
public final class IdentifierCodes {
  /** One interned value. */
  public record Entry(int code, String value) {}

  private final ConcurrentHashMap<Binary, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  // code -> value. Written only under this object's lock (inside the map's computeIfAbsent, so
  // before the code is published); grown by copy-then-publish, so a reader holding a code finds
  // it in the array it reads.
  private volatile String[] values = new String[1024];
  // Idle per-reader tables; a reader takes one for a column and gives it back (no ThreadLocal:
  // the tables die with this object, whatever pool the readers ran on).
  private final ConcurrentLinkedQueue<Lookup> idle = new ConcurrentLinkedQueue<>();

  /** An empty dictionary. */
  public IdentifierCodes() {}

  /** The number of distinct values seen; every code is below it. */
  public int size() {
    return next.get();
  }

  /** The value of {@code code}. */
  public String value(int code) {
    return values[code];
  }

  private Entry add(Binary key) {
    synchronized (this) {
      int code = next.getAndIncrement();
      String value = key.toStringUsingUTF8();
      String[] current = values;
      if (code >= current.length) {
        current = Arrays.copyOf(current, Math.max(code + 1, current.length * 2));
      }
      current[code] = value;
      values = current;
      return new Entry(code, value);
    }
  }

  /** The entry of {@code value}, adding it if new; {@code value}'s bytes may be reused later. */
  public Entry intern(Binary value) {
    Entry entry = entries.get(value);
    if (entry != null) {
      return entry;
    }
    // Copy: the reader's Binary may point into a page buffer that is reused or kept alive.
    Binary key = Binary.fromConstantByteArray(value.getBytes());
    return entries.computeIfAbsent(key, this::add);
  }

  /** A lookup table for one reader thread; give it back with {@link #release}. */
  public Lookup acquire() {
    Lookup lookup = idle.poll();
    return lookup != null ? lookup : new Lookup(this);
  }

  /** Returns a table taken with {@link #acquire}. */
  public void release(Lookup lookup) {
    idle.offer(lookup);
  }

  /**
   * A confined cache in front of the shared map, keyed by raw bytes, so that a hit costs one hash
   * of the bytes and one comparison, with no allocation. Open addressing over one long array, three
   * longs a slot (hash and length, the first 8 key bytes, code and arena offset), so a probe of a
   * short key touches one cache line; longer keys also compare their tail in a byte arena. Not
   * thread-safe.
   */
  public static final class Lookup {
    private static final int STRIDE = 3;

    private final IdentifierCodes codes;
    private long[] table = new long[1024 * STRIDE];
    private int capacity = 1024;
    private byte[] arena = new byte[16 * 1024];
    private int arenaSize;
    private int size;

    Lookup(IdentifierCodes codes) {
      this.codes = codes;
    }

    /** The code of the bytes {@code [offset, offset + length)}. */
    public int intern(byte[] bytes, int offset, int length) {
      int hash = 1;
      long head = 0;
      for (int i = offset, end = offset + length; i < end; i++) {
        hash = 31 * hash + bytes[i];
      }
      for (int i = 0, n = Math.min(length, 8); i < n; i++) {
        head |= (bytes[offset + i] & 0xFFL) << (8 * i);
      }
      // Slot word 0: hash << 32 | (length + 1); 0 marks an empty slot.
      long word = (long) hash << 32 | (length + 1L);
      int mask = capacity - 1;
      int slot = mix(hash) & mask;
      for (long w = table[slot * STRIDE]; w != 0; w = table[slot * STRIDE]) {
        if (w == word
            && table[slot * STRIDE + 1] == head
            && (length <= 8 || sameTail((int) table[slot * STRIDE + 2], bytes, offset, length))) {
          return (int) (table[slot * STRIDE + 2] >>> 32);
        }
        slot = (slot + 1) & mask;
      }
      byte[] key = Arrays.copyOfRange(bytes, offset, offset + length);
      Entry entry = codes.entries.computeIfAbsent(Binary.fromConstantByteArray(key), codes::add);
      int at = 0;
      if (length > 8) {
        if (arenaSize + length > arena.length) {
          arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
        }
        System.arraycopy(bytes, offset, arena, arenaSize, length);
        at = arenaSize;
        arenaSize += length;
      }
      table[slot * STRIDE] = word;
      table[slot * STRIDE + 1] = head;
      table[slot * STRIDE + 2] = (long) entry.code() << 32 | at;
      if (++size * 2 > capacity) {
        grow();
      }
      return entry.code();
    }

    private boolean sameTail(int at, byte[] bytes, int offset, int length) {
      for (int i = 8; i < length; i++) {
        if (arena[at + i] != bytes[offset + i]) {
          return false;
        }
      }
      return true;
    }

    private void grow() {
      long[] oldTable = table;
      int oldCapacity = capacity;
      capacity = oldCapacity * 2;
      table = new long[capacity * STRIDE];
      int mask = capacity - 1;
      for (int i = 0; i < oldCapacity; i++) {
        long word = oldTable[i * STRIDE];
        if (word != 0) {
          int slot = mix((int) (word >>> 32)) & mask;
          while (table[slot * STRIDE] != 0) {
            slot = (slot + 1) & mask;
          }
          System.arraycopy(oldTable, i * STRIDE, table, slot * STRIDE, STRIDE);
        }
      }
    }

    private static int mix(int hash) {
      int h = hash * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }
}
