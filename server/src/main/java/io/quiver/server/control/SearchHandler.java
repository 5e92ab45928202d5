package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.server.control.ControlJson.SearchRecordJson;
import io.quiver.server.control.ControlJson.SearchRequest;
import io.quiver.server.control.ControlJson.SearchResponse;
import io.quiver.server.control.ControlJson.TotalHitsJson;
import io.quiver.server.control.SearchableResource.PropertyKind;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Search over FeatureGroup and FeatureMetadata resources: the records the expression matches
 * ({@link SearchPredicate}), sorted by {@code SortBy} (default LastModifiedTime, Descending;
 * records without the property last, ties by name), in pages of {@code MaxResults} (1-100, default
 * {@value #MAX_RESULTS_DEFAULT}; {@link PageToken}), with {@code TotalHits} counted exactly. The
 * catalog is in memory, so a search is a scan of it. Stateless.
 */
final class SearchHandler implements ControlHandler<SearchRequest> {
  static final int MAX_RESULTS_DEFAULT = 10;
  private static final int MAX_RESULTS_LIMIT = 100;
  private static final String SORT_BY_DEFAULT = "LastModifiedTime";

  private final QuiverStore store;
  private final ObjectMapper json;

  SearchHandler(QuiverStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  @Override
  public Class<SearchRequest> requestType() {
    return SearchRequest.class;
  }

  @Override
  public SearchResponse handle(SearchRequest r) {
    SearchableResource resource =
        SearchableResource.of(FeatureGroupCodec.required(r.resource(), "resource"));
    int maxResults = r.maxResults() == null ? MAX_RESULTS_DEFAULT : r.maxResults();
    if (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
      throw new ValidationException(
          "Cannot search: MaxResults " + maxResults + " is out of range (expected: 1 to 100)");
    }
    SearchPredicate predicate = SearchPredicate.compile(r.searchExpression(), resource);
    Comparator<SearchRecordJson> order = order(resource, r.sortBy(), r.sortOrder());
    int offset = PageToken.decode(r.nextToken(), "Search");
    List<SearchRecordJson> matches = new ArrayList<>();
    for (SearchRecordJson record : resource.records(store, json)) {
      if (predicate.test(body(record))) {
        matches.add(record);
      }
    }
    matches.sort(order);
    int end = Math.min(matches.size(), offset + maxResults);
    List<SearchRecordJson> page =
        List.copyOf(matches.subList(Math.min(offset, matches.size()), end));
    return new SearchResponse(
        page,
        end < matches.size() ? PageToken.encode(end) : null,
        new TotalHitsJson(matches.size(), "EqualTo"));
  }

  private static JsonNode body(SearchRecordJson record) {
    return record.featureGroup() != null ? record.featureGroup() : record.featureMetadata();
  }

  private static Comparator<SearchRecordJson> order(
      SearchableResource resource, @Nullable String sortBy, @Nullable String sortOrder) {
    String property = sortBy == null ? SORT_BY_DEFAULT : sortBy;
    PropertyKind kind = resource.kindOf(property);
    if (kind == null || property.contains(".") && !property.startsWith(resource.keyValueList())) {
      throw new ValidationException(
          "Cannot search: SortBy '"
              + property
              + "' is not a property of "
              + resource.wireName()
              + " to sort by (expected a top-level property or "
              + resource.keyValueList()
              + ".<key>)");
    }
    boolean descending =
        switch (sortOrder == null ? "Descending" : sortOrder) {
          case "Ascending" -> false;
          case "Descending" -> true;
          default ->
              throw new ValidationException(
                  "Cannot search: SortOrder '"
                      + sortOrder
                      + "' (expected: Ascending or Descending)");
        };
    Comparator<JsonNode> byValue =
        kind == PropertyKind.TEXT
            ? Comparator.comparing(JsonNode::asText)
            : Comparator.comparing(JsonNode::decimalValue);
    if (descending) {
      byValue = byValue.reversed();
    }
    Comparator<JsonNode> present = byValue;
    Comparator<SearchRecordJson> bySort =
        Comparator.comparing(
            record -> sortValue(resource, body(record), property), Comparator.nullsLast(present));
    return bySort
        .thenComparing(record -> body(record).path("FeatureGroupName").asText())
        .thenComparing(record -> body(record).path("FeatureName").asText());
  }

  private static @Nullable JsonNode sortValue(
      SearchableResource resource, JsonNode record, String property) {
    String list = resource.keyValueList();
    if (property.startsWith(list + ".")) {
      String key = property.substring(list.length() + 1);
      for (JsonNode entry : record.path(list)) {
        if (entry.path("Key").asText().equals(key)) {
          return entry.get("Value");
        }
      }
      return null;
    }
    JsonNode value = record.get(property);
    return value == null || value.isNull() ? null : value;
  }
}
