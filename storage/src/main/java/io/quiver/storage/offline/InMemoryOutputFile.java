package io.quiver.storage.offline;

import java.io.ByteArrayOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} collecting the file in memory, so that it reaches its object store
 * in one atomic put. Not thread-safe; one per file.
 */
final class InMemoryOutputFile implements OutputFile {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);

  byte[] toByteArray() {
    return buffer.toByteArray();
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
}
