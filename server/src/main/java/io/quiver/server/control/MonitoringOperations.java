package io.quiver.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.monitor.MonitorResults;
import io.quiver.clarify.monitor.MonitorType;
import io.quiver.clarify.monitor.WindowResult;
import io.quiver.clarify.monitor.schedule.MonitoringCatalog;
import io.quiver.clarify.monitor.schedule.MonitoringService;
import io.quiver.server.Operation;
import io.quiver.storage.error.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Model Monitor's schedule and job-definition calls over a {@link MonitoringService}: the catalog
 * keeps SageMaker's describe-responses, the results give the executions (one per evaluated window:
 * {@code ScheduledTime} is the window's end). Stateless.
 */
final class MonitoringOperations {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private MonitoringOperations() {}

  /** Adds the monitoring operations on {@code monitoring} to {@code handlers}. */
  static void register(Map<Operation, ControlHandler<?>> handlers, MonitoringService monitoring) {
    MonitoringCatalog catalog = monitoring.catalog();
    definitions(
        handlers,
        monitoring,
        MonitorType.DATA_QUALITY,
        Operation.CreateDataQualityJobDefinition,
        Operation.DescribeDataQualityJobDefinition,
        Operation.ListDataQualityJobDefinitions,
        Operation.DeleteDataQualityJobDefinition);
    definitions(
        handlers,
        monitoring,
        MonitorType.MODEL_BIAS,
        Operation.CreateModelBiasJobDefinition,
        Operation.DescribeModelBiasJobDefinition,
        Operation.ListModelBiasJobDefinitions,
        Operation.DeleteModelBiasJobDefinition);
    put(
        handlers,
        Operation.CreateMonitoringSchedule,
        r -> {
          ObjectNode doc = catalog.createSchedule(r);
          monitoring.schedulesChanged();
          return JSON.objectNode()
              .put("MonitoringScheduleArn", doc.get("MonitoringScheduleArn").asText());
        });
    put(
        handlers,
        Operation.DescribeMonitoringSchedule,
        r -> describe(monitoring, text(r, "MonitoringScheduleName")));
    put(handlers, Operation.ListMonitoringSchedules, r -> listSchedules(r, monitoring));
    put(handlers, Operation.ListMonitoringExecutions, r -> listExecutions(r, monitoring));
    put(
        handlers,
        Operation.StopMonitoringSchedule,
        r -> status(monitoring, text(r, "MonitoringScheduleName"), MonitoringCatalog.STOPPED));
    put(
        handlers,
        Operation.StartMonitoringSchedule,
        r -> status(monitoring, text(r, "MonitoringScheduleName"), MonitoringCatalog.SCHEDULED));
    put(
        handlers,
        Operation.DeleteMonitoringSchedule,
        r -> {
          catalog.deleteSchedule(text(r, "MonitoringScheduleName"));
          monitoring.schedulesChanged();
          return null;
        });
  }

  private static void definitions(
      Map<Operation, ControlHandler<?>> handlers,
      MonitoringService monitoring,
      MonitorType type,
      Operation create,
      Operation describe,
      Operation list,
      Operation delete) {
    MonitoringCatalog catalog = monitoring.catalog();
    put(
        handlers,
        create,
        r ->
            JSON.objectNode()
                .put(
                    "JobDefinitionArn",
                    catalog.createJobDefinition(type, r).get("JobDefinitionArn").asText()));
    put(handlers, describe, r -> catalog.describeJobDefinition(type, text(r, "JobDefinitionName")));
    put(
        handlers,
        delete,
        r -> {
          catalog.deleteJobDefinition(type, text(r, "JobDefinitionName"));
          return null;
        });
    put(
        handlers,
        list,
        r -> {
          List<ObjectNode> all = new ArrayList<>();
          String endpoint = r.path("EndpointName").asText(null);
          for (ObjectNode doc : catalog.listJobDefinitions(type)) {
            String name = doc.path("JobDefinitionName").asText();
            String docEndpoint = endpointOf(doc.path(type.sageMakerName() + "JobInput"));
            if (contains(r, name) && (endpoint == null || endpoint.equals(docEndpoint))) {
              ObjectNode summary =
                  JSON.objectNode()
                      .put("MonitoringJobDefinitionName", name)
                      .put("MonitoringJobDefinitionArn", doc.path("JobDefinitionArn").asText());
              summary.set("CreationTime", doc.get("CreationTime"));
              summary.put("EndpointName", docEndpoint);
              all.add(summary);
            }
          }
          sort(r, all, "MonitoringJobDefinitionName", "CreationTime");
          return page(r, all, "JobDefinitionSummaries");
        });
  }

