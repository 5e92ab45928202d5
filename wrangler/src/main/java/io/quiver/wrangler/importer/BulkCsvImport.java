package io.quiver.wrangler.importer;

import io.quiver.query.csv.CsvReader;
import io.quiver.storage.bulk.BulkLoad;
import io.quiver.storage.bulk.BulkLoadSummary;
import io.quiver.storage.bulk.RejectedRow;
import io.quiver.storage.error.ErrorCode;
import io.quiver.wrangler.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/*
 * Design: each file is cut into chunks of about chunkBytes at line breaks, without reading it
 * first; every chunk is parsed on its own thread, assuming it starts at a record. A chunk that does
 * not end at a record boundary proves the assumption wrong (a quoted cell spans the cut), and the
 * file is parsed again as one chunk. Only then are the chunks handed to the bulk load, which checks
 * their rows in parallel too. The load commits all rows or none, so a row that breaks a rule under
 * OnError.FAIL writes nothing at all.
 */

/**
 * Imports local CSV files into a new or empty feature group through a {@link BulkLoad}: parsed in
 * parallel straight into UTF-8 text columns, checked by the PutRecord rules, and written at once to
 * the offline files and the online store. Not thread-safe; one per import.
 */
final class BulkCsvImport {
  /** Bytes per chunk when not set: large enough to amortize a task, small enough to spread. */
  static final int CHUNK_BYTES_DEFAULT = 4 << 20;

  private final ImportConfig config;
  private final ImportListener listener;
  private final int chunkBytes;
  private final Instant start;
  private Instant lastReport;

  BulkCsvImport(ImportConfig config, ImportListener listener, int chunkBytes) {
    this.chunkBytes = chunkBytes;
    this.config = config;
    this.listener = listener;
    this.start = config.clock().instant();
    this.lastReport = start;
  }

  /** A byte range of a file to parse; {@code ordinal} orders chunks across files. */
  private record Chunk(
      Path file, String name, List<String> columns, long start, long end, boolean last) {}

  /**
   * A parsed chunk and where its rows are, for messages.
   *
   * @param firstLine the file's line number of the chunk's first line
   */
  private record ParsedChunk(Chunk chunk, CsvChunkParser.Parsed parsed, long firstLine) {}

