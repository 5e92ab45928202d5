package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code featurize_date_time} ("Featurize datetime", also the time-series family's sub-operator):
 * extracts year, month, day, hour, minute, second, ISO week of year, day of year and quarter from a
 * datetime (a datetime or date column, text with {@code date_time_format} or in any of Spark's
 * layouts, or epoch seconds). Ordinal mode gives integers shifted to start at 0 (month 0 to 11;
 * year as is; {@code use_one_indexing} starts month, day, week, day of year and quarter at 1);
 * cyclic mode gives each periodic component as a sine/cosine pair, {@code 2π(v - low)/(high - low +
 * 1)}, as sagemaker-scikit-learn-extension's {@code DateTimeVectorizer}. Output columns are {@code
 * <output>_<component>} (cyclic pairs {@code _1}, {@code _2}) or one vector. A value that is not a
 * time gives nulls (Data Wrangler's Spark cast makes them 0).
 */
final class FeaturizeDateTime implements Operator {
  /** A component: its name as a parameter and column suffix, its range ({@code low < 0}: none). */
  private record Component(String name, int low, int high) {}

  // Data Wrangler's order of components.
  private static final List<Component> COMPONENTS =
      List.of(
          new Component("year", -1, -1),
          new Component("month", 1, 12),
          new Component("day", 1, 31),
          new Component("hour", 0, 23),
          new Component("minute", 0, 59),
          new Component("second", 0, 59),
          new Component("week_of_year", 1, 53),
          new Component("day_of_year", 1, 366),
          new Component("quarter", 1, 4));
  private static final Set<String> ONE_INDEXED =
      Set.of("month", "day", "week_of_year", "day_of_year", "quarter");

  @Override
  public String family() {
    return "featurize_date_time";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters p = context.parameters();
    if (p.has("operator") && !p.has("input_column")) {
      p = p.dispatch("operator", "Featurize datetime", "Extract columns").parameters();
    }
    return of(p);
  }

  static RowStep of(Parameters p) {
    String input = p.string("input_column");
    String prefix = p.string("output_column", input);
    boolean cyclic = p.choice("output_mode", "Ordinal", "Ordinal", "Cyclic").equals("Cyclic");
    boolean vector = p.choice("output_format", "Columns", "Columns", "Vector").equals("Vector");
    boolean oneIndexing = p.bool("use_one_indexing", false);
    if (cyclic && oneIndexing) {
      throw new StepException("use_one_indexing applies to Ordinal mode only");
    }
    String format = p.optString("date_time_format");
    DateTimeFormatter formatter = format == null ? null : ValueCasts.pattern(format);
    List<Component> chosen = new ArrayList<>();
    for (Component c : COMPONENTS) {
      if (p.bool(c.name(), false)) {
        chosen.add(c);
      }
    }
    if (chosen.isEmpty()) {
      throw new StepException("choose at least one component (year, month, day, hour, ...)");
    }
    List<String> names = new ArrayList<>();
    for (Component c : chosen) {
      String name = prefix + "_" + c.name();
      if (cyclic && c.low() >= 0) {
        names.add(name + "_1");
        names.add(name + "_2");
      } else {
        names.add(name);
      }
    }
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        DataType type = slots.type(input);
        int in = slots.read(input);
        int[] outs;
        if (vector) {
          outs = new int[] {slots.write(prefix, DataType.VECTOR)};
        } else {
          outs = new int[names.size()];
          int o = 0;
          for (Component c : chosen) {
            if (cyclic && c.low() >= 0) {
              outs[o] = slots.write(names.get(o), DataType.DOUBLE);
              outs[o + 1] = slots.write(names.get(o + 1), DataType.DOUBLE);
              o += 2;
            } else {
              outs[o] = slots.write(names.get(o), cyclic ? DataType.DOUBLE : DataType.LONG);
              o++;
            }
          }
        }
        int width = names.size();
        return row -> {
          LocalDateTime time = time(row, in, type, formatter);
          if (time == null) {
            if (vector) {
              row.setNull(outs[0]);
            } else {
              for (int out : outs) {
                row.setNull(out);
              }
            }
            return true;
          }
          double[] values = vector ? new double[width] : null;
          int o = 0;
          for (Component c : chosen) {
            long v = value(time, c.name());
            if (cyclic && c.low() >= 0) {
              double angle = (v - c.low()) * 2 * Math.PI / (1 + c.high() - c.low());
              if (vector) {
                values[o] = Math.sin(angle);
                values[o + 1] = Math.cos(angle);
              } else {
                row.setDouble(outs[o], Math.sin(angle));
                row.setDouble(outs[o + 1], Math.cos(angle));
              }
              o += 2;
            } else {
              long ordinal =
                  c.low() < 0
                      ? v
                      : v - c.low() + (oneIndexing && ONE_INDEXED.contains(c.name()) ? 1 : 0);
              if (vector) {
                values[o] = ordinal;
              } else if (cyclic) {
                row.setDouble(outs[o], ordinal);
              } else {
                row.setLong(outs[o], ordinal);
              }
              o++;
            }
          }
          if (vector) {
            row.setObject(outs[0], values);
          }
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return Set.of(input);
      }

      @Override
      public Set<String> writes() {
        Set<String> writes = new HashSet<>(names);
        writes.add(prefix);
        return writes;
      }
    };
  }

  private static @Nullable LocalDateTime time(
      io.quiver.wrangler.frame.Row row, int in, DataType type, @Nullable DateTimeFormatter format) {
    if (row.isNull(in)) {
      return null;
    }
    long micros;
    switch (type) {
      case DATE, TIMESTAMP -> micros = row.getLong(in);
      case LONG -> micros = Math.multiplyExact(row.getLong(in), 1_000_000L);
      case DOUBLE -> {
        double seconds = row.getDouble(in);
        if (!Double.isFinite(seconds)) {
          return null;
        }
        micros = Math.round(seconds * 1_000_000d);
      }
      case STRING -> {
        Long parsed = ValueCasts.parseTimestamp(row.getString(in).trim(), format);
        if (parsed == null) {
          return null;
        }
        micros = parsed;
      }
      default -> {
        return null;
      }
    }
    return LocalDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static long value(LocalDateTime t, String component) {
    return switch (component) {
      case "year" -> t.getYear();
      case "month" -> t.getMonthValue();
      case "day" -> t.getDayOfMonth();
      case "hour" -> t.getHour();
      case "minute" -> t.getMinute();
      case "second" -> t.getSecond();
      case "week_of_year" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "day_of_year" -> t.getDayOfYear();
      default -> (t.getMonthValue() - 1) / 3 + 1;
    };
  }
}
