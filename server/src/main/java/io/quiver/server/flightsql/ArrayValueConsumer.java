package io.quiver.server.flightsql;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.jspecify.annotations.Nullable;

/**
 * Writes a result's ARRAY column into an Arrow list vector whose elements are BIGINT, DOUBLE,
 * VARCHAR or BOOLEAN (what {@link ArrowResults#elementInfo} maps array elements to). Arrow's own
 * array consumer reads the elements from the second column of {@link Array#getResultSet()}, which
 * Calcite's arrays do not have; this one reads {@link Array#getArray()}. Not thread-safe.
 */
final class ArrayValueConsumer implements JdbcConsumer<ListVector> {
  private final int column;
  private ListVector vector;
  private int row;

  ArrayValueConsumer(ListVector vector, int column) {
    this.vector = vector;
    this.column = column;
  }

  @Override
  public void consume(ResultSet resultSet) throws SQLException {
    Array array = resultSet.getArray(column);
    if (array == null) {
      vector.setNull(row++);
      return;
    }
    Object elements = array.getArray();
    int count = java.lang.reflect.Array.getLength(elements);
    int start = vector.startNewValue(row);
    FieldVector data = vector.getDataVector();
    while (data.getValueCapacity() < start + count) {
      data.reAlloc();
    }
    for (int i = 0; i < count; i++) {
      set(data, start + i, java.lang.reflect.Array.get(elements, i));
    }
    vector.endValue(row++, count);
  }

  private static void set(FieldVector data, int index, @Nullable Object value) {
    if (value == null) {
      data.setNull(index);
    } else if (data instanceof BigIntVector longs) {
      longs.setSafe(index, ((Number) value).longValue());
    } else if (data instanceof Float8Vector doubles) {
      doubles.setSafe(index, ((Number) value).doubleValue());
    } else if (data instanceof VarCharVector strings) {
      strings.setSafe(index, value.toString().getBytes(UTF_8));
    } else if (data instanceof BitVector booleans) {
      booleans.setSafe(index, Boolean.TRUE.equals(value) ? 1 : 0);
    } else {
      data.setNull(index);
    }
  }

  @Override
  public void resetValueVector(ListVector next) {
    this.vector = next;
    this.row = 0;
  }

  @Override
  public void close() {}
}
