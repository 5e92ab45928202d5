package io.quiver.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.query.QuiverSql;
import io.quiver.query.pit.CsvFormat;
import io.quiver.server.config.ServerConfig;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.parquet.ScanStatistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quiver sql}: runs one query and prints the result, either over a data directory's offline
 * store (read-only, so a running server is no obstacle) or on a running server's Flight SQL port.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run a SQL query over the offline store and print the result.",
      "With --endpoint the query runs on a server's Flight SQL port; with --data-dir, here. With"
          + " neither, a server listening on 127.0.0.1:9091 runs it if there is one, else the"
          + " quiver-data directory is read."
    })
final class SqlCommand implements Callable<Integer> {
  /** Used when neither --data-dir nor --endpoint is given and no local server answers. */
  static final Path DATA_DIR_DEFAULT = Path.of("quiver-data");

  // Built when --format json asks for it: a mapper's set-up is a noticeable part of a short run.
  private @Nullable ObjectMapper json;

  /** Where a server on this machine is looked for when no source is named. */
  int localServerPort = ServerConfig.FLIGHT_SQL_PORT_DEFAULT;

  /** Output formats. */
  enum Format {
    csv,
    table,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      description = "Data directory to read (default: quiver-data, unless a local server answers).")
  @Nullable Path dataDir;

  @Mixin EndpointOptions server;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description =
          "Output: csv (header line, then rows), table or json (one object per line). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--account",
      defaultValue = StoreConfig.ACCOUNT_DEFAULT,
      description = "Account in offline paths (with --data-dir).")
  String account;

  @Option(
      names = "--region",
      defaultValue = StoreConfig.REGION_DEFAULT,
      description = "Region in offline paths (with --data-dir).")
  String region;

  @Mixin S3Options s3;

  @Parameters(
      index = "0",
      description = "The query, for example \"SELECT * FROM drivers LIMIT 10\".")
  String query;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    FlightSqlRows.Target target = target();
    if (target != null) {
      try (QueryRows rows =
          FlightSqlRows.run(target, server.keyPair(spec.commandLine(), System.getenv()), query)) {
        print(out, rows);
      }
      return 0;
    }
    // This command is the composition root: a scan's files are read on one thread per core.
    ExecutorService readers =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try (ReadOnlyStore history =
            ReadOnlyStore.open(
                StoreConfig.builder(dataDir != null ? dataDir : DATA_DIR_DEFAULT)
                    .account(account)
                    .region(region)
                    .s3(s3.settings(spec.commandLine()))
                    .build());
        QueryRows rows =
            JdbcRows.run(QuiverSql.connect(history, new ScanStatistics(), readers), query)) {
      print(out, rows);
      return 0;
    } catch (SQLException e) {
      throw new IllegalArgumentException(QuiverSql.errorMessage(e), e);
    } finally {
      readers.shutdownNow();
    }
  }

  /**
   * The server to send the query to: {@code --endpoint}'s, or without it and without {@code
   * --data-dir} a server listening on this machine's default Flight SQL port; {@code null} to read
   * a data directory here.
   */
  private FlightSqlRows.@Nullable Target target() {
    if (server.given()) {
      if (dataDir != null) {
        throw new ParameterException(
            spec.commandLine(), "--data-dir and --endpoint exclude each other: give one");
      }
      try {
        return FlightSqlRows.Target.parse(requireNonNull(server.endpoint), server.caCert);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (server.caCert != null) {
      throw new ParameterException(spec.commandLine(), "--ca-cert needs --endpoint");
    }
    if (dataDir == null && listening(LOCAL_HOST, localServerPort)) {
      return FlightSqlRows.Target.parse("grpc://" + LOCAL_HOST + ":" + localServerPort, null);
    }
    return null;
  }

  private static final String LOCAL_HOST = "127.0.0.1";

  /** Whether something accepts connections at {@code host:port} (a refused connect is quick). */
  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Prints the rows once the query has run to its end: the answer is spooled first, so that a query
   * failing on a late row (a CAST of a bad value, say) prints its error and no partial result.
   */
  private void print(PrintWriter out, QueryRows rows) {
    List<String> names = rows.columns();
    List<QueryRows.Kind> kinds = rows.kinds();
    List<@Nullable String[]> table = new ArrayList<>();
    try (SpooledText answer = new SpooledText()) {
      if (format == Format.csv) {
        answer.println(String.join(",", names.stream().map(CsvFormat::quote).toList()));
      }
      for (@Nullable String[] row = rows.next(); row != null; row = rows.next()) {
        switch (format) {
          case csv ->
              answer.println(
                  String.join(",", java.util.Arrays.stream(row).map(CsvFormat::quote).toList()));
          case json -> answer.println(json(names, kinds, row));
          case table -> table.add(row);
        }
      }
      if (format == Format.table) {
        TextTable.print(answer.writer(), names, table);
      }
      answer.copyTo(out);
    }
    out.flush();
  }

  /**
   * One JSON object per line, written by Jackson: numbers as numbers, booleans as booleans, SQL
   * NULL as null, anything else (text, times) as a string.
   */
  private String json(List<String> names, List<QueryRows.Kind> kinds, @Nullable String[] row) {
    ObjectMapper mapper = json;
    if (mapper == null) {
      mapper = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
      json = mapper;
    }
    ObjectNode object = mapper.createObjectNode();
    for (int i = 0; i < row.length; i++) {
      String value = row[i];
      QueryRows.Kind kind = i < kinds.size() ? kinds.get(i) : QueryRows.Kind.TEXT;
      if (value == null) {
        object.putNull(names.get(i));
      } else if (kind == QueryRows.Kind.BOOLEAN) {
        object.put(names.get(i), Boolean.parseBoolean(value));
      } else if (kind == QueryRows.Kind.NUMBER && isDecimal(value)) {
        object.set(
            names.get(i),
            JsonNodeFactory.withExactBigDecimals(true).numberNode(new BigDecimal(value)));
      } else {
        object.put(names.get(i), value); // NaN and the infinities have no JSON number
      }
    }
    try {
      return mapper.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a row as JSON", e);
    }
  }

  private static boolean isDecimal(String value) {
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
