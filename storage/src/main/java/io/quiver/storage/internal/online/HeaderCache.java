package io.quiver.storage.internal.online;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * Design: one small LRU map per lock stripe of the online store. Invariant: an entry holds exactly
 * the header of the value stored under its key. It holds because every change of an online value
 * goes through the write path under the key's stripe lock, and the write path tells the cache
 * after its batch committed (remember, or forget on failure, delete or expiry); whole-group
 * removals clear the cache. Absence is never cached, so a value that appears by other means (a
 * bulk load into an empty group) cannot contradict an entry.
 */

/**
 * The headers (event time, expiry, flags) of recently written online records, so that a write
 * replacing one of them compares with the cached header instead of reading the record back from
 * RocksDB. Bounded: each of the online store's lock stripes keeps its {@code perStripe} most
 * recently used entries.
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

  /** The cached header of {@code key} in stripe {@code stripe}, or {@code null} if not cached. */
  byte @Nullable [] get(int stripe, byte[] key) {
    return stripes[stripe].get(ByteBuffer.wrap(key));
  }

  /** Records that {@code key} now stores a value with {@code header}. */
  void put(int stripe, byte[] key, byte[] header) {
    stripes[stripe].put(ByteBuffer.wrap(key), header);
  }

  /** Forgets {@code key}: its stored value changed in a way the cache was not told. */
  void remove(int stripe, byte[] key) {
    stripes[stripe].remove(ByteBuffer.wrap(key));
  }

  /** Forgets every entry of stripe {@code stripe}. */
  void clear(int stripe) {
    stripes[stripe].clear();
  }

  /** An access-ordered map that drops its least recently used entry beyond its capacity. */
  private static final class Stripe extends LinkedHashMap<ByteBuffer, byte[]> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    Stripe(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
      return size() > capacity;
    }
  }
}
