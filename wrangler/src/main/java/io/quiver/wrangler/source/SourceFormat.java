package io.quiver.wrangler.source;

import java.util.Locale;

/** A file format the importer reads. */
public enum SourceFormat {
  /** Comma-separated values with a header line (RFC 4180 quoting). */
  CSV,
  /** JSON lines (one object per line) or a JSON array of objects. */
  JSON,
  /** Apache Parquet. */
  PARQUET,
  /** Apache ORC. */
  ORC;

  /**
   * The format named by {@code name}, in any case: {@code csv}, {@code json}, {@code parquet} or
   * {@code orc}.
   *
   * @throws IllegalArgumentException if {@code name} is none of them
   */
  public static SourceFormat of(String name) {
    for (SourceFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "format: " + name + " (expected: csv, json, parquet or orc)");
  }

  /**
   * The format of a file, from its extension; a {@code .gz} suffix is looked through ({@code
   * data.csv.gz} is CSV).
   *
   * @throws IllegalArgumentException if the extension is not one of {@code .csv}, {@code .json},
   *     {@code .jsonl}, {@code .ndjson}, {@code .parquet}, {@code .orc}
   */
  public static SourceFormat ofFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1);
    return switch (extension) {
      case "csv" -> CSV;
      case "json", "jsonl", "ndjson" -> JSON;
      case "parquet" -> PARQUET;
      case "orc" -> ORC;
      default ->
          throw new IllegalArgumentException(
              "Cannot tell the format of "
                  + fileName
                  + " from its extension (expected: .csv, .json, .jsonl, .parquet or .orc, optionally .gz); name it with --format");
    };
  }

  /** Whether the format is read from a stream (else it needs random access to a local file). */
  boolean streamed() {
    return this == CSV || this == JSON;
  }
}
