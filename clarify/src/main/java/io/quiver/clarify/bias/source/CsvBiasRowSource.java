package io.quiver.clarify.bias.source;

import io.quiver.query.csv.CsvReader;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file with a header row through Quiver's one CSV reader ({@link CsvReader}), decoding
 * only the wanted fields of each row. Not thread-safe.
 */
final class CsvBiasRowSource extends SlottedBiasRowSource {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path file;
  private final BiasColumns columns;
  private final CsvReader csv;

  /** For each field position, the slot (0 facet, 1 label, 2 predicted, 3 group) it fills, or -1. */
  private final int[] slotOfField;

  /** For each field position, whether a slot wants it. */
  private final boolean[] wanted;

  /** The wanted fields of the current row, by position. */
  private final @Nullable String[] cells;

  private final int lastWantedField;

  /** For each slot, the slot it copies when its column also serves an earlier role, or -1. */
  private final int[] copyFrom = {-1, -1, -1, -1};

  private long dataRow;
  private boolean closed;

  private CsvBiasRowSource(Path file, BiasColumns columns, CsvReader csv) {
    this.file = file;
    this.columns = columns;
    this.csv = csv;
    List<String> header = csv.header();
    this.slotOfField = new int[header.size()];
    this.wanted = new boolean[header.size()];
    this.cells = new String[header.size()];
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
      wanted[field] = true;
      last = Math.max(last, field);
    }
    this.lastWantedField = last;
  }

  static BiasRowSource open(Path file, BiasColumns columns) {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("Cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    CsvReader csv;
    try {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
        in = new GZIPInputStream(in, BUFFER_BYTES);
      }
      csv = CsvReader.open(in, file.toString());
    } catch (IOException e) {
      closeQuietly(in);
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      if (csv.header().isEmpty()) {
        throw new ValidationException(
            "Cannot read " + file + ": it is empty (expected a header row)");
      }
      return new CsvBiasRowSource(file, columns, csv);
    } catch (RuntimeException e) {
      csv.close();
      throw e;
    }
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
    int fields = csv.next(wanted, cells);
    if (fields < 0) {
      return false;
    }
    dataRow++;
    if (fields <= lastWantedField) {
      throw new ValidationException(
          "Cannot read "
              + file
              + ": data row "
              + dataRow
              + " has "
              + fields
              + " fields, fewer than the header's columns");
    }
    for (int field = 0; field <= lastWantedField; field++) {
      if (slotOfField[field] >= 0) {
        values[slotOfField[field]] = cells[field];
      }
    }
    copySharedColumns();
    return true;
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
    csv.close();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing with the more useful exception
    }
  }
}
