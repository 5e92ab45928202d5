package io.quiver.storage.parquet;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealing splices the checksum entry into a footer holding only the format version without parsing
 * it; it must give the bytes that parsing, dropping any old entry and serializing again gives, and
 * leave the file's bytes before the footer's key-value list where they were (in slices, lent).
 */
class FooterChecksumTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message m { required binary name (UTF8); optional int64 count; }");

  @TempDir Path dir;

  @Test
  void splicingGivesTheBytesThatParsingGives() throws IOException {
    for (int rows : new int[] {1, 100, 20_000}) {
      byte[] file = write(rows, Map.of(FooterChecksum.FORMAT_KEY, FooterChecksum.SEALED_FROM));
      int footerLength = footerLength(file);
      int footerStart = file.length - 8 - footerLength;
      byte[] parsed = concat(FooterChecksum.sealByParsing(file, footerStart, footerLength));
      assertThat(FooterChecksum.seal(file)).as("%d rows", rows).isEqualTo(parsed);
    }
  }

  @Test
  void theFirstSliceIsTheWrittenBytesLentAndUnchanged() throws IOException {
    byte[] file = write(5_000, Map.of(FooterChecksum.FORMAT_KEY, FooterChecksum.SEALED_FROM));
    byte[] buffer = Arrays.copyOf(file, file.length + 64);
    byte[] original = buffer.clone();
    ByteBuffer[] slices = FooterChecksum.sealInSlices(buffer, file.length);
    assertThat(slices[0].array()).isSameAs(buffer);
    assertThat(slices[0].position()).isZero();
    int footerStart = file.length - 8 - footerLength(file);
    assertThat(slices[0].remaining()).isGreaterThan(footerStart);
    assertThat(slices[1].remaining()).isLessThan(file.length - footerStart + 64);
    assertThat(buffer).isEqualTo(original);
    assertThat(concat(slices)).isEqualTo(FooterChecksum.seal(file));
  }

  /** A footer of another shape (here, other entries too) is sealed by parsing it, in slices too. */
  @Test
  void aFooterOfAnotherShapeIsSealedByParsing() throws IOException {
    byte[] file =
        write(
            300,
            Map.of(FooterChecksum.FORMAT_KEY, FooterChecksum.SEALED_FROM, "writer", "another"));
    int footerLength = footerLength(file);
    int footerStart = file.length - 8 - footerLength;
    ByteBuffer[] slices = FooterChecksum.sealInSlices(file, file.length);
    assertThat(slices[0].remaining()).isEqualTo(footerStart);
    assertThat(concat(slices))
        .isEqualTo(concat(FooterChecksum.sealByParsing(file, footerStart, footerLength)))
        .isEqualTo(FooterChecksum.seal(file));
  }

  private byte[] write(int rows, Map<String, String> metadata) throws IOException {
    Path path = Files.createTempFile(dir, "f", ".parquet");
    Files.delete(path);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = new Builder(new LocalOutputFile(path), metadata).build()) {
      for (int i = 0; i < rows; i++) {
        writer.write(groups.newGroup().append("name", "row-" + i % 97).append("count", (long) i));
      }
    }
    return Files.readAllBytes(path);
  }

  /**
   * Parquet's example writer, without the object model's name in the footer: its key-value list
   * then holds the given entries only, as the offline store's writer's does.
   */
  private static final class Builder extends ParquetWriter.Builder<Group, Builder> {
    private final Map<String, String> metadata;

    Builder(OutputFile file, Map<String, String> metadata) {
      super(file);
      this.metadata = metadata;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(Configuration conf) {
      return support();
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(ParquetConfiguration conf) {
      return support();
    }

    private WriteSupport<Group> support() {
      return new WriteSupport<>() {
        private @Nullable GroupWriter writer;

        @Override
        public WriteContext init(Configuration configuration) {
          return new WriteContext(SCHEMA, metadata);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
          return new WriteContext(SCHEMA, metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer consumer) {
          writer = new GroupWriter(consumer, SCHEMA);
        }

        @Override
        public void write(Group record) {
          requireNonNull(writer).write(record);
        }
      };
    }
  }

  private static int footerLength(byte[] file) {
    return ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static byte[] concat(ByteBuffer[] slices) {
    ByteBuffer out = ByteBuffer.allocate(slices[0].remaining() + slices[1].remaining());
    return out.put(slices[0].duplicate()).put(slices[1].duplicate()).array();
  }
}
