package io.quiver.storage.parquet;

import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.batch.IdentifierCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/*
 * Design: the record identifier column is read for every row of every file, and parquet-mr's
 * column reader costs a ByteBuffer slice and a Binary per PLAIN value plus a converter call. This
 * decoder reads the (already decompressed) pages itself: definition levels with parquet-mr's RLE
 * decoder, PLAIN values as length-prefixed bytes looked up in IdentifierCodes without allocating,
 * dictionary pages interned once. It supports exactly the encodings listed in SUPPORTED, checked
 * on the chunk's metadata before any page is consumed, so callers can fall back to parquet-mr.
 */

/**
 * Decodes non-repeated column chunks straight from their pages: BINARY into a coded {@link
 * ColumnVector}, PLAIN DOUBLE into doubles. Stateless.
 */
final class DirectPageDecoder {
  private static final Set<Encoding> SUPPORTED =
      Set.of(Encoding.PLAIN, Encoding.RLE, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);

  private DirectPageDecoder() {}

  /** Whether {@link #read} can decode {@code chunk} of {@code column}. */
  static boolean supports(ColumnChunkMetaData chunk, ColumnDescriptor column) {
    return column.getMaxRepetitionLevel() == 0
        && column.getMaxDefinitionLevel() <= 1
        && SUPPORTED.containsAll(chunk.getEncodings());
  }

  /**
   * Whether {@link #readDoubles} can decode {@code chunk} of {@code column} (PLAIN DOUBLE only).
   */
  static boolean supportsDoubles(ColumnChunkMetaData chunk, ColumnDescriptor column) {
    return column.getMaxRepetitionLevel() == 0
        && column.getMaxDefinitionLevel() <= 1
        && column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE
        && Set.of(Encoding.PLAIN, Encoding.RLE).containsAll(chunk.getEncodings());
  }

  /**
   * Decodes {@code rows} PLAIN doubles from {@code pages} into {@code vector} from row {@code
   * offset}.
   *
   * @throws IOException if a page cannot be read
   * @throws IllegalStateException if a page contradicts the chunk's metadata
   */
  static void readDoubles(
      PageReader pages, ColumnDescriptor column, ColumnVector vector, int offset, int rows)
      throws IOException {
    int maxDefinition = column.getMaxDefinitionLevel();
    int row = offset;
    int end = offset + rows;
    while (row < end) {
      Page page = Page.next(pages, column, maxDefinition, row, end);
      if (page.encoding != Encoding.PLAIN) {
        throw new IllegalStateException(
            "Cannot read column " + column + ": values " + page.encoding);
      }
      byte[] values = page.values;
      int position = page.position;
      for (int i = 0; i < page.count; i++, row++) {
        if (page.levels == null || page.levels.next() == maxDefinition) {
          vector.setDouble(row, Double.longBitsToDouble(longAt(values, position)));
          position += 8;
        } else {
          vector.setNull(row);
        }
      }
    }
  }

  /** One data page: its values from {@code position}, their encoding, and its levels. */
  private record Page(
      int count,
      byte[] values,
      int position,
      Encoding encoding,
      @Nullable DefinitionLevels levels) {
    static Page next(
        PageReader pages, ColumnDescriptor column, int maxDefinition, int row, int end) {
      DataPage page = pages.readPage();
      if (page == null) {
        throw new IllegalStateException(
            "Cannot read column " + column + ": its pages end at row " + row);
      }
      int count = page.getValueCount();
      if (row + count > end) {
        throw new IllegalStateException(
            "Cannot read column " + column + ": pages hold more rows than the row group");
      }
      try {
        if (page instanceof DataPageV1 v1) {
          byte[] values = v1.getBytes().toByteArray();
          if (maxDefinition == 0) {
            return new Page(count, values, 0, v1.getValueEncoding(), null);
          }
          if (v1.getDlEncoding() != Encoding.RLE) {
            throw new IllegalStateException(
                "Cannot read column " + column + ": levels " + v1.getDlEncoding());
          }
          int length = intAt(values, 0);
          return new Page(
              count,
              values,
              4 + length,
              v1.getValueEncoding(),
              new DefinitionLevels(values, 4, 4 + length));
        }
        DataPageV2 v2 = (DataPageV2) page;
        DefinitionLevels levels = null;
        if (maxDefinition > 0) {
          byte[] bytes = v2.getDefinitionLevels().toByteArray();
          levels = new DefinitionLevels(bytes, 0, bytes.length);
        }
        return new Page(count, v2.getData().toByteArray(), 0, v2.getDataEncoding(), levels);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read a page of column " + column, e);
      }
    }
  }

