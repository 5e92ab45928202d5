package io.quiver.query.pit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The rows a dataset starts from: entities with an identifier and an event time, from a file, a
 * feature group, or a SQL query. Each base row yields one dataset row per match (one, unless
 * duplicated records are included).
 */
public sealed interface DatasetBase {

  /**
   * A Parquet file; its top-level scalar columns become dataset columns. The event time column may
   * be a timestamp, fractional epoch seconds (DOUBLE), integral epoch seconds, or ISO-8601 text.
   */
  static DatasetBase parquet(Path file, String identifierColumn, String eventTimeColumn) {
    return new FileBase(file, false, identifierColumn, eventTimeColumn);
  }

  /**
   * A CSV file with a header line; every column is text. The event time column holds epoch seconds
   * or ISO-8601 times.
   */
  static DatasetBase csv(Path file, String identifierColumn, String eventTimeColumn) {
    return new FileBase(file, true, identifierColumn, eventTimeColumn);
  }

  /**
   * A feature group: its scalar features, with the dataset's history rules applied (as-of, range,
   * deletes, duplicates), keyed by its record identifier and event time.
   */
  static DatasetBase featureGroup(String name) {
    return new GroupBase(name);
  }

  /** The rows of a SQL query over the feature group tables. */
  static DatasetBase query(String sql, String identifierColumn, String eventTimeColumn) {
    return new QueryBase(sql, identifierColumn, eventTimeColumn);
  }

  /** A Parquet or CSV file. */
  record FileBase(Path file, boolean csv, String identifierColumn, String eventTimeColumn)
      implements DatasetBase {
    /** Checks the parts. */
    public FileBase {
      requireNonNull(file, "file");
      requireNonNull(identifierColumn, "identifierColumn");
      requireNonNull(eventTimeColumn, "eventTimeColumn");
    }
  }

  /** A feature group. */
  record GroupBase(String name) implements DatasetBase {
    /** Checks the parts. */
    public GroupBase {
      requireNonNull(name, "name");
    }
  }

  /** A SQL query. */
  record QueryBase(String sql, String identifierColumn, String eventTimeColumn)
      implements DatasetBase {
    /** Checks the parts. */
    public QueryBase {
      requireNonNull(sql, "sql");
      requireNonNull(identifierColumn, "identifierColumn");
      requireNonNull(eventTimeColumn, "eventTimeColumn");
    }
  }
}
