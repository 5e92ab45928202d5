package io.quiver.clarify.bias;

import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.error.ValidationException;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/*
 * Design: every metric is a function of per-group confusion matrices, so one pass keeps four
 * counters per (facet key, group-variable value). The facet key is "d" or "a" when a selector
 * picks d, or the raw facet value for one-vs-rest; without a group variable the group key is "".
 * Memory: O(distinct facet keys x distinct group values), bounded by maxDistinctValues; never
 * O(rows). Labels and predictions are collapsed to bits as rows arrive, so raw label values are
 * not kept (Clarify's report path also collapses them before KL/JS/LP/TVD/KS).
 */

/**
 * One streaming pass over a {@link BiasRowSource} that counts what the metrics need. Not
 * thread-safe.
 */
final class BiasCounter {
  private final BiasConfig config;
  private final Binarizer label;
  private final Binarizer predicted;
  private final @Nullable Binarizer facet;
  private final boolean hasPredicted;
  private final boolean hasGroups;

  private final FacetCells sensitive = new FacetCells();
  private final FacetCells rest = new FacetCells();
  private final Map<String, FacetCells> byFacetValue = new LinkedHashMap<>();
  private final Set<String> groupValues = new HashSet<>();
  private @Nullable String lastFacetValue;
  private @Nullable FacetCells lastFacetCells;
  private long rows;
  private long rowsSkipped;

  BiasCounter(BiasConfig config) {
    this.config = config;
    this.label = Binarizer.of(config.label());
    this.predicted = Binarizer.of(config.predictedLabel());
    this.facet = config.facet() == null ? null : Binarizer.of(config.facet());
    this.hasPredicted = config.columns().predictedLabel() != null;
    this.hasGroups = config.columns().groupVariable() != null;
  }

  /** Counts every remaining row of the source. */
  void count(BiasRowSource source) {
    while (source.next()) {
      String missing = missingColumn(source);
      if (missing != null) {
        if (config.missing() == MissingValues.FAIL) {
          throw new ValidationException(
              String.format(
                  "Cannot compute bias: row %d of %s has no value in column '%s' (leave such rows"
                      + " out with --missing skip)",
                  rows + rowsSkipped + 1, source.name(), missing));
        }
        rowsSkipped++;
        continue;
      }
      rows++;
      boolean y = test(label, source.label(), config.columns().label(), source);
      boolean yHat =
          hasPredicted
              && test(
                  predicted,
                  Objects.requireNonNull(source.predictedLabel()),
                  Objects.requireNonNull(config.columns().predictedLabel()),
                  source);
      String group = hasGroups ? Objects.requireNonNull(source.groupVariable()) : "";
      facetCells(source).cells(group)[GroupCounts.cell(y, yHat)]++;
    }
  }

  private FacetCells facetCells(BiasRowSource source) {
    String value = source.facet();
    if (facet != null) {
      return test(facet, value, config.columns().facet(), source) ? sensitive : rest;
    }
    if (value.equals(lastFacetValue)) {
      return Objects.requireNonNull(lastFacetCells);
    }
    FacetCells cells = byFacetValue.get(value);
    if (cells == null) {
      if (byFacetValue.size() >= config.maxDistinctValues()) {
        throw new ValidationException(
            String.format(
                "Cannot evaluate every value of facet '%s' one-vs-rest: more than %d distinct"
                    + " values (give facet values or a facet threshold)",
                config.columns().facet(), config.maxDistinctValues()));
      }
      cells = new FacetCells();
      byFacetValue.put(value, cells);
    }
    lastFacetValue = value;
    lastFacetCells = cells;
    return cells;
  }

  private boolean test(Binarizer binarizer, String text, String column, BiasRowSource source) {
    try {
      return binarizer.test(text);
    } catch (NumberFormatException e) {
      throw new ValidationException(
          String.format(
              "Cannot compute bias: row %d of %s has '%s' in column '%s', which is not a number"
                  + " (a threshold needs numbers)",
              rows + rowsSkipped, source.name(), text, column));
    }
  }