  private static long longAt(byte[] bytes, int at) {
    return (intAt(bytes, at) & 0xFFFFFFFFL) | (long) intAt(bytes, at + 4) << 32;
  }

  /**
   * Decodes {@code rows} values from {@code pages} into {@code vector} from row {@code offset}.
   *
   * @throws IOException if a page cannot be read
   * @throws IllegalStateException if a page contradicts the chunk's metadata
   */
  static void read(
      PageReader pages,
      ColumnDescriptor column,
      ColumnVector vector,
      IdentifierCodes codes,
      int offset,
      int rows)
      throws IOException {
    IdentifierCodes.Lookup lookup = codes.acquire();
    try {
      int[] dictionary = null;
      DictionaryPage dictionaryPage = pages.readDictionaryPage();
      if (dictionaryPage != null) {
        Dictionary d = dictionaryPage.getEncoding().initDictionary(column, dictionaryPage);
        dictionary = new int[d.getMaxId() + 1];
        for (int i = 0; i < dictionary.length; i++) {
          byte[] bytes = d.decodeToBinary(i).getBytes();
          dictionary[i] = lookup.intern(bytes, 0, bytes.length);
        }
      }
      int maxDefinition = column.getMaxDefinitionLevel();
      int row = offset;
      int end = offset + rows;
      while (row < end) {
        Page page = Page.next(pages, column, maxDefinition, row, end);
        int count = page.count;
        byte[] values = page.values;
        int position = page.position;
        Encoding encoding = page.encoding;
        DefinitionLevels levels = page.levels;
        if (encoding.usesDictionary() && dictionary != null) {
          int width = values[position] & 0xff;
          RunLengthBitPackingHybridDecoder ids =
              new RunLengthBitPackingHybridDecoder(
                  width,
                  new ByteArrayInputStream(values, position + 1, values.length - position - 1));
          for (int i = 0; i < count; i++, row++) {
            if (levels == null || levels.next() == maxDefinition) {
              vector.setCoded(row, dictionary[ids.readInt()]);
            } else {
              vector.setNull(row);
            }
          }
        } else if (encoding == Encoding.PLAIN) {
          for (int i = 0; i < count; i++, row++) {
            if (levels == null || levels.next() == maxDefinition) {
              int length = intAt(values, position);
              vector.setCoded(row, lookup.intern(values, position + 4, length));
              position += 4 + length;
            } else {
              vector.setNull(row);
            }
          }
        } else {
          throw new IllegalStateException("Cannot read column " + column + ": values " + encoding);
        }
      }
    } finally {
      codes.release(lookup);
    }
  }

  /** Reads 1-bit levels in the RLE / bit-packing hybrid encoding. Not thread-safe. */
  private static final class DefinitionLevels {
    private final byte[] bytes;
    private final int end;
    private int position;
    private int remaining;
    private boolean packed;
    private int value;
    private int packedStart;
    private int packedIndex;

    DefinitionLevels(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.position = from;
      this.end = to;
    }

    int next() {
      if (remaining == 0) {
        readRun();
      }
      remaining--;
      if (!packed) {
        return value;
      }
      int i = packedIndex++;
      return (bytes[packedStart + (i >>> 3)] >>> (i & 7)) & 1;
    }

    private void readRun() {
      int header = 0;
      int shift = 0;
      int b;
      do {
        if (position >= end) {
          throw new IllegalStateException("Cannot read definition levels: they end early");
        }
        b = bytes[position++] & 0xff;
        header |= (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      if ((header & 1) == 0) {
        packed = false;
        remaining = header >>> 1;
        value = bytes[position++] & 0xff;
      } else {
        packed = true;
        remaining = (header >>> 1) * 8;
        packedStart = position;
        packedIndex = 0;
        position += header >>> 1;
      }
    }
  }

  private static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xff)
        | (bytes[at + 1] & 0xff) << 8
        | (bytes[at + 2] & 0xff) << 16
        | (bytes[at + 3] & 0xff) << 24;
  }
}
