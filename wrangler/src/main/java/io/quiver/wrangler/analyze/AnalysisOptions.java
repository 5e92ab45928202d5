package io.quiver.wrangler.analyze;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to analyse beyond the profile.
 *
 * @param target the target column for leakage and the quick model, or null for neither
 * @param histograms histograms to draw (with colour-by and facet-by) besides every numeric column's
 *     own
 * @param scatters scatter plots to draw
 * @param seed the seed of the quick model's split and permutations
 */
public record AnalysisOptions(
    @Nullable String target,
    List<ChartRequest> histograms,
    List<ChartRequest> scatters,
    long seed) {
  /** Copies the lists. */
  public AnalysisOptions {
    histograms = List.copyOf(histograms);
    scatters = List.copyOf(scatters);
  }

  /** No target and no extra charts. */
  public static AnalysisOptions defaults() {
    return new AnalysisOptions(null, List.of(), List.of(), 42);
  }

  /** A copy with {@code target}. */
  public AnalysisOptions withTarget(@Nullable String target) {
    return new AnalysisOptions(target, histograms, scatters, seed);
  }

  /**
   * A chart of one or two columns, split by colour and facet.
   *
   * @param columns one column (histogram) or two (scatter: x then y)
   * @param colorBy the column whose values colour the series, or null
   * @param facetBy the column whose values get a chart each, or null
   */
  public record ChartRequest(
      List<String> columns, @Nullable String colorBy, @Nullable String facetBy) {
    /** Copies the columns. */
    public ChartRequest {
      columns = List.copyOf(columns);
      if (columns.isEmpty() || columns.size() > 2) {
        throw new IllegalArgumentException(
            "columns: " + columns + " (expected: one column, or x and y)");
      }
    }

    /**
     * Parses {@code x[,y][:colorBy[:facetBy]]}; an empty colour ({@code x::facet}) means none.
     *
     * @throws IllegalArgumentException if the text names no column or too many parts
     */
    public static ChartRequest parse(String text) {
      String[] parts = text.split(":", -1);
      if (parts.length > 3 || parts[0].isBlank()) {
        throw new IllegalArgumentException(
            "chart: " + text + " (expected: COLUMN[,Y][:COLOR_BY[:FACET_BY]])");
      }
      String color = parts.length > 1 && !parts[1].isBlank() ? parts[1] : null;
      String facet = parts.length > 2 && !parts[2].isBlank() ? parts[2] : null;
      return new ChartRequest(List.of(parts[0].split(",", -1)), color, facet);
    }
  }
}
