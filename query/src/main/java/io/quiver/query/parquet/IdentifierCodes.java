package io.quiver.query.parquet;

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
  record Entry(int code, String value) {}

  private final ConcurrentHashMap<Binary, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  // Idle per-reader tables; a reader takes one for a column and gives it back (no ThreadLocal:
  // the tables die with this object, whatever pool the readers ran on).
  private final ConcurrentLinkedQueue<Lookup> idle = new ConcurrentLinkedQueue<>();

  /** An empty dictionary. */
  public IdentifierCodes() {}

  /** The number of distinct values seen; every code is below it. */
  public int size() {
    return next.get();
  }

  /** The entry of {@code value}, adding it if new; {@code value}'s bytes may be reused later. */
  Entry intern(Binary value) {
    Entry entry = entries.get(value);
    if (entry != null) {
      return entry;
    }
    // Copy: the reader's Binary may point into a page buffer that is reused or kept alive.
    Binary key = Binary.fromConstantByteArray(value.getBytes());
    return entries.computeIfAbsent(key, k -> new Entry(next.getAndIncrement(), k.toStringUsingUTF8()));
  }

  /** A lookup table for one reader thread; give it back with {@link #release}. */
  Lookup acquire() {
    Lookup lookup = idle.poll();
    return lookup != null ? lookup : new Lookup(this);
  }

  /** Returns a table taken with {@link #acquire}. */
  void release(Lookup lookup) {
    idle.offer(lookup);
  }

  /**
   * A confined cache in front of the shared map, keyed by raw bytes (open addressing; the keys
   * live in one byte arena for locality), so that a hit costs one hash of the bytes and one
   * comparison, with no allocation. Not thread-safe.
   */
  static final class Lookup {
    private final IdentifierCodes codes;
    private int[] hashes = new int[1024];
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int[] slotCodes = new int[1024];
    private String[] strings = new String[1024];
    private byte[] arena = new byte[16 * 1024];
    private int arenaSize;
    private int size;

    Lookup(IdentifierCodes codes) {
      this.codes = codes;
      Arrays.fill(lengths, -1);
    }

    /** The slot of the bytes {@code [offset, offset + length)}; read it with {@link #code}, {@link #string}. */
    int intern(byte[] bytes, int offset, int length) {
      int hash = 1;
      for (int i = offset, end = offset + length; i < end; i++) {
        hash = 31 * hash + bytes[i];
      }
      int mask = lengths.length - 1;
      int slot = mix(hash) & mask;
      for (int len = lengths[slot]; len >= 0; len = lengths[slot]) {
        if (hashes[slot] == hash && len == length && sameBytes(offsets[slot], bytes, offset, length)) {
          return slot;
        }
        slot = (slot + 1) & mask;
      }
      byte[] key = Arrays.copyOfRange(bytes, offset, offset + length);
      Entry entry = codes.entries.computeIfAbsent(Binary.fromConstantByteArray(key),
          k -> new Entry(codes.next.getAndIncrement(), k.toStringUsingUTF8()));
      if (arenaSize + length > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
      }
      System.arraycopy(bytes, offset, arena, arenaSize, length);
      hashes[slot] = hash;
      offsets[slot] = arenaSize;
      lengths[slot] = length;
      slotCodes[slot] = entry.code();
      strings[slot] = entry.value();
      arenaSize += length;
      if (++size * 2 > lengths.length) {
        grow();
        return intern(bytes, offset, length);
      }
      return slot;
    }

    // Identifiers are short: a plain loop beats Arrays.equals' vectorized set-up.
    private boolean sameBytes(int at, byte[] bytes, int offset, int length) {
      for (int i = 0; i < length; i++) {
        if (arena[at + i] != bytes[offset + i]) {
          return false;
        }
      }
      return true;
    }

    /** The code at {@code slot}. */
    int code(int slot) {
      return slotCodes[slot];
    }

    /** The string at {@code slot}. */
    String string(int slot) {
      return strings[slot];
    }

    private void grow() {
      int[] oldHashes = hashes;
      int[] oldOffsets = offsets;
      int[] oldLengths = lengths;
      int[] oldCodes = slotCodes;
      String[] oldStrings = strings;
      int capacity = oldLengths.length * 2;
      hashes = new int[capacity];
      offsets = new int[capacity];
      lengths = new int[capacity];
      slotCodes = new int[capacity];
      strings = new String[capacity];
      Arrays.fill(lengths, -1);
      int mask = capacity - 1;
      for (int i = 0; i < oldLengths.length; i++) {
        if (oldLengths[i] >= 0) {
          int slot = mix(oldHashes[i]) & mask;
          while (lengths[slot] >= 0) {
            slot = (slot + 1) & mask;
          }
          hashes[slot] = oldHashes[i];
          offsets[slot] = oldOffsets[i];
          lengths[slot] = oldLengths[i];
          slotCodes[slot] = oldCodes[i];
          strings[slot] = oldStrings[i];
        }
      }
    }

    private static int mix(int hash) {
      int h = hash * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }
}
