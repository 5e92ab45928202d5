package io.quiver.wrangler.frame;

import io.quiver.storage.batch.ColumnKind;
import java.util.Locale;

/**
 * The type of a column in a flow, as Data Wrangler names them ({@code long}, {@code float}, {@code
 * string}, {@code bool}, {@code date}, {@code datetime}) plus the two collection types flows make
 * ({@code vector} of numbers, {@code array} of strings).
 */
public enum DataType {
  /** 64-bit integers. */
  LONG("long", ColumnKind.LONG),
  /** Double-precision numbers (Data Wrangler's {@code float}). */
  DOUBLE("float", ColumnKind.DOUBLE),
  /** Text. */
  STRING("string", ColumnKind.STRING),
  /** Booleans. */
  BOOLEAN("bool", ColumnKind.BOOLEAN),
  /** Calendar dates, held as microseconds since the epoch at midnight UTC. */
  DATE("date", ColumnKind.TIMESTAMP_MICROS),
  /** Instants, held as microseconds since the epoch. */
  TIMESTAMP("datetime", ColumnKind.TIMESTAMP_MICROS),
  /** Fixed or variable length lists of doubles (one-hot, assembled and embedding vectors). */
  VECTOR("vector", ColumnKind.LIST),
  /** Lists of strings (tokens, split strings, JSON arrays). */
  STRING_LIST("array", ColumnKind.LIST);

  private final String flowName;
  private final ColumnKind kind;

  DataType(String flowName, ColumnKind kind) {
    this.flowName = flowName;
    this.kind = kind;
  }

  /** The name a flow file uses: {@code long}, {@code float}, {@code string}, and so on. */
  public String flowName() {
    return flowName;
  }

  /** How a column of this type is held in a batch. */
  public ColumnKind kind() {
    return kind;
  }

  /** The kind of the elements of a LIST column; {@code null} for scalars. */
  public ColumnKind elementKind() {
    return switch (this) {
      case VECTOR -> ColumnKind.DOUBLE;
      case STRING_LIST -> ColumnKind.STRING;
      default -> throw new IllegalStateException(this + " is not a collection type");
    };
  }

  /** Whether values are numbers (LONG or DOUBLE). */
  public boolean numeric() {
    return this == LONG || this == DOUBLE;
  }

  /** Whether values are lists. */
  public boolean collection() {
    return this == VECTOR || this == STRING_LIST;
  }

  /**
   * The type named {@code name} in a flow file, in any case; {@code double}, {@code integer},
   * {@code boolean}, {@code timestamp} and {@code list} are accepted too.
   *
   * @throws IllegalArgumentException if {@code name} names no type
   */
  public static DataType fromFlowName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "long", "integer", "int", "bigint" -> LONG;
      case "float", "double", "decimal" -> DOUBLE;
      case "string", "text" -> STRING;
      case "bool", "boolean" -> BOOLEAN;
      case "date" -> DATE;
      case "datetime", "timestamp" -> TIMESTAMP;
      case "vector" -> VECTOR;
      case "array", "list" -> STRING_LIST;
      default ->
          throw new IllegalArgumentException(
              "type: '"
                  + name
                  + "' (expected: long, float, string, bool, date, datetime, vector or array)");
    };
  }
}
