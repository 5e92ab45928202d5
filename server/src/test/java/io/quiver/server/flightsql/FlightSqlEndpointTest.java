package io.quiver.server.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.ServerFixture;
import io.quiver.server.auth.AccessKeys;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BasicAuthCredentialWriter;
import org.apache.arrow.flight.auth2.ClientBearerHeaderHandler;
import org.apache.arrow.flight.auth2.ClientIncomingAuthHeaderMiddleware;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flight SQL port against real clients: Arrow's Flight SQL JDBC driver and its Java Flight SQL
 * client, with access keys on. Issue 22's "Done when": queries, prepared statements with
 * parameters, catalog calls, a cancelled long query, refused credentials, a result larger than the
 * memory limit.
 */
class FlightSqlEndpointTest {
  static final int RECORDS = 2_000;
  static final long QUERY_MEMORY = 1L << 20;

  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static BufferAllocator allocator;

  @BeforeAll
  static void start() {
    QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dataDir)
                .account("123456789012")
                .ttlSweepInterval(Duration.ZERO)
                .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("trips")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature("fare", FeatureType.FRACTIONAL)
            .feature("n", FeatureType.INTEGRAL)
            .feature("note", FeatureType.STRING)
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.createFeatureGroup(
        FeatureGroupSpec.builder("routes")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL)
            .feature(FeatureDefinition.list("stops", FeatureType.STRING))
            .feature(FeatureDefinition.vector("weights", 2))
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
    store.putRecord(
        "routes",
        Record.builder()
            .set("id", "r1")
            .set("ts", 1_700_000_000.0)
            .setList("stops", List.of("depot", "market"))
            .setVector("weights", 0.5, -2.0)
            .build());
    store.putRecord(
        "routes",
        Record.builder()
            .set("id", "r2")
            .set("ts", 1_700_000_001.0)
            .setVector("weights", 1, 2)
            .build());
    String note = "x".repeat(400);
    for (int i = 0; i < RECORDS; i++) {
      store.putRecord(
          "trips",
          Record.builder()
              .set("id", "t" + i)
              .set("ts", 1_700_000_000.0 + i)
              .set("fare", i / 4.0)
              .set("n", (long) i)
              .set("note", note)
              .build());
      if (i == RECORDS / 2) {
        store.flush(); // half in Parquet files, half still staged
      }
    }
    fixture =
        ServerFixture.start(
            store,
            b ->
                b.accessKeys(
                        AccessKeys.of(Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY)))
                    .queryMemoryBytes(QUERY_MEMORY));
    allocator = new RootAllocator();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
    if (allocator != null) {
      allocator.close();
    }
  }

  static String jdbcUrl() {
    return "jdbc:arrow-flight-sql://127.0.0.1:"
        + fixture.server().flightSqlPort()
        + "/?useEncryption=false";
  }

  static Connection jdbc() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ServerFixture.ACCESS_KEY);
    properties.setProperty("password", ServerFixture.SECRET_KEY);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  /** A Flight SQL client logged in with the fixture's key; returns it with its bearer token. */
  static LoggedIn client() {
    ClientIncomingAuthHeaderMiddleware.Factory auth =
        new ClientIncomingAuthHeaderMiddleware.Factory(new ClientBearerHeaderHandler());
    FlightClient flight =
        FlightClient.builder(
                allocator, Location.forGrpcInsecure("127.0.0.1", fixture.server().flightSqlPort()))
            .intercept(auth)
            .build();
    flight.handshake(
        new CredentialCallOption(
            new BasicAuthCredentialWriter(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY)));
    return new LoggedIn(new FlightSqlClient(flight), auth.getCredentialCallOption());
  }

  record LoggedIn(FlightSqlClient sql, CredentialCallOption token) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      sql.close();
    }
  }

  @Test
  void jdbcDriverRunsAQueryOverFlushedAndStagedRows() throws SQLException {
    try (Connection c = jdbc();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) AS n, sum(fare) AS fares, max(id) AS last FROM trips")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("n")).isEqualTo(RECORDS);
      assertThat(rs.getDouble("fares")).isEqualTo((RECORDS - 1) * RECORDS / 8.0);
      assertThat(rs.getString("last")).isEqualTo("t999");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void collectionFeaturesArriveAsArrowListsOfTheirElementType() throws SQLException {
    try (Connection c = jdbc()) {
      List<String> rows = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT id, stops, weights, CARDINALITY(weights) AS n FROM routes"
                      + " WHERE weights[1] < 1 OR stops IS NULL ORDER BY id")) {
        assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.ARRAY);
        while (rs.next()) {
          Array stops = rs.getArray(2);
          rows.add(
              rs.getString(1)
                  + " "
                  + (stops == null ? null : Arrays.toString((Object[]) stops.getArray()))
                  + " "
                  + Arrays.toString((Object[]) rs.getArray(3).getArray())
                  + " "
                  + rs.getLong(4));
        }
      }
      assertThat(rows).containsExactly("r1 [depot, market] [0.5, -2.0] 2", "r2 null [1.0, 2.0] 2");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "quiver", "routes", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(columns).contains("stops:" + Types.ARRAY, "weights:" + Types.ARRAY);
    }
  }

  @Test
  void jdbcDriverBindsPreparedStatementParameters() throws SQLException {
    try (Connection c = jdbc();
        PreparedStatement ps =
            c.prepareStatement("SELECT id, n, note FROM trips WHERE id = ? OR n = ? ORDER BY n")) {
      ps.setString(1, "t7");
      ps.setLong(2, 1_500);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1) + "/" + rs.getLong(2));
        }
      }
      assertThat(ids).containsExactly("t7/7", "t1500/1500");
      ps.setString(1, "t1");
      ps.setLong(2, 2);
      ids.clear();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      assertThat(ids).containsExactly("t1", "t2");
    }
  }

  @Test
  void jdbcDriverBrowsesTheCatalog() throws SQLException {
    try (Connection c = jdbc()) {
      DatabaseMetaData metadata = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = metadata.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(schemas).containsExactly("quiver");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = metadata.getTables(null, "quiver", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
        }
      }
      assertThat(tables).containsExactlyInAnyOrder("routes:TABLE", "trips:TABLE");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = metadata.getColumns(null, "quiver", "trips", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(columns)
          .containsExactly(
              "id:VARCHAR",
              "ts:DOUBLE",
              "fare:DOUBLE",
              "n:BIGINT",
              "note:VARCHAR",
              "write_time:TIMESTAMP(3)",
              "api_invocation_time:TIMESTAMP(3)",
              "is_deleted:BOOLEAN",
              "event_timestamp:TIMESTAMP(3)");
    }
  }

  @Test
  void errorsKeepTheLocalQuerysPositionAndMessage() throws Exception {
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT nope FROM trips"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(
              "From line 1, column 8 to line 1, column 11: Column 'nope' not found in any table");
    }
    try (LoggedIn client = client()) {
      assertThatThrownBy(() -> client.sql().execute("SELECT nope FROM trips", client.token()))
          .isInstanceOfSatisfying(
              FlightRuntimeException.class,
              e -> {
                assertThat(e.status().code()).isEqualTo(CallStatus.INVALID_ARGUMENT.code());
                assertThat(e.status().description())
                    .isEqualTo(
                        "From line 1, column 8 to line 1, column 11: Column 'nope' not found in any table");
              });
    }
  }

  @Test
  void flightSqlClientRunsStatementsPreparedStatementsAndCatalogCalls() throws Exception {
    try (LoggedIn client = client()) {
      FlightInfo info =
          client.sql().execute("SELECT id, n FROM trips WHERE n < 3 ORDER BY n", client.token());
      assertThat(rows(client, info)).containsExactly("t0/0", "t1/1", "t2/2");

      FlightSqlClient.PreparedStatement prepared =
          client.sql().prepare("SELECT id, n FROM trips WHERE n = ?", client.token());
      Schema parameters = prepared.getParameterSchema();
      assertThat(parameters.getFields()).hasSize(1);
      try (VectorSchemaRoot bind = VectorSchemaRoot.create(parameters, allocator)) {
        BigIntVector value = (BigIntVector) bind.getVector(0);
        value.allocateNew(2);
        value.set(0, 42);
        value.set(1, 1_999);
        bind.setRowCount(2);
        prepared.setParameters(bind);
        assertThat(rows(client, prepared.execute(client.token())))
            .containsExactly("t42/42", "t1999/1999");
        prepared.clearParameters();
      }
      prepared.close(client.token());

      FlightInfo tables =
          client.sql().getTables(null, "quiver", "trips", null, true, client.token());
      try (FlightStream stream =
          client.sql().getStream(tables.getEndpoints().get(0).getTicket(), client.token())) {
        assertThat(stream.next()).isTrue();
        VectorSchemaRoot root = stream.getRoot();
        assertThat(root.getRowCount()).isEqualTo(1);
        assertThat(root.getVector("table_name").getObject(0).toString()).isEqualTo("trips");
        Schema trips =
            Schema.deserializeMessage(
                java.nio.ByteBuffer.wrap((byte[]) root.getVector("table_schema").getObject(0)));
        assertThat(trips.getFields()).hasSize(9);
        assertThat(trips.findField("n").getType())
            .isEqualTo(new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true));
      }
    }
  }

  @Test
  void aCancelledLongQueryStopsOnTheServer() throws Exception {
    try (LoggedIn client = client()) {
      // Eight billion row combinations: it would run for hours.
      FlightInfo info =
          client
              .sql()
              .execute(
                  "SELECT count(*) FROM trips a, trips b, trips c WHERE a.n + b.n + c.n = -1",
                  client.token());
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try (FlightStream stream =
                    client
                        .sql()
                        .getStream(info.getEndpoints().get(0).getTicket(), client.token())) {
                  while (stream.next()) {
                    // drain
                  }
                  return null;
                } catch (Exception e) {
                  return e;
                }
              });
      client.sql().cancelFlightInfo(new CancelFlightInfoRequest(info), client.token());
      Throwable failure = outcome.get();
      assertThat(failure)
          .isInstanceOfSatisfying(
              FlightRuntimeException.class,
              e -> assertThat(e.status().code()).isEqualTo(CallStatus.CANCELLED.code()));
    }
    assertThat(fixture.server().awaitNoRunningSqlQueries(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void jdbcCancelStopsAStreamingQuery() throws Exception {
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT a.id, b.id FROM trips a, trips b, trips c");
      assertThat(rs.next()).isTrue();
      s.cancel();
      assertThatThrownBy(
              () -> {
                while (rs.next()) {
                  // the rows already sent may still be read
                }
              })
          .isInstanceOf(SQLException.class);
    }
    assertThat(fixture.server().awaitNoRunningSqlQueries(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void credentialsAreRequired() throws Exception {
    try (FlightClient flight =
            FlightClient.builder(
                    allocator,
                    Location.forGrpcInsecure("127.0.0.1", fixture.server().flightSqlPort()))
                .build();
        FlightSqlClient sql = new FlightSqlClient(flight)) {
      assertThatThrownBy(() -> sql.execute("SELECT count(*) FROM trips"))
          .isInstanceOfSatisfying(
              FlightRuntimeException.class,
              e -> {
                assertThat(e.status().code()).isEqualTo(CallStatus.UNAUTHENTICATED.code());
                assertThat(e.getMessage()).contains("Missing credentials");
              });
    }
    Properties wrong = new Properties();
    wrong.setProperty("user", ServerFixture.ACCESS_KEY);
    wrong.setProperty("password", "not-the-secret");
    assertThatThrownBy(() -> countTrips(DriverManager.getConnection(jdbcUrl(), wrong)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Invalid credentials");
    assertThatThrownBy(() -> countTrips(DriverManager.getConnection(jdbcUrl())))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Missing credentials");
  }

  private static void countTrips(Connection c) throws SQLException {
    try (c;
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM trips")) {
      rs.next();
    }
  }

  @Test
  void aResultLargerThanTheMemoryLimitStreamsInSmallBatches() throws Exception {
    int copies = 20;
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < copies; i++) {
      values.append(i == 0 ? "" : ", ").append("(").append(i).append(")");
    }
    try (LoggedIn client = client()) {
      FlightInfo info =
          client
              .sql()
              .execute(
                  "SELECT t.note, k.x FROM trips t CROSS JOIN (VALUES " + values + ") AS k(x)",
                  client.token());
      long rows = 0;
      long bytes = 0;
      int batches = 0;
      try (FlightStream stream =
          client.sql().getStream(info.getEndpoints().get(0).getTicket(), client.token())) {
        while (stream.next()) {
          VectorSchemaRoot root = stream.getRoot();
          long batchBytes = root.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum();
          assertThat(batchBytes).isLessThanOrEqualTo(QUERY_MEMORY);
          VarCharVector note = (VarCharVector) root.getVector(0);
          assertThat(note.getObject(root.getRowCount() - 1).toString()).hasSize(400);
          rows += root.getRowCount();
          bytes += batchBytes;
          batches++;
        }
      }
      assertThat(rows).isEqualTo((long) RECORDS * copies);
      assertThat(bytes).isGreaterThan(8 * QUERY_MEMORY);
      assertThat(batches).isGreaterThan(8);
    }
  }

  private static List<String> rows(LoggedIn client, FlightInfo info) throws Exception {
    List<String> rows = new ArrayList<>();
    try (FlightStream stream =
        client.sql().getStream(info.getEndpoints().get(0).getTicket(), client.token())) {
      while (stream.next()) {
        VectorSchemaRoot root = stream.getRoot();
        for (int r = 0; r < root.getRowCount(); r++) {
          rows.add(root.getVector(0).getObject(r) + "/" + root.getVector(1).getObject(r));
        }
      }
    }
    return rows;
  }
}
