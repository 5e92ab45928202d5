package io.quiver.pipelines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local model registry: models (CreateModel), model package groups and their versioned model
 * packages with approval status (CreateModelPackage, UpdateModelPackage). Each entry is one JSON
 * document, the describe-response SageMaker returns, replaced atomically
 * (docs/format/pipelines.md). Thread-safe: writes are serialized.
 */
public final class ModelRegistry {
  /** Approval statuses a model package may have. */
  public static final Set<String> APPROVAL_STATUSES =
      Set.of("Approved", "Rejected", "PendingManualApproval");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

  private final Path root;
  private final String arnPrefix;
  private final InstantSource clock;

  private ModelRegistry(Path root, String arnPrefix, InstantSource clock) {
    this.root = root;
    this.arnPrefix = arnPrefix;
    this.clock = clock;
  }

  /** Opens (creating) the registry in {@code root}. */
  public static ModelRegistry open(Path root, String region, String account, InstantSource clock) {
    return new ModelRegistry(root, "arn:aws:sagemaker:" + region + ":" + account + ":", clock);
  }

  private Path models() {
    return root.resolve("models");
  }

  private Path groups() {
    return root.resolve("model-package-groups");
  }

  private Path packages(String group) {
    return root.resolve("model-packages").resolve(group);
  }

  private String now() {
    return clock.instant().toString();
  }

  /**
   * CreateModel: records {@code request} (the CreateModel request).
   *
   * @return the DescribeModel response
   * @throws ResourceInUseException if a model has the name
   */
  public synchronized ObjectNode createModel(JsonNode request) {
    String name = name(request, "ModelName", "model");
    Path file = models().resolve(name + ".json");
    if (Files.exists(file)) {
      throw new ResourceInUseException(
          "Cannot create model " + name + ": a model with this name exists");
    }
    ObjectNode model = request.deepCopy();
    model.remove("Tags");
    model.put("ModelArn", arnPrefix + "model/" + name.toLowerCase(Locale.ROOT));
    model.put("CreationTime", now());
    Documents.write(file, model);
    return model;
  }

  /** DescribeModel. */
  public ObjectNode describeModel(String name) {
    Path file = models().resolve(safe(name) + ".json");
    if (!Files.exists(file)) {
      throw new ResourceNotFoundException("Could not find model \"" + name + "\"");
    }
    return Documents.read(file);
  }

  /** ListModels: every model, by name. */
  public List<ObjectNode> listModels() {
    return Documents.all(models());
  }

  /** DeleteModel. */
  public synchronized void deleteModel(String name) {
    describeModel(name);
    Documents.delete(models().resolve(safe(name) + ".json"));
  }

  /**
   * CreateModelPackageGroup.
   *
   * @throws ResourceInUseException if the group exists
   */
  public synchronized ObjectNode createModelPackageGroup(
      String name, String description, JsonNode tags) {
    checkName(name, "model package group");
    Path file = groups().resolve(name + ".json");
    if (Files.exists(file)) {
      throw new ResourceInUseException(
          "Cannot create model package group " + name + ": it already exists");
    }
    ObjectNode group = MAPPER.createObjectNode();
    group.put("ModelPackageGroupName", name);
    group.put("ModelPackageGroupArn", groupArn(name));
    if (description != null) {
      group.put("ModelPackageGroupDescription", description);
    }
    group.put("CreationTime", now());
    group.put("ModelPackageGroupStatus", "Completed");
    Documents.write(file, group);
    return group;
  }