  long rows() {
    return rows;
  }

  long rowsSkipped() {
    return rowsSkipped;
  }

  /** The first column the current row has no value in (a missing value reads as empty), if any. */
  private @Nullable String missingColumn(BiasRowSource source) {
    BiasColumns columns = config.columns();
    if (source.label().isEmpty()) {
      return columns.label();
    }
    if (source.facet().isEmpty()) {
      return columns.facet();
    }
    if (hasPredicted && Objects.requireNonNull(source.predictedLabel()).isEmpty()) {
      return columns.predictedLabel();
    }
    if (hasGroups && Objects.requireNonNull(source.groupVariable()).isEmpty()) {
      return columns.groupVariable();
    }
    return null;
  }

  Binarizer labelBinarizer() {
    return label;
  }

  @Nullable Binarizer facetBinarizer() {
    return facet;
  }

  /**
   * The splits to evaluate, keyed by the facet value they select as d (one-vs-rest, in order of
   * first appearance), or a single split under the key {@code null} when a selector picks d.
   */
  List<Map.Entry<@Nullable String, FacetSplit>> splits() {
    List<Map.Entry<@Nullable String, FacetSplit>> splits = new ArrayList<>();
    if (facet != null) {
      Map<String, GroupCounts> totals = sensitive.byGroup();
      rest.byGroup().forEach((g, c) -> totals.merge(g, c, GroupCounts::plus));
      splits.add(new SimpleImmutableEntry<>(null, split(sensitive, totals)));
      return splits;
    }
    Map<String, GroupCounts> totals = new HashMap<>();
    for (FacetCells cells : byFacetValue.values()) {
      cells.byGroup().forEach((g, c) -> totals.merge(g, c, GroupCounts::plus));
    }
    byFacetValue.forEach(
        (value, cells) -> splits.add(new SimpleImmutableEntry<>(value, split(cells, totals))));
    return splits;
  }

  private FacetSplit split(FacetCells d, Map<String, GroupCounts> totals) {
    GroupCounts all = totals.values().stream().reduce(GroupCounts.EMPTY, GroupCounts::plus);
    List<FacetSplit.Stratum> strata = new ArrayList<>();
    // sorted like numpy.unique, so sums add up in the same order as smclarify's
    new TreeMap<>(d.byGroup())
        .forEach((g, counts) -> strata.add(new FacetSplit.Stratum(counts, totals.get(g))));
    GroupCounts dTotal = d.total();
    return new FacetSplit(dTotal, all.minus(dTotal), strata, hasGroups);
  }

  /** Counters of one facet key, per group-variable value. */
  private final class FacetCells {
    private final Map<String, long[]> cellsByGroup = new HashMap<>();
    private @Nullable String lastGroup;
    private long @Nullable [] lastCells;

    long[] cells(String group) {
      if (group.equals(lastGroup)) {
        return Objects.requireNonNull(lastCells);
      }
      long[] cells = cellsByGroup.get(group);
      if (cells == null) {
        if (groupValues.add(group) && groupValues.size() > config.maxDistinctValues()) {
          throw new ValidationException(
              String.format(
                  "Cannot use '%s' as the group variable: more than %d distinct values",
                  config.columns().groupVariable(), config.maxDistinctValues()));
        }
        cells = new long[4];
        cellsByGroup.put(group, cells);
      }
      lastGroup = group;
      lastCells = cells;
      return cells;
    }

    Map<String, GroupCounts> byGroup() {
      Map<String, GroupCounts> byGroup = new HashMap<>();
      cellsByGroup.forEach((g, c) -> byGroup.put(g, GroupCounts.of(c)));
      return byGroup;
    }

    GroupCounts total() {
      return cellsByGroup.values().stream()
          .map(GroupCounts::of)
          .reduce(GroupCounts.EMPTY, GroupCounts::plus);
    }
  }
}
