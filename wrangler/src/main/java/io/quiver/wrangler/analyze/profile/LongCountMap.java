package io.quiver.wrangler.analyze.profile;

import java.util.Arrays;

/**
 * Counts per long key in an open-addressing table (no boxing). Key 0 lives outside the table, so
 * that 0 marks an empty slot. Not thread-safe.
 */
final class LongCountMap {
  private long[] keys = new long[64];
  private long[] counts = new long[64];
  private int size;
  private long zeroCount;
  private boolean hasZero;

  /** Adds {@code n} to the count of {@code key}. */
  void add(long key, long n) {
    if (key == 0) {
      hasZero = true;
      zeroCount += n;
      return;
    }
    int mask = keys.length - 1;
    int slot = (int) mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        counts[slot] += n;
        return;
      }
      if (k == 0) {
        keys[slot] = key;
        counts[slot] = n;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The number of distinct keys. */
  int size() {
    return size + (hasZero ? 1 : 0);
  }

  /** Calls {@code visitor} with every key and its count. */
  void forEach(Visitor visitor) {
    if (hasZero) {
      visitor.visit(0, zeroCount);
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        visitor.visit(keys[i], counts[i]);
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        add(oldKeys[i], oldCounts[i]);
      }
    }
  }

  /** Empties the map and frees its table. */
  void clear() {
    keys = new long[64];
    counts = new long[64];
    Arrays.fill(keys, 0);
    size = 0;
    hasZero = false;
    zeroCount = 0;
  }

  /** Murmur3's 64-bit finaliser: spreads every key bit over the slot bits. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Receives the entries of a map. */
  @FunctionalInterface
  interface Visitor {
    void visit(long key, long count);
  }
}
