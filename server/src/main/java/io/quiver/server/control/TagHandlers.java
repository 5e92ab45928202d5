package io.quiver.server.control;

import io.quiver.server.control.ControlJson.AddTagsRequest;
import io.quiver.server.control.ControlJson.DeleteTagsRequest;
import io.quiver.server.control.ControlJson.ListTagsRequest;
import io.quiver.server.control.ControlJson.TagJson;
import io.quiver.server.control.ControlJson.TagsResponse;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AddTags, ListTags and DeleteTags on feature groups, addressed by ARN; the tags live in the
 * catalog with the group ({@link QuiverStore#updateTags}). Stateless.
 */
final class TagHandlers {
  private static final Pattern FEATURE_GROUP_ARN =
      Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:feature-group/.+");
  private static final int MAX_TAGS_PER_CALL = 50;
  private static final int LIST_MIN = 50;
  private static final int LIST_MAX = 100;

  private TagHandlers() {}

  /** The feature group {@code arn} names. */
  private static FeatureGroup group(QuiverStore store, @Nullable String arn) {
    String resource = FeatureGroupCodec.required(arn, "resourceArn");
    if (!FEATURE_GROUP_ARN.matcher(resource).matches()) {
      throw new ValidationException(
          "Cannot tag "
              + resource
              + ": Quiver tags feature groups only (expected:"
              + " arn:aws:sagemaker:<region>:<account>:feature-group/<name>)");
    }
    return store.describeFeatureGroup(resource);
  }

  private static List<TagJson> json(List<Tag> tags) {
    List<TagJson> result = new ArrayList<>(tags.size());
    tags.forEach(t -> result.add(new TagJson(t.key(), t.value())));
    return result;
  }

  /** AddTags: adds tags, replacing the values of keys the group has; answers the tags given. */
  static final class Add implements ControlHandler<AddTagsRequest> {
    private final QuiverStore store;

    Add(QuiverStore store) {
      this.store = store;
    }

    @Override
    public Class<AddTagsRequest> requestType() {
      return AddTagsRequest.class;
    }

    @Override
    public TagsResponse handle(AddTagsRequest r) {
      List<TagJson> given = FeatureGroupCodec.required(r.tags(), "tags");
      if (given.size() > MAX_TAGS_PER_CALL) {
        throw new ValidationException(
            "Cannot tag: Tags has " + given.size() + " tags (expected: at most 50)");
      }
      List<Tag> tags = new ArrayList<>();
      for (TagJson tag : given) {
        FeatureGroupCodec.required(tag, "tags.member");
        tags.add(
            new Tag(
                FeatureGroupCodec.required(tag.key(), "tags.member.key"),
                FeatureGroupCodec.required(tag.value(), "tags.member.value")));
      }
      store.updateTags(group(store, r.resourceArn()).arn(), tags, List.of());
      return new TagsResponse(json(tags), null);
    }
  }

  /** ListTags: the group's tags, in the order they were first added. */
  static final class ListAll implements ControlHandler<ListTagsRequest> {
    private final QuiverStore store;

    ListAll(QuiverStore store) {
      this.store = store;
    }

    @Override
    public Class<ListTagsRequest> requestType() {
      return ListTagsRequest.class;
    }

    @Override
    public TagsResponse handle(ListTagsRequest r) {
      int max = r.maxResults() == null ? LIST_MIN : r.maxResults();
      if (max < LIST_MIN || max > LIST_MAX) {
        throw new ValidationException(
            "Cannot list tags: MaxResults " + max + " is out of range (expected: 50 to 100)");
      }
      List<Tag> tags = group(store, r.resourceArn()).spec().tags();
      int offset = PageToken.decode(r.nextToken(), "ListTags");
      int end = Math.min(tags.size(), offset + max);
      return new TagsResponse(
          json(tags.subList(Math.min(offset, tags.size()), end)),
          end < tags.size() ? PageToken.encode(end) : null);
    }
  }

  /** DeleteTags: removes the tags with those keys; keys the group does not have are ignored. */
  static final class Delete implements ControlHandler<DeleteTagsRequest> {
    private final QuiverStore store;

    Delete(QuiverStore store) {
      this.store = store;
    }

    @Override
    public Class<DeleteTagsRequest> requestType() {
      return DeleteTagsRequest.class;
    }

    @Override
    public @Nullable Object handle(DeleteTagsRequest r) {
      List<String> keys = FeatureGroupCodec.required(r.tagKeys(), "tagKeys");
      if (keys.isEmpty() || keys.size() > MAX_TAGS_PER_CALL) {
        throw new ValidationException(
            "Cannot delete tags: TagKeys has " + keys.size() + " keys (expected: 1 to 50)");
      }
      store.updateTags(group(store, r.resourceArn()).arn(), List.of(), keys);
      return null;
    }
  }
}
