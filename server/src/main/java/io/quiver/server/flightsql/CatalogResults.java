package io.quiver.server.flightsql;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.query.QuiverSql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answers to Flight SQL's catalog calls, read from Calcite's JDBC metadata so that what a
 * client browses is exactly what its queries see: one schema, {@value QuiverSql#SCHEMA}, holding a
 * table per feature group with an offline store. There are no catalogs and no keys. Thread-safe.
 */
final class CatalogResults {
  private static final String TABLE = "TABLE";

  private final SqlConnections connections;
  private final BufferAllocator allocator;
  private final SqlInfoBuilder sqlInfo;

  CatalogResults(SqlConnections connections, BufferAllocator allocator) {
    this.connections = connections;
    this.allocator = allocator;
    this.sqlInfo =
        new SqlInfoBuilder()
            .withFlightSqlServerName("Quiver")
            .withFlightSqlServerVersion(versionOf(CatalogResults.class))
            .withFlightSqlServerArrowVersion(versionOf(Schema.class))
            .withFlightSqlServerReadOnly(true)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(
                FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(true)
            .withFlightSqlServerBulkIngestion(false)
            .withSqlIdentifierQuoteChar("\"")
            .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_UNKNOWN)
            .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_UNKNOWN)
            .withSqlSchemaTerm("schema")
            .withSqlCatalogTerm("catalog")
            .withSqlDdlCatalog(false)
            .withSqlDdlSchema(false)
            .withSqlDdlTable(false)
            .withSqlSupportsColumnAliasing(true)
            .withSqlNullPlusNullIsNull(true)
            .withSqlSupportsTableCorrelationNames(true)
            .withSqlSupportsExpressionsInOrderBy(true)
            .withSqlSupportsOrderByUnrelated(true)
            .withSqlSupportsLikeEscapeClause(true)
            .withSqlTransactionsSupported(false)
            .withSqlSavepointsSupported(false)
            .withSqlBatchUpdatesSupported(false)
            .withSqlCorrelatedSubqueriesSupported(true)
            .withSqlAllTablesAreSelectable(true)
            .withSqlSelectForUpdateSupported(false)
            .withSqlStoredProceduresSupported(false);
  }

  void sqlInfo(List<Integer> infos, ServerStreamListener listener) {
    sqlInfo.send(infos, listener);
  }

  void catalogs(ServerStreamListener listener) {
    send(Schemas.GET_CATALOGS_SCHEMA, List.of(), listener);
  }

  void tableTypes(ServerStreamListener listener) {
    send(Schemas.GET_TABLE_TYPES_SCHEMA, List.<Object[]>of(new Object[] {TABLE}), listener);
  }

  void empty(Schema schema, ServerStreamListener listener) {
    send(schema, List.of(), listener);
  }

  void schemas(
      @Nullable String catalog, @Nullable String schemaPattern, ServerStreamListener listener) {
    List<Object[]> rows = new ArrayList<>();
    if (catalog == null || catalog.isEmpty()) {
      try (Connection connection = connections.open();
          ResultSet schemas = connection.getMetaData().getSchemas(null, schemaPattern)) {
        while (schemas.next()) {
          if (QuiverSql.SCHEMA.equals(schemas.getString("TABLE_SCHEM"))) {
            rows.add(new Object[] {null, QuiverSql.SCHEMA});
          }
        }
      } catch (SQLException e) {
        listener.error(QuiverFlightSqlProducer.sqlError(e));
        return;
      }
    }
    send(Schemas.GET_SCHEMAS_SCHEMA, rows, listener);
  }

  void tables(FlightSql.CommandGetTables command, ServerStreamListener listener) {
    boolean includeSchema = command.getIncludeSchema();
    List<Object[]> rows = new ArrayList<>();
    boolean anyCatalog = !command.hasCatalog() || command.getCatalog().isEmpty();
    boolean tableType =
        command.getTableTypesCount() == 0 || command.getTableTypesList().contains(TABLE);
    if (anyCatalog && tableType) {
      try (Connection connection = connections.open()) {
        DatabaseMetaData metadata = connection.getMetaData();
        String schemaPattern =
            command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
        String tablePattern =
            command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null;
        Map<String, List<Field>> columns =
            includeSchema ? columns(metadata, schemaPattern, tablePattern) : Map.of();
        try (ResultSet tables = metadata.getTables(null, schemaPattern, tablePattern, null)) {
          while (tables.next()) {
            if (!QuiverSql.SCHEMA.equals(tables.getString("TABLE_SCHEM"))) {
              continue;
            }
            String name = tables.getString("TABLE_NAME");
            if (includeSchema) {
              Schema schema = new Schema(columns.getOrDefault(name, List.of()));
              rows.add(
                  new Object[] {null, QuiverSql.SCHEMA, name, TABLE, schema.serializeAsMessage()});
            } else {
              rows.add(new Object[] {null, QuiverSql.SCHEMA, name, TABLE});
            }
          }
        }
      } catch (SQLException e) {
        listener.error(QuiverFlightSqlProducer.sqlError(e));
        return;
      }
    }
    send(
        includeSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA,
        rows,
        listener);
  }

  /** The Arrow fields of each table in the schema, in column order, as query results type them. */
  private static Map<String, List<Field>> columns(
      DatabaseMetaData metadata, @Nullable String schemaPattern, @Nullable String tablePattern)
      throws SQLException {
    Map<String, List<Field>> tables = new LinkedHashMap<>();
    try (ResultSet columns = metadata.getColumns(null, schemaPattern, tablePattern, null)) {
      while (columns.next()) {
        if (!QuiverSql.SCHEMA.equals(columns.getString("TABLE_SCHEM"))) {
          continue;
        }
        String table = columns.getString("TABLE_NAME");
        JdbcFieldInfo info = new JdbcFieldInfo(columns);
        Map<String, String> column =
            new FlightSqlColumnMetadata.Builder()
                .schemaName(QuiverSql.SCHEMA)
                .tableName(table)
                .typeName(columns.getString("TYPE_NAME"))
                .precision(info.getPrecision())
                .scale(info.getScale())
                .isReadOnly(true)
                .isCaseSensitive(true)
                .isSearchable(true)
                .isAutoIncrement(false)
                .build()
                .getMetadataMap();
        Field field =
            ArrowResults.field(
                columns.getString("COLUMN_NAME"), info, columns.getString("TYPE_NAME"), column);
        if (field != null) {
          tables.computeIfAbsent(table, t -> new ArrayList<>()).add(field);
        }
      }
    }
    return tables;
  }

  /** The types of Quiver's columns, for clients that list them. */
  void typeInfo(@Nullable Integer dataType, ServerStreamListener listener) {
    List<Object[]> rows = new ArrayList<>();
    Object[][] types = {
      {"BOOLEAN", Types.BOOLEAN, 1, null, null},
      {"BIGINT", Types.BIGINT, 19, null, null},
      {"DOUBLE", Types.DOUBLE, 15, null, null},
      {"VARCHAR", Types.VARCHAR, 65536, "'", "'"},
      {"TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", "'"},
    };
    for (Object[] type : types) {
      if (dataType != null && dataType != (int) type[1]) {
        continue;
      }
      rows.add(
          new Object[] {
            type[0],
            type[1],
            type[2],
            type[3],
            type[4],
            null,
            DatabaseMetaData.typeNullable,
            type[1].equals(Types.VARCHAR),
            DatabaseMetaData.typeSearchable,
            type[1].equals(Types.BIGINT) || type[1].equals(Types.DOUBLE) ? Boolean.FALSE : null,
            false,
            false,
            type[0],
            null,
            null,
            type[1],
            null,
            type[1].equals(Types.BIGINT) || type[1].equals(Types.DOUBLE) ? 10 : null,
            null
          });
    }
    send(Schemas.GET_TYPE_INFO_SCHEMA, rows, listener);
  }

  /** Sends {@code rows} (values in {@code schema}'s field order) as one batch and ends. */
  private void send(Schema schema, List<Object[]> rows, ServerStreamListener listener) {
    try (BufferAllocator memory = allocator.newChildAllocator("catalog", 0, Long.MAX_VALUE);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, memory)) {
      for (int r = 0; r < rows.size(); r++) {
        Object[] row = rows.get(r);
        for (int c = 0; c < row.length; c++) {
          set(root.getVector(c), r, row[c]);
        }
      }
      root.setRowCount(rows.size());
      listener.start(root);
      listener.putNext();
      listener.completed();
    } catch (RuntimeException e) {
      listener.error(
          CallStatus.INTERNAL
              .withDescription("Cannot list the catalog: " + e.getMessage())
              .toRuntimeException());
    }
  }

  private static void set(FieldVector vector, int row, @Nullable Object value) {
    if (value == null) {
      vector.setNull(row);
    } else if (vector instanceof VarCharVector text) {
      text.setSafe(row, value.toString().getBytes(UTF_8));
    } else if (vector instanceof VarBinaryVector bytes) {
      bytes.setSafe(row, (byte[]) value);
    } else if (vector instanceof IntVector ints) {
      ints.setSafe(row, (Integer) value);
    } else if (vector instanceof BitVector bits) {
      bits.setSafe(row, (Boolean) value ? 1 : 0);
    } else {
      throw new IllegalStateException(
          "catalog column " + vector.getField() + " (expected: text, bytes, int or bit)");
    }
  }

  private static String versionOf(Class<?> type) {
    String version = type.getPackage().getImplementationVersion();
    return version != null ? version : "unknown";
  }
}