  /** DescribeModelPackageGroup, by name or ARN. */
  public ObjectNode describeModelPackageGroup(String nameOrArn) {
    String name =
        nameOrArn.startsWith("arn:")
            ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1)
            : nameOrArn;
    Optional<ObjectNode> group = findGroup(name);
    return group.orElseThrow(
        () -> new ResourceNotFoundException("ModelPackageGroup " + nameOrArn + " does not exist."));
  }

  private Optional<ObjectNode> findGroup(String name) {
    for (ObjectNode g : Documents.all(groups())) {
      if (g.path("ModelPackageGroupName").asText().equalsIgnoreCase(name)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** Whether the group exists. */
  public boolean hasModelPackageGroup(String name) {
    return findGroup(name).isPresent();
  }

  /** ListModelPackageGroups: every group, by name. */
  public List<ObjectNode> listModelPackageGroups() {
    return Documents.all(groups());
  }

  /**
   * DeleteModelPackageGroup.
   *
   * @throws ValidationException if it still holds model packages
   */
  public synchronized void deleteModelPackageGroup(String name) {
    ObjectNode group = describeModelPackageGroup(name);
    String n = group.get("ModelPackageGroupName").asText();
    if (!listModelPackages(n).isEmpty()) {
      throw new ValidationException(
          "Cannot delete model package group " + n + ": delete its model packages first");
    }
    Documents.delete(groups().resolve(n + ".json"));
  }

  /**
   * CreateModelPackage: a new version in {@code ModelPackageGroupName}'s group.
   *
   * @return the DescribeModelPackage response
   * @throws ValidationException if the group does not exist or the approval status is unknown
   */
  public synchronized ObjectNode createModelPackage(JsonNode request) {
    String groupName = request.path("ModelPackageGroupName").asText("");
    if (groupName.isEmpty()) {
      throw new ValidationException(
          "Cannot create model package: ModelPackageGroupName is missing (Quiver keeps versioned model packages only)");
    }
    ObjectNode group =
        findGroup(groupName)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "Cannot create model package: model package group "
                            + groupName
                            + " does not exist"));
    String name = group.get("ModelPackageGroupName").asText();
    String status = request.path("ModelApprovalStatus").asText("PendingManualApproval");
    checkApproval(status);
    int version =
        listModelPackages(name).stream()
                .mapToInt(p -> p.path("ModelPackageVersion").asInt())
                .max()
                .orElse(0)
            + 1;
    ObjectNode pkg = request.deepCopy();
    pkg.remove("Tags");
    pkg.remove("ClientToken");
    pkg.put("ModelPackageGroupName", name);
    pkg.put("ModelPackageName", name);
    pkg.put("ModelPackageVersion", version);
    pkg.put("ModelPackageArn", packageArn(name, version));
    pkg.put("ModelApprovalStatus", status);
    pkg.put("ModelPackageStatus", "Completed");
    pkg.putObject("ModelPackageStatusDetails").putArray("ValidationStatuses");
    pkg.put("CreationTime", now());
    pkg.put("LastModifiedTime", now());
    Documents.write(packages(name).resolve(version + ".json"), pkg);
    return pkg;
  }

  /** DescribeModelPackage, by versioned ARN. */
  public ObjectNode describeModelPackage(String arn) {
    return Documents.read(packageFile(arn));
  }

  private Path packageFile(String arn) {
    String[] parts = arn.split("/");
    if (parts.length >= 3 && parts[0].endsWith(":model-package")) {
      try {
        int version = Integer.parseInt(parts[parts.length - 1]);
        String groupLower = parts[parts.length - 2];
        for (ObjectNode g : Documents.all(groups())) {
          String n = g.get("ModelPackageGroupName").asText();
          Path file = packages(n).resolve(version + ".json");
          if (n.toLowerCase(Locale.ROOT).equals(groupLower) && Files.exists(file)) {
            return file;
          }
        }
      } catch (NumberFormatException e) {
        // falls through to not found
      }
    }
    throw new ResourceNotFoundException("Model package " + arn + " does not exist.");
  }

  /** ListModelPackages of one group, newest version first. */
  public List<ObjectNode> listModelPackages(String group) {
    List<ObjectNode> out = Documents.all(packages(group));
    out.sort(
        Comparator.comparingInt((ObjectNode p) -> p.path("ModelPackageVersion").asInt())
            .reversed());
    return out;
  }

  /** Every model package of every group. */
  public List<ObjectNode> listAllModelPackages() {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode g : listModelPackageGroups()) {
      out.addAll(listModelPackages(g.get("ModelPackageGroupName").asText()));
    }
    return out;
  }

  /** The newest Approved package of {@code group}, if any. */
  public Optional<ObjectNode> latestApproved(String group) {
    return listModelPackages(group).stream()
        .filter(p -> "Approved".equals(p.path("ModelApprovalStatus").asText()))
        .findFirst();
  }

  /**
   * UpdateModelPackage: approval status and description, customer metadata.
   *
   * @return the updated package
   */
  public synchronized ObjectNode updateModelPackage(JsonNode request) {
    String arn = request.path("ModelPackageArn").asText("");
    Path file = packageFile(arn);
    ObjectNode pkg = Documents.read(file);
    if (request.hasNonNull("ModelApprovalStatus")) {
      String status = request.get("ModelApprovalStatus").asText();
      checkApproval(status);
      pkg.put("ModelApprovalStatus", status);
    }
    if (request.hasNonNull("ApprovalDescription")) {
      pkg.put("ApprovalDescription", request.get("ApprovalDescription").asText());
    }
    if (request.hasNonNull("CustomerMetadataProperties")) {
      ObjectNode props =
          pkg.has("CustomerMetadataProperties")
              ? (ObjectNode) pkg.get("CustomerMetadataProperties")
              : pkg.putObject("CustomerMetadataProperties");
      props.setAll((ObjectNode) request.get("CustomerMetadataProperties"));
    }
    for (JsonNode key : request.path("CustomerMetadataPropertiesToRemove")) {
      if (pkg.get("CustomerMetadataProperties") instanceof ObjectNode props) {
        props.remove(key.asText());
      }
    }
    pkg.put("LastModifiedTime", now());
    Documents.write(file, pkg);
    return pkg;
  }

  /** DeleteModelPackage, by versioned ARN. */
  public synchronized void deleteModelPackage(String arn) {
    Documents.delete(packageFile(arn));
  }

  private String groupArn(String name) {
    return arnPrefix + "model-package-group/" + name.toLowerCase(Locale.ROOT);
  }

  private String packageArn(String group, int version) {
    return arnPrefix + "model-package/" + group.toLowerCase(Locale.ROOT) + "/" + version;
  }

  private static void checkApproval(String status) {
    if (!APPROVAL_STATUSES.contains(status)) {
      throw new ValidationException(
          "ModelApprovalStatus '"
              + status
              + "' is not allowed (expected: Approved, Rejected or PendingManualApproval)");
    }
  }

  private static String name(JsonNode request, String field, String what) {
    String name = request.path(field).asText("");
    checkName(name, what);
    return name;
  }

  private static void checkName(String name, String what) {
    if (!name.matches(NAME_PATTERN)) {
      throw new ValidationException(
          "Cannot create "
              + what
              + " '"
              + name
              + "': the name is not allowed (expected: 1 to 63 letters, digits and inner hyphens)");
    }
  }

  private static String safe(String name) {
    if (!name.matches(NAME_PATTERN)) {
      throw new ResourceNotFoundException("Could not find \"" + name + "\"");
    }
    return name;
  }

  /** The registry's JSON documents on disk. */
  private static final class Documents {
    private Documents() {}

    static void write(Path file, ObjectNode doc) {
      io.quiver.pipelines.document.JsonDocuments.write(file, doc);
    }

    static ObjectNode read(Path file) {
      JsonNode node = io.quiver.pipelines.document.JsonDocuments.read(file);
      if (!node.isObject()) {
        throw new StorageException("Cannot read " + file + ": it is damaged (not a JSON object)");
      }
      return (ObjectNode) node;
    }

    static List<ObjectNode> all(Path folder) {
      List<ObjectNode> out = new ArrayList<>();
      if (!Files.isDirectory(folder)) {
        return out;
      }
      try (Stream<Path> list = Files.list(folder)) {
        for (Path p : (Iterable<Path>) list.sorted()::iterator) {
          if (p.getFileName().toString().endsWith(".json")) {
            out.add(read(p));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + folder, e);
      }
      return out;
    }

    static void delete(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + file, e);
      }
    }
  }
}
