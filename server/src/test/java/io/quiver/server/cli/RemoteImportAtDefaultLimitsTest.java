package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.ServerFixture;
import io.quiver.storage.OnlineRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code quiver import --endpoint} failed on a server with default limits after 20,000 to
 * 30,000 rows ("Rate exceeded: PutRecord is limited to 10000 requests per second"), leaving the
 * rows before it committed. It now paces itself at the server's limit and resumes throttled
 * streams: every record arrives once, online and offline.
 */
class RemoteImportAtDefaultLimitsTest {
  private static final int ROWS = 200_000;

  @TempDir Path tmp;

  @Test
  void twoHundredThousandRowsThroughTheEndpointArriveOnceOnlineAndOffline() throws IOException {
    Path in = tmp.resolve("rows.csv");
    try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
      w.write("id,ts,n,score,label\n");
      for (int i = 0; i < ROWS; i++) {
        w.write(
            "r" + i + "," + (1_700_000_000 + i) + ".5," + i + "," + (i % 97) * 0.25 + ",l" + i % 7);
        w.write('\n');
      }
    }
    Path data = tmp.resolve("data");
    CliRun run;
    try (ServerFixture server = ServerFixture.start(data)) {
      run =
          CliRun.of(
              "import",
              "--endpoint",
              "grpc://127.0.0.1:" + server.server().grpcPort(),
              "--feature-group",
              "g",
              "--source",
              in.toString(),
              "--create",
              "--record-identifier",
              "id",
              "--event-time",
              "ts");

      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("Imported g: read 200000, written 200000, skipped 0 in ");
      for (int i = 0; i < ROWS; i++) {
        Optional<OnlineRecord> record = server.store().getRecord("g", "r" + i);
        assertThat(record).as("r%s", i).isPresent();
        assertThat(record.get().record().getLong("n")).isEqualTo(i);
      }
    }
    assertThat(
            CliRun.sql(
                data,
                "123456789012",
                "SELECT count(*) AS n, count(DISTINCT id) AS ids, sum(n) AS total FROM quiver.g"))
        .containsExactly("n,ids,total", ROWS + "," + ROWS + "," + (long) ROWS * (ROWS - 1) / 2);
  }
}
