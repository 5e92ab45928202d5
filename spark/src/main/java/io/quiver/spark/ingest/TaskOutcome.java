package io.quiver.spark.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * What one task attempt did: the files it staged (offline), the rows it sent (online), the rows it
 * refused. Only the attempt whose outcome reaches the driver counts.
 *
 * @param partition the partition the task worked on
 * @param files the staged files, empty online
 * @param rowsWritten rows staged or sent
 * @param failed the refused rows
 */
record TaskOutcome(int partition, List<StagedFile> files, long rowsWritten, List<FailedRow> failed)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
