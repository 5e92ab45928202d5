package io.quiver.storage.parquet;

import io.quiver.storage.error.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Other engines ignore the entry; files without it (written by others) are read unverified, so a
 * file whose raw footer still holds either of Quiver's key names but whose parsed footer lacks the
 * checksum is damaged: a single flipped bit (a varint's continuation bit, say) can make the parser
 * skip the key-value list and read on in step, which would otherwise pass for a foreign file.
 *
 * Sealing runs once per file written, and a bulk import writes thousands of small files. Parquet's
 * writer has just serialized the footer with one entry, the format version, so the footer without
 * the checksum entry is already in hand, byte for byte: sealing takes its CRC and splices the entry
 * in after the version's (the key-value list is one field of FileMetaData, its entries structs of
 * two strings), without parsing the footer or serializing it again. Any other footer is sealed by
 * parsing it. FooterChecksumTest checks that both give the same bytes. Either way only the end of
 * the file changes, so a sealed file is given as the unchanged prefix of the written bytes and a
 * new tail: a flush's file of tens of megabytes is then written out without being copied again.
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

  private static final byte[] KEY_BYTES = KEY.getBytes(StandardCharsets.UTF_8);
  private static final byte[] FORMAT_KEY_BYTES = FORMAT_KEY.getBytes(StandardCharsets.UTF_8);

  // Thrift compact encoding: a field header is (id delta << 4) | type; a short list's header is
  // (size << 4) | element type; a string is its varint length and its bytes.
  private static final byte BINARY_FIELD_NEXT = 0x18; // next field id, type binary
  private static final byte LIST_FIELD_NEXT = 0x19; // next field id, type list
  private static final byte STRUCT = 0x0C;
  private static final byte STOP = 0x00;

  /**
   * FileMetaData's key_value_metadata (field 5, right after row_groups) holding the single entry
   * {@code quiver.offline.format = 2}, as Parquet's writer serializes it.
   */
  private static final byte[] VERSION_ONLY_LIST =
      concat(
          new byte[] {LIST_FIELD_NEXT, (byte) (1 << 4 | STRUCT)}, entry(FORMAT_KEY, SEALED_FROM));

  /** The checksum entry with an 8-digit value; the value's 8 bytes end 1 byte before the end. */
  private static final byte[] CHECKSUM_ENTRY = entry(KEY, "00000000");

  private FooterChecksum() {}

  /**
   * The same Parquet file with the checksum of its footer added to the footer.
   *
   * @throws IllegalArgumentException if {@code file} is not a whole Parquet file
   */
  public static byte[] seal(byte[] file) {
    return seal(file, file.length);
  }

  /**
   * The Parquet file held in the first {@code length} bytes of {@code file}, with the checksum of
   * its footer added to the footer, in a new array of its own length.
   *
   * @throws IllegalArgumentException if those bytes are not a whole Parquet file
   */
  public static byte[] seal(byte[] file, int length) {
    ByteBuffer[] slices = sealInSlices(file, length);
    ByteBuffer out = ByteBuffer.allocate(slices[0].remaining() + slices[1].remaining());
    return out.put(slices[0]).put(slices[1]).array();
  }

  /**
   * The Parquet file held in the first {@code length} bytes of {@code file}, with the checksum of
   * its footer added to the footer, as two slices to be written one after the other: a prefix of
   * {@code file} itself, not copied (valid while {@code file} is not changed), then a new array
   * holding the rest. Only the end of the footer changes, so sealing costs about a footer, not a
   * copy of the file.
   *
   * @throws IllegalArgumentException if those bytes are not a whole Parquet file
   */
  public static ByteBuffer[] sealInSlices(byte[] file, int length) {
    int footerLength = footerLength(file, length);
    int footerStart = length - TRAILER_BYTES - footerLength;
    if (footerLength < 0 || footerStart < 0) {
      throw new IllegalArgumentException(
          "file: footer length " + footerLength + " (expected: a Parquet file)");
    }
    int footerEnd = footerStart + footerLength;
    int list = indexOf(file, VERSION_ONLY_LIST, footerStart, footerEnd);
    if (list >= 0 && indexOf(file, VERSION_ONLY_LIST, list + 1, footerEnd) < 0) {
      return spliceChecksum(file, footerStart, footerLength, list);
    }
    return sealByParsing(file, footerStart, footerLength);
  }

  /**
   * Seals a file whose footer's key-value list, at {@code list}, holds the format version only: the
   * footer as written is the footer without the checksum entry. The file is unchanged up to the
   * list's header, whose size nibble becomes two.
   */
  private static ByteBuffer[] spliceChecksum(
      byte[] file, int footerStart, int footerLength, int list) {
    CRC32C crc = new CRC32C();
    crc.update(file, footerStart, footerLength);
    byte[] digits =
        HexFormat.of().toHexDigits((int) crc.getValue()).getBytes(StandardCharsets.US_ASCII);
    int listEnd = list + VERSION_ONLY_LIST.length;
    int footerEnd = footerStart + footerLength;
    int sealedLength = footerLength + CHECKSUM_ENTRY.length;
    int unchanged = list + 1;
    ByteBuffer tail = ByteBuffer.allocate(footerStart + sealedLength + TRAILER_BYTES - unchanged);
    tail.put((byte) (2 << 4 | STRUCT)); // the list now holds two entries
    tail.put(file, unchanged + 1, listEnd - unchanged - 1);
    tail.put(CHECKSUM_ENTRY, 0, CHECKSUM_ENTRY.length - 1 - digits.length).put(digits).put(STOP);
    tail.put(file, listEnd, footerEnd - listEnd);
    tail.order(ByteOrder.LITTLE_ENDIAN).putInt(sealedLength);
    tail.put(file, footerEnd + 4, 4);
    return new ByteBuffer[] {ByteBuffer.wrap(file, 0, unchanged), tail.flip()};
  }

  /** Seals any footer: parses it, drops a checksum entry it has, adds the new one last. */
  static ByteBuffer[] sealByParsing(byte[] file, int footerStart, int footerLength) {
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
    int footerEnd = footerStart + footerLength;
    ByteBuffer tail = ByteBuffer.allocate(sealed.length + TRAILER_BYTES).put(sealed);
    tail.order(ByteOrder.LITTLE_ENDIAN).putInt(sealed.length);
    tail.put(file, footerEnd + 4, 4);
    return new ByteBuffer[] {ByteBuffer.wrap(file, 0, footerStart), tail.flip()};
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
      if (contains(footerBytes, KEY_BYTES)
          || (format == null && contains(footerBytes, FORMAT_KEY_BYTES))) {
        throw new CorruptFileException(
            "Cannot read "
                + uri
                + ": its footer holds a checksum entry that cannot be read; the file is damaged",
            new IOException("footer checksum unreadable"));
      }
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

  /** A key-value entry of two strings under 128 bytes, as Thrift's compact protocol writes it. */
  private static byte[] entry(String key, String value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    return concat(
        new byte[] {BINARY_FIELD_NEXT, (byte) k.length},
        k,
        new byte[] {BINARY_FIELD_NEXT, (byte) v.length},
        v,
        new byte[] {STOP});
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static boolean contains(byte[] bytes, byte[] wanted) {
    return indexOf(bytes, wanted, 0, bytes.length) >= 0;
  }

  /** The first index in {@code [from, to)} where {@code wanted} starts and ends, or -1. */
  private static int indexOf(byte[] bytes, byte[] wanted, int from, int to) {
    byte first = wanted[0];
    for (int i = from, last = to - wanted.length; i <= last; i++) {
      if (bytes[i] == first
          && Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
        return i;
      }
    }
    return -1;
  }

  /** The footer length in the 8-byte trailer ending at {@code end}. */
  private static int footerLength(byte[] bytes, int end) {
    if (end < TRAILER_BYTES) {
      throw new IllegalArgumentException("file: " + end + " bytes (expected: a Parquet file)");
    }
    return ByteBuffer.wrap(bytes, end - TRAILER_BYTES, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }
}
