package io.quiver.clarify.bias.source;

import io.quiver.storage.error.ValidationException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BiasRowSource} that keeps the current row's four values in slots (facet, label,
 * predicted label, group variable), filled by the subclass's {@link #next()}. Not thread-safe.
 */
abstract class SlottedBiasRowSource implements BiasRowSource {
  static final int FACET = 0;
  static final int LABEL = 1;
  static final int PREDICTED_LABEL = 2;
  static final int GROUP_VARIABLE = 3;

  /** The current row's values by slot; a subclass fills them in {@code next()}. */
  final @Nullable String[] values = new String[4];

  /** The column each slot reads, by slot; {@code null} for an optional column not read. */
  static @Nullable String[] slotColumns(BiasColumns columns) {
    return new @Nullable String[] {
      columns.facet(), columns.label(), columns.predictedLabel(), columns.groupVariable()
    };
  }

  /**
   * Where each slot's column is in {@code available} (its header or result columns), by slot; -1
   * for a slot not read.
   *
   * @param source the file or query named in the error
   * @param container what {@code available} lists, for the error ("header", "result")
   * @throws ValidationException if a column to read is not in {@code available}
   */
  static int[] slotIndexes(
      BiasColumns columns, List<String> available, String source, String container) {
    @Nullable String[] wanted = slotColumns(columns);
    int[] indexes = new int[wanted.length];
    for (int slot = 0; slot < wanted.length; slot++) {
      indexes[slot] = wanted[slot] == null ? -1 : available.indexOf(wanted[slot]);
      if (wanted[slot] != null && indexes[slot] < 0) {
        throw new ValidationException(
            "Cannot read "
                + source
                + ": no column '"
                + wanted[slot]
                + "' in its "
                + container
                + " (columns: "
                + String.join(", ", available)
                + ")");
      }
    }
    return indexes;
  }

  @Override
  public String facet() {
    return values[FACET];
  }

  @Override
  public String label() {
    return values[LABEL];
  }

  @Override
  public @Nullable String predictedLabel() {
    return values[PREDICTED_LABEL];
  }

  @Override
  public @Nullable String groupVariable() {
    return values[GROUP_VARIABLE];
  }
}
