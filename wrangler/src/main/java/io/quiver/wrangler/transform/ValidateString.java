package io.quiver.wrangler.transform;

import io.quiver.wrangler.frame.DataType;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@code validate_string}: a 1/0 column saying whether each value passes a check, with Python's
 * {@code str} method semantics (what Data Wrangler's checks are named after): {@code isalpha} and
 * friends are false for the empty string, {@code islower} needs at least one cased character. A
 * null value gives null.
 */
final class ValidateString implements Operator {
  @Override
  public String family() {
    return "validate_string";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context
            .parameters()
            .dispatch(
                "operator",
                "Length equals",
                "Starts with",
                "Ends with",
                "Is alphanumeric",
                "Is alpha",
                "Is digit",
                "Is space",
                "Is title",
                "Is lower",
                "Is upper",
                "Is numeric",
                "Is decimal");
    Parameters p = choice.parameters();
    Predicate<String> check =
        switch (choice.name()) {
          case "Length equals" -> {
            long length = p.integer("length");
            yield s -> s.codePointCount(0, s.length()) == length;
          }
          case "Starts with" -> {
            String prefix = p.string("prefix");
            yield s -> s.startsWith(prefix);
          }
          case "Ends with" -> {
            String suffix = p.string("suffix");
            yield s -> s.endsWith(suffix);
          }
          case "Is alphanumeric" -> s -> all(s, Character::isLetterOrDigit);
          case "Is alpha" -> s -> all(s, Character::isLetter);
          case "Is digit" -> s -> all(s, Character::isDigit);
          case "Is space" -> s -> all(s, Character::isWhitespace);
          case "Is title" -> ValidateString::isTitle;
          case "Is lower" -> s -> cased(s, true);
          case "Is upper" -> s -> cased(s, false);
          case "Is numeric" -> s -> all(s, ValidateString::numeric);
          default -> s -> all(s, c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER);
        };
    return new Check(p.string("input_column"), p.optString("output_column"), check);
  }

  private interface CodePointTest {
    boolean test(int codePoint);
  }

  private static boolean all(String s, CodePointTest test) {
    return !s.isEmpty() && s.codePoints().allMatch(test::test);
  }

  private static boolean numeric(int c) {
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Python's {@code islower}/{@code isupper}: some cased character, none of the other case. */
  private static boolean cased(String s, boolean lower) {
    boolean anyCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
        if (lower) {
          return false;
        }
        anyCased = true;
      } else if (Character.isLowerCase(c)) {
        if (!lower) {
          return false;
        }
        anyCased = true;
      }
    }
    return anyCased;
  }

  /** Python's {@code istitle}: upper case only after uncased characters, lower only after cased. */
  private static boolean isTitle(String s) {
    boolean previousCased = false;
    boolean anyCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
        if (previousCased) {
          return false;
        }
        previousCased = true;
        anyCased = true;
      } else if (Character.isLowerCase(c)) {
        if (!previousCased) {
          return false;
        }
        previousCased = true;
        anyCased = true;
      } else {
        previousCased = false;
      }
    }
    return anyCased;
  }

  private static final class Check extends ColumnStep {
    private final Predicate<String> check;

    Check(String input, @Nullable String output, Predicate<String> check) {
      super(input, output);
      this.check = check;
    }

    @Override
    public RowOp bind(Slots slots) {
      DataType type = slots.type(input);
      int in = slots.read(input);
      int out = slots.write(target(), DataType.LONG);
      return row -> {
        String text = ValueCasts.toText(row, in, type);
        if (text == null) {
          row.setNull(out);
        } else {
          row.setLong(out, check.test(text) ? 1 : 0);
        }
        return true;
      };
    }
  }
}
