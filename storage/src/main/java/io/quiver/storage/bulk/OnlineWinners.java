package io.quiver.storage.bulk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks, per online key, the row a sequence of PutRecords would leave online: the greatest event
 * time, and of equal event times the first in input order (a later record is stored only if its
 * event time is greater). Returns the winners sorted by key, the order of an SST file. A pure
 * function of its input. Stateless.
 */
final class OnlineWinners {
  private OnlineWinners() {}

  /** A row that stays online. */
  record Winner(byte[] key, int segment, int row) {}

  /** The winners among the accepted rows of {@code segments}, given in input order. */
  static List<Winner> choose(List<BulkSegment> segments) {
    Map<ByteBuffer, long[]> best = new HashMap<>();
    for (int s = 0; s < segments.size(); s++) {
      BulkSegment segment = segments.get(s);
      for (int r = segment.accepted.nextSetBit(0); r >= 0; r = segment.accepted.nextSetBit(r + 1)) {
        long eventMicros = segment.eventMicros[r];
        long[] current = best.get(ByteBuffer.wrap(segment.keys[r]));
        if (current == null) {
          best.put(ByteBuffer.wrap(segment.keys[r]), new long[] {eventMicros, s, r});
        } else if (eventMicros > current[0]) {
          current[0] = eventMicros;
          current[1] = s;
          current[2] = r;
        }
      }
    }
    List<Winner> winners = new ArrayList<>(best.size());
    best.forEach((key, at) -> winners.add(new Winner(key.array(), (int) at[1], (int) at[2])));
    winners.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
    return winners;
  }
}
