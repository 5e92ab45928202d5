package io.quiver.storage.internal.online;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/*
 * Design: one small table per lock stripe of the online store. Invariant: an entry holds exactly
 * the header of the value stored under its key. It holds because every change of an online value
 * goes through the write path under the key's stripe lock, and the write path tells the cache
 * after its batch committed (remember, or forget on failure, delete or expiry); whole-group
 * removals clear the cache. Absence is never cached, so a value that appears by other means (a
 * bulk load into an empty group) cannot contradict an entry.
 *
 * A stripe is an open-addressing table (linear probing, at most half full, deletion by backward
 * shift) with CLOCK eviction: a lookup is a probe of an int array and one key comparison, where a
 * LinkedHashMap keyed by wrapped arrays hashed every key again and moved its node on every access.
 * The caller gives each key's hash (the one its stripe was chosen by), so a key is hashed once per
 * write.
 */

/**
 * The headers (event time, expiry, flags) of recently written online records, so that a write
 * replacing one of them compares with the cached header instead of reading the record back from
 * RocksDB. Bounded: each of the online store's lock stripes keeps at most {@code perStripe}
 * entries, evicting one not read or written again since it was put or the clock hand last passed
 * it.
 *
 * <p>Thread-safety: a stripe's entries are read and changed only by a thread holding that stripe's
 * lock (the caller's duty), so no further synchronization is needed.
 */
final class HeaderCache {
  private final Stripe[] stripes;

  HeaderCache(int stripeCount, int perStripe) {
    stripes = new Stripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(perStripe);
    }
  }

  /**
   * The cached header of {@code key}, whose hash is {@code hash}, in stripe {@code stripe}, or
   * {@code null} if not cached.
   */
  byte @Nullable [] get(int stripe, int hash, byte[] key) {
    Stripe table = stripes[stripe];
    int slot = table.find(hash, key);
    if (slot < 0) {
      return null;
    }
    table.used[slot] = true;
    return table.headers[slot];
  }

  /** Records that {@code key} (hash {@code hash}) now stores a value with {@code header}. */
  void put(int stripe, int hash, byte[] key, byte[] header) {
    stripes[stripe].put(hash, key, header);
  }

  /** Forgets {@code key}: its stored value changed in a way the cache was not told. */
  void remove(int stripe, int hash, byte[] key) {
    Stripe table = stripes[stripe];
    int slot = table.find(hash, key);
    if (slot >= 0) {
      table.remove(slot);
    }
  }

  /** Forgets every entry of stripe {@code stripe}. */
  void clear(int stripe) {
    stripes[stripe].clear();
  }

  /** The number of entries of stripe {@code stripe}. */
  int size(int stripe) {
    return stripes[stripe].size;
  }

  /** A linear-probing table of at most {@code capacity} entries in twice as many slots or more. */
  private static final class Stripe {
    private final int capacity;
    private final int mask;
    private final int[] hashes;
    private final byte[] @Nullable [] keys;
    private final byte[] @Nullable [] headers;
    private final boolean[] used;
    private int size;
    private int hand;

    Stripe(int capacity) {
      this.capacity = Math.max(1, capacity);
      int slots = Integer.highestOneBit(this.capacity * 2 - 1) << 1;
      this.mask = slots - 1;
      this.hashes = new int[slots];
      this.keys = new byte[slots][];
      this.headers = new byte[slots][];
      this.used = new boolean[slots];
    }

    int find(int hash, byte[] key) {
      for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
        byte[] held = keys[slot];
        if (held == null) {
          return -1;
        }
        if (hashes[slot] == hash && Arrays.equals(held, key)) {
          return slot;
        }
      }
    }

    void put(int hash, byte[] key, byte[] header) {
      int slot = find(hash, key);
      if (slot >= 0) {
        headers[slot] = header;
        used[slot] = true;
        return;
      }
      if (size == capacity) {
        evictOne();
      }
      slot = hash & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      hashes[slot] = hash;
      keys[slot] = key;
      headers[slot] = header;
      // Unused until read or written again: a stream of keys written once goes before them.
      used[slot] = false;
      size++;
    }

    /** Removes the first entry the clock hand finds unused since it last passed, clearing marks. */
    private void evictOne() {
      while (true) {
        int slot = hand;
        hand = (hand + 1) & mask;
        if (keys[slot] == null) {
          continue;
        }
        if (used[slot]) {
          used[slot] = false;
        } else {
          remove(slot);
          return;
        }
      }
    }

    /** Empties {@code slot}, moving back the entries after it that would no longer be found. */
    void remove(int slot) {
      int hole = slot;
      for (int next = (hole + 1) & mask; keys[next] != null; next = (next + 1) & mask) {
        int home = hashes[next] & mask;
        // The entry at next stays if its home lies cyclically in (hole, next].
        boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
        if (!stays) {
          hashes[hole] = hashes[next];
          keys[hole] = keys[next];
          headers[hole] = headers[next];
          used[hole] = used[next];
          hole = next;
        }
      }
      keys[hole] = null;
      headers[hole] = null;
      used[hole] = false;
      size--;
    }

    void clear() {
      Arrays.fill(keys, null);
      Arrays.fill(headers, null);
      Arrays.fill(used, false);
      size = 0;
    }
  }
}
