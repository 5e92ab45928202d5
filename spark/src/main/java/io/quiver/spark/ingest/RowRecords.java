package io.quiver.spark.ingest;

import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * Turns Spark rows into records with the wire's string values: numbers in their shortest exact
 * form, timestamps as ISO-8601 UTC in SageMaker's event time form (seconds, or milliseconds when
 * the time has a fraction; finer digits are dropped), arrays as string lists. Null values are left
 * out of the record, as PutRecord expects. Columns that are not features are ignored (their names
 * are checked once, before any row, by {@link SchemaCheck}). Stateless.
 */
public final class RowRecords {
  // SageMaker's event time formats: whole seconds or milliseconds (finer digits are refused)
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private RowRecords() {}

  /**
   * The record of {@code row}: the values of the columns at {@code positions} named {@code names}.
   */
  public static Record toRecord(Row row, int[] positions, String[] names) {
    List<FeatureValue> values = new ArrayList<>(positions.length);
    for (int i = 0; i < positions.length; i++) {
      Object value = row.get(positions[i]);
      if (value == null) {
        continue;
      }
      if (value instanceof Seq<?> seq) {
        List<String> elements = new ArrayList<>(seq.size());
        Iterator<?> it = seq.iterator();
        while (it.hasNext()) {
          Object element = it.next();
          // a null element has no wire form: PutRecord would refuse the record
          elements.add(element == null ? "" : scalar(element));
        }
        values.add(FeatureValue.ofList(names[i], elements));
      } else if (value instanceof List<?> list) {
        List<String> elements = new ArrayList<>(list.size());
        for (Object element : list) {
          elements.add(element == null ? "" : scalar(element));
        }
        values.add(FeatureValue.ofList(names[i], elements));
      } else {
        values.add(FeatureValue.of(names[i], scalar(value)));
      }
    }
    return new Record(values);
  }

  /** The wire string of one Spark value. */
  static String scalar(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return Double.toString(d);
    }
    if (value instanceof Float f) {
      // Float's own shortest form: 0.1f is "0.1", not 0.10000000149011612
      return Float.toString(f);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Timestamp t) {
      return iso(t.toInstant());
    }
    if (value instanceof Instant t) {
      return iso(t);
    }
    if (value instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof byte[] bytes) {
      return java.util.Base64.getEncoder().encodeToString(bytes);
    }
    return value.toString();
  }

  private static String iso(Instant t) {
    return t.getNano() == 0 ? ISO_SECONDS.format(t) : ISO_MILLIS.format(t);
  }

  /** The positions in {@code schema} of the columns named {@code names}, or -1 where absent. */
  public static int[] positions(StructType schema, String[] names) {
    int[] positions = new int[names.length];
    StructField[] fields = schema.fields();
    for (int i = 0; i < names.length; i++) {
      positions[i] = indexOf(fields, names[i]);
    }
    return positions;
  }

  private static int indexOf(StructField[] fields, String name) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The error text of a failed row: the message without any class name. */
  static String message(@Nullable String message) {
    return message == null ? "The record was refused" : message;
  }
}
