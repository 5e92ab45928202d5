package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.InterceptedStore;
import io.quiver.server.ServerFixture;
import io.quiver.server.auth.AccessKeys;
import io.quiver.server.config.Operation;
import io.quiver.storage.PutRecordsResult;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quiver import --endpoint}: the import goes to an in-process server over gRPC. */
class ImportCommandEndpointTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  ServerFixture server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String endpoint() {
    return "grpc://127.0.0.1:" + server.server().grpcPort();
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine line = QuiverCommand.newCommandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "import";
    System.arraycopy(args, 0, all, 1, args.length);
    return line.execute(all);
  }

  private String csv(String name, String... lines) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
    return file.toString();
  }

  private int create(String in, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--endpoint",
                endpoint(),
                "--feature-group",
                "g",
                "--source",
                in,
                "--create",
                "--record-identifier",
                "id",
                "--event-time",
                "ts"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private QuiverStore store() {
    return server.store();
  }

  @Test
  void createsTheGroupOnTheServerThenImportsIntoIt() throws IOException {
    server = ServerFixture.start(tmp.resolve("data"));

    int first =
        create(
            csv(
                "first.csv",
                "id,ts,orders",
                "a,2024-05-01T00:00:00Z,3",
                "b,2024-05-01T00:00:01Z,4"));

    assertThat(first).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("Created feature group g with 3 features, online and offline under file:")
        .contains(" at " + endpoint() + "\nImported g: read 2, written 2, skipped 0 in ");
    assertThat(store().describeFeatureGroup("g").spec().hasOnlineStore()).isTrue();
    assertThat(store().describeFeatureGroup("g").spec().offlineStoreConfig().s3Uri())
        .isEqualTo(store().config().offlineStoreBaseUri());
    assertThat(store().getRecord("g", "b").orElseThrow().record().getLong("orders")).isEqualTo(4);

    int second =
        run(
            "--endpoint",
            endpoint(),
            "--feature-group",
            "g",
            "--source",
            csv(
                "second.csv",
                "id,ts,orders",
                "b,2024-05-02T00:00:00Z,40",
                "c,2024-05-02T00:00:00Z,5"));

    assertThat(second).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("Imported g: read 2, written 2, skipped 0 in ");
    Record b = store().getRecord("g", "b").orElseThrow().record();
    assertThat(b.getLong("orders")).isEqualTo(40);
    assertThat(store().getRecord("g", "c")).isPresent();
    assertThat(store().getRecord("g", "a")).isPresent();
  }

  @Test
  void badRowWithOnErrorFailSendsNothingFromItsBatchOnward() throws IOException {
    server = ServerFixture.start(tmp.resolve("data"));
    assertThat(create(csv("def.csv", "id,ts,n", "r0,2024-05-01T00:00:00Z,0")))
        .as(err.toString())
        .isZero();
    String in =
        csv(
            "rows.csv",
            "id,ts,n",
            "r1,2024-05-01T00:00:00Z,1",
            "r2,2024-05-01T00:00:00Z,2",
            "r3,2024-05-01T00:00:00Z,3",
            "r4,2024-05-01T00:00:00Z,x",
            "r5,2024-05-01T00:00:00Z,5");

    int status =
        run(
            "--endpoint",
            endpoint(),
            "--feature-group",
            "g",
            "--source",
            in,
            "--batch-size",
            "2",
            "--threads",
            "1");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "(rows committed before its batch: 2; nothing from that batch onward was written)\n")
        .endsWith(
            "quiver: rows 1 to 2 of the input are committed, none after them; to resume, run the"
                + " same command with --skip-rows 2\n")
        .contains(
            "quiver: Cannot import "
                + in
                + ":5: Cannot put record into feature group g: value 'x' of feature 'n'");
    assertThat(out.toString()).startsWith("Failed: g: read 4, written 2, skipped 0 in ");
    assertThat(store().getRecord("g", "r2")).isPresent();
    assertThat(store().getRecord("g", "r3")).isEmpty();
    assertThat(store().getRecord("g", "r5")).isEmpty();
  }

  @Test
  void recordRefusedByTheServerFailsTheImportWithItsMessageAndSaysWhereToResume()
      throws IOException {
    // The server's store refuses the fourth record it is given (as a flow or a rule the client
    // does not know could): the client's checks pass, the server's do not.
    QuiverStore real =
        QuiverStore.open(StoreConfig.builder(tmp.resolve("data")).account("123456789012").build());
    AtomicLong seen = new AtomicLong();
    QuiverStore refusing =
        InterceptedStore.wrap(
            real,
            (method, args) -> {
              if (method.getName().equals("tryPutRecords")) {
                @SuppressWarnings("unchecked")
                List<Record> records = (List<Record>) args[1];
                long before = seen.getAndAdd(records.size());
                if (before + records.size() > 3) {
                  int allowed = (int) Math.max(0, 3 - before);
                  PutRecordsResult written =
                      real.tryPutRecords(
                          (String) args[0],
                          records.subList(0, allowed),
                          (RecordWriteOptions) args[2]);
                  return new PutRecordsResult(
                      written.written(),
                      new ValidationException("Cannot put record: refused by the test"));
                }
              }
              return InterceptedStore.PROCEED;
            });
    server = ServerFixture.start(refusing, b -> b);
    String in =
        csv(
            "rows.csv",
            "id,ts,n",
            "r1,2024-05-01T00:00:00Z,1",
            "r2,2024-05-01T00:00:00Z,2",
            "r3,2024-05-01T00:00:00Z,3",
            "r4,2024-05-01T00:00:00Z,4",
            "r5,2024-05-01T00:00:00Z,5");

    int status = create(in, "--batch-size", "5");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "quiver: Cannot import into feature group g: a write failed after 3 rows were"
                + " committed: Cannot put record: refused by the test (record 4 of the stream; 3"
                + " records written before it)\n")
        .endsWith(
            "quiver: rows 1 to 3 of the input are committed, none after them; to resume, run the"
                + " same command with --skip-rows 3 and without --create\n")
        .doesNotContain("\tat ");
    assertThat(out.toString()).contains("Failed: g: read 5, written 3, skipped 0 in ");
    assertThat(store().getRecord("g", "r3")).isPresent();
    assertThat(store().getRecord("g", "r4")).isEmpty();
  }

  // Issue 15: the importer did not back off, failing at the server's PutRecord limit.
  @Test
  void aLowLimitIsHonouredAndThrottledStreamsResumeWithoutLosingOrRepeatingARecord()
      throws IOException {
    server = ServerFixture.start(tmp.resolve("data"), b -> b.tpsLimit(Operation.PutRecord, 400));
    String[] lines = new String[1201];
    lines[0] = "id,ts,n";
    for (int i = 1; i < lines.length; i++) {
      lines[i] = "r" + i + ",2024-05-01T00:00:00Z," + i;
    }

    int status = create(csv("rows.csv", lines));

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Imported g: read 1200, written 1200, skipped 0 in ");
    assertThat(server.server().metrics().scrape())
        .contains("quiver_throttled_total{protocol=\"grpc\",operation=\"PutRecord\"}");
    server.close();
    server = null;
    assertThat(
            CliRun.sql(
                tmp.resolve("data"),
                "123456789012",
                "SELECT count(*) AS n, count(DISTINCT id) AS ids, sum(n) AS total FROM quiver.g"))
        .containsExactly("n,ids,total", "1200,1200,720600");
  }

  @Test
  void tlsWithACaCertificateAndSigV4Credentials() throws IOException, URISyntaxException {
    Path cert = Path.of(getClass().getResource("/tls/cert.pem").toURI());
    Path key = Path.of(getClass().getResource("/tls/key.pem").toURI());
    server =
        ServerFixture.start(
            tmp.resolve("data"),
            b ->
                b.tls(cert, key)
                    .accessKeys(
                        AccessKeys.of(Map.of(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))));
    String secure = "grpcs://localhost:" + server.server().grpcPort();
    String in = csv("in.csv", "id,ts,orders", "a,2024-05-01T00:00:00Z,3");

    int status =
        run(
            "--endpoint",
            secure,
            "--ca-cert",
            cert.toString(),
            "--access-key-id",
            ServerFixture.ACCESS_KEY,
            "--secret-access-key",
            ServerFixture.SECRET_KEY,
            "--feature-group",
            "g",
            "--source",
            in,
            "--create",
            "--record-identifier",
            "id",
            "--event-time",
            "ts");

    assertThat(status).as(err.toString()).isZero();
    assertThat(store().getRecord("g", "a")).isPresent();

    int unsigned =
        run(
            "--endpoint",
            secure,
            "--ca-cert",
            cert.toString(),
            "--access-key-id",
            ServerFixture.ACCESS_KEY,
            "--secret-access-key",
            "wrong",
            "--feature-group",
            "g",
            "--source",
            in);

    assertThat(unsigned).isEqualTo(1);
    assertThat(err.toString()).startsWith("quiver: ").doesNotContain("\tat ");
  }

  @Test
  void unreachableServerIsOneLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: nothing listens there
    }
    String in = csv("in.csv", "id,ts", "a,2024-05-01T00:00:00Z");

    int status =
        run("--endpoint", "grpc://127.0.0.1:" + port, "--feature-group", "g", "--source", in);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("quiver: Cannot reach Quiver at grpc://127.0.0.1:" + port + ": ")
        .endsWith("\n");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void endpointAndDataDirAreMutuallyExclusive() throws IOException {
    String in = csv("in.csv", "id,ts", "a,2024-05-01T00:00:00Z");

    int status =
        run(
            "--endpoint",
            "grpc://127.0.0.1:9",
            "--data-dir",
            tmp.toString(),
            "--feature-group",
            "g",
            "--source",
            in);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("--endpoint and --data-dir are mutually exclusive");
  }

  @Test
  void endpointMustBeAGrpcUrl() throws IOException {
    String in = csv("in.csv", "id,ts", "a,2024-05-01T00:00:00Z");

    int status = run("--endpoint", "http://127.0.0.1:8080", "--feature-group", "g", "--source", in);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "--endpoint: http://127.0.0.1:8080 (expected: grpc://host:port, or grpcs://host:port for TLS)");
  }
}
