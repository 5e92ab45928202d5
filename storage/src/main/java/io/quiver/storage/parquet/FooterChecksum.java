package io.quiver.storage.parquet;

import io.quiver.storage.error.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.SeekableInputStream;

/*
 * Design: Parquet checksums pages, not the footer, yet the footer decides what a reader does: the
 * schema, the codec, the row counts, the statistics that prune row groups. A flipped bit there can
 * turn into a wrong answer without any page failing its checksum (found by flipping every bit of
 * offline files). Quiver therefore adds one key-value entry to the footer of the files it writes:
 * the CRC-32C of the footer as serialized without that entry. Verifying re-serializes the parsed
 * footer without the entry (Thrift's compact encoding of a struct is deterministic) and compares.
 * Other engines ignore the entry; files without it (written by others) are read unverified.
 */

/**
 * The footer checksum of Quiver's Parquet files: {@link #seal} adds it to a written file, readers
 * verify it before trusting the footer. Stateless. Specified in {@code
 * docs/format/offline-store.md}.
 */
public final class FooterChecksum {
  /** The key-value metadata key holding the checksum (8 lower-case hex digits). */
  public static final String KEY = "quiver.footer.crc32c";

  /**
   * The key-value metadata key naming the format version of Quiver's offline files; from version
   * {@value #SEALED_FROM} on, a file must carry the checksum (so that a flip in the checksum's own
   * key cannot pass for a file without one).
   */
  public static final String FORMAT_KEY = "quiver.offline.format";

  /** The first offline format version whose files carry the checksum. */
  public static final String SEALED_FROM = "2";

  private static final int TRAILER_BYTES = 8;

  private FooterChecksum() {}

  /**
   * The same Parquet file with the checksum of its footer added to the footer.
   *
   * @throws IllegalArgumentException if {@code file} is not a whole Parquet file
   */
  public static byte[] seal(byte[] file) {
    int footerLength = footerLength(file, file.length);
    int footerStart = file.length - TRAILER_BYTES - footerLength;
    FileMetaData footer;
    try {
      footer = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
    } catch (IOException e) {
      throw new IllegalArgumentException("file: its footer cannot be read (expected: Parquet)", e);
    }
    List<KeyValue> entries = new ArrayList<>(entries(footer));
    entries.removeIf(kv -> KEY.equals(kv.getKey()));
    footer.setKey_value_metadata(entries);
    String checksum = checksum(footer);
    entries.add(new KeyValue(KEY).setValue(checksum));
    footer.setKey_value_metadata(entries);
    byte[] sealed = serialize(footer);
    ByteBuffer out = ByteBuffer.allocate(footerStart + sealed.length + TRAILER_BYTES);
    out.put(file, 0, footerStart).put(sealed);
    out.order(ByteOrder.LITTLE_ENDIAN).putInt(sealed.length);
    out.put(file, file.length - 4, 4);
    return out.array();
  }

  /**
   * Checks the footer of {@code file} against its checksum, if it has one.
   *
   * @throws CorruptFileException if the footer does not match its checksum
   * @throws IOException if the file cannot be read or its footer cannot be parsed
   */
  static void verify(ObjectInputFile file, String uri) throws IOException {
    long length = file.getLength();
    if (length < 12) {
      return; // too short for Parquet: the reader says so
    }
    byte[] trailer = new byte[TRAILER_BYTES];
    byte[] footerBytes;
    try (SeekableInputStream in = file.newStream()) {
      in.seek(length - TRAILER_BYTES);
      in.readFully(trailer);
      int footerLength = footerLength(trailer, trailer.length);
      if (footerLength < 0 || footerLength > length - 12) {
        return; // the reader reports the impossible length
      }
      footerBytes = new byte[footerLength];
      in.seek(length - TRAILER_BYTES - footerLength);
      in.readFully(footerBytes);
    }
    FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(footerBytes));
    List<KeyValue> entries = new ArrayList<>(entries(footer));
    String recorded = null;
    String format = null;
    for (KeyValue kv : entries) {
      if (KEY.equals(kv.getKey())) {
        recorded = kv.getValue();
      } else if (FORMAT_KEY.equals(kv.getKey())) {
        format = kv.getValue();
      }
    }
    if (recorded == null) {
      if (format != null && !format.equals("1")) {
        throw new CorruptFileException(
            "Cannot read "
                + uri
                + ": its footer lacks the checksum that offline format "
                + format
                + " requires; the file is damaged",
            new IOException("footer checksum missing"));
      }
      return;
    }
    entries.removeIf(kv -> KEY.equals(kv.getKey()));
    footer.setKey_value_metadata(entries);
    String actual = checksum(footer);
    if (!actual.equals(recorded)) {
      throw new CorruptFileException(
          "Cannot read "
              + uri
              + ": its footer fails its checksum (recorded "
              + recorded
              + ", computed "
              + actual
              + "); the file is damaged",
          new IOException("footer checksum mismatch"));
    }
  }

  private static List<KeyValue> entries(FileMetaData footer) {
    return footer.isSetKey_value_metadata() ? footer.getKey_value_metadata() : List.of();
  }

  private static String checksum(FileMetaData footer) {
    CRC32C crc = new CRC32C();
    crc.update(serialize(footer));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  private static byte[] serialize(FileMetaData footer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Util.writeFileMetaData(footer, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialize a Parquet footer", e);
    }
    return out.toByteArray();
  }

  /** The footer length in the 8-byte trailer ending at {@code end}. */
  private static int footerLength(byte[] bytes, int end) {
    if (end < TRAILER_BYTES) {
      throw new IllegalArgumentException("file: " + end + " bytes (expected: a Parquet file)");
    }
    return ByteBuffer.wrap(bytes, end - TRAILER_BYTES, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
