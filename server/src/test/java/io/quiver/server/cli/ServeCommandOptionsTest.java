package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option errors of {@code quiver serve} are reported before anything is opened. */
class ServeCommandOptionsTest {
  @TempDir Path dataDir;

  private String run(String... args) {
    CommandLine line = QuiverCommand.newCommandLine();
    StringWriter err = new StringWriter();
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    assertThat(code).isNotZero();
    return err.toString();
  }

  /** The start-up line names the polling window as {@code --busy-poll} takes it. */
  @Test
  void startUpLineSaysHowTheEventLoopsWait() {
    assertThat(ServeCommand.busyPollSummary(Duration.ZERO))
        .isEqualTo("blocking when idle (--busy-poll off)");
    assertThat(ServeCommand.busyPollSummary(Duration.ofNanos(50_000)))
        .isEqualTo("polling up to 50us before blocking (--busy-poll)");
    assertThat(ServeCommand.busyPollSummary(Duration.ofMillis(2))).contains("up to 2ms ");
    assertThat(ServeCommand.busyPollSummary(Duration.ofNanos(1_500_000))).contains("up to 1500us ");
  }

  @Test
  void unknownApiInTpsLimitIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--tps-limit", "GetRecords=5"))
        .contains("--tps-limit GetRecords=5");
  }

  @Test
  void malformedTpsLimitIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--tps-limit", "GetRecord"))
        .contains("expected API=N");
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--tps-limit", "GetRecord=0"))
        .contains("GetRecord=0");
  }

  @Test
  void malformedWalSyncIntervalIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--wal-sync-interval", "1h"))
        .contains(
            "'1h' is not an interval (expected: a number with us, ms, s or m, such as 1s; or off)");
  }

  @Test
  void busyPollOverTenMillisecondsIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--busy-poll", "11ms"))
        .contains("--busy-poll 11ms: expected off or at most 10ms");
  }

  @Test
  void negativeOfflineReadCacheIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--offline-read-cache", "-1"))
        .contains("--offline-read-cache -1: expected 0 (off) or more MiB");
  }

  @Test
  void missingAccessKeysFileIsReportedInOneLine() {
    assertThat(
            run(
                "serve",
                "--data-dir",
                dataDir.toString(),
                "--access-keys",
                dataDir.resolve("nope").toString()))
        .startsWith("quiver: Cannot read access keys file");
  }

  // Issue 15: TLS mistakes were reported as "tlsCert/tlsKey: c.pem/null".
  @Test
  void tlsCertWithoutKeyIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--tls-cert", "c.pem"))
        .startsWith("--tls-cert and --tls-key go together: give both to turn TLS on, or neither")
        .doesNotContain("null");
  }

  @Test
  void tlsFilesThatAreMissingOrNotAPairAreRefusedBeforeTheStoreOpens() throws Exception {
    Path cert = Path.of(getClass().getResource("/tls/cert.pem").toURI());
    Path notAKey = dataDir.resolve("key.pem");
    java.nio.file.Files.writeString(notAKey, "not a key");
    Path data = dataDir.resolve("data");

    assertThat(
            run(
                "serve",
                "--data-dir",
                data.toString(),
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                dataDir.resolve("missing.pem").toString()))
        .startsWith("--tls-key: " + dataDir.resolve("missing.pem") + " is not a readable file");
    assertThat(
            run(
                "serve",
                "--data-dir",
                data.toString(),
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                notAKey.toString()))
        .startsWith("--tls-cert " + cert + " and --tls-key " + notAKey + " cannot serve TLS (")
        .doesNotContain("Exception");
    assertThat(java.nio.file.Files.exists(data)).isFalse();
  }

  @Test
  void negativeEventLoopsAreRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--event-loops", "-1"))
        .contains("--event-loops -1: expected 0 (one per core but one) or more");
  }

  // Issue 15: a port in use was "bind(..) failed: Address already in use" without the port.
  @Test
  void aPortInUseIsNamedWithTheOptionThatChoosesIt() throws Exception {
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();

      assertThat(
              run(
                  "serve",
                  "--data-dir",
                  dataDir.toString(),
                  "--port",
                  Integer.toString(port),
                  "--grpc-port",
                  "-1",
                  "--flight-sql-port",
                  "-1"))
          .isEqualTo(
              "quiver: Cannot listen on 127.0.0.1:"
                  + port
                  + " for HTTP: the address is in use, perhaps by another quiver serve; stop what"
                  + " holds it, or choose another port with --port\n");
      assertThat(
              run(
                  "serve",
                  "--data-dir",
                  dataDir.toString(),
                  "--port",
                  "0",
                  "--grpc-port",
                  Integer.toString(port),
                  "--flight-sql-port",
                  "-1"))
          .startsWith("quiver: Cannot listen on 127.0.0.1:" + port + " for gRPC: ")
          .contains("--grpc-port");
    }
  }
}
