package io.quiver.storage.internal.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cache of headers against a plain map of what each key stores: whatever the cache answers is
 * what was last put for that key, it never holds more than its bound, and what was just put, or is
 * used over and over, is there.
 */
class HeaderCacheTest {
  private static final int STRIPES = 4;
  private static final int PER_STRIPE = 8;

  @Test
  void answersOnlyWhatWasLastPutForTheKeyUnderRandomPutsRemovesAndClears() {
    HeaderCache cache = new HeaderCache(STRIPES, PER_STRIPE);
    // What each key stores, as the write path would have told the cache.
    Map<ByteBuffer, byte[]> stored = new HashMap<>();
    SplittableRandom random = new SplittableRandom(18);
    for (int step = 0; step < 100_000; step++) {
      // Few distinct hashes, so that probes collide and wrap around the table.
      int id = random.nextInt(60);
      byte[] key = key(id);
      int hash = hash(id);
      int stripe = id % STRIPES;
      int action = random.nextInt(100);
      if (action < 45) {
        byte[] header = new byte[] {(byte) step, (byte) (step >> 8), (byte) id};
        cache.put(stripe, hash, key, header);
        stored.put(ByteBuffer.wrap(key), header);
        assertThat(cache.get(stripe, hash, key(id))).isSameAs(header);
      } else if (action < 55) {
        cache.remove(stripe, hash, key);
        stored.remove(ByteBuffer.wrap(key));
        assertThat(cache.get(stripe, hash, key)).isNull();
      } else if (action < 56) {
        cache.clear(stripe);
        for (int other = stripe; other < 60; other += STRIPES) {
          assertThat(cache.get(stripe, hash(other), key(other))).isNull();
        }
      } else {
        byte[] cached = cache.get(stripe, hash, key);
        if (cached != null) {
          assertThat(cached).isSameAs(stored.get(ByteBuffer.wrap(key)));
        }
      }
      assertThat(cache.size(stripe)).isBetween(0, PER_STRIPE);
    }
  }

  @Test
  void aStripeHoldsItsBoundAndKeepsAKeyUsedAgainOverKeysPutOnce() {
    HeaderCache cache = new HeaderCache(1, PER_STRIPE);
    for (int id = 0; id < PER_STRIPE; id++) {
      cache.put(0, hash(id), key(id), new byte[] {(byte) id});
    }
    assertThat(cache.size(0)).isEqualTo(PER_STRIPE);

    // A hot key read before every insert survives a stream of keys put once.
    int hot = 3;
    for (int id = PER_STRIPE; id < PER_STRIPE * 20; id++) {
      assertThat(cache.get(0, hash(hot), key(hot))).containsExactly(hot);
      cache.put(0, hash(id), key(id), new byte[] {(byte) id});
      assertThat(cache.size(0)).isEqualTo(PER_STRIPE);
    }
    int last = PER_STRIPE * 20 - 1;
    assertThat(cache.get(0, hash(last), key(last))).containsExactly((byte) last);
    assertThat(cache.get(0, hash(hot), key(hot))).containsExactly(hot);
  }

  @Test
  void keysWithTheSameHashAreToldApartByTheirBytes() {
    HeaderCache cache = new HeaderCache(1, PER_STRIPE);
    cache.put(0, 7, key(1), new byte[] {1});
    cache.put(0, 7, key(2), new byte[] {2});

    assertThat(cache.get(0, 7, key(1))).containsExactly(1);
    assertThat(cache.get(0, 7, key(2))).containsExactly(2);
    assertThat(cache.get(0, 7, key(3))).isNull();
    cache.remove(0, 7, key(1));
    assertThat(cache.get(0, 7, key(1))).isNull();
    assertThat(cache.get(0, 7, key(2))).containsExactly(2);
  }

  private static byte[] key(int id) {
    return ("customer-" + id).getBytes(StandardCharsets.UTF_8);
  }

  /** A deliberately poor hash: 60 ids share a handful of values. */
  private static int hash(int id) {
    return id % 5;
  }
}
