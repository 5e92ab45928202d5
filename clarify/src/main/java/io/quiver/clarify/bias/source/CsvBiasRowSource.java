package io.quiver.clarify.bias.source;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quiver.storage.error.ValidationException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file with a header row through Jackson's streaming CSV parser, keeping only the
 * wanted fields of each row. Not thread-safe.
 */
final class CsvBiasRowSource extends SlottedBiasRowSource {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final CsvFactory FACTORY =
      CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  private final Path file;
  private final BiasColumns columns;
  private final CsvParser parser;

  /** For each field position, the slot (0 facet, 1 label, 2 predicted, 3 group) it fills, or -1. */
  private final int[] slotOfField;

  private final int lastWantedField;

  /** For each slot, the slot it copies when its column also serves an earlier role, or -1. */
  private final int[] copyFrom = {-1, -1, -1, -1};

  private long dataRow;
  private boolean closed;

  private CsvBiasRowSource(Path file, BiasColumns columns, CsvParser parser, List<String> header) {
    this.file = file;
    this.columns = columns;
    this.parser = parser;
    this.slotOfField = new int[header.size()];
    Arrays.fill(slotOfField, -1);
    int[] fieldOfSlot = slotIndexes(columns, header, file.toString(), "header");
    int last = 0;
    for (int slot = 0; slot < fieldOfSlot.length; slot++) {
      int field = fieldOfSlot[slot];
      if (field < 0) {
        continue;
      }
      if (slotOfField[field] >= 0) {
        copyFrom[slot] = slotOfField[field]; // one column serving two roles is read once
        continue;
      }
      slotOfField[field] = slot;
      last = Math.max(last, field);
    }
    this.lastWantedField = last;
  }

  static BiasRowSource open(Path file, BiasColumns columns) {
    InputStream in = null;
    try {
      in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
        in = new GZIPInputStream(in, BUFFER_BYTES);
      }
      CsvParser parser = FACTORY.createParser(in);
      List<String> header = readRecord(parser);
      if (header == null) {
        parser.close();
        throw new ValidationException(
            "Cannot read " + file + ": it is empty (expected a header row)");
      }
      return new CsvBiasRowSource(file, columns, parser, header);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("Cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      closeQuietly(in);
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  private static @Nullable List<String> readRecord(CsvParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      fields.add(parser.getText());
    }
    return fields;
  }

  @Override
  public BiasColumns columns() {
    return columns;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public boolean next() {
    try {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return false;
      }
      dataRow++;
      int field = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        if (field < slotOfField.length && slotOfField[field] >= 0) {
          values[slotOfField[field]] = parser.getText();
        }
        field++;
      }
      if (field <= lastWantedField) {
        throw new ValidationException(
            String.format(
                Locale.ROOT,
                "Cannot read %s: data row %d has %d fields, fewer than the header's columns",
                file,
                dataRow,
                field));
      }
      copySharedColumns();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void copySharedColumns() {
    for (int slot = 1; slot < copyFrom.length; slot++) {
      if (copyFrom[slot] >= 0) {
        values[slot] = values[copyFrom[slot]];
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }

  private static void closeQuietly(@Nullable InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing with the more useful exception
    }
  }
}
