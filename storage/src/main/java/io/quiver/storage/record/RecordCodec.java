package io.quiver.storage.record;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.StorageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
  static final int HEADER_BYTES = 26;
  private static final byte FLAG_DELETED = 1;
  private static final byte KIND_SCALAR = 0;
  private static final byte KIND_LIST = 1;

  private RecordCodec() {}

  /** Encodes a valid record with its times. */
  public static byte[] encode(ValidRecord record, long apiInvocationMicros, long expiresAtMicros) {
    Output out = new Output(256);
    writeHeader(out, false, record.eventTimeMicros(), apiInvocationMicros, expiresAtMicros);
    FeatureValue[] values = record.valuesByPosition();
    int count = 0;
    for (FeatureValue value : values) {
      if (value != null) {
        count++;
      }
    }
    out.writeVarint(count);
    for (int position = 0; position < values.length; position++) {
      FeatureValue value = values[position];
      if (value == null) {
        continue;
      }
      out.writeVarint(position);
      if (value.valueAsString() != null) {
        out.write(KIND_SCALAR);
        out.writeString(value.valueAsString());
      } else {
        out.write(KIND_LIST);
        List<String> elements = value.valueAsStringList();
        out.writeVarint(elements.size());
        for (String element : elements) {
          out.writeString(element);
        }
      }
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

  private static void writeHeader(Output out, boolean deleted, long eventTime, long apiInvocation, long expiresAt) {
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

  /** Whether an encoded record is a deletion marker, read from its header. */
  public static boolean isDeleted(byte[] encoded) {
    checkVersion(encoded);
    return (encoded[FLAGS_OFFSET] & FLAG_DELETED) != 0;
  }

  /**
   * Decodes a record of {@code group}, keeping only the features whose position is marked in
   * {@code wanted} ({@code null} keeps all).
   */
  public static StoredRecord decode(byte[] encoded, FeatureGroup group, boolean @Nullable [] wanted) {
    checkVersion(encoded);
    Input in = new Input(encoded, HEADER_BYTES);
    int count = in.readVarint();
    List<FeatureValue> values = new ArrayList<>(count);
    List<FeatureDefinition> features = group.features();
    for (int i = 0; i < count; i++) {
      int position = in.readVarint();
      byte kind = in.readByte();
      boolean keep = position < features.size() && (wanted == null || wanted[position]);
      if (kind == KIND_SCALAR) {
        if (keep) {
          values.add(FeatureValue.of(features.get(position).name(), in.readString()));
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
          values.add(FeatureValue.ofList(features.get(position).name(), Arrays.asList(elements)));
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
        new Record(values));
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

  /** An unsynchronized growable byte buffer; one per encode call. */
  private static final class Output extends ByteArrayOutputStream {
    Output(int size) {
      super(size);
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
      byte[] bytes = s.getBytes(UTF_8);
      writeVarint(bytes.length);
      write(bytes, 0, bytes.length);
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
      // Read the length first: in "position += readVarint()" Java loads position before the call,
      // so the varint's own bytes would be skipped back over.
      int length = readVarint();
      position += length;
    }
  }
}
