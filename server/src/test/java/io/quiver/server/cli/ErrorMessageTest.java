package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.error.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * A failed command's one message carries its causes (issue 21: {@code quiver: Cannot write
 * s3://.../....parquet}, without why), and never a Java class name.
 */
class ErrorMessageTest {
  @Test
  void causesFollowTheMessageWithoutClassNames() {
    Exception failure =
        new StorageException(
            "Cannot write s3://b/k.parquet",
            new RuntimeException(
                "java.io.IOException: The provided 'x-amz-content-sha256' header does not match",
                new IOException("The provided 'x-amz-content-sha256' header does not match")));
    assertThat(QuiverCommand.message(failure))
        .isEqualTo(
            "Cannot write s3://b/k.parquet"
                + System.lineSeparator()
                + "  because: The provided 'x-amz-content-sha256' header does not match");
  }

  @Test
  void aMessageAlreadyHoldingItsCauseIsNotRepeated() {
    IOException cause = new IOException("Connection refused");
    Exception failure = new UncheckedIOException("Cannot read x: Connection refused", cause);
    assertThat(QuiverCommand.message(failure)).isEqualTo("Cannot read x: Connection refused");
  }

  @Test
  void causesLeadingToARootCauseAlreadyShownAreLeftOut() {
    Exception root = new IllegalStateException("Object 'nope' not found");
    Exception wrapper =
        new java.sql.SQLException("Error while executing SQL \"x\": Object 'nope' not found", root);
    Exception failure =
        new IllegalArgumentException("Cannot run the query: Object 'nope' not found", wrapper);
    assertThat(QuiverCommand.message(failure))
        .isEqualTo("Cannot run the query: Object 'nope' not found");

    Exception refused = new java.net.ConnectException("Connection refused: /127.0.0.1:9");
    Exception status = new IllegalStateException("UNAVAILABLE: io exception", refused);
    Exception reach =
        new IllegalStateException(
            "Cannot reach Quiver at grpc://127.0.0.1:9: " + refused.getMessage(), status);
    assertThat(QuiverCommand.message(reach))
        .isEqualTo("Cannot reach Quiver at grpc://127.0.0.1:9: Connection refused: /127.0.0.1:9");
  }

  @Test
  void aMessageThatGivesItsReasonStandsAlone() {
    Exception bind = new IOException("bind(..) failed with error(-98): Address already in use");
    Exception failure =
        new IllegalStateException(
            "Cannot listen on 127.0.0.1:9 for HTTP: the address is in use; choose another --port",
            bind);
    assertThat(QuiverCommand.message(failure))
        .isEqualTo(
            "Cannot listen on 127.0.0.1:9 for HTTP: the address is in use; choose another --port");
  }

  @Test
  void aFailureWithoutAnyMessageSaysSoWithoutItsClass() {
    assertThat(QuiverCommand.message(new NullPointerException()))
        .isEqualTo("failed without a message (see the log)");
  }
}
