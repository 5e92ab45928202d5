package io.quiver.wrangler.analyze.insight;

import io.quiver.wrangler.analyze.profile.ColumnProfile;
import io.quiver.wrangler.analyze.profile.ColumnType;
import io.quiver.wrangler.analyze.profile.DatasetProfile;
import io.quiver.wrangler.analyze.profile.RowSample;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample's columns as arrays: numeric columns as doubles (NaN when missing), the others as text
 * (null when missing), with each column's profile. Immutable once built.
 */
public final class SampleTable {
  private final DatasetProfile profile;
  private final List<String> names = new ArrayList<>();
  private final List<double[]> numbers = new ArrayList<>();
  private final List<String[]> texts = new ArrayList<>();
  private final int rows;

  /** The sample of {@code profile} as arrays. */
  public SampleTable(DatasetProfile profile) {
    this.profile = profile;
    RowSample sample = profile.sample();
    this.rows = sample.rows().size();
    for (int c = 0; c < sample.columns().size(); c++) {
      names.add(sample.columns().get(c).name());
      double[] x = new double[rows];
      String[] t = new String[rows];
      for (int r = 0; r < rows; r++) {
        Object v = sample.rows().get(r)[c];
        if (v == null) {
          x[r] = Double.NaN;
        } else if (v instanceof Number n) {
          x[r] = n.doubleValue();
          t[r] = v.toString();
        } else if (v instanceof Boolean b) {
          x[r] = b ? 1 : 0;
          t[r] = v.toString();
        } else {
          x[r] = Double.NaN;
          String s = v.toString();
          t[r] = s.isBlank() ? null : s;
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
          x[r] = Double.NaN;
          t[r] = null;
        }
      }
      numbers.add(x);
      texts.add(t);
    }
  }

  /** The number of sampled rows. */
  public int rows() {
    return rows;
  }

  /** The column names. */
  public List<String> names() {
    return List.copyOf(names);
  }

  /** The index of {@code name}, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  /** The profile of column {@code c}. */
  public ColumnProfile profile(int c) {
    return profile.columns().get(c);
  }

  /** Whether column {@code c} is used as a number (numeric or binary numbers, not times). */
  public boolean numeric(int c) {
    ColumnProfile p = profile(c);
    return p.numeric() && p.type() != ColumnType.DATETIME;
  }

  /** Whether column {@code c} is used as categories (categorical, binary text). */
  public boolean categorical(int c) {
    ColumnProfile p = profile(c);
    return !p.numeric() && (p.type() == ColumnType.CATEGORICAL || p.type() == ColumnType.BINARY);
  }

  /** Column {@code c} as doubles, NaN when missing (do not change the array). */
  public double[] number(int c) {
    return numbers.get(c);
  }

  /** Column {@code c} as text, null when missing (do not change the array). */
  public String[] text(int c) {
    return texts.get(c);
  }
}
