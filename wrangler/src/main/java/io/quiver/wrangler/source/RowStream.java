package io.quiver.wrangler.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The rows of one input (one file, or one query result), in one format. Not thread-safe. */
interface RowStream extends AutoCloseable {

  /** The columns, as far as known (JSON learns them from its first object). */
  List<String> columns();

  /** The next row, or {@code null} at the end. */
  @Nullable SourceRow read();

  /** How much of this input has been read, 0 to 1, or {@code NaN} if unknown. */
  double fractionRead();

  @Override
  void close();
}
