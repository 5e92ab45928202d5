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
 * The slab sizes of a column are alike from page to page, so a released buffer is handed out again
 * for the next request of its size class (sizes rounded up to a quarter step between powers of
 * two): a request is then served as a new buffer would be (position 0, limit = the size asked for,
 * big-endian), except that its capacity may be larger than its limit and its bytes are not zeroed,
 * which Parquet never relies on: it reads only what it wrote, and nothing after releasing it
 * (OfflineFileWriterTest compares files written through this allocator, with every released buffer
 * overwritten with garbage first, with the heap allocator's).
 * Only buffers this allocator handed out and not yet took back are kept, so a double release or a
 * foreign buffer is ignored rather than handed out twice; what it keeps is bounded, and dropped
 * after each file (the pages' slabs recur within a file; the compressed pages of a row group are
 * released together at its end, which for a flush's file is mostly the file's end).
 */

/**
 * A heap {@link ByteBufferAllocator} that keeps the buffers Parquet releases while it writes a
 * file, up to a bound, and hands them out again for requests of about their size. Not thread-safe:
 * one per {@link OfflineFileWriter}.
 */
final class RecyclingBufferAllocator implements ByteBufferAllocator {
  private static final int MIN_CLASS_BYTES = 64;
  private static final int MAX_RECYCLED_BYTES = 1 << 30;

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
    if (size < 0 || size > MAX_RECYCLED_BYTES) {
      return ByteBuffer.allocate(size);
    }
    int capacity = classSize(size);
    ArrayDeque<ByteBuffer> same = kept.get(capacity);
    ByteBuffer buffer = same == null ? null : same.pollLast();
    if (buffer == null) {
      buffer = ByteBuffer.allocate(capacity);
    } else {
      keptBytes -= capacity;
      buffer.clear().order(ByteOrder.BIG_ENDIAN);
    }
    buffer.limit(size);
    lent.add(buffer);
    return buffer;
  }

  /**
   * The capacity of the buffers that serve requests of {@code size} bytes: {@code size} rounded up
   * to a quarter step between powers of two (at least {@value #MIN_CLASS_BYTES}), so that slabs of
   * nearby sizes share buffers while none is more than a quarter larger than asked.
   */
  static int classSize(int size) {
    if (size <= MIN_CLASS_BYTES) {
      return MIN_CLASS_BYTES;
    }
    int step = Integer.highestOneBit(size - 1) >> 2;
    return (size + step - 1) / step * step;
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
