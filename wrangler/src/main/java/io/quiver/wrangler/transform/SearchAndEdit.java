package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * {@code search_and_edit}: find substrings (first index, from the right), test a prefix or a
 * pattern, find all matches, extract (by regex, between delimiters, by position), replace (by
 * regex, between delimiters, by position), turn values that fail a pattern into missing, split by a
 * delimiter. Positions are 0-based, as Python's; a miss is -1 for finds and null for extracts.
 * Patterns are Java regular expressions (the syntax Spark SQL uses).
 */
final class SearchAndEdit implements Operator {
  private static final int MAX_PATTERN_LENGTH = 1000;

  @Override
  public String family() {
    return "search_and_edit";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator",
                "Find substring",
                "Find substring (from right)",
                "Matches prefix",
                "Matches pattern",
                "Find all occurrences",
                "Extract using regex",
                "Extract between delimiters",
                "Extract from position",
                "Find and replace substring",
                "Replace between delimiters",
                "Replace from position",
                "Convert regex to missing",
                "Split string by delimiter");
    Parameters p = choice.parameters();
    String input = p.string("input_column");
    String output = p.optString("output_column");
    return switch (choice.name()) {
      case "Find substring", "Find substring (from right)" -> {
        String needle = p.string("pattern");
        long start = p.integer("start", 0);
        long end = p.integer("end", Integer.MAX_VALUE);
        boolean right = choice.name().endsWith("(from right)");
        yield new ValueStep(
            input,
            output,
            DataType.LONG,
            s -> find(s, needle, (int) Math.max(0, start), (int) Math.min(end, s.length()), right));
      }
      case "Matches prefix" -> {
        String prefix = p.string("pattern");
        boolean caseSensitive = p.bool("case_sensitive", true);
        yield new ValueStep(
            input,
            output,
            DataType.BOOLEAN,
            s -> s.regionMatches(!caseSensitive, 0, prefix, 0, prefix.length()));
      }
      case "Matches pattern" -> {
        Pattern pattern = regex(p.string("pattern"), p.bool("case_sensitive", true));
        yield new ValueStep(input, output, DataType.BOOLEAN, s -> pattern.matcher(s).lookingAt());
      }
      case "Find all occurrences" -> {
        Pattern pattern = regex(p.string("pattern"), true);
        yield new ValueStep(
            input,
            output,
            DataType.STRING_LIST,
            s -> {
              List<String> found = new ArrayList<>();
              Matcher m = pattern.matcher(s);
              while (m.find()) {
                found.add(m.group());
              }
              return found.toArray(new String[0]);
            });
      }
      case "Extract using regex" -> {
        Pattern pattern = regex(p.string("pattern"), true);
        yield new ValueStep(
            input,
            output,
            DataType.STRING,
            s -> {
              Matcher m = pattern.matcher(s);
              return m.find() ? m.group() : null;
            });
      }
      case "Extract between delimiters" -> {
        String left = p.string("left_delimiter");
        String right = p.string("right_delimiter");
        yield new ValueStep(
            input,
            output,
            DataType.STRING,
            s -> {
              int a = s.indexOf(left);
              int b = a < 0 ? -1 : s.indexOf(right, a + left.length());
              return b < 0 ? null : s.substring(a + left.length(), b);
            });
      }
      case "Extract from position" -> {
        int start = nonNegative(p, "start_position");
        int length = nonNegative(p, "length");
        yield new ValueStep(
            input,
            output,
            DataType.STRING,
            s -> s.substring(Math.min(start, s.length()), Math.min(s.length(), start + length)));
      }
      case "Find and replace substring" -> {
        Pattern pattern = regex(p.string("pattern"), true);
        String replacement = Matcher.quoteReplacement(p.string("replacement", ""));
        yield new ValueStep(
            input, output, DataType.STRING, s -> pattern.matcher(s).replaceAll(replacement));
      }
      case "Replace between delimiters" -> {
        String left = p.string("left_delimiter");
        String right = p.string("right_delimiter");
        String replacement = p.string("replacement", "");
        yield new ValueStep(
            input,
            output,
            DataType.STRING,
            s -> {
              int a = s.indexOf(left);
              int b = a < 0 ? -1 : s.indexOf(right, a + left.length());
              return b < 0 ? s : s.substring(0, a + left.length()) + replacement + s.substring(b);
            });
      }
      case "Replace from position" -> {
        int start = nonNegative(p, "start_position");
        int length = nonNegative(p, "length");
        String replacement = p.string("replacement", "");
        yield new ValueStep(
            input,
            output,
            DataType.STRING,
            s -> {
              int a = Math.min(start, s.length());
              return s.substring(0, a)
                  + replacement
                  + s.substring(Math.min(s.length(), a + length));
            });
      }
      case "Convert regex to missing" -> {
        Pattern pattern = regex(p.string("pattern"), true);
        yield new ValueStep(
            input, output, DataType.STRING, s -> pattern.matcher(s).matches() ? s : null);
      }
      default -> {
        String delimiter = p.string("delimiter", ",");
        long maxSplits = p.integer("max_splits", 0);
        Pattern split = Pattern.compile(Pattern.quote(delimiter));
        // Python's str.split(sep, maxsplit): at most maxsplit cuts, so maxsplit + 1 parts.
        int limit = maxSplits <= 0 ? -1 : (int) Math.min(Integer.MAX_VALUE - 1, maxSplits) + 1;
        yield new ValueStep(input, output, DataType.STRING_LIST, s -> split.split(s, limit));
      }
    };
  }

  private static long find(String s, String needle, int start, int end, boolean fromRight) {
    if (start > end) {
      return -1;
    }
    String region = s.substring(start, end);
    int at = fromRight ? region.lastIndexOf(needle) : region.indexOf(needle);
    return at < 0 ? -1 : at + start;
  }

  private static int nonNegative(Parameters p, String key) {
    long value = p.integer(key);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new StepException(key + " is " + value + " (expected: 0 or more)");
    }
    return (int) value;
  }

  static Pattern regex(String pattern, boolean caseSensitive) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new StepException(
          "pattern is "
              + pattern.length()
              + " characters (expected: at most "
              + MAX_PATTERN_LENGTH
              + ")");
    }
    try {
      return Pattern.compile(
          pattern, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw new StepException(
          "pattern '" + pattern + "' is not a valid regular expression: " + e.getDescription());
    }
  }

  /** A column's text through a function into a column of {@code type}; null stays null. */
  static final class ValueStep extends ColumnStep {
    private final DataType type;
    private final Function<String, @Nullable Object> function;

    ValueStep(
        String input,
        @Nullable String output,
        DataType type,
        Function<String, @Nullable Object> function) {
      super(input, output);
      this.type = type;
      this.function = function;
    }

    @Override
    public RowOp bind(Slots slots) {
      DataType inputType = slots.type(input);
      int in = slots.read(input);
      int out = slots.write(target(), type);
      return row -> {
        String text = ValueCasts.toText(row, in, inputType);
        Object value = text == null ? null : function.apply(text);
        if (value == null) {
          row.setNull(out);
        } else if (value instanceof Long l) {
          row.setLong(out, l);
        } else if (value instanceof Boolean b) {
          row.setBoolean(out, b);
        } else {
          row.setObject(out, value);
        }
        return true;
      };
    }
  }
}
