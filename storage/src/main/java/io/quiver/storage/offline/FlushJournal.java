package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.quiver.storage.error.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of completed flushes, kept in the {@code offline} column family so that a reader can
 * take a consistent snapshot without the flush lock (and from another process): each flush writes,
 * in the same batch that removes its staged entries, an entry {@code done/<counter>} naming the
 * files it wrote. Counters are consecutive; the flusher keeps the last {@link #RETAINED} entries.
 * Format in {@code docs/format/offline-store.md}. Stateless.
 */
final class FlushJournal {
  static final String KEY_PREFIX = "done/";
  static final byte FORMAT_VERSION = 1;

  /** How many completed flushes the journal keeps. */
  static final int RETAINED = 1024;

  private FlushJournal() {}

  /** One file a completed flush wrote. */
  record WrittenFile(long groupId, String key, long sizeBytes) {
    WrittenFile {
      requireNonNull(key, "key");
    }
  }

  /** A completed flush: its counter and the files it wrote. */
  record Entry(long counter, List<WrittenFile> files) {
    Entry {
      files = List.copyOf(files);
    }
  }

  static byte[] key(long counter) {
    byte[] prefix = KEY_PREFIX.getBytes(UTF_8);
    return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(counter).array();
  }

  static byte[] prefix() {
    return KEY_PREFIX.getBytes(UTF_8);
  }

  static long counterOf(byte[] key) {
    return ByteBuffer.wrap(key, KEY_PREFIX.length(), Long.BYTES).getLong();
  }

  static byte[] encode(Entry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeInt(entry.files().size());
      for (WrittenFile file : entry.files()) {
        out.writeLong(file.groupId());
        out.writeUTF(file.key());
        out.writeLong(file.sizeBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode flush journal entry " + entry.counter(), e);
    }
    return bytes.toByteArray();
  }

  static Entry decode(long counter, byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new StorageException(
            "Cannot read flush journal entry "
                + counter
                + ": format version "
                + version
                + " is not supported (expected: "
                + FORMAT_VERSION
                + ")");
      }
      int count = in.readInt();
      List<WrittenFile> files = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        files.add(new WrittenFile(in.readLong(), in.readUTF(), in.readLong()));
      }
      return new Entry(counter, files);
    } catch (IOException e) {
      throw new StorageException(
          "Cannot read flush journal entry " + counter + ": it is truncated", e);
    }
  }
}
