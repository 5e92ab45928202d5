package io.quiver.wrangler.source;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ImportSource} over a sequence of inputs read one after another (the files a location
 * names, or one JDBC result), with the look-ahead buffer {@link #peek(int)} needs.
 *
 * <p>Resources: at most one input is open at a time; a remote file's temporary copy is deleted when
 * the reader moves past it, and the S3 client, if any, is closed with the source.
 */
final class FileSetSource implements ImportSource {
  private final List<SourceFile> files;
  private final Function<SourceFile, RowStream> opener;
  private final boolean textual;
  private final @Nullable AutoCloseable owner;
  private final Deque<SourceRow> lookahead = new ArrayDeque<>();
  private final long totalBytes;
  private long doneBytes;
  private int nextFile;
  private @Nullable SourceFile currentFile;
  private @Nullable RowStream current;
  private List<String> columns = List.of();
  private boolean closed;

  FileSetSource(
      List<SourceFile> files,
      Function<SourceFile, RowStream> opener,
      boolean textual,
      @Nullable AutoCloseable owner) {
    this.files = List.copyOf(files);
    this.opener = opener;
    this.textual = textual;
    this.owner = owner;
    long total = 0;
    for (SourceFile file : files) {
      total = file.size() < 0 || total < 0 ? -1 : total + file.size();
    }
    this.totalBytes = total;
  }

  static ImportSource open(String location, SourceOptions options) {
    S3Files s3 = null;
    List<SourceFile> files;
    if (location.startsWith("s3://")) {
      s3 = S3Files.connect(options);
      try {
        files = s3.resolve(location);
      } catch (RuntimeException e) {
        s3.close();
        throw e;
      }
    } else {
      files = LocalFiles.resolve(location);
    }
    SourceFormat format = options.format();
    List<SourceFormat> formats = new ArrayList<>();
    for (SourceFile file : files) {
      formats.add(format != null ? format : SourceFormat.ofFileName(file.name()));
    }
    if (formats.stream().distinct().count() > 1) {
      if (s3 != null) {
        s3.close();
      }
      throw new IllegalArgumentException(
          "Cannot import "
              + location
              + ": it matches files of different formats "
              + formats.stream().distinct().toList()
              + " (expected: one format)");
    }
    SourceFormat single = formats.get(0);
    return new FileSetSource(files, file -> openFile(file, single), single == SourceFormat.CSV, s3);
  }

  /** A source over one already open stream, such as a JDBC result. */
  static ImportSource ofStream(String name, RowStream stream, boolean textual) {
    return new FileSetSource(List.of(new StreamInput(name)), file -> stream, textual, stream);
  }

  private static RowStream openFile(SourceFile file, SourceFormat format) {
    return switch (format) {
      case CSV -> CsvSource.open(file);
      case JSON -> JsonSource.open(file);
      case PARQUET -> ParquetSource.open(file);
      case ORC -> OrcSource.open(file);
    };
  }

  @Override
  public List<String> columns() {
    if (current == null && nextFile == 0) {
      advance();
    }
    return current != null ? current.columns() : columns;
  }

  @Override
  public boolean textual() {
    return textual;
  }

  @Override
  public @Nullable SourceRow next() {
    if (!lookahead.isEmpty()) {
      return lookahead.poll();
    }
    return readAhead();
  }

  @Override
  public List<SourceRow> peek(int count) {
    while (lookahead.size() < count) {
      SourceRow row = readAhead();
      if (row == null) {
        break;
      }
      lookahead.add(row);
    }
    return List.copyOf(lookahead).subList(0, Math.min(count, lookahead.size()));
  }

  private @Nullable SourceRow readAhead() {
    checkOpen();
    while (true) {
      if (current == null && !advance()) {
        return null;
      }
      SourceRow row = current.read();
      if (row != null) {
        return row;
      }
      finishCurrent();
    }
  }

  private boolean advance() {
    if (nextFile >= files.size()) {
      return false;
    }
    currentFile = files.get(nextFile++);
    current = opener.apply(currentFile);
    columns = current.columns();
    return true;
  }

  private void finishCurrent() {
    if (current != null) {
      current.close();
      current = null;
    }
    if (currentFile != null) {
      currentFile.release();
      if (currentFile.size() > 0) {
        doneBytes += currentFile.size();
      }
      currentFile = null;
    }
  }

  @Override
  public List<Path> localCsvFiles() {
    // Local files have no owner (an S3 client or a JDBC result owns the others).
    if (!textual || owner != null) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>(files.size());
    for (SourceFile file : files) {
      if (file.name().toLowerCase(Locale.ROOT).endsWith(".gz")) {
        return List.of();
      }
      paths.add(file.localPath());
    }
    return paths;
  }

  @Override
  public double fractionRead() {
    if (totalBytes <= 0) {
      return current == null ? Double.NaN : current.fractionRead();
    }
    double inCurrent = 0;
    if (current != null && currentFile != null && currentFile.size() > 0) {
      double fraction = current.fractionRead();
      inCurrent = Double.isNaN(fraction) ? 0 : fraction * currentFile.size();
    }
    return Math.min(1.0, (doneBytes + inCurrent) / totalBytes);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Cannot read a closed import source");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finishCurrent();
    } finally {
      if (owner != null) {
        try {
          owner.close();
        } catch (Exception e) {
          throw new IllegalStateException("Cannot close the import source", e);
        }
      }
    }
  }

  /** The pseudo-file of {@link #ofStream}: its stream is already open. */
  private record StreamInput(String name) implements SourceFile {
    @Override
    public long size() {
      return -1;
    }

    @Override
    public java.io.InputStream openStream() {
      throw new UnsupportedOperationException("Cannot reopen " + name);
    }

    @Override
    public java.nio.file.Path localPath() {
      throw new UnsupportedOperationException("Cannot copy " + name);
    }
  }
}
