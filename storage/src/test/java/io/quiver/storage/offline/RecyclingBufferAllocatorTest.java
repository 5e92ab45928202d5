package io.quiver.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Released buffers come back for requests of their size class, as new ones would, within a bound.
 */
class RecyclingBufferAllocatorTest {
  @Test
  void aReleasedBufferIsHandedOutAgainForItsSizeClassAsANewOneWouldBe() {
    RecyclingBufferAllocator allocator = new RecyclingBufferAllocator(1 << 20);
    ByteBuffer first = allocator.allocate(100);
    assertThat(first.position()).isZero();
    assertThat(first.limit()).isEqualTo(100);
    first.order(ByteOrder.LITTLE_ENDIAN).putInt(7).limit(50).mark();
    allocator.release(first);
    assertThat(allocator.allocate(200)).isNotSameAs(first);
    ByteBuffer again = allocator.allocate(99);
    assertThat(again).isSameAs(first);
    assertThat(again.position()).isZero();
    assertThat(again.limit()).isEqualTo(99);
    assertThat(again.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(allocator.allocate(100)).isNotSameAs(first);
  }

  @Test
  void aSizeClassIsAtMostAQuarterLargerThanItsSizes() {
    int previous = 0;
    for (int size = 0; size < 1 << 22; size += 1 + size / 97) {
      int capacity = RecyclingBufferAllocator.classSize(size);
      assertThat(capacity)
          .isGreaterThanOrEqualTo(Math.max(size, 64))
          .isGreaterThanOrEqualTo(previous);
      if (size > 64) {
        assertThat(capacity).isLessThanOrEqualTo(size + size / 4);
      }
      previous = capacity;
    }
  }

  @Test
  void aBufferReleasedTwiceOrNotHandedOutIsNotHandedOutAgain() {
    RecyclingBufferAllocator allocator = new RecyclingBufferAllocator(1 << 20);
    ByteBuffer buffer = allocator.allocate(64);
    allocator.release(buffer);
    allocator.release(buffer);
    allocator.release(ByteBuffer.allocate(64));
    assertThat(allocator.allocate(64)).isSameAs(buffer);
    assertThat(allocator.allocate(64)).isNotSameAs(buffer);
  }

  @Test
  void itKeepsNoMoreThanItsBoundAndNothingAfterAReset() {
    RecyclingBufferAllocator allocator = new RecyclingBufferAllocator(150);
    ByteBuffer a = allocator.allocate(100);
    ByteBuffer b = allocator.allocate(100);
    allocator.release(a);
    allocator.release(b);
    assertThat(allocator.allocate(100)).isSameAs(a);
    assertThat(allocator.allocate(100)).isNotSameAs(b);
    ByteBuffer c = allocator.allocate(10);
    allocator.release(c);
    allocator.reset();
    assertThat(allocator.allocate(10)).isNotSameAs(c);
  }
}
