package io.quiver.wrangler.transform;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code format_string}: pad, strip, change case, add a prefix or suffix, remove symbols. Pads
 * follow Spark's {@code lpad}/{@code rpad} (a longer value is cut to the width); centring, strips
 * and title/capitalize/swap case follow Python's {@code str} methods, as Data Wrangler's pandas
 * code runs them.
 */
final class FormatString implements Operator {
  private static final int MAX_WIDTH = 1000;
  private static final String DEFAULT_SYMBOLS = "!@#$%^&*()_+=-/\\`~{}|<>?";

  @Override
  public String family() {
    return "format_string";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator",
                "Lower case",
                "Upper case",
                "Title case",
                "Capitalize",
                "Swap case",
                "Left pad",
                "Right pad",
                "Center (pad on either side)",
                "Strip characters from left",
                "Strip characters from right",
                "Strip left and right",
                "Prepend zeros",
                "Add prefix",
                "Add suffix",
                "Remove symbols");
    Parameters p = choice.parameters();
    String input = p.string("input_column");
    String output = p.optString("output_column");
    UnaryOperator<String> function =
        switch (choice.name()) {
          case "Lower case" -> s -> s.toLowerCase(Locale.ROOT);
          case "Upper case" -> s -> s.toUpperCase(Locale.ROOT);
          case "Title case" -> FormatString::title;
          case "Capitalize" -> FormatString::capitalize;
          case "Swap case" -> FormatString::swapCase;
          case "Left pad" -> {
            int width = width(p);
            String fill = fill(p);
            yield s -> leftPad(s, width, fill.charAt(0));
          }
          case "Right pad" -> {
            int width = width(p);
            String fill = fill(p);
            yield s -> rightPad(s, width, fill.charAt(0));
          }
          case "Center (pad on either side)" -> {
            int width = width(p);
            String fill = fill(p);
            yield s -> center(s, width, fill.charAt(0));
          }
          case "Strip characters from left" -> {
            String chars = p.optString("characters_to_remove");
            yield s -> strip(s, chars, true, false);
          }
          case "Strip characters from right" -> {
            String chars = p.optString("characters_to_remove");
            yield s -> strip(s, chars, false, true);
          }
          case "Strip left and right" -> {
            String chars = p.optString("characters_to_remove");
            yield s -> strip(s, chars, true, true);
          }
          case "Prepend zeros" -> {
            int width = width(p);
            yield s -> leftPad(s, width, '0');
          }
          case "Add prefix" -> {
            String prefix = p.string("prefix", "");
            yield s -> prefix + s;
          }
          case "Add suffix" -> {
            String suffix = p.string("suffix", "");
            yield s -> s + suffix;
          }
          case "Remove symbols" -> {
            Pattern symbols = symbolPattern(p.string("symbols", DEFAULT_SYMBOLS));
            yield s -> symbols.matcher(s).replaceAll("");
          }
          default -> throw new StepException("unknown format: " + choice.name());
        };
    return new TextMapStep(input, output, function);
  }

  /** Matches any one of {@code symbols}' characters. */
  private static Pattern symbolPattern(String symbols) {
    StringBuilder alternatives = new StringBuilder();
    symbols
        .codePoints()
        .forEach(
            c -> {
              if (alternatives.length() > 0) {
                alternatives.append('|');
              }
              alternatives.append(Pattern.quote(new String(Character.toChars(c))));
            });
    return Pattern.compile(alternatives.length() == 0 ? "(?!)" : alternatives.toString());
  }

  private static int width(Parameters p) {
    long width = p.integer("width");
    if (width < 0 || width > MAX_WIDTH) {
      throw new StepException("width is " + width + " (expected: 0 to " + MAX_WIDTH + ")");
    }
    return (int) width;
  }

  private static String fill(Parameters p) {
    String fill = p.string("fill_character", " ");
    if (fill.codePointCount(0, fill.length()) != 1 || fill.length() != 1) {
      throw new StepException("fill_character is '" + fill + "' (expected: one character)");
    }
    return fill;
  }

  static String leftPad(String s, int width, char fill) {
    if (s.length() >= width) {
      return s.substring(0, width);
    }
    return String.valueOf(fill).repeat(width - s.length()) + s;
  }

  static String rightPad(String s, int width, char fill) {
    if (s.length() >= width) {
      return s.substring(0, width);
    }
    return s + String.valueOf(fill).repeat(width - s.length());
  }

  /** Python's {@code str.center}: the extra fill character goes left when the width is odd. */
  static String center(String s, int width, char fill) {
    int margin = width - s.length();
    if (margin <= 0) {
      return s;
    }
    int left = margin / 2 + (margin & width & 1);
    return String.valueOf(fill).repeat(left) + s + String.valueOf(fill).repeat(margin - left);
  }

  /** Python's {@code str.strip/lstrip/rstrip}: white space when {@code chars} is null. */
  static String strip(String s, @Nullable String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    if (left) {
      while (start < end && removable(s.charAt(start), chars)) {
        start++;
      }
    }
    if (right) {
      while (end > start && removable(s.charAt(end - 1), chars)) {
        end--;
      }
    }
    return s.substring(start, end);
  }

  private static boolean removable(char c, @Nullable String chars) {
    return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
  }

  /** Python's {@code str.title}: a letter after a non-letter is upper case, others lower case. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean previousCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        out.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
        previousCased = true;
      } else {
        out.append(c);
        previousCased = false;
      }
    }
    return out.toString();
  }

  /** Python's {@code str.capitalize}: the first character upper case, the rest lower case. */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
  }

  static String swapCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(
          Character.isUpperCase(c)
              ? Character.toLowerCase(c)
              : Character.isLowerCase(c) ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
