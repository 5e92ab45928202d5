package io.quiver.clarify.monitor.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.clarify.monitor.MonitorType;
import io.quiver.storage.error.CorruptFileException;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The monitoring job definitions and schedules of a data directory, each one JSON file holding its
 * SageMaker describe-response (times as epoch seconds), replaced atomically
 * (docs/format/monitoring-results.md). Thread-safe: writes are serialised.
 */
public final class MonitoringCatalog {
  /** A schedule that runs. */
  public static final String SCHEDULED = "Scheduled";

  /** A schedule that was stopped. */
  public static final String STOPPED = "Stopped";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

  private final Path root;
  private final String arnPrefix;
  private final InstantSource clock;

  private MonitoringCatalog(Path root, String arnPrefix, InstantSource clock) {
    this.root = root;
    this.arnPrefix = arnPrefix;
    this.clock = clock;
  }

  /** The catalog in {@code root} (created when first written). */
  public static MonitoringCatalog open(
      Path root, String region, String account, InstantSource clock) {
    return new MonitoringCatalog(root, "arn:aws:sagemaker:" + region + ":" + account + ":", clock);
  }

  /** Where the catalog keeps its files. */
  public Path root() {
    return root;
  }

  /**
   * Records a job definition ({@code Create<Type>JobDefinition}) after checking that it describes a
   * monitor whose baseline and configuration can be read.
   *
   * @return the describe-response
   * @throws ResourceInUseException if a definition of the type has the name
   * @throws ValidationException if the definition does not describe a monitor
   */
  public synchronized ObjectNode createJobDefinition(MonitorType type, ObjectNode request) {
    String name = name(request, "JobDefinitionName", "job definition");
    Path file = definitionFile(type, name);
    if (Files.exists(file)) {
      throw new ResourceInUseException(
          "Cannot create job definition " + name + ": one with this name exists");
    }
    JobDefinitions.monitor(type, request);
    ObjectNode doc = request.deepCopy();
    doc.put("JobDefinitionArn", arnPrefix + arnKind(type) + "/" + name.toLowerCase(Locale.ROOT));
    doc.put("CreationTime", seconds(clock.instant()));
    write(file, doc);
    return doc;
  }

  /**
   * The describe-response of a job definition.
   *
   * @throws ResourceNotFoundException if there is none of that type and name
   */
  public ObjectNode describeJobDefinition(MonitorType type, String name) {
    return read(definitionFile(type, name), "job definition " + name);
  }

  /** Every job definition of {@code type}, in name order. */
  public List<ObjectNode> listJobDefinitions(MonitorType type) {
    return readAll(root.resolve("job-definitions").resolve(type.sageMakerName()));
  }

  /**
   * Deletes a job definition.
   *
   * @throws ResourceNotFoundException if there is none
   * @throws ResourceInUseException if a schedule refers to it
   */
  public synchronized void deleteJobDefinition(MonitorType type, String name) {
    describeJobDefinition(type, name);
    for (ObjectNode schedule : listSchedules()) {
      JsonNode config = schedule.path("MonitoringScheduleConfig");
      if (name.equals(config.path("MonitoringJobDefinitionName").asText())
          && type.sageMakerName().equals(config.path("MonitoringType").asText())) {
        throw new ResourceInUseException(
            "Cannot delete job definition "
                + name
                + ": schedule "
                + schedule.path("MonitoringScheduleName").asText()
                + " uses it");
      }
    }
    delete(definitionFile(type, name));
  }

