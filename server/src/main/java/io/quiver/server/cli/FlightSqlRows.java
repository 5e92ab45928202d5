package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.server.ServerConfig;
import io.quiver.server.flightsql.FlightSqlServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BasicAuthCredentialWriter;
import org.apache.arrow.flight.auth2.ClientBearerHeaderHandler;
import org.apache.arrow.flight.auth2.ClientIncomingAuthHeaderMiddleware;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.jspecify.annotations.Nullable;

/**
 * A query run on a server's Flight SQL port; values are printed as a local SQL connection prints
 * them, so {@code quiver sql} shows the same text either way. Not thread-safe.
 */
final class FlightSqlRows implements QueryRows {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private final BufferAllocator allocator;
  private final FlightClient client;
  private final FlightSqlClient sql;
  private final CallOption[] options;
  private final Iterator<FlightEndpoint> endpoints;
  private final List<String> columns;
  private final List<Kind> kinds;
  private final String url;
  private @Nullable FlightStream stream;
  private int row;
  private int[] precisions = new int[0];

  private FlightSqlRows(
      BufferAllocator allocator,
      FlightClient client,
      FlightSqlClient sql,
      CallOption[] options,
      FlightInfo info,
      String url) {
    this.allocator = allocator;
    this.client = client;
    this.sql = sql;
    this.options = options;
    this.url = url;
    this.endpoints = info.getEndpoints().iterator();
    this.columns = info.getSchema().getFields().stream().map(Field::getName).toList();
    this.kinds = info.getSchema().getFields().stream().map(f -> kindOf(f.getType())).toList();
  }

  /** Where a server's Flight SQL port is. */
  record Target(String url, String host, int port, boolean tls, @Nullable Path caCert) {
    /**
     * The target {@code url} names: {@code grpc://host[:port]} (or {@code grpc+tcp://}) in plain
     * text, {@code grpcs://} or {@code grpc+tls://} over TLS; the port defaults to {@value
     * ServerConfig#FLIGHT_SQL_PORT_DEFAULT}.
     *
     * @throws IllegalArgumentException if {@code url} is none of these
     */
    static Target parse(String url, @Nullable Path caCert) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw invalid(url);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean tls = scheme.equals("grpcs") || scheme.equals("grpc+tls");
      if (!tls && !scheme.equals("grpc") && !scheme.equals("grpc+tcp")
          || uri.getHost() == null
          || !(uri.getRawPath() == null
              || uri.getRawPath().isEmpty()
              || uri.getRawPath().equals("/"))
          || uri.getRawQuery() != null
          || uri.getRawUserInfo() != null) {
        throw invalid(url);
      }
      if (caCert != null && !tls) {
        throw new IllegalArgumentException(
            "--ca-cert: " + caCert + " (expected: only with a grpcs:// or grpc+tls:// endpoint)");
      }
      int port = uri.getPort() == -1 ? ServerConfig.FLIGHT_SQL_PORT_DEFAULT : uri.getPort();
      return new Target(url, uri.getHost(), port, tls, caCert);
    }

