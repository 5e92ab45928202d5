package io.quiver.wrangler.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes the same three rows as Parquet and as ORC, covering every type the readers map: string,
 * timestamp, int64, int32, double, float, decimal, date, boolean, list of strings, and a missing
 * value.
 */
final class ColumnarFiles {
  static final Instant T0 = Instant.parse("2024-05-01T12:00:00.250Z");

  private ColumnarFiles() {}

  static void parquet(Path file, CompressionCodecName codec) {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message row { required binary id (STRING); required int64 ts (TIMESTAMP(MICROS,true)); optional int64 n;"
                + " optional int32 i; optional double x; optional float f; optional int64 d (DECIMAL(10,2));"
                + " optional int32 day (DATE); optional boolean flag;"
                + " optional group tags (LIST) { repeated group list { optional binary element (STRING); } } }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withType(schema)
            .withCompressionCodec(codec)
            .build()) {
      for (int r = 0; r < 3; r++) {
        Group row = rows.newGroup().append("id", "r" + r).append("ts", micros(T0.plusSeconds(r)));
        if (r != 2) {
          row.append("n", 10L + r)
              .append("i", r)
              .append("x", 0.1 + r)
              .append("f", 1.5f)
              .append("d", 12345L + r);
          row.append("day", (int) LocalDate.of(2024, 5, 1).toEpochDay()).append("flag", r == 0);
          Group tags = row.addGroup("tags");
          tags.addGroup("list").append("element", "a");
          tags.addGroup("list").append("element", "b" + r);
        }
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void orc(Path file) {
    TypeDescription schema =
        TypeDescription.fromString(
            "struct<id:string,ts:timestamp,n:bigint,i:int,x:double,f:float,d:decimal(10,2),day:date,flag:boolean,tags:array<string>>");
    Configuration conf = new Configuration(false);
    try (Writer writer =
        OrcFile.createWriter(
            new org.apache.hadoop.fs.Path(file.toUri()),
            OrcFile.writerOptions(conf)
                .fileSystem(writableLocalFileSystem(conf))
                .setSchema(schema)
                .useUTCTimestamp(true))) {
      VectorizedRowBatch batch = schema.createRowBatch();
      BytesColumnVector tagValues = (BytesColumnVector) ((ListColumnVector) batch.cols[9]).child;
      tagValues.ensureSize(6, false);
      for (int r = 0; r < 3; r++) {
        byte[] id = ("r" + r).getBytes(UTF_8);
        ((BytesColumnVector) batch.cols[0]).setVal(r, id);
        Instant ts = T0.plusSeconds(r);
        ((TimestampColumnVector) batch.cols[1]).time[r] = ts.toEpochMilli();
        ((TimestampColumnVector) batch.cols[1]).nanos[r] = ts.getNano();
        if (r == 2) {
          for (int c = 2; c < 10; c++) {
            batch.cols[c].noNulls = false;
            batch.cols[c].isNull[r] = true;
          }
          continue;
        }
        ((LongColumnVector) batch.cols[2]).vector[r] = 10L + r;
        ((LongColumnVector) batch.cols[3]).vector[r] = r;
        ((DoubleColumnVector) batch.cols[4]).vector[r] = 0.1 + r;
        ((DoubleColumnVector) batch.cols[5]).vector[r] = 1.5f;
        ((DecimalColumnVector) batch.cols[6])
            .set(r, HiveDecimal.create(java.math.BigDecimal.valueOf(12345L + r, 2)));
        ((LongColumnVector) batch.cols[7]).vector[r] = LocalDate.of(2024, 5, 1).toEpochDay();
        ((LongColumnVector) batch.cols[8]).vector[r] = r == 0 ? 1 : 0;
        ListColumnVector tags = (ListColumnVector) batch.cols[9];
        tags.offsets[r] = 2L * r;
        tags.lengths[r] = 2;
        tagValues.setVal(2 * r, "a".getBytes(UTF_8));
        tagValues.setVal(2 * r + 1, ("b" + r).getBytes(UTF_8));
      }
      ((ListColumnVector) batch.cols[9]).childCount = 4;
      batch.size = 3;
      writer.addRowBatch(batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A raw local file system that skips setting permissions: Hadoop does that through FileUtil,
   * which needs commons-compress; only the test writes ORC, the importer only reads it.
   */
  private static org.apache.hadoop.fs.FileSystem writableLocalFileSystem(Configuration conf)
      throws IOException {
    org.apache.hadoop.fs.RawLocalFileSystem fs =
        new org.apache.hadoop.fs.RawLocalFileSystem() {
          @Override
          public void setPermission(
              org.apache.hadoop.fs.Path p,
              org.apache.hadoop.fs.permission.FsPermission permission) {}
        };
    fs.initialize(java.net.URI.create("file:///"), conf);
    return fs;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
