package io.quiver.query.bias.source;

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
