package io.quiver.storage.objectstore;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file read with positional reads on one channel. Thread-safe. */
final class LocalReadableObject implements ReadableObject {
  private final Path file;
  private final FileChannel channel;
  private final long length;

  private LocalReadableObject(Path file, FileChannel channel, long length) {
    this.file = file;
    this.channel = channel;
    this.length = length;
  }

  static LocalReadableObject open(Path file) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return new LocalReadableObject(file, channel, channel.size());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + file.toUri(), e);
    }
  }

  @Override
  public String uri() {
    return file.toUri().toString();
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void read(long position, ByteBuffer into) {
    ReadableRanges.check(this, position, into.remaining());
    long at = position;
    try {
      while (into.hasRemaining()) {
        int n = channel.read(into, at);
        if (n < 0) {
          throw new EOFException("the file ends at " + at);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + uri() + " at byte " + position, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + uri(), e);
    }
  }

  @Override
  public String toString() {
    return uri();
  }
}
