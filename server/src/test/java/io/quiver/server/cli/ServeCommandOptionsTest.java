package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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

  @Test
  void tlsCertWithoutKeyIsRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--tls-cert", "c.pem"))
        .contains("tlsCert/tlsKey");
  }

  @Test
  void negativeEventLoopsAreRefused() {
    assertThat(run("serve", "--data-dir", dataDir.toString(), "--event-loops", "-1"))
        .contains("--event-loops -1: expected 0 (one per core) or more");
  }
}
