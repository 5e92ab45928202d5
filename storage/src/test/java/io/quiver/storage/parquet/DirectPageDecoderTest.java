package io.quiver.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.IdentifierCodes;
import io.quiver.storage.objectstore.ReadableObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading identifiers with codes (DirectPageDecoder, or the interning converter for encodings it
 * does not take) gives the same values and nulls as the plain reader, for files DuckDB writes with
 * dictionary or PLAIN identifiers, null identifiers and doubles, V1 or V2 pages and several pages
 * and row groups; equal identifiers get equal codes across files.
 */
class DirectPageDecoderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"10, V1", "10, V2", "50000, V1", "50000, V2"})
  void codedReadMatchesPlainRead(int distinct, String pageVersion) throws SQLException {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      for (Path file : List.of(a, b)) {
        st.execute(
            "COPY (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'id-' || (hash(i + "
                + file.hashCode()
                + ") % "
                + distinct
                + ") END AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END AS v, "
                + "'x' || i AS note FROM range(120000) t(i)) TO '"
                + file
                + "' (FORMAT parquet, ROW_GROUP_SIZE 50000, "
                + "PARQUET_VERSION "
                + pageVersion
                + ")");
      }
    }
    List<ColumnSpec> specs =
        List.of(
            new ColumnSpec("id", ColumnKind.STRING),
            new ColumnSpec("v", ColumnKind.DOUBLE),
            new ColumnSpec("note", ColumnKind.STRING));
    IdentifierCodes codes = new IdentifierCodes();
    Map<String, Integer> codeOf = new HashMap<>();
    for (Path file : List.of(a, b)) {
      ColumnBatch plain;
      ColumnBatch coded;
      try (ReadableObject input = ReadableObject.local(file)) {
        plain = new ParquetColumnReader(new ScanStatistics()).read(input, specs, null, null);
        coded = new ParquetColumnReader(new ScanStatistics()).read(input, specs, "id", null, codes);
      }
      assertThat(coded.rowCount()).isEqualTo(plain.rowCount()).isEqualTo(120000);
      assertThat(coded.column(0).hasCodes()).isTrue();
      assertThat(coded.column(2).hasCodes()).isFalse();
      for (int r = 0; r < plain.rowCount(); r++) {
        for (int c = 0; c < specs.size(); c++) {
          assertThat(coded.column(c).get(r))
              .as("%s row %s column %s", file, r, c)
              .isEqualTo(plain.column(c).get(r));
        }
        String id = coded.column(0).getString(r);
        if (id != null) {
          int code = coded.column(0).code(r);
          assertThat(codeOf.computeIfAbsent(id, k -> code)).as("code of %s", id).isEqualTo(code);
        }
      }
    }
    assertThat(codes.size()).isEqualTo(codeOf.size());
  }
}
