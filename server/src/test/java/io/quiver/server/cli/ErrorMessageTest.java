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
  void aFailureWithoutAnyMessageSaysSoWithoutItsClass() {
    assertThat(QuiverCommand.message(new NullPointerException()))
        .isEqualTo("failed without a message (see the log)");
  }
}
