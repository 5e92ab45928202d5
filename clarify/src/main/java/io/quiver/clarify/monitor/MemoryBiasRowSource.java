package io.quiver.clarify.monitor;

import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rows already in memory, per row facet, label, predicted label and group. Not thread-safe. */
final class MemoryBiasRowSource implements BiasRowSource {
  private final BiasColumns columns;
  private final String name;
  private final List<@Nullable String[]> rows;
  private int next;
  private @Nullable String[] current = new String[4];

  MemoryBiasRowSource(BiasColumns columns, String name, List<@Nullable String[]> rows) {
    this.columns = columns;
    this.name = name;
    this.rows = rows;
  }

  @Override
  public BiasColumns columns() {
    return columns;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean next() {
    if (next >= rows.size()) {
      return false;
    }
    current = rows.get(next++);
    return true;
  }

  @Override
  public String facet() {
    return text(0);
  }

  @Override
  public String label() {
    return text(1);
  }

  @Override
  public @Nullable String predictedLabel() {
    return columns.predictedLabel() == null ? null : text(2);
  }

  @Override
  public @Nullable String groupVariable() {
    return columns.groupVariable() == null ? null : text(3);
  }

  private String text(int i) {
    String v = current[i];
    return v == null ? "" : v;
  }

  @Override
  public void close() {}
}