  private static ObjectNode describe(MonitoringService monitoring, String name) {
    ObjectNode doc = monitoring.catalog().describeSchedule(name);
    monitoring
        .results()
        .latest(name)
        .ifPresent(e -> doc.set("LastMonitoringExecutionSummary", execution(doc, e)));
    return doc;
  }

  private static @Nullable Object status(MonitoringService monitoring, String name, String status) {
    monitoring.catalog().setStatus(name, status);
    monitoring.schedulesChanged();
    return null;
  }

  private static ObjectNode listSchedules(ObjectNode r, MonitoringService monitoring) {
    String status = r.path("StatusEquals").asText(null);
    String type = r.path("MonitoringTypeEquals").asText(null);
    String endpoint = r.path("EndpointName").asText(null);
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode doc : monitoring.catalog().listSchedules()) {
      String name = doc.path("MonitoringScheduleName").asText();
      String docEndpoint = endpointOf(monitoring, doc);
      if (!contains(r, name)
          || (status != null && !status.equals(doc.path("MonitoringScheduleStatus").asText()))
          || (type != null && !type.equals(doc.path("MonitoringType").asText()))
          || (endpoint != null && !endpoint.equals(docEndpoint))) {
        continue;
      }
      ObjectNode summary = JSON.objectNode();
      for (String m :
          List.of(
              "MonitoringScheduleName",
              "MonitoringScheduleArn",
              "CreationTime",
              "LastModifiedTime",
              "MonitoringScheduleStatus",
              "MonitoringType")) {
        summary.set(m, doc.get(m));
      }
      summary.put(
          "MonitoringJobDefinitionName",
          doc.path("MonitoringScheduleConfig").path("MonitoringJobDefinitionName").asText());
      if (docEndpoint != null) {
        summary.put("EndpointName", docEndpoint);
      }
      all.add(summary);
    }
    String sortBy = r.path("SortBy").asText("CreationTime");
    sort(
        r,
        all,
        "MonitoringScheduleName",
        sortBy.equals("Status")
            ? "MonitoringScheduleStatus"
            : sortBy.equals("Name") ? null : "CreationTime");
    return page(r, all, "MonitoringScheduleSummaries");
  }

  private static ObjectNode listExecutions(ObjectNode r, MonitoringService monitoring) {
    String only = r.path("MonitoringScheduleName").asText(null);
    String status = r.path("StatusEquals").asText(null);
    Instant after = time(r, "ScheduledTimeAfter");
    Instant before = time(r, "ScheduledTimeBefore");
    List<ObjectNode> all = new ArrayList<>();
    for (ObjectNode schedule : monitoring.catalog().listSchedules()) {
      String name = schedule.path("MonitoringScheduleName").asText();
      if (only != null && !only.equals(name)) {
        continue;
      }
      for (MonitorResults.Execution e : monitoring.results().list(name)) {
        Instant scheduled = e.result().window().end();
        if ((status != null && !status.equals(e.result().status()))
            || (after != null && scheduled.isBefore(after))
            || (before != null && scheduled.isAfter(before))) {
          continue;
        }
        all.add(execution(schedule, e));
      }
    }
    if (only != null && all.isEmpty()) {
      monitoring.catalog().describeSchedule(only);
    }
    String sortBy = r.path("SortBy").asText("ScheduledTime");
    sort(
        r,
        all,
        "ScheduledTime",
        sortBy.equals("Status")
            ? "MonitoringExecutionStatus"
            : sortBy.equals("CreationTime") ? "CreationTime" : "ScheduledTime");
    return page(r, all, "MonitoringExecutionSummaries");
  }

  private static ObjectNode execution(JsonNode schedule, MonitorResults.Execution e) {
    WindowResult result = e.result();
    ObjectNode summary =
        JSON.objectNode()
            .put("MonitoringScheduleName", e.monitor())
            .put("ScheduledTime", PipelineOperations.seconds(result.window().end()))
            .put("CreationTime", PipelineOperations.seconds(result.window().end()))
            .put("LastModifiedTime", PipelineOperations.seconds(result.evaluatedAt()))
            .put("MonitoringExecutionStatus", result.status())
            .put(
                "MonitoringJobDefinitionName",
                schedule
                    .path("MonitoringScheduleConfig")
                    .path("MonitoringJobDefinitionName")
                    .asText())
            .put("MonitoringType", e.type().sageMakerName());
    if (result.failureReason() != null) {
      summary.put("FailureReason", result.failureReason());
    }
    return summary;
  }

  private static @Nullable String endpointOf(MonitoringService monitoring, JsonNode schedule) {
    JsonNode config = schedule.path("MonitoringScheduleConfig");
    try {
      MonitorType type = MonitoringCatalog.type(config);
      ObjectNode definition =
          monitoring
              .catalog()
              .describeJobDefinition(type, config.path("MonitoringJobDefinitionName").asText());
      return endpointOf(definition.path(type.sageMakerName() + "JobInput"));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String endpointOf(JsonNode input) {
    JsonNode name = input.path("EndpointInput").path("EndpointName");
    return name.isTextual() ? name.asText() : null;
  }

  private static boolean contains(JsonNode r, String name) {
    String contains = r.path("NameContains").asText(null);
    return contains == null || name.contains(contains);
  }

  private static void sort(
      ObjectNode r, List<ObjectNode> all, String nameMember, @Nullable String member) {
    Comparator<ObjectNode> order =
        member == null
            ? Comparator.comparing(d -> d.path(nameMember).asText())
            : Comparator.comparing(
                    (ObjectNode d) ->
                        d.path(member).isNumber()
                            ? String.format(
                                java.util.Locale.ROOT, "%020.3f", d.path(member).asDouble())
                            : d.path(member).asText())
                .thenComparing(d -> d.path(nameMember).asText());
    all.sort("Ascending".equals(r.path("SortOrder").asText()) ? order : order.reversed());
  }

  private static ObjectNode page(ObjectNode r, List<ObjectNode> all, String listMember) {
    OffsetPage<ObjectNode> page =
        OffsetPage.of(
            all,
            r.hasNonNull("MaxResults") ? r.get("MaxResults").asInt() : null,
            r.path("NextToken").asText(null),
            10,
            listMember);
    ObjectNode out = JSON.objectNode();
    ArrayNode list = out.putArray(listMember);
    page.items().forEach(list::add);
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private static @Nullable Instant time(JsonNode r, String member) {
    JsonNode v = r.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new ValidationException(
          "Cannot list monitoring executions: " + member + " " + v + " (expected: epoch seconds)");
    }
    return Instant.ofEpochMilli(v.decimalValue().movePointRight(3).longValue());
  }

  private static String text(JsonNode request, String member) {
    JsonNode value = request.get(member);
    return PipelineOperations.required(
        value == null || value.isNull() ? null : value.asText(), member);
  }

  private static void put(
      Map<Operation, ControlHandler<?>> handlers,
      Operation op,
      Function<ObjectNode, @Nullable Object> fn) {
    handlers.put(op, new FunctionHandler<>(ObjectNode.class, fn::apply));
  }
}
