package io.quiver.storage.offline;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.error.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The record of a bulk load's commit in progress, persisted in the {@code offline} column family
 * before any of its files is written and deleted when the commit completes. A store opening with a
 * manifest left finishes the load if its online store file was loaded, and otherwise removes the
 * files the manifest names. While it exists, readers of the offline history do not see the files it
 * names. Binary format in {@code docs/format/offline-store.md}.
 *
 * @param loadId the load's id, unique per store
 * @param groupId the feature group's internal id
 * @param baseUri the group's offline base location, or {@code null} without an offline store
 * @param fileKeys the keys of the files the load writes below {@code baseUri}
 */
public record BulkManifest(
    long loadId, long groupId, @Nullable String baseUri, List<String> fileKeys) {
  static final byte FORMAT_VERSION = 1;
  private static final byte[] KEY_PREFIX = "bulk/".getBytes(UTF_8);
  private static final byte[] LAST_ENDED_KEY = "bulk-ended".getBytes(UTF_8);

  /** Copies the keys. */
  public BulkManifest {
    fileKeys = List.copyOf(fileKeys);
  }

  /** The first key a manifest can have: iterate from here while {@link #isKey} holds. */
  public static byte[] firstKey() {
    return KEY_PREFIX.clone();
  }

  /** Whether {@code key} is a bulk load manifest's key. */
  public static boolean isKey(byte[] key) {
    return key.length >= KEY_PREFIX.length
        && Arrays.equals(key, 0, KEY_PREFIX.length, KEY_PREFIX, 0, KEY_PREFIX.length);
  }

  /**
   * The key, in the {@code offline} column family, holding the id of the last load that ended
   * (committed or was taken back), written with the deletion of its manifest: a reader of history
   * that sees it change while it lists files takes its snapshot again.
   */
  public static byte[] lastEndedKey() {
    return LAST_ENDED_KEY.clone();
  }

  /** The value of {@link #lastEndedKey()} once this load has ended. */
  public byte[] endedValue() {
    return ByteBuffer.allocate(Long.BYTES).putLong(loadId).array();
  }

  /** The manifest's key in the {@code offline} column family. */
  public byte[] key() {
    return ByteBuffer.allocate(KEY_PREFIX.length + Long.BYTES)
        .put(KEY_PREFIX)
        .putLong(loadId)
        .array();
  }

  /** The manifest's binary form. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeLong(loadId);
      out.writeLong(groupId);
      out.writeBoolean(baseUri != null);
      if (baseUri != null) {
        out.writeUTF(baseUri);
      }
      out.writeInt(fileKeys.size());
      for (String key : fileKeys) {
        out.writeUTF(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode bulk load manifest " + loadId, e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a manifest written by {@link #encode}.
   *
   * @throws StorageException if it is truncated or of another format version
   */
  public static BulkManifest decode(byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new StorageException(
            "Cannot read a bulk load manifest: format version "
                + version
                + " is not supported (expected: "
                + FORMAT_VERSION
                + ")");
      }
      long loadId = in.readLong();
      long groupId = in.readLong();
      String baseUri = in.readBoolean() ? in.readUTF() : null;
      int count = in.readInt();
      List<String> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        keys.add(in.readUTF());
      }
      return new BulkManifest(loadId, groupId, baseUri, keys);
    } catch (IOException e) {
      throw new StorageException("Cannot read a bulk load manifest: it is truncated", e);
    }
  }
}
