package io.quiver.storage.internal.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureMetadata;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.Tag;
import io.quiver.storage.catalog.ThroughputConfig;
import io.quiver.storage.catalog.TtlDuration;
import io.quiver.storage.error.ResourceInUseException;
import io.quiver.storage.error.ResourceLimitExceededException;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.error.ValidationException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable catalog of feature groups, kept in one RocksDB column family and cached in memory.
 *
 * <p>A deleted group is <em>retired</em>, not forgotten: its last definition moves to {@code
 * retired/<id>} in the same write that removes {@code group/<name>}, so that records staged for it
 * before the delete can still be written to its offline store ({@link #findById}). The owner drops
 * retired definitions once nothing staged refers to them ({@link #purgeRetired}).
 *
 * <p>Thread-safety: reads are lock-free against an immutable snapshot; changes are serialized on
 * the catalog and persisted (WAL on) before the snapshot is replaced, so a change is visible only
 * once it is durable.
 */
public final class Catalog {
  private static final byte[] NEXT_ID_KEY = "meta/next-group-id".getBytes(UTF_8);
  private static final String GROUP_PREFIX = "group/";
  private static final String RETIRED_PREFIX = "retired/";
  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:feature-group/(.+)");
  private static final int MAX_METADATA_DESCRIPTION = 255;
  private static final int MAX_PARAMETER_CHANGES = 25;

  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final WriteOptions writeOptions;
  private final CatalogConfig config;
  private final ObjectMapper json;
  private volatile Map<String, FeatureGroup> groups;
  private volatile Map<Long, FeatureGroup> retired;
  private long nextId;

  private Catalog(
      RocksDB db,
      ColumnFamilyHandle family,
      WriteOptions writeOptions,
      CatalogConfig config,
      ObjectMapper json,
      Map<String, FeatureGroup> groups,
      Map<Long, FeatureGroup> retired,
      long nextId) {
    this.db = db;
    this.family = family;
    this.writeOptions = writeOptions;
    this.config = config;
    this.json = json;
    this.groups = Map.copyOf(groups);
    this.retired = Map.copyOf(retired);
    this.nextId = nextId;
  }

  /**
   * Loads the catalog held in {@code family}. The handles stay owned by the caller.
   *
   * @throws StorageException if the column family cannot be read or holds an unknown format
   */
  public static Catalog load(
      RocksDB db, ColumnFamilyHandle family, WriteOptions writeOptions, CatalogConfig config) {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    Map<String, FeatureGroup> groups = new HashMap<>();
    Map<Long, FeatureGroup> retired = new HashMap<>();
    long nextId = 1;
    try (RocksIterator it = db.newIterator(family)) {
      for (FeatureGroup group : readEntries(it, GROUP_PREFIX, json, config)) {
        groups.put(group.name(), group);
      }
      for (FeatureGroup group : readEntries(it, RETIRED_PREFIX, json, config)) {
        retired.put(group.id(), group);
      }
      byte[] next = db.get(family, NEXT_ID_KEY);
      if (next != null) {
        nextId = ByteBuffer.wrap(next).getLong();
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot load the catalog", e);
    }
    return new Catalog(db, family, writeOptions, config, json, groups, retired, nextId);
  }

  private static List<FeatureGroup> readEntries(
      RocksIterator it, String keyPrefix, ObjectMapper json, CatalogConfig config) {
    List<FeatureGroup> result = new ArrayList<>();
    byte[] prefix = keyPrefix.getBytes(UTF_8);
    for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
      CatalogEntry entry = CatalogEntry.read(json, new String(it.key(), UTF_8), it.value());
      result.add(toGroup(entry, config));
    }
    return result;
  }

  /**
   * Checks a new group's definition against every rule, without creating it.
   *
   * @throws ValidationException if the definition breaks a rule
   */
  public void check(FeatureGroupSpec spec) {
    FeatureGroupRules.checkCreate(spec);
  }

  /**
   * Creates a feature group.
   *
   * @throws ValidationException if the definition breaks a rule
   * @throws ResourceInUseException if a group of that name exists
   * @throws ResourceLimitExceededException if the catalog already holds the maximum number of
   *     groups
   */
  public synchronized FeatureGroup create(FeatureGroupSpec spec) {
    FeatureGroupRules.checkCreate(spec);
    String name = spec.featureGroupName();
    if (groups.containsKey(name)) {
      throw new ResourceInUseException(
          "Cannot create feature group "
              + name
              + ": a feature group with this name already exists");
    }
    if (groups.size() >= config.maxFeatureGroups()) {
      throw new ResourceLimitExceededException(
          "Cannot create feature group "
              + name
              + ": the limit of "
              + config.maxFeatureGroups()
              + " feature groups is reached; delete a group or raise the limit");
    }
    long now = nowMicros();
    CatalogEntry entry = CatalogEntry.of(nextId, spec, now, now, Map.of());
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(family, key(name), serialize(entry));
      batch.put(family, NEXT_ID_KEY, ByteBuffer.allocate(Long.BYTES).putLong(nextId + 1).array());
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot create feature group " + name, e);
    }
    nextId++;
    FeatureGroup group = toGroup(entry, config);
    publish(name, group);
    return group;
  }

  /**
   * The group named {@code nameOrArn} (a name or a feature group ARN).
   *
   * @throws ResourceNotFoundException if there is none
   */
  public FeatureGroup get(String nameOrArn) {
    return find(nameOrArn)
        .orElseThrow(
            () ->
                new ResourceNotFoundException(
                    "Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name "
                        + nameOrArn));
  }

  /** The group named {@code nameOrArn} (a name or a feature group ARN), if it exists. */
  public Optional<FeatureGroup> find(String nameOrArn) {
    return Optional.ofNullable(groups.get(toName(nameOrArn)));
  }

  /** Every group, sorted by name. */
  public List<FeatureGroup> list() {
    List<FeatureGroup> all = new ArrayList<>(groups.values());
    all.sort(Comparator.comparing(FeatureGroup::name));
    return all;
  }

  /**
   * The group with internal id {@code id}, live or retired (deleted, kept until nothing staged
   * refers to it), if the catalog still knows it.
   */
  public Optional<FeatureGroup> findById(long id) {
    for (FeatureGroup group : groups.values()) {
      if (group.id() == id) {
        return Optional.of(group);
      }
    }
    return Optional.ofNullable(retired.get(id));
  }

  /**
   * Removes a group from the catalog and retires its definition; the caller removes its online
   * data.
   *
   * @throws ResourceNotFoundException if there is no such group
   */
  public synchronized FeatureGroup delete(String name) {
    FeatureGroup group = get(name);
    CatalogEntry entry =
        CatalogEntry.of(
            group.id(),
            group.spec(),
            toMicros(group.creationTime()),
            toMicros(group.lastModifiedTime()),
            group.featureMetadata());
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(family, key(group.name()));
      batch.put(family, retiredKey(group.id()), serialize(entry));
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StorageException("Cannot delete feature group " + name, e);
    }
    Map<Long, FeatureGroup> nextRetired = new HashMap<>(retired);
    nextRetired.put(group.id(), group);
    retired = Map.copyOf(nextRetired);
    Map<String, FeatureGroup> next = new HashMap<>(groups);
    next.remove(group.name());
    groups = Map.copyOf(next);
    return group;
  }

  /**
   * Forgets the retired groups whose ids are not in {@code stillReferenced}.
   *
   * @return how many retired definitions were dropped
   */
  public synchronized int purgeRetired(Set<Long> stillReferenced) {
    Map<Long, FeatureGroup> next = new HashMap<>(retired);
    int dropped = 0;
    try (WriteBatch batch = new WriteBatch()) {
      for (Long id : retired.keySet()) {
        if (!stillReferenced.contains(id)) {
          batch.delete(family, retiredKey(id));
          next.remove(id);
          dropped++;
        }
      }
      if (dropped > 0) {
        db.write(writeOptions, batch);
      }
    } catch (RocksDBException e) {
      throw new StorageException("Cannot drop retired feature group definitions", e);
    }
    retired = Map.copyOf(next);
    return dropped;
  }

  /**
   * Appends features to a group's definition.
   *
   * @throws ValidationException if an addition breaks a rule
   * @throws ResourceNotFoundException if there is no such group
   */
  public synchronized FeatureGroup addFeatures(
      String nameOrArn, List<FeatureDefinition> additions) {
    FeatureGroup group = get(nameOrArn);
    FeatureGroupRules.checkAdditions(group, additions);
    return replace(group, group.spec().withAddedFeatures(additions), group.featureMetadata());
  }

  /**
   * Sets or removes ({@code ttl == null}) the default TTL of a group's online store; records
   * written afterwards use it.
   *
   * @throws ValidationException if the group has no online store
   * @throws ResourceNotFoundException if there is no such group
   */
  public synchronized FeatureGroup updateDefaultTtl(String nameOrArn, @Nullable TtlDuration ttl) {
    FeatureGroup group = get(nameOrArn);
    OnlineStoreConfig online = group.spec().onlineStoreConfig();
    if (online == null || !online.enableOnlineStore()) {
      throw new ValidationException(
          "Cannot update feature group "
              + group.name()
              + ": it has no online store to set a TtlDuration on");
    }
    return replace(
        group,
        group.spec().withOnlineStoreConfig(online.withTtlDuration(ttl)),
        group.featureMetadata());
  }

  /**
   * Replaces a group's throughput configuration.
   *
   * @throws ValidationException if the configuration breaks a rule
   * @throws ResourceNotFoundException if there is no such group
   */
  public synchronized FeatureGroup updateThroughput(String nameOrArn, ThroughputConfig throughput) {
    FeatureGroup group = get(nameOrArn);
    FeatureGroupRules.checkThroughput(
        "Cannot update feature group " + group.name() + ": ",
        throughput,
        group.spec().onlineStoreConfig());
    return replace(group, group.spec().withThroughputConfig(throughput), group.featureMetadata());
  }

  /**
   * Changes the metadata of one feature: a new description (if not {@code null}), added or replaced
   * parameters, removed parameters.
   *
   * @throws ValidationException if the change breaks a rule
   * @throws ResourceNotFoundException if there is no such group or feature
   */
  public synchronized FeatureGroup updateFeatureMetadata(
      String nameOrArn,
      String featureName,
      @Nullable String description,
      Map<String, String> parameterAdditions,
      List<String> parameterRemovals) {
    FeatureGroup group = get(nameOrArn);
    if (group.position(featureName) < 0) {
      throw new ResourceNotFoundException(
          "Resource Not Found: feature group "
              + group.name()
              + " has no feature named "
              + featureName);
    }
    String prefix = "Cannot update metadata of feature " + featureName + ": ";
    if (description != null && description.length() > MAX_METADATA_DESCRIPTION) {
      throw new ValidationException(
          prefix
              + "Description has "
              + description.length()
              + " characters (expected: at most "
              + MAX_METADATA_DESCRIPTION
              + ")");
    }
    if (parameterAdditions.size() > MAX_PARAMETER_CHANGES
        || parameterRemovals.size() > MAX_PARAMETER_CHANGES) {
      throw new ValidationException(
          prefix
              + "at most "
              + MAX_PARAMETER_CHANGES
              + " ParameterAdditions and "
              + MAX_PARAMETER_CHANGES
              + " ParameterRemovals are allowed");
    }
    FeatureMetadata old = group.featureMetadata().get(featureName);
    Map<String, String> parameters = new TreeMap<>(old == null ? Map.of() : old.parameters());
    parameters.putAll(parameterAdditions);
    parameterRemovals.forEach(parameters::remove);
    String newDescription =
        description != null ? description : old == null ? null : old.description();
    Map<String, FeatureMetadata> metadata = new HashMap<>(group.featureMetadata());
    metadata.put(featureName, new FeatureMetadata(newDescription, parameters, nowMicros()));
    return replace(group, group.spec(), metadata);
  }

  /**
   * Adds tags to a group (a tag whose key the group has replaces that tag's value) and removes the
   * tags whose keys are in {@code removals}; keys it does not have are ignored, as SageMaker's
   * DeleteTags ignores them. Tags are not part of the definition: the group's last-modified time
   * stays.
   *
   * @throws ValidationException if a tag breaks a rule or the group would have more than 50
   * @throws ResourceNotFoundException if there is no such group
   */
  public synchronized FeatureGroup updateTags(
      String nameOrArn, List<Tag> additions, Collection<String> removals) {
    FeatureGroup group = get(nameOrArn);
    Map<String, String> tags = new LinkedHashMap<>();
    group.spec().tags().forEach(t -> tags.put(t.key(), t.value()));
    additions.forEach(t -> tags.put(t.key(), t.value()));
    removals.forEach(tags::remove);
    List<Tag> merged = new ArrayList<>();
    tags.forEach((k, v) -> merged.add(new Tag(k, v)));
    FeatureGroupRules.checkTags("Cannot tag feature group " + group.name() + ": ", merged);
    return replace(
        group,
        group.spec().withTags(merged),
        group.featureMetadata(),
        toMicros(group.lastModifiedTime()));
  }

  private FeatureGroup replace(
      FeatureGroup group, FeatureGroupSpec spec, Map<String, FeatureMetadata> metadata) {
    return replace(group, spec, metadata, nowMicros());
  }

  private FeatureGroup replace(
      FeatureGroup group,
      FeatureGroupSpec spec,
      Map<String, FeatureMetadata> metadata,
      long lastModifiedMicros) {
    CatalogEntry entry =
        CatalogEntry.of(
            group.id(), spec, toMicros(group.creationTime()), lastModifiedMicros, metadata);
    try {
      db.put(family, writeOptions, key(group.name()), serialize(entry));
    } catch (RocksDBException e) {
      throw new StorageException("Cannot update feature group " + group.name(), e);
    }
    FeatureGroup updated = toGroup(entry, config);
    publish(group.name(), updated);
    return updated;
  }

  private void publish(String name, FeatureGroup group) {
    Map<String, FeatureGroup> next = new HashMap<>(groups);
    next.put(name, group);
    groups = Map.copyOf(next);
  }

  /** The ARN of a group named {@code name} under this catalog's region and account. */
  public String arnOf(String name) {
    return "arn:aws:sagemaker:"
        + config.region()
        + ":"
        + config.account()
        + ":feature-group/"
        + name;
  }

  /** The group name in {@code nameOrArn}: the name itself, or the name at the end of an ARN. */
  public static String toName(String nameOrArn) {
    // Every read and write resolves its group here: skip the regex for plain names, which cannot
    // match it anyway.
    if (!nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    Matcher arn = ARN.matcher(nameOrArn);
    return arn.matches() ? arn.group(1) : nameOrArn;
  }

  private long nowMicros() {
    return toMicros(config.clock().instant());
  }

  private static long toMicros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static FeatureGroup toGroup(CatalogEntry entry, CatalogConfig config) {
    FeatureGroupSpec spec = entry.toSpec();
    String name = spec.featureGroupName();
    return new FeatureGroup(
        entry.id(),
        resolved(spec, config),
        "arn:aws:sagemaker:" + config.region() + ":" + config.account() + ":feature-group/" + name,
        Instant.EPOCH.plus(entry.creationMicros(), ChronoUnit.MICROS),
        Instant.EPOCH.plus(entry.lastModifiedMicros(), ChronoUnit.MICROS),
        entry.toMetadata(),
        config.account(),
        config.region());
  }

  /**
   * A group whose offline store is the data directory's own folder is persisted with {@link
   * OfflineStoreConfig#STORE_DEFAULT} instead of the folder's absolute URI, so a copy of the
   * directory writes its own history rather than the original's.
   */
  private FeatureGroupSpec persisted(FeatureGroupSpec spec) {
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    String own = config.dataDirOfflineUri();
    if (offline == null || own == null || !trimSlash(offline.s3Uri()).equals(trimSlash(own))) {
      return spec;
    }
    return spec.withOfflineStoreConfig(offline.withS3Uri(OfflineStoreConfig.STORE_DEFAULT));
  }

  /** The spec with a data-directory-relative offline store resolved against this directory. */
  private static FeatureGroupSpec resolved(FeatureGroupSpec spec, CatalogConfig config) {
    OfflineStoreConfig offline = spec.offlineStoreConfig();
    String own = config.dataDirOfflineUri();
    if (offline == null || own == null || !offline.usesStoreDefault()) {
      return spec;
    }
    return spec.withOfflineStoreConfig(offline.withS3Uri(own));
  }

  private static String trimSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private byte[] serialize(CatalogEntry entry) {
    // A group stored in the data directory's own folder is written relative to it (persisted).
    return CatalogEntry.of(
            entry.id(),
            persisted(entry.toSpec()),
            entry.creationMicros(),
            entry.lastModifiedMicros(),
            entry.toMetadata())
        .write(json);
  }

  private static byte[] key(String name) {
    return (GROUP_PREFIX + name).getBytes(UTF_8);
  }

  private static byte[] retiredKey(long id) {
    return String.format(Locale.ROOT, "%s%016x", RETIRED_PREFIX, id).getBytes(UTF_8);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
