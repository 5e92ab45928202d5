package io.quiver.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.batch.ColumnVector;
import io.quiver.storage.objectstore.ReadableObject;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet LIST columns (collection features) read into LIST vectors hold what DuckDB reads from the
 * same file: null lists, empty lists, null elements, string, integer and double elements, across
 * pages and row groups, next to scalar columns and with row groups skipped by identifier; the
 * legacy two-level lists some writers produce read too.
 */
class ListColumnTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"V1", "V2"})
  void listsReadAsDuckDbReadsThem(String pageVersion) throws SQLException {
    Path file = dir.resolve("lists.parquet");
    int rows = 30_000;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute(
          "COPY (SELECT 'id-' || (i % 100) AS id,"
              + " CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN []::VARCHAR[]"
              + "  ELSE [('t' || i), CASE WHEN i % 3 = 0 THEN NULL ELSE 'u' END, 'w' || (i % 7)]"
              + "  [1:(i % 4)] END AS tags,"
              + " CASE WHEN i % 17 = 0 THEN NULL ELSE range(i % 5)::BIGINT[] END AS counts,"
              + " [i / 2.0, -i * 1.0]::DOUBLE[] AS vec,"
              + " i AS n FROM range("
              + rows
              + ") t(i)) TO '"
              + file
              + "' (FORMAT parquet, ROW_GROUP_SIZE 10000, PARQUET_VERSION "
              + pageVersion
              + ")");
      List<ColumnSpec> specs =
          List.of(
              ColumnSpec.list("tags", ColumnKind.STRING),
              new ColumnSpec("n", ColumnKind.LONG),
              ColumnSpec.list("counts", ColumnKind.LONG),
              ColumnSpec.list("vec", ColumnKind.DOUBLE),
              ColumnSpec.list("missing", ColumnKind.STRING));
      ColumnBatch batch;
      try (ReadableObject input = ReadableObject.local(file)) {
        batch = new ParquetColumnReader(new ScanStatistics()).read(input, specs, null, null);
      }
      assertThat(batch.rowCount()).isEqualTo(rows);
      try (ResultSet rs =
          st.executeQuery("SELECT tags, n, counts, vec FROM '" + file + "' ORDER BY n")) {
        int r = 0;
        while (rs.next()) {
          assertThat(batch.column(0).get(r)).as("tags of row %s", r).isEqualTo(list(rs, 1));
          assertThat(batch.column(1).get(r)).isEqualTo(rs.getLong(2));
          assertThat(batch.column(2).get(r)).as("counts of row %s", r).isEqualTo(list(rs, 3));
          assertThat(batch.column(3).get(r)).as("vec of row %s", r).isEqualTo(list(rs, 4));
          assertThat(batch.column(4).isNull(r)).isTrue();
          r++;
        }
        assertThat(r).isEqualTo(rows);
      }
    }
    ColumnVector tags = batch(file).column(0);
    assertThat(tags.kind()).isEqualTo(ColumnKind.LIST);
    assertThat(tags.elements().kind()).isEqualTo(ColumnKind.STRING);
  }

  @Test
  void skippedRowGroupsLeaveNoElements() throws SQLException {
    Path file = dir.resolve("skip.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute(
          "COPY (SELECT CASE WHEN i < 150000 THEN 'a' ELSE 'b' END AS id, i AS n,"
              + " [i, i + 1] AS pair FROM range(300000) t(i)) TO '"
              + file
              + "' (FORMAT parquet, ROW_GROUP_SIZE 100000)");
    }
    ColumnBatch batch;
    ScanStatistics statistics = new ScanStatistics();
    try (ReadableObject input = ReadableObject.local(file)) {
      batch =
          new ParquetColumnReader(statistics)
              .read(
                  input,
                  List.of(
                      new ColumnSpec("id", ColumnKind.STRING),
                      new ColumnSpec("n", ColumnKind.LONG),
                      ColumnSpec.list("pair", ColumnKind.LONG)),
                  "id",
                  Set.of("b"));
    }
    assertThat(batch.rowCount()).isLessThan(300000);
    int b = 0;
    for (int r = 0; r < batch.rowCount(); r++) {
      long n = batch.column(1).getLong(r);
      assertThat(batch.column(2).get(r)).as("row %s", r).isEqualTo(List.of(n, n + 1));
      b += n >= 150000 ? 1 : 0;
    }
    assertThat(b).isEqualTo(150000);
  }

  @Test
  void twoLevelListsOfOtherWritersRead() throws Exception {
    Path file = dir.resolve("two-level.parquet");
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m { required binary id (UTF8);"
                + " optional group tags (LIST) { repeated binary array (UTF8); } }");
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      SimpleGroupFactory rows = new SimpleGroupFactory(schema);
      Group first = rows.newGroup().append("id", "a");
      first.addGroup("tags");
      Group tags = first.getGroup("tags", 0);
      tags.add("array", "x");
      tags.add("array", "y");
      writer.write(first);
      writer.write(rows.newGroup().append("id", "b"));
      Group third = rows.newGroup().append("id", "c");
      third.addGroup("tags");
      writer.write(third);
    }
    try (ReadableObject input = ReadableObject.local(file)) {
      ColumnBatch batch =
          new ParquetColumnReader(new ScanStatistics())
              .read(input, List.of(ColumnSpec.list("tags", ColumnKind.STRING)), null, null);
      assertThat(batch.column(0).get(0)).isEqualTo(List.of("x", "y"));
      assertThat(batch.column(0).get(1)).isNull();
      assertThat(batch.column(0).get(2)).isEqualTo(List.of());
    }
  }

  @Test
  void aListSpecNeedsAnElementKind() {
    assertThatThrownBy(() -> new ColumnSpec("tags", ColumnKind.LIST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: an element kind");
    assertThatThrownBy(() -> ColumnSpec.list("tags", ColumnKind.LIST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aScalarColumnReadAsAListReadsAsNull() throws SQLException {
    Path file = dir.resolve("scalar.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement()) {
      st.execute("COPY (SELECT 'x' AS tags) TO '" + file + "' (FORMAT parquet)");
    }
    try (ReadableObject input = ReadableObject.local(file)) {
      ColumnBatch batch =
          new ParquetColumnReader(new ScanStatistics())
              .read(input, List.of(ColumnSpec.list("tags", ColumnKind.STRING)), null, null);
      assertThat(batch.column(0).isNull(0)).isTrue();
    }
  }

  private static ColumnBatch batch(Path file) {
    try (ReadableObject input = ReadableObject.local(file)) {
      return new ParquetColumnReader(new ScanStatistics())
          .read(input, List.of(ColumnSpec.list("tags", ColumnKind.STRING)), null, null);
    }
  }

  private static List<Object> list(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (Object element : (Object[]) array.getArray()) {
      values.add(element instanceof Integer i ? Long.valueOf(i) : element);
    }
    return values;
  }
}