    private static IllegalArgumentException invalid(String url) {
      return new IllegalArgumentException(
          "--endpoint: "
              + url
              + " (expected: grpc://host:port, or grpcs://host:port for TLS; the Flight SQL port is "
              + ServerConfig.FLIGHT_SQL_PORT_DEFAULT
              + " unless quiver serve was given --flight-sql-port)");
    }
  }

  /**
   * Sends {@code query} to {@code target}, logging in with {@code keys} if given.
   *
   * @throws IllegalArgumentException if the server cannot be reached or refuses the query, with its
   *     message
   */
  static FlightSqlRows run(Target target, EndpointOptions.@Nullable KeyPair keys, String query) {
    FlightSqlServer.requireArrowMemory();
    BufferAllocator allocator = new RootAllocator();
    FlightClient client = null;
    try {
      ClientIncomingAuthHeaderMiddleware.Factory auth =
          new ClientIncomingAuthHeaderMiddleware.Factory(new ClientBearerHeaderHandler());
      FlightClient.Builder builder =
          FlightClient.builder(
                  allocator,
                  target.tls()
                      ? Location.forGrpcTls(target.host(), target.port())
                      : Location.forGrpcInsecure(target.host(), target.port()))
              .intercept(auth);
      if (target.tls()) {
        builder.useTls();
        if (target.caCert() != null) {
          builder.trustedCertificates(readCertificates(target.caCert()));
        }
      }
      client = builder.build();
      CallOption[] options = new CallOption[0];
      if (keys != null) {
        client.handshake(
            new CredentialCallOption(
                new BasicAuthCredentialWriter(keys.accessKeyId(), keys.secretAccessKey())));
        options = new CallOption[] {auth.getCredentialCallOption()};
      }
      FlightSqlClient sql = new FlightSqlClient(client);
      FlightInfo info = sql.execute(query, options);
      return new FlightSqlRows(allocator, client, sql, options, info, target.url());
    } catch (FlightRuntimeException e) {
      close(client, allocator);
      throw failure(e, target.url());
    } catch (RuntimeException e) {
      close(client, allocator);
      throw e;
    }
  }

  private static InputStream readCertificates(Path pem) {
    try {
      return new java.io.ByteArrayInputStream(Files.readAllBytes(pem));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the CA certificates in " + pem, e);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public List<Kind> kinds() {
    return kinds;
  }

  private static Kind kindOf(ArrowType type) {
    return switch (type.getTypeID()) {
      case Int, FloatingPoint, Decimal -> Kind.NUMBER;
      case Bool -> Kind.BOOLEAN;
      default -> Kind.TEXT;
    };
  }

  @Override
  public @Nullable String @Nullable [] next() {
    try {
      while (true) {
        if (stream != null && row < stream.getRoot().getRowCount()) {
          VectorSchemaRoot root = stream.getRoot();
          @Nullable String[] values = new String[columns.size()];
          for (int c = 0; c < values.length; c++) {
            values[c] = text(root.getVector(c), row, precisions[c]);
          }
          row++;
          return values;
        }
        if (stream != null && stream.next()) {
          row = 0;
          continue;
        }
        closeStream();
        if (!endpoints.hasNext()) {
          return null;
        }
        FlightStream next = sql.getStream(endpoints.next().getTicket(), options);
        stream = next;
        row = 0;
        List<Field> fields = next.getSchema().getFields();
        precisions = new int[fields.size()];
        for (int i = 0; i < precisions.length; i++) {
          Integer precision =
              new FlightSqlColumnMetadata(fields.get(i).getMetadata()).getPrecision();
          precisions[i] = precision == null ? 0 : precision;
        }
      }
    } catch (FlightRuntimeException e) {
      throw failure(e, url);
    }
  }

  /** The text a local connection gives for the value ({@code ResultSet.getString}). */
  static @Nullable String text(FieldVector vector, int row, int precision) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof TimeStampVector timestamps) {
      ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
      long value = timestamps.get(row);
      Instant instant =
          switch (type.getUnit()) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(0, value * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(0, value);
          };
      LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      return DATE_TIME.format(time) + fraction(time.getNano(), precision);
    }
    if (vector instanceof DateDayVector days) {
      return LocalDate.ofEpochDay(days.get(row)).toString();
    }
    if (vector instanceof DateMilliVector millis) {
      return LocalDate.ofEpochDay(Math.floorDiv(millis.get(row), 86_400_000L)).toString();
    }
    if (vector instanceof TimeMilliVector millis) {
      LocalTime time = LocalTime.ofNanoOfDay(millis.get(row) * 1_000_000L);
      return TIME.format(time) + fraction(time.getNano(), precision);
    }
    if (vector instanceof TimeMicroVector micros) {
      LocalTime time = LocalTime.ofNanoOfDay(micros.get(row) * 1_000L);
      return TIME.format(time) + fraction(time.getNano(), precision);
    }
    if (vector instanceof ListVector list) {
      FieldVector elements = (FieldVector) list.getDataVector();
      List<String> items = new ArrayList<>();
      for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
        items.add(text(elements, i, 0));
      }
      return items.toString();
    }
    Object value = vector.getObject(row);
    return value instanceof byte[] bytes ? new String(bytes, UTF_8) : value.toString();
  }

  private static String fraction(int nanos, int digits) {
    if (digits <= 0) {
      return "";
    }
    String all = String.format(Locale.ROOT, "%09d", nanos);
    return "." + all.substring(0, Math.min(9, digits));
  }

  private static IllegalArgumentException failure(FlightRuntimeException e, String url) {
    CallStatus status = e.status();
    String description = status.description() == null ? "" : status.description();
    FlightStatusCode code = status.code();
    String message =
        switch (code) {
          case UNAVAILABLE ->
              "Cannot reach a Quiver server's Flight SQL port at " + url + ": " + description;
          case UNIMPLEMENTED ->
              url
                  + " does not answer Flight SQL; the server's Flight SQL port is "
                  + ServerConfig.FLIGHT_SQL_PORT_DEFAULT
                  + " unless quiver serve was given --flight-sql-port";
          case UNAUTHENTICATED ->
              description
                  + " (give --access-key-id and --secret-access-key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
          default -> description.isEmpty() ? code.toString() : description;
        };
    return new IllegalArgumentException(message, e);
  }

  private void closeStream() {
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (Exception e) {
      // The stream's buffers are released either way.
    }
    stream = null;
  }

  @Override
  public void close() {
    closeStream();
    close(client, allocator);
  }

  private static void close(@Nullable FlightClient client, BufferAllocator allocator) {
    try {
      if (client != null) {
        client.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    allocator.close();
  }
}
