package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.server.control.ControlJson.FilterJson;
import io.quiver.server.control.ControlJson.NestedFiltersJson;
import io.quiver.server.control.ControlJson.SearchExpressionJson;
import io.quiver.server.control.SearchableResource.PropertyKind;
import io.quiver.storage.error.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/*
 * Semantics, as SageMaker's Search documents them where it does:
 * - An expression holds Filters, NestedFilters and SubExpressions (at least one element, at most
 *   twenty in all, each list at most twenty) joined by its Operator, And (default) or Or.
 * - A filter without an Operator is Equals. A property that holds several values (a list, such as
 *   FeatureDefinitions.FeatureName) satisfies a filter when one of its values does; NotEquals and
 *   NotExists are the negations of Equals and Exists, so they hold when no value matches.
 * - GreaterThan and the other orderings take numbers and times only; Contains and In take text
 *   only; Contains ignores case; In takes comma-separated values. One Contains per request.
 * - A nested filter holds when one element of its list property satisfies every one of its filters,
 *   each naming a property of the element as <list>.<member>.
 * - Times compare as instants; a value may be ISO-8601 (2024-05-01T00:00:00Z, or a date) or epoch
 *   seconds. Booleans take true or false.
 * Expressions nest at most MAX_DEPTH deep, which bounds the work a request can ask for.
 */

/** A compiled Search expression: a predicate over the JSON records of one resource. Immutable. */
final class SearchPredicate implements Predicate<JsonNode> {
  static final int MAX_ELEMENTS = 20;
  static final int MAX_DEPTH = 10;

  private static final Set<String> ORDERINGS =
      Set.of("GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo");

  private final Predicate<JsonNode> test;

  private SearchPredicate(Predicate<JsonNode> test) {
    this.test = test;
  }

  @Override
  public boolean test(JsonNode record) {
    return test.test(record);
  }

  /**
   * Compiles {@code expression} for records of {@code resource}; a missing expression matches
   * everything.
   *
   * @throws ValidationException if the expression is malformed or names an unknown property
   */
  static SearchPredicate compile(
      @Nullable SearchExpressionJson expression, SearchableResource resource) {
    if (expression == null) {
      return new SearchPredicate(record -> true);
    }
    Compiler compiler = new Compiler(resource);
    return new SearchPredicate(compiler.expression(expression, 1));
  }

  /** Walks one request's expression; counts its Contains filters. Not thread-safe. */
  private static final class Compiler {
    private final SearchableResource resource;
    private int contains;

    Compiler(SearchableResource resource) {
      this.resource = resource;
    }

    Predicate<JsonNode> expression(SearchExpressionJson e, int depth) {
      if (depth > MAX_DEPTH) {
        throw invalid("SubExpressions nest more than " + MAX_DEPTH + " deep");
      }
      List<FilterJson> filters = orEmpty(e.filters());
      List<NestedFiltersJson> nested = orEmpty(e.nestedFilters());
      List<SearchExpressionJson> subs = orEmpty(e.subExpressions());
      int elements = filters.size() + nested.size() + subs.size();
      if (elements == 0) {
        throw invalid(
            "a SearchExpression needs at least one of Filters, NestedFilters and SubExpressions");
      }
      if (elements > MAX_ELEMENTS) {
        throw invalid(
            "a SearchExpression holds "
                + elements
                + " elements (expected: at most "
                + MAX_ELEMENTS
                + " Filters, NestedFilters and SubExpressions in all)");
      }
      List<Predicate<JsonNode>> parts = new ArrayList<>();
      for (FilterJson filter : filters) {
        parts.add(
            filter(FeatureGroupCodec.required(filter, "searchExpression.filters.member"), ""));
      }
      for (NestedFiltersJson n : nested) {
        parts.add(nested(FeatureGroupCodec.required(n, "searchExpression.nestedFilters.member")));
      }
      for (SearchExpressionJson sub : subs) {
        parts.add(
            expression(
                FeatureGroupCodec.required(sub, "searchExpression.subExpressions.member"),
                depth + 1));
      }
      String operator = e.operator() == null ? "And" : e.operator();
      return switch (operator) {
        case "And" -> record -> parts.stream().allMatch(p -> p.test(record));
        case "Or" -> record -> parts.stream().anyMatch(p -> p.test(record));
        default -> throw invalid("Operator '" + operator + "' (expected: And or Or)");
      };
    }

