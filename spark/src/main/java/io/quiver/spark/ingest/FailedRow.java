package io.quiver.spark.ingest;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * A row that was not ingested, with the reason (PutRecord's message).
 *
 * @param row the input row
 * @param error why it was refused
 */
public record FailedRow(Row row, String error) implements Serializable {
  private static final long serialVersionUID = 1L;
}
