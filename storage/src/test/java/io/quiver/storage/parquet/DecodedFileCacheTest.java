package io.quiver.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.objectstore.ReadableObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached read gives what a fresh read gives (values, nulls, identifiers coded in the caller's
 * codes, shared with files read afresh), a file replaced under the same key (same size or not) is
 * read afresh, and the cache never holds more than its budget, dropping the least recently used.
 */
class DecodedFileCacheTest {
  private static final List<ColumnSpec> SPECS =
      List.of(
          new ColumnSpec("id", ColumnKind.STRING),
          new ColumnSpec("v", ColumnKind.DOUBLE),
          new ColumnSpec("t", ColumnKind.LONG),
          new ColumnSpec("note", ColumnKind.STRING),
          new ColumnSpec("missing", ColumnKind.DOUBLE));

  @TempDir Path dir;

  private void write(Path file, int seed, int rows) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute(
          "COPY (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'id-' || (hash(i + "
              + seed
              + ") % 500) END AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE (i + "
              + seed
              + ") / 3.0 END AS v, i * "
              + seed
              + " AS t, 'x' || (i % 11) AS note FROM range("
              + rows
              + ") t(i)) TO '"
              + file
              + "' (FORMAT parquet, ROW_GROUP_SIZE 3000)");
    }
  }

  private static ColumnBatch fresh(Path file, IdentifierCodes codes) {
    try (ReadableObject input = ReadableObject.local(file)) {
      return new ParquetColumnReader(new ScanStatistics()).read(input, SPECS, "id", null, codes);
    }
  }

  private static ColumnBatch cached(
      DecodedFileCache cache, Path file, IdentifierCodes codes, ScanStatistics statistics) {
    try (ReadableObject input = ReadableObject.local(file)) {
      return cache.read(input, file.getFileName().toString(), SPECS, "id", codes, statistics);
    }
  }

  private static void assertSame(ColumnBatch actual, ColumnBatch expected) {
    assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
    assertThat(actual.column(0).hasCodes()).isTrue();
    for (int r = 0; r < expected.rowCount(); r++) {
      for (int c = 0; c < SPECS.size(); c++) {
        assertThat(actual.column(c).get(r))
            .as("row %s column %s", r, c)
            .isEqualTo(expected.column(c).get(r));
        assertThat(actual.column(c).isNull(r)).isEqualTo(expected.column(c).isNull(r));
      }
    }
  }

  @Test
  void cachedReadEqualsFreshReadInTheScopesCodes() throws SQLException {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    write(a, 1, 10_000);
    write(b, 2, 10_000);
    DecodedFileCache cache = new DecodedFileCache(64L << 20);
    IdentifierCodes codes = cache.codes("g/id");
    assertThat(cache.codes("g/id")).isSameAs(codes);
    assertThat(cache.codes("h/id")).isNotSameAs(codes);
    ScanStatistics statistics = new ScanStatistics();
    ColumnBatch first = cached(cache, a, codes, statistics);
    assertThat(statistics.filesFromCache()).isZero();
    assertThat(statistics.filesOpened()).isEqualTo(1);
    assertSame(first, fresh(a, new IdentifierCodes()));

    // A later scan of the scope: a from the cache, b afresh, both coded in the scope's codes.
    ColumnBatch fromCache = cached(cache, a, codes, statistics);
    ColumnBatch read = cached(cache, b, codes, statistics);
    assertThat(statistics.filesFromCache()).isEqualTo(1);
    assertThat(statistics.filesOpened()).isEqualTo(2);
    assertSame(fromCache, fresh(a, new IdentifierCodes()));
    assertSame(read, fresh(b, new IdentifierCodes()));
    Map<String, Integer> codeOf = new HashMap<>();
    for (ColumnBatch batch : List.of(fromCache, read)) {
      for (int r = 0; r < batch.rowCount(); r++) {
        String id = batch.column(0).getString(r);
        if (id != null) {
          int code = batch.column(0).code(r);
          assertThat(codeOf.computeIfAbsent(id, k -> code)).as("code of %s", id).isEqualTo(code);
        }
      }
    }
    // Codes of no scope are never answered from the cache (nor kept).
    ColumnBatch other = cached(cache, a, new IdentifierCodes(), statistics);
    assertThat(statistics.filesFromCache()).isEqualTo(1);
    assertSame(other, fresh(a, new IdentifierCodes()));
    assertThat(cache.files()).isEqualTo(2);
  }

  @Test
  void aFileReplacedUnderTheSameKeyIsReadAfresh() throws Exception {
    Path file = dir.resolve("f.parquet");
    write(file, 3, 5_000);
    DecodedFileCache cache = new DecodedFileCache(64L << 20);
    IdentifierCodes codes = cache.codes("g/id");
    ScanStatistics statistics = new ScanStatistics();
    cached(cache, file, codes, statistics);
    // Same rows, other values: another footer under the same key.
    Path other = dir.resolve("other.parquet");
    write(other, 4, 5_000);
    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
    ColumnBatch after = cached(cache, file, codes, statistics);
    assertThat(statistics.filesFromCache()).isZero();
    assertSame(after, fresh(file, new IdentifierCodes()));
    // A removed file is not answered from the cache: its read fails as a fresh one does.
    Files.delete(file);
    assertThatThrownBy(() -> cached(cache, file, codes, statistics))
        .isInstanceOf(RuntimeException.class);
    assertThat(statistics.filesFromCache()).isZero();
  }

  @Test
  void theBudgetHoldsAndTheLeastRecentlyUsedFileGoesFirst() throws SQLException {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    Path c = dir.resolve("c.parquet");
    write(a, 1, 20_000);
    write(b, 2, 20_000);
    write(c, 3, 20_000);
    DecodedFileCache probe = new DecodedFileCache(64L << 20);
    cached(probe, a, probe.codes("g/id"), new ScanStatistics());
    long one = probe.sizeBytes();
    assertThat(one).isPositive();

    // Room for two files, not three.
    DecodedFileCache cache = new DecodedFileCache(one * 2 + one / 2);
    IdentifierCodes codes = cache.codes("g/id");
    ScanStatistics statistics = new ScanStatistics();
    cached(cache, a, codes, statistics);
    cached(cache, b, codes, statistics);
    cached(cache, a, codes, statistics); // a is now the most recent
    cached(cache, c, codes, statistics);
    assertThat(cache.sizeBytes()).isLessThanOrEqualTo(cache.maxBytes());
    assertThat(cache.keys()).containsExactly("a.parquet", "c.parquet");

    // A file larger than the budget is read, never kept.
    DecodedFileCache small = new DecodedFileCache(one / 2);
    assertSame(cached(small, a, small.codes("g/id"), statistics), fresh(a, new IdentifierCodes()));
    assertThat(small.files()).isZero();
    assertThat(small.sizeBytes()).isLessThanOrEqualTo(small.maxBytes());

    // A budget of 0 turns the cache off: every scan gets codes of its own.
    DecodedFileCache off = new DecodedFileCache(0);
    assertThat(off.codes("g/id")).isNotSameAs(off.codes("g/id"));
    cached(off, a, off.codes("g/id"), statistics);
    assertThat(off.files()).isZero();
  }

  @Test
  void aDictionaryOverHalfTheBudgetStartsAgainWithoutItsFiles() throws SQLException {
    Path a = dir.resolve("a.parquet");
    write(a, 1, 20_000);
    // About 430 distinct identifiers: their dictionary alone is over half of this budget.
    DecodedFileCache cache = new DecodedFileCache(300 * DecodedFileCache.BYTES_PER_CODE);
    IdentifierCodes codes = cache.codes("g/id");
    ColumnBatch batch = cached(cache, a, codes, new ScanStatistics());
    assertSame(batch, fresh(a, new IdentifierCodes()));
    assertThat(cache.codes("g/id")).isNotSameAs(codes);
    assertThat(cache.files()).isZero();
    assertThat(cache.sizeBytes()).isLessThanOrEqualTo(cache.maxBytes());
  }
}