  /**
   * Parses, checks and writes {@code files} through {@code load}; if {@code stopped} turns true
   * before the writing starts, writes nothing and reports the import stopped.
   *
   * @throws ImportFailedException if a row breaks a rule under {@link OnError#FAIL} (nothing is
   *     written)
   * @throws SourceException if a file is malformed
   */
  ImportSummary run(BulkLoad load, List<Path> files, BooleanSupplier stopped) {
    String group = load.group().name();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    AtomicInteger count = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "quiver-bulk-import-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<ParsedChunk> parsed = new ArrayList<>();
      long totalBytes = 0;
      for (Path file : files) {
        totalBytes += size(file);
      }
      long doneBytes = 0;
      for (Path file : files) {
        List<ParsedChunk> chunks = parseFile(file, workers);
        parsed.addAll(chunks);
        doneBytes += size(file);
        report(rows(parsed), 0, doneBytes / (double) Math.max(1, totalBytes) / 2);
      }
      List<RowError> rejected = addAll(load, parsed, workers);
      long read = rows(parsed);
      if (!rejected.isEmpty() && config.onError() == OnError.FAIL) {
        RowError first = rejected.get(0);
        listener.onRowRejected(first);
        ImportSummary summary = summary(group, read, 0, 0, first);
        throw new ImportFailedException(
            "Cannot import "
                + first
                + " (nothing was written: an import into a new or empty group writes all its rows"
                + " or none)",
            summary,
            ErrorCode.VALIDATION,
            null);
      }
      rejected.forEach(listener::onRowRejected);
      if (stopped.getAsBoolean()) {
        // Nothing was written: a resumed import starts from the beginning again.
        return new ImportSummary(group, read, 0, rejected.size(), elapsed(), true, null, 0, 0);
      }
      report(read, 0, 1.0);
      BulkLoadSummary written =
          load.commit(
              (step, done, total) -> {
                synchronized (listener) {
                  listener.onWriteProgress(
                      step.name().toLowerCase(Locale.ROOT).replace('_', ' '), done, total);
                }
              });
      ImportSummary summary = summary(group, read, written.rows(), rejected.size(), null);
      listener.onProgress(
          new ImportProgress(read, written.rows(), rejected.size(), summary.elapsed(), 1.0));
      return summary;
    } finally {
      workers.shutdownNow();
    }
  }

  /** A summary: all rows were written or skipped, or none (a failure). */
  private ImportSummary summary(
      String group, long read, long written, long skipped, @Nullable RowError failure) {
    long resumeAt = failure == null ? read : 0;
    return new ImportSummary(group, read, written, skipped, elapsed(), false, failure, resumeAt, 0);
  }

  private Duration elapsed() {
    return Duration.between(start, config.clock().instant());
  }

  private void report(long read, long skipped, double fraction) {
    Instant now = config.clock().instant();
    if (Duration.between(lastReport, now).compareTo(config.progressInterval()) >= 0) {
      lastReport = now;
      listener.onProgress(
          new ImportProgress(read, 0, skipped, Duration.between(start, now), fraction));
    }
  }

  private static long rows(List<ParsedChunk> parsed) {
    long rows = 0;
    for (ParsedChunk chunk : parsed) {
      rows += chunk.parsed().batch().rowCount();
    }
    return rows;
  }

  /** Parses {@code file} in chunks on {@code workers}; again as one chunk if a cut was wrong. */
  private List<ParsedChunk> parseFile(Path file, ExecutorService workers) {
    String name = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      Header header = header(channel, name);
      List<Chunk> chunks = cut(channel, file, name, header, size, chunkBytes);
      List<Future<CsvChunkParser.Parsed>> futures = new ArrayList<>(chunks.size());
      for (Chunk chunk : chunks) {
        futures.add(workers.submit(() -> parse(chunk)));
      }
      List<CsvChunkParser.Parsed> results = new ArrayList<>(chunks.size());
      boolean complete = true;
      for (Future<CsvChunkParser.Parsed> future : futures) {
        CsvChunkParser.Parsed result = await(future);
        complete &= result.complete();
        results.add(result);
      }
      if (!complete) {
        // A cut fell inside a quoted cell: parse the file again as one chunk.
        chunks = List.of(new Chunk(file, name, header.columns(), header.dataStart(), size, true));
        results = List.of(parse(chunks.get(0)));
      }
      List<ParsedChunk> parsed = new ArrayList<>(chunks.size());
      long firstLine = header.lines() + 1;
      for (int i = 0; i < chunks.size(); i++) {
        results.get(i).checkWellFormed(name, firstLine);
        parsed.add(new ParsedChunk(chunks.get(i), results.get(i), firstLine));
        firstLine += results.get(i).lineBreaks();
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /**
   * The header names, where the data starts (after a byte order mark, empty lines and the header),
   * and how many lines that takes.
   */
  record Header(List<String> columns, long dataStart, int lines) {}

  private static Header header(FileChannel channel, String name) throws IOException {
    int length = (int) Math.min(channel.size(), 1 << 20);
    return header(read(channel, 0, length), length, name);
  }

  /** The header of a file whose first {@code length} bytes (up to 1 MiB) are {@code bytes}. */
  static Header header(byte[] bytes, int length, String name) {
    int bom =
        length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    int start = bom;
    while (start < length && (bytes[start] == '\n' || bytes[start] == '\r')) {
      start++; // empty lines before the header, which the CSV reader skips too
    }
    int end = CsvChunkParser.endOfFirstRecord(bytes, start, length);
    try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(bytes, 0, end), name)) {
      return new Header(csv.header(), end, lineBreaks(bytes, bom, end));
    } catch (UncheckedIOException e) {
      throw new SourceException(e.getMessage(), e);
    }
  }

  private static int lineBreaks(byte[] bytes, int start, int end) {
    int breaks = 0;
    for (int i = start; i < end; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == end || bytes[i + 1] != '\n'))) {
        breaks++;
      }
    }
    return Math.max(1, breaks);
  }

  /** Cuts the data of a file into chunks at the first line feed after every {@code chunkBytes}. */
  private static List<Chunk> cut(
      FileChannel channel, Path file, String name, Header header, long size, int chunkBytes)
      throws IOException {
    List<Chunk> chunks = new ArrayList<>();
    long chunkStart = header.dataStart();
    while (chunkStart < size) {
      long target = chunkStart + chunkBytes;
      long chunkEnd = target >= size ? size : nextLineStart(channel, target, size);
      chunks.add(new Chunk(file, name, header.columns(), chunkStart, chunkEnd, chunkEnd == size));
      chunkStart = chunkEnd;
    }
    return chunks;
  }

  private static long nextLineStart(FileChannel channel, long from, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long position = from;
    while (position < size) {
      buffer.clear();
      int read = channel.read(buffer, position);
      if (read <= 0) {
        break;
      }
      for (int i = 0; i < read; i++) {
        if (buffer.get(i) == '\n') {
          return position + i + 1;
        }
      }
      position += read;
    }
    return size;
  }

  private static CsvChunkParser.Parsed parse(Chunk chunk) throws IOException {
    int length = Math.toIntExact(chunk.end() - chunk.start());
    byte[] bytes;
    try (FileChannel channel = FileChannel.open(chunk.file(), StandardOpenOption.READ)) {
      bytes = read(channel, chunk.start(), length);
    }
    return new CsvChunkParser(chunk.columns().size()).parse(bytes, 0, length, chunk.last());
  }

  private static byte[] read(FileChannel channel, long position, int length) throws IOException {
    byte[] bytes = new byte[length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return bytes;
  }

  /** Hands every chunk to the load (checked in parallel); the rejected rows in input order. */
  private List<RowError> addAll(BulkLoad load, List<ParsedChunk> parsed, ExecutorService workers) {
    List<Future<List<RejectedRow>>> futures = new ArrayList<>(parsed.size());
    for (int i = 0; i < parsed.size(); i++) {
      long ordinal = i;
      ParsedChunk chunk = parsed.get(i);
      futures.add(
          workers.submit(() -> load.add(ordinal, chunk.chunk().columns(), chunk.parsed().batch())));
    }
    List<RowError> errors = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      ParsedChunk chunk = parsed.get(i);
      for (RejectedRow row : await(futures.get(i))) {
        long line = chunk.firstLine() + chunk.parsed().rowLines()[row.row()] - 1;
        errors.add(new RowError(chunk.chunk().name() + ":" + line, row.error().getMessage()));
      }
    }
    return errors;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot finish the import: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof IOException io) {
        throw new UncheckedIOException(io.getMessage(), io);
      }
      throw new IllegalStateException("Cannot finish the import", cause);
    }
  }

  private static long size(Path file) {
    try {
      return java.nio.file.Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
