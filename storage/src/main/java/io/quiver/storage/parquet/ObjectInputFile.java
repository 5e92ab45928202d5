package io.quiver.storage.parquet;

import io.quiver.storage.objectstore.ReadableObject;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.jspecify.annotations.Nullable;

/*
 * Design: a Parquet reader first reads the footer's length in the last 8 bytes, then the footer,
 * then the column chunks of each row group, each as one large read. On S3 every read is a request,
 * so the first read near the end fetches the whole tail (TAIL_BYTES, or the whole object when it
 * is smaller), which then serves both footer reads; chunk reads go straight to the object.
 * Failures of the object itself travel as ObjectReadFailure, so that the reader can tell a store
 * that cannot be reached from a file that is damaged.
 */

/**
 * A {@link ReadableObject} as Parquet's {@link InputFile}; {@link #toString()} is the object's URI,
 * which Parquet puts in its messages. Thread-safe: each stream has its own position.
 */
final class ObjectInputFile implements InputFile {
  static final int TAIL_BYTES = 64 * 1024;

  private final ReadableObject object;
  private volatile byte @Nullable [] tail;

  ObjectInputFile(ReadableObject object) {
    this.object = object;
  }

  @Override
  public long getLength() {
    return object.length();
  }

  @Override
  public SeekableInputStream newStream() {
    return new Stream();
  }

  @Override
  public String toString() {
    return object.uri();
  }

  /** An I/O failure of the object (not of its content), carried through Parquet's IOException. */
  static final class ObjectReadFailure extends IOException {
    private static final long serialVersionUID = 1L;

    ObjectReadFailure(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private void readAt(long position, ByteBuffer into) throws IOException {
    long length = object.length();
    int count = into.remaining();
    if (position < 0 || position > length - count) {
      throw new EOFException(
          "Cannot read "
              + count
              + " bytes at "
              + position
              + " of "
              + object.uri()
              + ": it has "
              + length);
    }
    long tailStart = Math.max(0, length - TAIL_BYTES);
    if (position >= tailStart) {
      byte[] cached = tail;
      if (cached == null) {
        cached = new byte[(int) (length - tailStart)];
        fetch(tailStart, ByteBuffer.wrap(cached));
        tail = cached;
      }
      into.put(cached, (int) (position - tailStart), count);
      return;
    }
    fetch(position, into);
  }

  private void fetch(long position, ByteBuffer into) throws ObjectReadFailure {
    try {
      object.read(position, into);
    } catch (RuntimeException e) {
      throw new ObjectReadFailure(e);
    }
  }

  /** A positioned stream over the object. Not thread-safe. */
  private final class Stream extends SeekableInputStream {
    private long position;

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void seek(long newPosition) {
      position = newPosition;
    }

    @Override
    public int read() throws IOException {
      if (position >= object.length()) {
        return -1;
      }
      byte[] one = new byte[1];
      readFully(one);
      return one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int count) throws IOException {
      long left = object.length() - position;
      if (count == 0) {
        return 0;
      }
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(count, left);
      readFully(bytes, offset, n);
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int offset, int count) throws IOException {
      readFully(ByteBuffer.wrap(bytes, offset, count));
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
      long left = object.length() - position;
      if (!into.hasRemaining()) {
        return 0;
      }
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(into.remaining(), left);
      ByteBuffer slice = into.slice();
      slice.limit(n);
      readFully(slice);
      into.position(into.position() + n);
      return n;
    }

    @Override
    public void readFully(ByteBuffer into) throws IOException {
      int count = into.remaining();
      readAt(position, into);
      position += count;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, object.length() - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, object.length() - position));
    }
  }
}
