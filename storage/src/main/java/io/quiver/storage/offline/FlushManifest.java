package io.quiver.storage.offline;

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
 * The plan of one flush, persisted in the {@code offline} column family before any of its files is
 * written and deleted in the same write batch as the staged entries it covers. If the process dies
 * in between, the next flush finds the manifest and re-runs it exactly: same rows, same write time,
 * same file names. Binary format in {@code docs/format/offline-store.md}.
 *
 * @param id the flush id: the smallest sequence number it covers (unique, since an entry belongs to
 *     at most one manifest)
 * @param writeTimeMicros the {@code write_time} of every row of the flush
 * @param files the files to write
 */
record FlushManifest(long id, long writeTimeMicros, List<PlannedFile> files) {
  static final byte FORMAT_VERSION = 1;
  static final String KEY_PREFIX = "flush/";

  FlushManifest {
    files = List.copyOf(files);
  }

  /**
   * One file of a flush.
   *
   * @param groupId the feature group's internal id
   * @param key the object key below the group's base location
   * @param sequences the staged entries it holds, in row order
   */
  record PlannedFile(long groupId, String key, long[] sequences) {
    PlannedFile {
      requireNonNull(key, "key");
      requireNonNull(sequences, "sequences");
    }
  }

  byte[] key() {
    return keyOf(id);
  }

  static byte[] keyOf(long id) {
    byte[] prefix = KEY_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(id).array();
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeLong(writeTimeMicros);
      out.writeInt(files.size());
      for (PlannedFile file : files) {
        out.writeLong(file.groupId());
        out.writeUTF(file.key());
        out.writeInt(file.sequences().length);
        for (long sequence : file.sequences()) {
          out.writeLong(sequence);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode flush manifest " + id, e);
    }
    return bytes.toByteArray();
  }

  static FlushManifest decode(long id, byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new StorageException(
            "Cannot read flush manifest "
                + id
                + ": format version "
                + version
                + " is not supported (expected: "
                + FORMAT_VERSION
                + ")");
      }
      long writeTime = in.readLong();
      int count = in.readInt();
      List<PlannedFile> files = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long groupId = in.readLong();
        String key = in.readUTF();
        long[] sequences = new long[in.readInt()];
        for (int s = 0; s < sequences.length; s++) {
          sequences[s] = in.readLong();
        }
        files.add(new PlannedFile(groupId, key, sequences));
      }
      return new FlushManifest(id, writeTime, files);
    } catch (IOException e) {
      throw new StorageException("Cannot read flush manifest " + id + ": it is truncated", e);
    }
  }
}
