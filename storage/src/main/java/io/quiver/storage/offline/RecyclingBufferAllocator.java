package io.quiver.storage.offline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferAllocator;

/*
 * Design: Parquet's column writers take a buffer from their allocator for every slab of every page
 * they build (values, levels, compressed pages) and release it once the page is written, so a file
 * of tens of megabytes allocates, zeroes and drops its size in buffers several times over; with the
 * heap allocator that zeroing and the garbage it makes showed up as a fifth of a flush's encoding.
 * The slab sizes of a column repeat from page to page, so a released buffer is handed out again for
 * the next request of exactly its capacity: a request is then served as a new buffer would be
 * (position 0, limit = capacity = the size asked for, big-endian), except that its bytes are not
 * zeroed, which Parquet never relies on: it reads only what it wrote, and nothing after releasing it
 * (OfflineFileWriterTest compares files written through this allocator, with every released buffer
 * overwritten with garbage first, with the heap allocator's).
 * Only buffers this allocator handed out and not yet took back are kept, so a double release or a
 * foreign buffer is ignored rather than handed out twice; what it keeps is bounded, and dropped
 * after each file (the pages' slabs recur within a file; the compressed pages of a row group,
 * released together at its end, are of sizes that seldom recur).
 */

/**
 * A heap {@link ByteBufferAllocator} that keeps the buffers Parquet releases while it writes a
 * file, up to a bound, and hands them out again for requests of the same size. Not thread-safe: one
 * per {@link OfflineFileWriter}.
 */
final class RecyclingBufferAllocator implements ByteBufferAllocator {
  private final long maxKeptBytes;
  private final Map<Integer, ArrayDeque<ByteBuffer>> kept = new HashMap<>();
  private final Set<ByteBuffer> lent = Collections.newSetFromMap(new IdentityHashMap<>());
  private long keptBytes;

  /** Keeps at most {@code maxKeptBytes} of released buffers. */
  RecyclingBufferAllocator(long maxKeptBytes) {
    if (maxKeptBytes < 0) {
      throw new IllegalArgumentException("maxKeptBytes: " + maxKeptBytes + " (expected: >= 0)");
    }
    this.maxKeptBytes = maxKeptBytes;
  }

  @Override
  public ByteBuffer allocate(int size) {
    ArrayDeque<ByteBuffer> same = kept.get(size);
    ByteBuffer buffer = same == null ? null : same.pollLast();
    if (buffer == null) {
      buffer = ByteBuffer.allocate(size);
    } else {
      keptBytes -= size;
      buffer.clear().order(ByteOrder.BIG_ENDIAN);
    }
    lent.add(buffer);
    return buffer;
  }

  @Override
  public void release(ByteBuffer buffer) {
    if (!lent.remove(buffer)) {
      return;
    }
    int size = buffer.capacity();
    if (keptBytes + size > maxKeptBytes) {
      return;
    }
    kept.computeIfAbsent(size, s -> new ArrayDeque<>()).addLast(buffer);
    keptBytes += size;
  }

  @Override
  public boolean isDirect() {
    return false;
  }

  /**
   * Forgets every buffer, those kept and those handed out and not released, once the file they were
   * for is written: nothing is held from one file to the next, and a buffer Parquet did not release
   * is left to the garbage collector rather than tracked for good.
   */
  void reset() {
    kept.clear();
    keptBytes = 0;
    lent.clear();
  }
}
