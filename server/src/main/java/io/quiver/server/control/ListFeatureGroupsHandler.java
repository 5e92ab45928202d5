package io.quiver.server.control;

import io.quiver.server.control.ControlJson.FeatureGroupSummaryJson;
import io.quiver.server.control.ControlJson.ListFeatureGroupsRequest;
import io.quiver.server.control.ControlJson.ListFeatureGroupsResponse;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * ListFeatureGroups: filters, sorts (default CreationTime, Descending) and pages ({@code
 * MaxResults} 1-100, default {@value #MAX_RESULTS_DEFAULT}; {@link PageToken}). Stateless.
 */
final class ListFeatureGroupsHandler implements ControlHandler<ListFeatureGroupsRequest> {
  static final int MAX_RESULTS_DEFAULT = 10;
  private static final int MAX_RESULTS_LIMIT = 100;
  private static final Set<String> GROUP_STATUSES =
      Set.of("Creating", "Created", "CreateFailed", "Deleting", "DeleteFailed");
  private static final Set<String> OFFLINE_STATUSES = Set.of("Active", "Blocked", "Disabled");

  private final QuiverStore store;

  ListFeatureGroupsHandler(QuiverStore store) {
    this.store = store;
  }

  @Override
  public Class<ListFeatureGroupsRequest> requestType() {
    return ListFeatureGroupsRequest.class;
  }

  @Override
  public ListFeatureGroupsResponse handle(ListFeatureGroupsRequest r) {
    int maxResults = r.maxResults() == null ? MAX_RESULTS_DEFAULT : r.maxResults();
    if (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
      throw new ValidationException(
          "Cannot list feature groups: MaxResults "
              + maxResults
              + " is out of range (expected: 1 to 100)");
    }
    List<FeatureGroup> groups = new ArrayList<>(store.listFeatureGroups());
    groups.removeIf(filter(r).negate());
    groups.sort(order(r.sortBy(), r.sortOrder()));
    int offset = PageToken.decode(r.nextToken(), "ListFeatureGroups");
    int end = Math.min(groups.size(), offset + maxResults);
    List<FeatureGroupSummaryJson> page = new ArrayList<>();
    for (FeatureGroup group : groups.subList(Math.min(offset, groups.size()), end)) {
      page.add(
          new FeatureGroupSummaryJson(
              group.name(),
              group.arn(),
              FeatureGroupCodec.epochSeconds(group.creationTime()),
              FeatureGroupCodec.STATUS_CREATED,
              FeatureGroupCodec.offlineStoreStatus(group)));
    }
    return new ListFeatureGroupsResponse(page, end < groups.size() ? PageToken.encode(end) : null);
  }

  private static Predicate<FeatureGroup> filter(ListFeatureGroupsRequest r) {
    Predicate<FeatureGroup> p = g -> true;
    if (r.nameContains() != null) {
      String needle = r.nameContains();
      p = p.and(g -> g.name().contains(needle));
    }
    if (r.featureGroupStatusEquals() != null) {
      String status =
          checked(r.featureGroupStatusEquals(), GROUP_STATUSES, "FeatureGroupStatusEquals");
      p = p.and(g -> status.equals(FeatureGroupCodec.STATUS_CREATED));
    }
    if (r.offlineStoreStatusEquals() != null) {
      String status =
          checked(r.offlineStoreStatusEquals(), OFFLINE_STATUSES, "OfflineStoreStatusEquals");
      p = p.and(g -> FeatureGroupCodec.offlineStoreStatus(g).status().equals(status));
    }
    if (r.creationTimeAfter() != null) {
      Instant after = FeatureGroupCodec.instant(r.creationTimeAfter());
      p = p.and(g -> g.creationTime().isAfter(after));
    }
    if (r.creationTimeBefore() != null) {
      Instant before = FeatureGroupCodec.instant(r.creationTimeBefore());
      p = p.and(g -> g.creationTime().isBefore(before));
    }
    return p;
  }

  private static String checked(String value, Set<String> allowed, String member) {
    if (!allowed.contains(value)) {
      throw new ValidationException(
          "Cannot accept "
              + member
              + " '"
              + value
              + "': allowed values are "
              + String.join(", ", new java.util.TreeSet<>(allowed)));
    }
    return value;
  }

  private static Comparator<FeatureGroup> order(
      @Nullable String sortBy, @Nullable String sortOrder) {
    Comparator<FeatureGroup> byName = Comparator.comparing(FeatureGroup::name);
    Comparator<FeatureGroup> c =
        switch (sortBy == null ? "CreationTime" : sortBy) {
          case "Name" -> byName;
          case "CreationTime" ->
              Comparator.comparing(FeatureGroup::creationTime).thenComparing(byName);
          case "FeatureGroupStatus" -> byName;
          case "OfflineStoreStatus" ->
              Comparator.comparing(
                      (FeatureGroup g) -> FeatureGroupCodec.offlineStoreStatus(g).status())
                  .thenComparing(byName);
          default ->
              throw new ValidationException(
                  "Cannot accept SortBy '"
                      + sortBy
                      + "': allowed values are Name, FeatureGroupStatus, OfflineStoreStatus, CreationTime");
        };
    String order = sortOrder == null ? "Descending" : sortOrder;
    return switch (order) {
      case "Ascending" -> c;
      case "Descending" -> c.reversed();
      default ->
          throw new ValidationException(
              "Cannot accept SortOrder '"
                  + sortOrder
                  + "': allowed values are Ascending, Descending");
    };
  }
}
