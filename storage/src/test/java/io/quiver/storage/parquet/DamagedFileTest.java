package io.quiver.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.TestGroups;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.error.CorruptFileException;
import io.quiver.storage.objectstore.ReadableObject;
import io.quiver.storage.offline.OfflineFile;
import io.quiver.storage.offline.ParquetCodec;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A damaged Parquet file is never read as a wrong answer: a single-bit flip anywhere in an offline
 * file fails the read with an error naming the file, or changes nothing the reader uses (issue 13,
 * item 4: before page checksums were verified, 10 of 25 flips returned wrong values; before the
 * footer checksum, flips in the footer did too); a truncated file and a file that is not Parquet
 * are reported by name (issue 13, item 9).
 */
class DamagedFileTest {
  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("order_id", ColumnKind.LONG),
          new ColumnSpec("event_time", ColumnKind.STRING),
          new ColumnSpec("amount", ColumnKind.DOUBLE),
          new ColumnSpec("write_time", ColumnKind.TIMESTAMP_MICROS),
          new ColumnSpec("api_invocation_time", ColumnKind.TIMESTAMP_MICROS),
          new ColumnSpec("is_deleted", ColumnKind.BOOLEAN));

  @TempDir Path dir;

  /** Every codec, for a file without dictionary pages (few rows) and one with them. */
  static Stream<Arguments> files() {
    return Arrays.stream(ParquetCodec.values())
        .flatMap(codec -> Stream.of(Arguments.of(codec, 500), Arguments.of(codec, 1_500)));
  }

  @ParameterizedTest
  @MethodSource("files")
  void aBitFlipAnywhereFailsTheReadNamingTheFileOrChangesNothing(ParquetCodec codec, int rows)
      throws IOException {
    Path file = offlineFile(codec, rows);
    assertThat(hasDictionaryPages(file)).isEqualTo(rows > 1_000);
    byte[] original = Files.readAllBytes(file);
    List<List<Object>> expected = readAll(file);
    Random random = new Random(13);
    int failed = 0;
    for (int flip = 0; flip < 400; flip++) {
      int at = random.nextInt(original.length);
      if (flip(file, original, at, random.nextInt(8), expected)) {
        failed++;
      }
    }
    // Flips in page statistics or the page index, which no reader here uses, change nothing.
    assertThat(failed).isGreaterThan(300);
    Files.write(file, original);
    assertThat(readAll(file)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("files")
  void aBitFlipInTheFooterFailsTheReadOrChangesNothing(ParquetCodec codec, int rows)
      throws IOException {
    Path file = offlineFile(codec, rows);
    byte[] original = Files.readAllBytes(file);
    List<List<Object>> expected = readAll(file);
    long[] footer = footer(original);
    Random random = new Random(9);
    int failed = 0;
    for (int flip = 0; flip < 300; flip++) {
      int at = (int) (footer[0] + random.nextInt((int) (footer[1] - footer[0])));
      if (flip(file, original, at, random.nextInt(8), expected)) {
        failed++;
      }
    }
    // A flip the footer's decoder reads as the same value (another encoding of one field) changes
    // nothing; every other flip fails the footer checksum.
    assertThat(failed).isGreaterThan(250);
  }

  /**
   * Flips one bit and reads the file: true if the read fails naming the file, false if it returns
   * exactly what the undamaged file holds; any other outcome fails the test.
   */
  private static boolean flip(
      Path file, byte[] original, int at, int bit, List<List<Object>> expected) throws IOException {
    byte[] damaged = original.clone();
    damaged[at] ^= (byte) (1 << bit);
    Files.write(file, damaged);
    List<List<Object>> read;
    try {
      read = readAll(file);
    } catch (CorruptFileException e) {
      assertThat(e).hasMessageStartingWith("Cannot read " + file.toUri() + ": ");
      return true;
    }
    assertThat(read).as("rows after flipping bit %s of byte %s", bit, at).isEqualTo(expected);
    return false;
  }

  /**
   * Every single-bit flip in the footer of a small file. Found here (issue 18): flipping the
   * continuation bit of the row group's row count made Thrift's parser read on in step, skip the
   * key-value list and return a footer with 52 rows and no checksum entry, which passed for a file
   * from another writer and read 52 of the 500 rows; the raw footer still names the checksum.
   */
  @Test
  void everyBitFlipInTheFooterOfASmallFileFailsTheReadOrChangesNothing() throws IOException {
    Path file = offlineFile(ParquetCodec.ZSTD, 500);
    assertThat(hasDictionaryPages(file)).isFalse();
    byte[] original = Files.readAllBytes(file);
    List<List<Object>> expected = readAll(file);
    long[] footer = footer(original);
    int flips = 0;
    int failed = 0;
    for (int at = (int) footer[0]; at < footer[1]; at++) {
      for (int bit = 0; bit < 8; bit++) {
        flips++;
        if (flip(file, original, at, bit, expected)) {
          failed++;
        }
      }
    }
    assertThat(failed).isGreaterThan(flips * 9 / 10);
  }

  @Test
  void aTruncatedFileIsReportedByName() throws IOException {
    Path file = offlineFile(ParquetCodec.SNAPPY, 500);
    byte[] bytes = Files.readAllBytes(file);
    // The footer length now claims more bytes than the file has.
    ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-934_661_632);
    Files.write(file, bytes);
    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageStartingWith("Cannot read " + file.toUri() + ": ");
  }

  @Test
  void aFileThatIsNotParquetIsReportedByName() throws IOException {
    Path file = dir.resolve("notes.parquet");
    Files.writeString(file, "order_id,amount\n1,2.5\n");
    assertThatThrownBy(() -> readAll(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessage(
            "Cannot read "
                + file.toUri()
                + ": it is not a Parquet file (it does not start and end with PAR1)")
        .hasMessageNotContaining("LocalInputFile");
  }

  @Test
  void aMissingFileIsNotReportedAsDamaged() {
    Path file = dir.resolve("gone.parquet");
    assertThatThrownBy(() -> readAll(file))
        .isNotInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toUri().toString());
  }

  private Path offlineFile(ParquetCodec codec, int rows) throws IOException {
    Path data = dir.resolve("data-" + codec + "-" + rows);
    try (QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(data)
                .offlineCodec(codec)
                .offlineFlushAge(Duration.ofHours(1))
                .ttlSweepInterval(Duration.ZERO)
                .build())) {
      store.createFeatureGroup(TestGroups.orders());
      List<Record> records = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        records.add(
            TestGroups.order(Integer.toString(i), "2024-03-05T10:" + (10 + i % 40) + ":00Z")
                .set("amount", 986_990.0 + i)
                .build());
      }
      store.putRecords(TestGroups.ORDERS, records, io.quiver.storage.RecordWriteOptions.defaults());
      store.flush();
      List<OfflineFile> files = store.listOfflineFiles(TestGroups.ORDERS);
      assertThat(files).hasSize(1);
      return Path.of(URI.create(files.get(0).uri()));
    }
  }

  private static boolean hasDictionaryPages(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter().getBlocks().stream()
          .flatMap(block -> block.getColumns().stream())
          .anyMatch(ColumnChunkMetaData::hasDictionaryPage);
    }
  }

  /** The footer with its length and closing magic: the file's last bytes. */
  private static long[] footer(byte[] file) {
    int footerLength =
        ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return new long[] {file.length - 8 - footerLength, file.length};
  }

  private static List<List<Object>> readAll(Path file) {
    ColumnBatch batch;
    try (ReadableObject input = ReadableObject.local(file)) {
      batch = new ParquetColumnReader(new ScanStatistics()).read(input, COLUMNS, null, null);
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < batch.rowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < COLUMNS.size(); c++) {
        row.add(batch.column(c).get(r));
      }
      rows.add(row);
    }
    return rows;
  }
}
