package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.registry.ModelRegistry;
import io.quiver.server.Operation;
import io.quiver.storage.error.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The model registry calls pipelines need (CreateModel, model package groups, model packages and
 * their approval) over a {@link ModelRegistry}. Requests and responses keep SageMaker's shapes as
 * JSON trees, since the registry stores the describe-responses themselves. Stateless.
 */
final class ModelRegistryOperations {
  private static final List<String> TIME_MEMBERS = List.of("CreationTime", "LastModifiedTime");

  private ModelRegistryOperations() {}

  /** Adds the registry operations on {@code registry} to {@code handlers}. */
  static void register(Map<Operation, ControlHandler<?>> handlers, ModelRegistry registry) {
    put(handlers, Operation.CreateModel, r -> arn("ModelArn", registry.createModel(r)));
    put(handlers, Operation.DescribeModel, r -> wire(registry.describeModel(text(r, "ModelName"))));
    put(
        handlers,
        Operation.DeleteModel,
        r -> deleted(() -> registry.deleteModel(text(r, "ModelName"))));
    put(
        handlers,
        Operation.ListModels,
        r ->
            list(
                r,
                registry.listModels(),
                "ModelName",
                "Models",
                List.of("ModelName", "ModelArn", "CreationTime")));
    put(
        handlers,
        Operation.CreateModelPackageGroup,
        r ->
            arn(
                "ModelPackageGroupArn",
                registry.createModelPackageGroup(
                    text(r, "ModelPackageGroupName"),
                    r.hasNonNull("ModelPackageGroupDescription")
                        ? r.get("ModelPackageGroupDescription").asText()
                        : null,
                    r.path("Tags"))));
    put(
        handlers,
        Operation.DescribeModelPackageGroup,
        r -> wire(registry.describeModelPackageGroup(text(r, "ModelPackageGroupName"))));
    put(
        handlers,
        Operation.DeleteModelPackageGroup,
        r -> deleted(() -> registry.deleteModelPackageGroup(text(r, "ModelPackageGroupName"))));
    put(
        handlers,
        Operation.ListModelPackageGroups,
        r ->
            list(
                r,
                registry.listModelPackageGroups(),
                "ModelPackageGroupName",
                "ModelPackageGroupSummaryList",
                List.of(
                    "ModelPackageGroupName",
                    "ModelPackageGroupArn",
                    "ModelPackageGroupDescription",
                    "CreationTime",
                    "ModelPackageGroupStatus")));
    put(
        handlers,
        Operation.CreateModelPackage,
        r -> arn("ModelPackageArn", registry.createModelPackage(r)));
    put(
        handlers,
        Operation.DescribeModelPackage,
        r -> wire(registry.describeModelPackage(text(r, "ModelPackageName"))));
    put(
        handlers,
        Operation.UpdateModelPackage,
        r -> arn("ModelPackageArn", registry.updateModelPackage(r)));
    put(
        handlers,
        Operation.DeleteModelPackage,
        r -> deleted(() -> registry.deleteModelPackage(text(r, "ModelPackageName"))));
    put(handlers, Operation.ListModelPackages, r -> listPackages(r, registry));
  }

  private static void put(
      Map<Operation, ControlHandler<?>> handlers,
      Operation op,
      java.util.function.Function<ObjectNode, Object> fn) {
    handlers.put(op, new FunctionHandler<>(ObjectNode.class, fn::apply));
  }

  private static String text(JsonNode request, String member) {
    JsonNode value = request.get(member);
    return PipelineOperations.required(
        value == null || value.isNull() ? null : value.asText(), member);
  }

  private static ObjectNode arn(String member, ObjectNode created) {
    return JsonNodeFactory.instance.objectNode().put(member, created.get(member).asText());
  }

  private static Object deleted(Runnable delete) {
    delete.run();
    return null;
  }

  /** {@code doc} with its ISO times as epoch seconds, as the JSON 1.1 protocol sends them. */
  private static ObjectNode wire(ObjectNode doc) {
    ObjectNode out = doc.deepCopy();
    for (String member : TIME_MEMBERS) {
      JsonNode t = out.get(member);
      if (t != null && t.isTextual()) {
        out.put(member, PipelineOperations.seconds(Instant.parse(t.asText())));
      }
    }
    return out;
  }

  private static ObjectNode list(
      ObjectNode r,
      List<ObjectNode> all,
      String nameMember,
      String listMember,
      List<String> members) {
    List<ObjectNode> filtered = new ArrayList<>();
    String contains = r.path("NameContains").asText(null);
    for (ObjectNode doc : all) {
      if (contains == null || doc.path(nameMember).asText().contains(contains)) {
        filtered.add(doc);
      }
    }
    Comparator<ObjectNode> order =
        "Name".equals(r.path("SortBy").asText())
            ? Comparator.comparing(d -> d.path(nameMember).asText())
            : Comparator.comparing(d -> d.path("CreationTime").asText());
    filtered.sort("Ascending".equals(r.path("SortOrder").asText()) ? order : order.reversed());
    return page(r, filtered, listMember, members);
  }

  private static ObjectNode page(
      ObjectNode r, List<ObjectNode> all, String listMember, List<String> members) {
    OffsetPage<ObjectNode> page =
        OffsetPage.of(
            all,
            r.hasNonNull("MaxResults") ? r.get("MaxResults").asInt() : null,
            r.path("NextToken").asText(null),
            10,
            listMember);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray(listMember);
    for (ObjectNode doc : page.items()) {
      ObjectNode summary = list.addObject();
      ObjectNode wired = wire(doc);
      for (String m : members) {
        if (wired.has(m)) {
          summary.set(m, wired.get(m));
        }
      }
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private static ObjectNode listPackages(ObjectNode r, ModelRegistry registry) {
    String group = r.path("ModelPackageGroupName").asText(null);
    List<ObjectNode> all =
        group == null ? registry.listAllModelPackages() : registry.listModelPackages(group);
    if (group != null && !registry.hasModelPackageGroup(group)) {
      throw new ValidationException(
          "Cannot list model packages: group " + group + " does not exist");
    }
    String status = r.path("ModelApprovalStatus").asText(null);
    List<ObjectNode> filtered = new ArrayList<>();
    for (ObjectNode p : all) {
      if (status == null || status.equals(p.path("ModelApprovalStatus").asText())) {
        filtered.add(p);
      }
    }
    filtered.sort(
        Comparator.comparing((ObjectNode d) -> d.path("CreationTime").asText())
            .thenComparingInt(d -> d.path("ModelPackageVersion").asInt()));
    if (!"Ascending".equals(r.path("SortOrder").asText())) {
      java.util.Collections.reverse(filtered);
    }
    return page(
        r,
        filtered,
        "ModelPackageSummaryList",
        List.of(
            "ModelPackageName",
            "ModelPackageGroupName",
            "ModelPackageVersion",
            "ModelPackageArn",
            "ModelPackageDescription",
            "CreationTime",
            "ModelPackageStatus",
            "ModelApprovalStatus"));
  }
}
