package io.quiver.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.BooleanOperator;
import software.amazon.awssdk.services.sagemaker.model.FeatureParameter;
import software.amazon.awssdk.services.sagemaker.model.FeatureType;
import software.amazon.awssdk.services.sagemaker.model.Filter;
import software.amazon.awssdk.services.sagemaker.model.NestedFilters;
import software.amazon.awssdk.services.sagemaker.model.Operator;
import software.amazon.awssdk.services.sagemaker.model.ResourceType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SearchExpression;
import software.amazon.awssdk.services.sagemaker.model.SearchRecord;
import software.amazon.awssdk.services.sagemaker.model.SearchRequest;
import software.amazon.awssdk.services.sagemaker.model.SearchResponse;
import software.amazon.awssdk.services.sagemaker.model.SearchSortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Issue 15: Search and tags answered UnknownOperationException, so feature discovery through the
 * SDKs failed. Search over FeatureGroup and FeatureMetadata and AddTags, ListTags and DeleteTags,
 * through the real AWS SDK for Java v2 against a running server.
 */
class SearchAndTagsSdkTest {
  @TempDir static Path dataDir;
  static ServerFixture fixture;
  static SageMakerClient sm;
  static String driversArn;

  @BeforeAll
  static void start() {
    fixture = ServerFixture.start(dataDir);
    sm = fixture.control();
    driversArn =
        sm.createFeatureGroup(
                FeatureGroups.simple("drivers")
                    .description("driver statistics")
                    .tags(tag("team", "mobility"), tag("env", "prod"))
                    .build())
            .featureGroupArn();
    sm.createFeatureGroup(
        FeatureGroups.simple("riders")
            .featureDefinitions(
                FeatureGroups.feature("id", FeatureType.STRING),
                FeatureGroups.feature("ts", FeatureType.FRACTIONAL),
                FeatureGroups.feature("trips", FeatureType.INTEGRAL),
                FeatureGroups.feature("rating", FeatureType.FRACTIONAL))
            .tags(tag("team", "growth"))
            .build());
    sm.createFeatureGroup(FeatureGroups.simple("Orders-2024").build());
    sm.updateFeatureMetadata(
        b ->
            b.featureGroupName("riders")
                .featureName("rating")
                .description("average rating, 1 to 5")
                .parameterAdditions(FeatureParameter.builder().key("unit").value("stars").build()));
  }

