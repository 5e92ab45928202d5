package io.quiver.storage.internal.record;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.StoredRecord;
import io.quiver.storage.record.ValidRecord;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The binary form of a stored record, specified in {@code docs/format/record.md}: a fixed header
 * (format version, flags, event time, invocation time, expiry) that the write path reads without
 * decoding the values, then the values keyed by feature position. Positions are stable because a
 * group's features are only ever appended. Stateless and thread-safe.
 */
public final class RecordCodec {
  /** The format version written in the first byte. */
  public static final byte FORMAT_VERSION = 1;

  static final int FLAGS_OFFSET = 1;
  static final int EVENT_TIME_OFFSET = 2;
  static final int API_INVOCATION_OFFSET = 10;
  static final int EXPIRES_AT_OFFSET = 18;

  /** The size of the fixed header, which {@link #eventTimeMicros} and the like read alone. */
  public static final int HEADER_BYTES = 26;

  private static final byte FLAG_DELETED = 1;
  private static final byte KIND_SCALAR = 0;
  private static final byte KIND_LIST = 1;

  private RecordCodec() {}

  /** Encodes a valid record with its times. */
  public static byte[] encode(ValidRecord record, long apiInvocationMicros, long expiresAtMicros) {
    FeatureValue[] values = record.valuesByPosition();
    int count = 0;
    int size = HEADER_BYTES;
    for (int position = 0; position < values.length; position++) {
      FeatureValue value = values[position];
      if (value != null) {
        count++;
        size += varintSize(position) + 1 + encodedSizeIfAscii(value);
      }
    }
    // Exact for ASCII values, so the common record is written into one array, never copied.
    Output out = new Output(size + varintSize(count));
    writeHeader(out, false, record.eventTimeMicros(), apiInvocationMicros, expiresAtMicros);
    out.writeVarint(count);
    for (int position = 0; position < values.length; position++) {
      FeatureValue value = values[position];
      if (value == null) {
        continue;
      }
      out.writeVarint(position);
      if (!value.isList()) {
        out.write(KIND_SCALAR);
        out.writeString(value.scalar());
      } else {
        out.write(KIND_LIST);
        List<String> elements = value.elements();
        out.writeVarint(elements.size());
        for (String element : elements) {
          out.writeString(element);
        }
      }
    }
    return out.toByteArray();
  }

  /**
   * Encodes a record of scalar values given as UTF-8 bytes, for writers that never made strings of
   * them: value {@code i} is feature {@code positions[i]} (ascending), the bytes {@code [starts[i],
   * ends[i])} of {@code arrays[i]}. The same bytes as {@link #encode} gives the record with those
   * values.
   */
  public static byte[] encodeScalars(
      long eventTimeMicros,
      long apiInvocationMicros,
      long expiresAtMicros,
      int count,
      int[] positions,
      byte[][] arrays,
      int[] starts,
      int[] ends) {
    int size = HEADER_BYTES + varintSize(count);
    for (int i = 0; i < count; i++) {
      int length = ends[i] - starts[i];
      size += varintSize(positions[i]) + 1 + varintSize(length) + length;
    }
    Output out = new Output(size);
    writeHeader(out, false, eventTimeMicros, apiInvocationMicros, expiresAtMicros);
    out.writeVarint(count);
    for (int i = 0; i < count; i++) {
      out.writeVarint(positions[i]);
      out.write(KIND_SCALAR);
      out.writeVarint(ends[i] - starts[i]);
      out.write(arrays[i], starts[i], ends[i] - starts[i]);
    }
    return out.toByteArray();
  }

  /**
   * Encodes a deletion marker: the identifier and event time only, flagged deleted.
   *
   * @param identifierPosition position of the record identifier feature
   * @param identifier the identifier value
   * @param eventTimePosition position of the event time feature
   * @param eventTime the event time value as given
   */
  public static byte[] encodeDeletion(
      int identifierPosition,
      String identifier,
      int eventTimePosition,
      String eventTime,
      long eventTimeMicros,
      long apiInvocationMicros) {
    Output out = new Output(64);
    writeHeader(out, true, eventTimeMicros, apiInvocationMicros, StoredRecord.NEVER);
    out.writeVarint(2);
    int first = Math.min(identifierPosition, eventTimePosition);
    int second = Math.max(identifierPosition, eventTimePosition);
    out.writeVarint(first);
    out.write(KIND_SCALAR);
    out.writeString(first == identifierPosition ? identifier : eventTime);
    out.writeVarint(second);
    out.write(KIND_SCALAR);
    out.writeString(second == identifierPosition ? identifier : eventTime);
    return out.toByteArray();
  }