    private Predicate<JsonNode> nested(NestedFiltersJson n) {
      String list =
          FeatureGroupCodec.required(
              n.nestedPropertyName(), "searchExpression.nestedFilters.member.nestedPropertyName");
      if (!resource.nests(list)) {
        throw invalid(
            "NestedPropertyName '"
                + list
                + "' is not a list property of "
                + resource.wireName()
                + (resource == SearchableResource.FEATURE_GROUP
                    ? " (expected: FeatureDefinitions)"
                    : " (it has none)"));
      }
      List<FilterJson> filters =
          FeatureGroupCodec.required(n.filters(), "searchExpression.nestedFilters.member.filters");
      if (filters.isEmpty() || filters.size() > MAX_ELEMENTS) {
        throw invalid("a nested filter holds 1 to " + MAX_ELEMENTS + " filters");
      }
      List<Predicate<JsonNode>> parts = new ArrayList<>();
      for (FilterJson filter : filters) {
        FeatureGroupCodec.required(filter, "searchExpression.nestedFilters.member.filters.member");
        if (filter.name() == null || !filter.name().startsWith(list + ".")) {
          throw invalid(
              "filter '"
                  + filter.name()
                  + "' of the nested filter on "
                  + list
                  + " must name a property of its elements, "
                  + list
                  + ".<member>");
        }
        parts.add(filter(filter, list + "."));
      }
      return record -> {
        for (JsonNode element : record.path(list)) {
          if (parts.stream().allMatch(p -> p.test(element))) {
            return true;
          }
        }
        return false;
      };
    }

    /** A filter; {@code within} is the prefix naming the element a nested filter looks at. */
    private Predicate<JsonNode> filter(FilterJson f, String within) {
      String name = FeatureGroupCodec.required(f.name(), "searchExpression.filters.member.name");
      PropertyKind kind = resource.kindOf(name);
      if (kind == null) {
        throw invalid(
            "'"
                + name
                + "' is not a property of "
                + resource.wireName()
                + " (expected one of "
                + resource.describeProperties()
                + ")");
      }
      String operator = f.operator() == null ? "Equals" : f.operator();
      String relative = name.substring(within.length());
      if (operator.equals("Exists") || operator.equals("NotExists")) {
        boolean exists = operator.equals("Exists");
        return record -> !values(record, relative).isEmpty() == exists;
      }
      String value = f.value();
      if (value == null) {
        throw invalid("filter on " + name + " with operator " + operator + " needs a Value");
      }
      Predicate<JsonNode> one = comparison(name, kind, operator, value);
      if (operator.equals("NotEquals")) {
        return record -> values(record, relative).stream().noneMatch(one::test);
      }
      return record -> values(record, relative).stream().anyMatch(one::test);
    }

