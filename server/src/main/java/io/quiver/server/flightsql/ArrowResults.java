package io.quiver.server.flightsql;

import java.math.RoundingMode;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.adapter.jdbc.consumer.CompositeJdbcConsumer;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JDBC result set of Quiver's SQL into Arrow record batches (Arrow's own JDBC adapter does
 * each value), cutting a batch when its rows take a quarter of the query's memory limit or it has
 * {@link #MAX_BATCH_ROWS} rows, so any result streams in bounded memory (vectors grow by doubling,
 * so a batch's buffers stay within half the limit, and the limit itself stops a single huge row).
 * Not thread-safe; one per result.
 */
final class ArrowResults implements AutoCloseable {
  /** The most rows in one batch. */
  static final int MAX_BATCH_ROWS = 65_536;

  /** The first batch is small, so a client sees rows soon; later ones double up to the maximum. */
  static final int FIRST_BATCH_ROWS = 1_024;

  private final VectorSchemaRoot root;
  private final JdbcConsumer[] consumers;
  private final CompositeJdbcConsumer composite;
  private final long batchBytes;
  private @Nullable ResultSet resultSet;
  private int batchRows = FIRST_BATCH_ROWS;
  private boolean exhausted = true;

  /**
   * A reader of results with {@code metadata} into batches allocated from {@code allocator}.
   *
   * @throws SQLException if the metadata cannot be read
   * @throws UnsupportedTypeException if a column has a type Arrow cannot carry here
   */
  ArrowResults(ResultSetMetaData metadata, BufferAllocator allocator) throws SQLException {
    this.batchBytes = Math.max(1, allocator.getLimit() / 4);
    JdbcToArrowConfig config = config(allocator, metadata);
    Schema schema = schema(metadata, config);
    this.root = VectorSchemaRoot.create(schema, allocator);
    this.consumers = new JdbcConsumer[schema.getFields().size()];
    for (int i = 0; i < consumers.length; i++) {
      FieldVector vector = root.getVector(i);
      consumers[i] =
          vector instanceof ListVector list
              ? new ArrayValueConsumer(list, i + 1)
              : JdbcToArrowUtils.getConsumer(
                  vector.getField().getType(),
                  i + 1,
                  vector.getField().isNullable(),
                  vector,
                  config);
    }
    this.composite = new CompositeJdbcConsumer(consumers);
  }

  /** Reads the rows of {@code next} from now on; its columns must match the metadata given. */
  void readFrom(ResultSet next) {
    this.resultSet = next;
    this.exhausted = false;
  }

  /** The batch the rows are read into; reused from batch to batch. */
  VectorSchemaRoot root() {
    return root;
  }

  /**
   * Reads the next batch into {@link #root()}; returns false, with an empty root, when no row is
   * left.
   *
   * @throws SQLException if reading the result fails (Calcite reports cancellation this way too)
   * @throws org.apache.arrow.memory.OutOfMemoryException if rows do not fit the memory limit
   */
  boolean next() throws SQLException {
    for (int i = 0; i < consumers.length; i++) {
      FieldVector vector = root.getVector(i);
      vector.reset();
      consumers[i].resetValueVector(vector);
    }
    int rows = 0;
    ResultSet rs = resultSet;
    while (!exhausted && rs != null && rows < batchRows) {
      if (!rs.next()) {
        exhausted = true;
        break;
      }
      ValueVectorUtility.ensureCapacity(root, rows + 1);
      try {
        composite.consume(rs);
      } catch (java.io.IOException e) {
        throw new SQLException("Cannot read a value of the result: " + e.getMessage(), e);
      }
      rows++;
      if ((rows & 15) == 0 && usedBytes(rows) >= batchBytes) {
        break;
      }
    }
    root.setRowCount(rows);
    batchRows = Math.min(MAX_BATCH_ROWS, batchRows * 2);
    return rows > 0;
  }

  /** The bytes the batch's first {@code rows} rows take (vectors keep more capacity). */
  private long usedBytes(int rows) {
    long bytes = 0;
    for (FieldVector vector : root.getFieldVectors()) {
      bytes += vector.getBufferSizeFor(rows);
    }
    return bytes;
  }

  @Override
  public void close() {
    root.close();
  }

  /**
   * The Arrow schema of a result with {@code metadata}, with Flight SQL's column metadata; {@code
   * allocator} is not allocated from.
   */
  static Schema schema(ResultSetMetaData metadata, BufferAllocator allocator) throws SQLException {
    return schema(metadata, config(allocator, metadata));
  }

  private static Schema schema(ResultSetMetaData metadata, JdbcToArrowConfig config)
      throws SQLException {
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      int type = metadata.getColumnType(i);
      if (!supported(type)
          || (type == Types.ARRAY && elementInfo(metadata.getColumnTypeName(i)) == null)) {
        throw new UnsupportedTypeException(
            "Cannot send column "
                + metadata.getColumnLabel(i)
                + " of type "
                + metadata.getColumnTypeName(i)
                + " as Arrow (CAST it to VARCHAR, BIGINT, DOUBLE or TIMESTAMP, or an ARRAY of"
                + " those)");
      }
    }
    return JdbcToArrowUtils.jdbcToArrowSchema(metadata, config);
  }

  private static boolean supported(int jdbcType) {
    return switch (jdbcType) {
      case Types.BOOLEAN,
          Types.BIT,
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.NUMERIC,
          Types.DECIMAL,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE,
          Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.DATE,
          Types.TIME,
          Types.TIMESTAMP,
          Types.BINARY,
          Types.VARBINARY,
          Types.ARRAY,
          Types.NULL ->
          true;
      default -> false;
    };
  }

  private static JdbcToArrowConfig config(BufferAllocator allocator, ResultSetMetaData metadata)
      throws SQLException {
    Map<Integer, Map<String, String>> columns = new HashMap<>();
    Map<Integer, JdbcFieldInfo> elements = new HashMap<>();
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      JdbcFieldInfo element =
          metadata.getColumnType(i) == Types.ARRAY
              ? elementInfo(metadata.getColumnTypeName(i))
              : null;
      if (element != null) {
        elements.put(i, element);
      }
      FlightSqlColumnMetadata.Builder column =
          new FlightSqlColumnMetadata.Builder()
              .typeName(metadata.getColumnTypeName(i))
              .precision(metadata.getPrecision(i))
              .scale(metadata.getScale(i))
              .isReadOnly(true)
              .isCaseSensitive(true)
              .isSearchable(true)
              .isAutoIncrement(false);
      String schema = metadata.getSchemaName(i);
      String table = metadata.getTableName(i);
      if (schema != null && !schema.isEmpty()) {
        column.schemaName(schema);
      }
      if (table != null && !table.isEmpty()) {
        column.tableName(table);
      }
      columns.put(i, column.build().getMetadataMap());
    }
    Calendar utc = JdbcToArrowUtils.getUtcCalendar();
    return new JdbcToArrowConfigBuilder(allocator, utc)
        .setColumnMetadataByColumnIndex(columns)
        .setArraySubTypeByColumnIndexMap(elements)
        .setBigDecimalRoundingMode(RoundingMode.HALF_EVEN)
        .setReuseVectorSchemaRoot(true)
        .build();
  }

  /**
   * The element type of an ARRAY column from its SQL type name ({@code "VARCHAR ARRAY"}, {@code
   * "DOUBLE NOT NULL ARRAY"}), or null for nested or unknown element types. Decimal elements travel
   * as doubles.
   */
  static @Nullable JdbcFieldInfo elementInfo(@Nullable String arrayTypeName) {
    if (arrayTypeName == null || !arrayTypeName.endsWith(" ARRAY")) {
      return null;
    }
    String element = arrayTypeName.substring(0, arrayTypeName.length() - " ARRAY".length());
    if (element.endsWith(" NOT NULL")) {
      element = element.substring(0, element.length() - " NOT NULL".length());
    }
    int paren = element.indexOf('(');
    String name = (paren < 0 ? element : element.substring(0, paren)).strip();
    int type =
        switch (name) {
          case "BOOLEAN" -> Types.BOOLEAN;
          case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> Types.BIGINT;
          case "REAL", "FLOAT", "DOUBLE", "DECIMAL" -> Types.DOUBLE;
          case "CHAR", "VARCHAR" -> Types.VARCHAR;
          case "TIMESTAMP" -> Types.TIMESTAMP;
          default -> Types.NULL;
        };
    return type == Types.NULL ? null : new JdbcFieldInfo(type);
  }

  /** A result column whose SQL type has no Arrow form here. */
  static final class UnsupportedTypeException extends IllegalArgumentException {
    UnsupportedTypeException(String message) {
      super(message);
    }
  }

  /**
   * The Arrow field of a table column as query results carry it, or null if it has none (used by
   * the catalog's column listing).
   */
  static @Nullable Field field(
      String name, JdbcFieldInfo info, String typeName, Map<String, String> metadata) {
    if (!supported(info.getJdbcType())) {
      return null;
    }
    Calendar utc = JdbcToArrowUtils.getUtcCalendar();
    ArrowType type = JdbcToArrowUtils.getArrowTypeFromJdbcType(info, utc);
    List<Field> children = null;
    if (info.getJdbcType() == Types.ARRAY) {
      JdbcFieldInfo element = elementInfo(typeName);
      if (element == null) {
        return null;
      }
      children =
          List.of(
              new Field(
                  "child",
                  FieldType.nullable(JdbcToArrowUtils.getArrowTypeFromJdbcType(element, utc)),
                  null));
    }
    boolean nullable = info.isNullable() != DatabaseMetaData.columnNoNulls;
    return new Field(name, new FieldType(nullable, type, null, metadata), children);
  }
}