  /**
   * Records a schedule ({@code CreateMonitoringSchedule}), status {@value #SCHEDULED}.
   *
   * @return the describe-response
   * @throws ResourceInUseException if a schedule has the name
   * @throws ValidationException if the expression or the job definition is wrong
   * @throws ResourceNotFoundException if the job definition does not exist
   */
  public synchronized ObjectNode createSchedule(ObjectNode request) {
    String name = name(request, "MonitoringScheduleName", "monitoring schedule");
    Path file = scheduleFile(name);
    if (Files.exists(file)) {
      throw new ResourceInUseException(
          "Cannot create monitoring schedule " + name + ": one with this name exists");
    }
    JsonNode config = request.path("MonitoringScheduleConfig");
    String expression = config.path("ScheduleConfig").path("ScheduleExpression").asText("");
    try {
      ScheduleExpression.parse(expression);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "Cannot create monitoring schedule " + name + ": " + e.getMessage());
    }
    MonitorType type = type(config);
    String definition = config.path("MonitoringJobDefinitionName").asText("");
    if (definition.isEmpty()) {
      throw new ValidationException(
          "Cannot create monitoring schedule "
              + name
              + ": MonitoringScheduleConfig.MonitoringJobDefinitionName is missing (Quiver runs"
              + " job definitions, not inline MonitoringJobDefinition)");
    }
    describeJobDefinition(type, definition);
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put(
        "MonitoringScheduleArn",
        arnPrefix + "monitoring-schedule/" + name.toLowerCase(Locale.ROOT));
    doc.put("MonitoringScheduleName", name);
    doc.put("MonitoringScheduleStatus", SCHEDULED);
    doc.put("MonitoringType", type.sageMakerName());
    BigDecimal now = seconds(clock.instant());
    doc.put("CreationTime", now);
    doc.put("LastModifiedTime", now);
    doc.set("MonitoringScheduleConfig", config.deepCopy());
    if (request.has("Tags")) {
      doc.set("Tags", request.get("Tags"));
    }
    write(file, doc);
    return doc;
  }

  /**
   * The describe-response of a schedule (without its last execution, which results keep).
   *
   * @throws ResourceNotFoundException if there is none
   */
  public ObjectNode describeSchedule(String name) {
    return read(scheduleFile(name), "monitoring schedule " + name);
  }

  /** Every schedule, in name order. */
  public List<ObjectNode> listSchedules() {
    return readAll(root.resolve("schedules"));
  }

  /**
   * Sets a schedule's status ({@code StopMonitoringSchedule}, {@code StartMonitoringSchedule}).
   *
   * @throws ResourceNotFoundException if there is none
   */
  public synchronized void setStatus(String name, String status) {
    ObjectNode doc = describeSchedule(name);
    doc.put("MonitoringScheduleStatus", status);
    doc.put("LastModifiedTime", seconds(clock.instant()));
    write(scheduleFile(name), doc);
  }

  /**
   * Deletes a schedule (its results stay until deleted with them).
   *
   * @throws ResourceNotFoundException if there is none
   */
  public synchronized void deleteSchedule(String name) {
    describeSchedule(name);
    delete(scheduleFile(name));
  }

  /** The type a schedule's config names. */
  public static MonitorType type(JsonNode scheduleConfig) {
    try {
      return MonitorType.ofSageMakerName(scheduleConfig.path("MonitoringType").asText(""));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Cannot use MonitoringScheduleConfig: " + e.getMessage());
    }
  }

  /** {@code t} as JSON 1.1 epoch seconds with milliseconds. */
  public static BigDecimal seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
  }

  private Path definitionFile(MonitorType type, String name) {
    return root.resolve("job-definitions").resolve(type.sageMakerName()).resolve(name + ".json");
  }

  private Path scheduleFile(String name) {
    return root.resolve("schedules").resolve(name + ".json");
  }

  private static String arnKind(MonitorType type) {
    return type == MonitorType.DATA_QUALITY
        ? "data-quality-job-definition"
        : "model-bias-job-definition";
  }

  private static String name(JsonNode request, String member, String what) {
    String name = request.path(member).asText("");
    if (!name.matches(NAME)) {
      throw new ValidationException(
          "Cannot create "
              + what
              + ": "
              + member
              + " '"
              + name
              + "' (expected: 1 to 63 letters, digits and hyphens, starting with a letter or"
              + " digit)");
    }
    return name;
  }

  private static ObjectNode read(Path file, String what) {
    if (!file.getFileName().toString().replace(".json", "").matches(NAME)) {
      throw new ResourceNotFoundException("Cannot find " + what);
    }
    try {
      return (ObjectNode) MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ResourceNotFoundException("Cannot find " + what);
    } catch (IOException | ClassCastException e) {
      throw new CorruptFileException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<ObjectNode> readAll(Path dir) {
    List<ObjectNode> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && !name.startsWith(".")) {
          out.add(read(file, name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static void write(Path file, ObjectNode doc) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.write(tmp, MAPPER.writeValueAsBytes(doc));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
