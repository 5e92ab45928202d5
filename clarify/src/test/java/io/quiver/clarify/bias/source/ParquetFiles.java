package io.quiver.clarify.bias.source;

import io.quiver.clarify.bias.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Test fixture: writes a {@link Table} as a typed Parquet file (empty cells become nulls). */
final class ParquetFiles {
  private ParquetFiles() {}

  static Path write(Table table, String schema, Path file, CompressionCodecName codec) {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withType(type)
            .withCompressionCodec(codec)
            .build()) {
      for (String[] row : table.rows()) {
        Group group = groups.newGroup();
        for (int c = 0; c < row.length; c++) {
          if (!row[c].isEmpty()) {
            append(group, type.getType(table.header().get(c)), row[c]);
          }
        }
        writer.write(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static void append(Group group, Type field, String text) {
    String name = field.getName();
    PrimitiveType.PrimitiveTypeName primitive = field.asPrimitiveType().getPrimitiveTypeName();
    switch (primitive) {
      case INT32 -> group.append(name, Integer.parseInt(text));
      case INT64 -> group.append(name, Long.parseLong(text));
      case DOUBLE -> group.append(name, Double.parseDouble(text));
      case FLOAT -> group.append(name, Float.parseFloat(text));
      case BOOLEAN -> group.append(name, Boolean.parseBoolean(text));
      default -> group.append(name, text);
    }
  }
}