  @AfterAll
  static void stop() {
    sm.close();
    fixture.close();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static List<String> groupNames(SearchResponse response) {
    return response.results().stream().map(r -> r.featureGroup().featureGroupName()).toList();
  }

  private static SearchResponse searchGroups(Consumer<SearchExpression.Builder> expression) {
    return sm.search(
        b ->
            b.resource(ResourceType.FEATURE_GROUP)
                .searchExpression(e -> expression.accept(e))
                .sortBy("FeatureGroupName")
                .sortOrder(SearchSortOrder.ASCENDING));
  }

  private static Filter filter(String name, Operator operator, String value) {
    return Filter.builder().name(name).operator(operator).value(value).build();
  }

  @Test
  void searchReturnsFeatureGroupRecordsWithTheirTags() {
    SearchResponse response =
        searchGroups(e -> e.filters(filter("FeatureGroupName", Operator.EQUALS, "drivers")));

    assertThat(response.totalHits().value()).isEqualTo(1);
    SearchRecord record = response.results().get(0);
    assertThat(record.featureGroup().featureGroupArn()).isEqualTo(driversArn);
    assertThat(record.featureGroup().description()).isEqualTo("driver statistics");
    assertThat(record.featureGroup().featureDefinitions()).hasSize(4);
    assertThat(record.featureGroup().creationTime()).isNotNull();
    assertThat(record.featureGroup().tags()).contains(tag("team", "mobility"), tag("env", "prod"));
    assertThat(response.nextToken()).isNull();
  }

  @Test
  void filtersOnTagsContainsInAndExistence() {
    assertThat(
            groupNames(
                searchGroups(e -> e.filters(filter("Tags.team", Operator.EQUALS, "growth")))))
        .containsExactly("riders");
    assertThat(
            groupNames(
                searchGroups(
                    e -> e.filters(filter("FeatureGroupName", Operator.CONTAINS, "ORDERS")))))
        .containsExactly("Orders-2024");
    assertThat(
            groupNames(
                searchGroups(
                    e -> e.filters(filter("FeatureGroupName", Operator.IN, "riders, drivers")))))
        .containsExactly("drivers", "riders");
    assertThat(
            groupNames(
                searchGroups(
                    e ->
                        e.filters(
                            Filter.builder()
                                .name("Tags.env")
                                .operator(Operator.NOT_EXISTS)
                                .build()))))
        .containsExactly("Orders-2024", "riders");
    assertThat(
            groupNames(
                searchGroups(e -> e.filters(filter("Tags.team", Operator.NOT_EQUALS, "growth")))))
        .containsExactly("Orders-2024", "drivers");
  }

  @Test
  void nestedFiltersNeedOneFeatureToSatisfyEveryFilter() {
    // riders has a Fractional feature named rating; drivers has "n", but it is Integral.
    SearchResponse rating =
        searchGroups(
            e ->
                e.nestedFilters(
                    NestedFilters.builder()
                        .nestedPropertyName("FeatureDefinitions")
                        .filters(
                            filter("FeatureDefinitions.FeatureName", Operator.EQUALS, "rating"),
                            filter("FeatureDefinitions.FeatureType", Operator.EQUALS, "Fractional"))
                        .build()));
    SearchResponse fractionalN =
        searchGroups(
            e ->
                e.nestedFilters(
                    NestedFilters.builder()
                        .nestedPropertyName("FeatureDefinitions")
                        .filters(
                            filter("FeatureDefinitions.FeatureName", Operator.EQUALS, "n"),
                            filter("FeatureDefinitions.FeatureType", Operator.EQUALS, "Fractional"))
                        .build()));

    assertThat(groupNames(rating)).containsExactly("riders");
    assertThat(groupNames(fractionalN)).isEmpty();
  }

  @Test
  void subExpressionsCombineWithOrAndAnd() {
    SearchResponse response =
        searchGroups(
            e ->
                e.operator(BooleanOperator.AND)
                    .filters(filter("OnlineStoreConfig.EnableOnlineStore", Operator.EQUALS, "true"))
                    .subExpressions(
                        SearchExpression.builder()
                            .operator(BooleanOperator.OR)
                            .filters(
                                filter("Tags.team", Operator.EQUALS, "growth"),
                                filter("Description", Operator.EQUALS, "driver statistics"))
                            .build()));

    assertThat(groupNames(response)).containsExactly("drivers", "riders");
  }

  @Test
  void timesCompareAsInstants() {
    assertThat(
            groupNames(
                searchGroups(
                    e ->
                        e.filters(
                            filter(
                                "CreationTime", Operator.GREATER_THAN, "2000-01-01T00:00:00Z")))))
        .containsExactly("Orders-2024", "drivers", "riders");
    assertThat(
            groupNames(
                searchGroups(
                    e -> e.filters(filter("CreationTime", Operator.LESS_THAN, "2000-01-01")))))
        .isEmpty();
  }

  @Test
  void featureMetadataIsSearchedFeatureByFeature() {
    SearchResponse response =
        sm.search(
            b ->
                b.resource(ResourceType.FEATURE_METADATA)
                    .searchExpression(
                        e ->
                            e.filters(
                                filter("FeatureGroupName", Operator.EQUALS, "riders"),
                                filter("FeatureType", Operator.EQUALS, "Fractional"))));

    assertThat(response.results())
        .extracting(r -> r.featureMetadata().featureName())
        .containsExactlyInAnyOrder("ts", "rating");
    SearchResponse described =
        sm.search(
            b ->
                b.resource(ResourceType.FEATURE_METADATA)
                    .searchExpression(
                        e -> e.filters(filter("Parameters.unit", Operator.EQUALS, "stars"))));
    assertThat(described.results()).hasSize(1);
    assertThat(described.results().get(0).featureMetadata().description())
        .isEqualTo("average rating, 1 to 5");
    assertThat(described.results().get(0).featureMetadata().parameters())
        .containsExactly(FeatureParameter.builder().key("unit").value("stars").build());
  }

  @Test
  void pagesFollowNextTokenAndTheSdkPaginatorSeesEveryRecordOnce() {
    SearchRequest request =
        SearchRequest.builder()
            .resource(ResourceType.FEATURE_METADATA)
            .sortBy("FeatureName")
            .sortOrder(SearchSortOrder.ASCENDING)
            .maxResults(5)
            .build();

    SearchResponse first = sm.search(request);
    List<String> all = new ArrayList<>();
    sm.searchPaginator(request)
        .results()
        .forEach(
            r ->
                all.add(
                    r.featureMetadata().featureGroupName()
                        + "."
                        + r.featureMetadata().featureName()));

    assertThat(first.results()).hasSize(5);
    assertThat(first.totalHits().value()).isEqualTo(12);
    assertThat(first.nextToken()).isNotEmpty();
    assertThat(all).hasSize(12).doesNotHaveDuplicates();
    assertThat(all.get(0)).endsWith(".id");
  }

  @Test
  void badExpressionsAreValidationErrorsThatSayWhatIsAllowed() {
    assertThatThrownBy(() -> searchGroups(e -> e.filters(filter("Colour", Operator.EQUALS, "x"))))
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith("Cannot search: 'Colour' is not a property of FeatureGroup");
            });
    assertThatThrownBy(
            () ->
                searchGroups(
                    e -> e.filters(filter("FeatureGroupName", Operator.GREATER_THAN, "a"))))
        .hasMessageContaining(
            "operator GreaterThan is not supported for text property FeatureGroupName");
    assertThatThrownBy(() -> sm.search(b -> b.resource(ResourceType.TRAINING_JOB)))
        .hasMessageContaining("Quiver searches FeatureGroup and FeatureMetadata resources");
  }

  @Test
  void tagsAreAddedListedAndDeletedDurably() {
    String arn = sm.createFeatureGroup(FeatureGroups.simple("tagged").build()).featureGroupArn();
    try {

      assertThat(sm.addTags(b -> b.resourceArn(arn).tags(tag("a", "1"), tag("b", "2"))).tags())
          .containsExactly(tag("a", "1"), tag("b", "2"));
      sm.addTags(b -> b.resourceArn(arn).tags(tag("a", "one")));
      sm.deleteTags(b -> b.resourceArn(arn).tagKeys("b", "absent"));

      assertThat(sm.listTags(b -> b.resourceArn(arn)).tags()).containsExactly(tag("a", "one"));
      assertThat(fixture.store().describeFeatureGroup("tagged").spec().tags())
          .containsExactly(new io.quiver.storage.catalog.Tag("a", "one"));
      assertThat(
              groupNames(
                  sm.search(
                      b ->
                          b.resource(ResourceType.FEATURE_GROUP)
                              .searchExpression(
                                  e -> e.filters(filter("Tags.a", Operator.EQUALS, "one"))))))
          .containsExactly("tagged");
    } finally {
      sm.deleteFeatureGroup(b -> b.featureGroupName("tagged"));
    }
  }

  @Test
  void tagsOfSomethingElseOrTooManyAreRefused() {
    assertThatThrownBy(
            () ->
                sm.addTags(
                    b ->
                        b.resourceArn("arn:aws:sagemaker:us-east-1:123456789012:training-job/x")
                            .tags(tag("a", "1"))))
        .hasMessageContaining("Quiver tags feature groups only");
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 49; i++) {
      many.add(tag("k" + i, "v"));
    }
    assertThatThrownBy(() -> sm.addTags(b -> b.resourceArn(driversArn).tags(many)))
        .hasMessageContaining("51 tags (expected: at most 50)");
    assertThat(sm.listTags(b -> b.resourceArn(driversArn)).tags()).hasSize(2);
  }
}
