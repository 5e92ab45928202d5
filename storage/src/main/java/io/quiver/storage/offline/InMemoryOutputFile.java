package io.quiver.storage.offline;

import java.io.ByteArrayOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} collecting the file in memory, so that it reaches its object store
 * in one atomic put. Each {@link #create} starts a new file in the same buffer. Not thread-safe.
 */
final class InMemoryOutputFile implements OutputFile {
  private final Buffer buffer = new Buffer();

  byte[] toByteArray() {
    return buffer.toByteArray();
  }

  /**
   * The buffer holding the file in its first {@link #length()} bytes, valid until the next write.
   */
  byte[] bytes() {
    return buffer.bytes();
  }

  /** The length of the file written so far. */
  int length() {
    return buffer.size();
  }

  /**
   * Makes room for a file of about {@code bytes} before it is written, so that a large file is not
   * copied from array to array as it grows. Call after {@link #create}, before the first write.
   */
  void reserve(long bytes) {
    buffer.reserve(bytes);
  }

  /** Lets go of a buffer grown past {@code bytes}, so that one large file is not kept for good. */
  void trimTo(int bytes) {
    buffer.trimTo(bytes);
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return createOrOverwrite(blockSizeHint);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    buffer.reset();
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return buffer.size();
      }

      @Override
      public void write(int b) {
        buffer.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
      }
    };
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return "memory";
  }

  /** A byte array stream that lends its array instead of copying it. */
  private static final class Buffer extends ByteArrayOutputStream {
    private static final int INITIAL_BYTES = 1 << 16;

    Buffer() {
      super(INITIAL_BYTES);
    }

    byte[] bytes() {
      return buf;
    }

    void reserve(long bytes) {
      if (count == 0 && bytes > buf.length) {
        buf = new byte[(int) Math.min(bytes, Integer.MAX_VALUE - 8)];
      }
    }

    void trimTo(int bytes) {
      if (buf.length > bytes) {
        buf = new byte[INITIAL_BYTES];
        count = 0;
      }
    }
  }
}
