package io.quiver.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Text held back until it is known to be complete: in memory up to {@value #MEMORY_CHARS}
 * characters, then in a temporary file, deleted on close. Not thread-safe.
 */
final class SpooledText implements AutoCloseable {
  /** Characters kept in memory before the text moves to a temporary file. */
  static final int MEMORY_CHARS = 8 << 20;

  private final StringWriter memory = new StringWriter();
  private final PrintWriter writer = new PrintWriter(new Spool());
  private @Nullable Path file;
  private @Nullable Writer fileWriter;

  /** Adds a line. */
  void println(String line) {
    writer.println(line);
  }

  /** The writer to add text with. */
  PrintWriter writer() {
    return writer;
  }

  /** Copies everything written so far to {@code out}. */
  void copyTo(PrintWriter out) {
    writer.flush();
    if (file == null) {
      out.write(memory.toString());
      return;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      reader.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read back the query's answer from " + file, e);
    }
  }

  @Override
  public void close() {
    writer.close();
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + file, e);
      }
    }
  }

  /** Writes to memory, then to the file once memory holds too much. */
  private final class Spool extends Writer {
    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      if (fileWriter == null && memory.getBuffer().length() + length > MEMORY_CHARS) {
        file = Files.createTempFile("quiver-sql-", ".txt");
        fileWriter = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        fileWriter.write(memory.toString());
        memory.getBuffer().setLength(0);
        memory.getBuffer().trimToSize();
      }
      if (fileWriter != null) {
        fileWriter.write(chars, offset, length);
      } else {
        memory.write(chars, offset, length);
      }
    }

    @Override
    public void flush() throws IOException {
      if (fileWriter != null) {
        fileWriter.flush();
      }
    }

    @Override
    public void close() throws IOException {
      if (fileWriter != null) {
        fileWriter.close();
      }
    }
  }
}