  /** The encoded size of a value's strings and lengths, assuming one byte per character. */
  private static int encodedSizeIfAscii(FeatureValue value) {
    if (!value.isList()) {
      int length = value.scalar().length();
      return varintSize(length) + length;
    }
    List<String> elements = value.elements();
    int size = varintSize(elements.size());
    for (String element : elements) {
      size += varintSize(element.length()) + element.length();
    }
    return size;
  }

  private static int varintSize(int v) {
    int size = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      size++;
    }
    return size;
  }

  private static void writeHeader(
      Output out, boolean deleted, long eventTime, long apiInvocation, long expiresAt) {
    out.write(FORMAT_VERSION);
    out.write(deleted ? FLAG_DELETED : 0);
    out.writeLong(eventTime);
    out.writeLong(apiInvocation);
    out.writeLong(expiresAt);
  }

  /** The event time of an encoded record, read from its header. */
  public static long eventTimeMicros(byte[] encoded) {
    checkVersion(encoded);
    return readLong(encoded, EVENT_TIME_OFFSET);
  }

  /** The expiry of an encoded record, read from its header. */
  public static long expiresAtMicros(byte[] encoded) {
    checkVersion(encoded);
    return readLong(encoded, EXPIRES_AT_OFFSET);
  }

  /** The invocation time of an encoded record, read from its header. */
  public static long apiInvocationMicros(byte[] encoded) {
    checkVersion(encoded);
    return readLong(encoded, API_INVOCATION_OFFSET);
  }

  /**
   * Finds the values of an encoded record in place, for readers that type them straight from the
   * bytes: {@code starts[p]} becomes the offset of feature {@code p}'s value (read it with {@link
   * ValueCursor}), or -1 if the record has none; values of positions from {@code starts.length} on
   * are skipped.
   */
  public static void locateValues(byte[] encoded, int[] starts) {
    checkVersion(encoded);
    Arrays.fill(starts, -1);
    Input in = new Input(encoded, HEADER_BYTES);
    int count = in.readVarint();
    for (int i = 0; i < count; i++) {
      int position = in.readVarint();
      if (position < starts.length) {
        starts[position] = in.position;
      }
      if (in.readByte() == KIND_SCALAR) {
        in.skipString();
      } else {
        for (int n = in.readVarint(); n > 0; n--) {
          in.skipString();
        }
      }
    }
  }

  /**
   * Reads one value located by {@link #locateValues} without making strings: {@link #isList}, then
   * for a scalar one {@link #nextString}, for a list {@link #listSize} and that many {@link
   * #nextString}; each string's UTF-8 bytes are {@code [start(), end())} of the record's array.
   * Reusable; not thread-safe.
   */
  public static final class ValueCursor {
    private byte[] bytes = new byte[0];
    private int position;
    private int start;
    private int end;

    /** Moves to the value at {@code offset} of {@code encoded}; returns whether it is a list. */
    public boolean isList(byte[] encoded, int offset) {
      bytes = encoded;
      position = offset + 1;
      return encoded[offset] == KIND_LIST;
    }

    /** The number of elements of the list just moved to. */
    public int listSize() {
      Input in = new Input(bytes, position);
      int size = in.readVarint();
      position = in.position;
      return size;
    }

    /** Moves over the next string. */
    public void nextString() {
      Input in = new Input(bytes, position);
      int length = in.readVarint();
      start = in.position;
      end = start + length;
      position = end;
    }

    /** The record's bytes. */
    public byte[] bytes() {
      return bytes;
    }

    /** Where the current string's UTF-8 bytes start. */
    public int start() {
      return start;
    }

    /** Where the current string's UTF-8 bytes end. */
    public int end() {
      return end;
    }
  }

  /** Whether an encoded record is a deletion marker, read from its header. */
  public static boolean isDeleted(byte[] encoded) {
    checkVersion(encoded);
    return (encoded[FLAGS_OFFSET] & FLAG_DELETED) != 0;
  }

  /**
   * Decodes a record of {@code group}, keeping only the features whose position is marked in {@code
   * wanted} ({@code null} keeps all).
   */
  public static StoredRecord decode(
      byte[] encoded, FeatureGroup group, boolean @Nullable [] wanted) {
    checkVersion(encoded);
    Input in = new Input(encoded, HEADER_BYTES);
    int count = in.readVarint();
    // An array, not an ArrayList: List.of copies it once and Record keeps that list as is.
    FeatureValue[] values = new FeatureValue[count];
    int kept = 0;
    List<FeatureDefinition> features = group.features();
    for (int i = 0; i < count; i++) {
      int position = in.readVarint();
      byte kind = in.readByte();
      boolean keep = position < features.size() && (wanted == null || wanted[position]);
      if (kind == KIND_SCALAR) {
        if (keep) {
          values[kept++] = FeatureValue.of(features.get(position).name(), in.readString());
        } else {
          in.skipString();
        }
      } else {
        int n = in.readVarint();
        if (keep) {
          String[] elements = new String[n];
          for (int e = 0; e < n; e++) {
            elements[e] = in.readString();
          }
          values[kept++] =
              FeatureValue.ofList(features.get(position).name(), Arrays.asList(elements));
        } else {
          for (int e = 0; e < n; e++) {
            in.skipString();
          }
        }
      }
    }
    return new StoredRecord(
        readLong(encoded, EVENT_TIME_OFFSET),
        readLong(encoded, API_INVOCATION_OFFSET),
        readLong(encoded, EXPIRES_AT_OFFSET),
        (encoded[FLAGS_OFFSET] & FLAG_DELETED) != 0,
        new Record(List.of(kept == count ? values : Arrays.copyOf(values, kept))));
  }

  private static void checkVersion(byte[] encoded) {
    if (encoded.length < HEADER_BYTES || encoded[0] != FORMAT_VERSION) {
      throw new StorageException(
          "Cannot decode stored record: format version "
              + (encoded.length == 0 ? "missing" : Byte.toString(encoded[0]))
              + " is not supported (expected: "
              + FORMAT_VERSION
              + ")");
    }
  }

  private static long readLong(byte[] b, int offset) {
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = (v << 8) | (b[offset + i] & 0xFF);
    }
    return v;
  }

  /**
   * An unsynchronized byte buffer, one per encode call, allocated at the caller's size estimate and
   * grown only if the estimate was short. (ByteArrayOutputStream synchronizes every write.)
   */
  private static final class Output {
    private byte[] bytes;
    private int size;

    Output(int capacity) {
      bytes = new byte[capacity];
    }

    void write(int b) {
      ensureRoom(1);
      bytes[size++] = (byte) b;
    }

    void write(byte[] b, int offset, int length) {
      ensureRoom(length);
      System.arraycopy(b, offset, bytes, size, length);
      size += length;
    }

    void writeLong(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        write((int) (v >>> shift));
      }
    }

    void writeVarint(int v) {
      while ((v & ~0x7F) != 0) {
        write((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      write(v);
    }

    void writeString(String s) {
      byte[] utf8 = s.getBytes(UTF_8);
      writeVarint(utf8.length);
      write(utf8, 0, utf8.length);
    }

    byte[] toByteArray() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void ensureRoom(int length) {
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
      }
    }
  }

  /** A cursor over an encoded record. */
  private static final class Input {
    private final byte[] bytes;
    private int position;

    Input(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    byte readByte() {
      return bytes[position++];
    }

    int readVarint() {
      int result = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        byte b = bytes[position++];
        result |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new StorageException("Cannot decode stored record: a length is malformed");
    }

    String readString() {
      int length = readVarint();
      String s = new String(bytes, position, length, UTF_8);
      position += length;
      return s;
    }

    void skipString() {
      // Not "position += readVarint()": Java reads position before readVarint() advances it,
      // which would skip from the start of the length instead of from after it.
      int length = readVarint();
      position += length;
    }
  }
}