    private Predicate<JsonNode> comparison(
        String name, PropertyKind kind, String operator, String value) {
      if (ORDERINGS.contains(operator)) {
        if (kind == PropertyKind.TEXT || kind == PropertyKind.BOOLEAN) {
          throw invalid(
              "operator "
                  + operator
                  + " is not supported for "
                  + kind.name().toLowerCase(Locale.ROOT)
                  + " property "
                  + name
                  + " (expected: Equals, NotEquals, Exists, NotExists"
                  + (kind == PropertyKind.TEXT ? ", Contains or In)" : ")"));
        }
        BigDecimal bound = number(name, kind, value);
        return node -> {
          int c = number(node, kind).compareTo(bound);
          return switch (operator) {
            case "GreaterThan" -> c > 0;
            case "GreaterThanOrEqualTo" -> c >= 0;
            case "LessThan" -> c < 0;
            default -> c <= 0;
          };
        };
      }
      switch (operator) {
        case "Equals", "NotEquals" -> {
          return switch (kind) {
            case TEXT -> node -> node.asText().equals(value);
            case BOOLEAN -> {
              boolean wanted = bool(name, value);
              yield node -> node.asBoolean() == wanted;
            }
            case NUMBER, TIME -> {
              BigDecimal wanted = number(name, kind, value);
              yield node -> number(node, kind).compareTo(wanted) == 0;
            }
          };
        }
        case "Contains", "In" -> {
          if (kind != PropertyKind.TEXT) {
            throw invalid(
                "operator " + operator + " is supported for text properties only, not " + name);
          }
          if (operator.equals("Contains")) {
            if (++contains > 1) {
              throw invalid("a SearchExpression can only contain one Contains operator");
            }
            String needle = value.toLowerCase(Locale.ROOT);
            return node -> node.asText().toLowerCase(Locale.ROOT).contains(needle);
          }
          Set<String> allowed =
              Arrays.stream(value.split(",")).map(String::strip).collect(Collectors.toSet());
          return node -> allowed.contains(node.asText());
        }
        default ->
            throw invalid(
                "Operator '"
                    + operator
                    + "' (expected: Equals, NotEquals, GreaterThan, GreaterThanOrEqualTo, LessThan,"
                    + " LessThanOrEqualTo, Contains, Exists, NotExists or In)");
      }
    }

    /** The values of property {@code path} in {@code record}: lists are looked into. */
    private List<JsonNode> values(JsonNode record, String path) {
      List<JsonNode> found = new ArrayList<>();
      String list = resource.keyValueList();
      if (path.startsWith(list + ".")) {
        String key = path.substring(list.length() + 1);
        for (JsonNode entry : record.path(list)) {
          if (entry.path("Key").asText().equals(key) && entry.has("Value")) {
            found.add(entry.get("Value"));
          }
        }
        return found;
      }
      collect(record, path.split("\\."), 0, found);
      return found;
    }

    private static void collect(JsonNode node, String[] path, int at, List<JsonNode> found) {
      if (node == null || node.isNull() || node.isMissingNode()) {
        return;
      }
      if (node.isArray()) {
        for (JsonNode element : node) {
          collect(element, path, at, found);
        }
        return;
      }
      if (at == path.length) {
        found.add(node);
        return;
      }
      collect(node.get(path[at]), path, at + 1, found);
    }

    private static BigDecimal number(JsonNode node, PropertyKind kind) {
      return node.isNumber() ? node.decimalValue() : number("", kind, node.asText());
    }

    private static BigDecimal number(String name, PropertyKind kind, String value) {
      try {
        return new BigDecimal(value.strip());
      } catch (NumberFormatException e) {
        if (kind == PropertyKind.TIME) {
          return epochSeconds(name, value);
        }
        throw invalid("Value '" + value + "' of " + name + " is not a number");
      }
    }

    private static BigDecimal epochSeconds(String name, String value) {
      try {
        Instant instant =
            value.length() == 10
                ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                : java.time.OffsetDateTime.parse(value).toInstant();
        return BigDecimal.valueOf(instant.getEpochSecond())
            .add(BigDecimal.valueOf(instant.getNano(), 9));
      } catch (DateTimeParseException e) {
        throw invalid(
            "Value '"
                + value
                + "' of "
                + name
                + " is not a time (expected: ISO-8601 such as 2024-05-01T00:00:00Z, a date such as"
                + " 2024-05-01, or seconds since the epoch)");
      }
    }

    private static boolean bool(String name, String value) {
      if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(value);
      }
      throw invalid(
          "Value '" + value + "' of " + name + " is not a boolean (expected: true or false)");
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
      return list == null ? List.of() : list;
    }

    private static ValidationException invalid(String problem) {
      return new ValidationException("Cannot search: " + problem);
    }
  }
}
