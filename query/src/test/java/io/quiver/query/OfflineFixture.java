package io.quiver.query;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.offline.OfflineHistory;
import io.quiver.storage.offline.OfflineSnapshot;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test fixture: feature groups (created in a throw-away store, for their definitions) and their
 * offline history written by DuckDB as Parquet files in SageMaker's layout, plus staged rows. Not
 * thread-safe.
 */
public final class OfflineFixture implements AutoCloseable {
  public static final String ACCOUNT = StoreConfig.ACCOUNT_DEFAULT;
  public static final String REGION = StoreConfig.REGION_DEFAULT;

  private final Path dir;
  private final QuiverStore store;
  private final Connection duck;
  private final Map<String, FeatureGroup> groups = new HashMap<>();
  private final Map<String, List<OfflineRow>> staged = new HashMap<>();
  private int fileCounter;

  public OfflineFixture(Path dir) {
    this.dir = dir;
    this.store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("store"))
                .ttlSweepInterval(java.time.Duration.ZERO)
                .build());
    try {
      this.duck = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path offlineBase() {
    return dir.resolve("offline");
  }

  /** Creates a group whose event time feature is Fractional (epoch seconds). */
  public FeatureGroup group(
      String name, String id, String eventTime, FeatureDefinition... features) {
    FeatureGroupSpec.Builder spec =
        FeatureGroupSpec.builder(name).recordIdentifier(id).eventTime(eventTime);
    for (FeatureDefinition f : features) {
      spec.feature(f);
    }
    spec.offlineStore(OfflineStoreConfig.at("file://" + offlineBase()));
    FeatureGroup group = store.createFeatureGroup(spec.build());
    groups.put(name, group);
    return group;
  }

  public FeatureGroup group(String name) {
    return groups.get(name);
  }

  public Path dataFolder(FeatureGroup g) {
    return offlineBase()
        .resolve(ACCOUNT)
        .resolve("sagemaker")
        .resolve(REGION)
        .resolve("offline-store")
        .resolve(g.offlineStoreFolderName())
        .resolve("data");
  }

  /** The store's history of the fixture's groups, with the rows {@link #stage}d added. */
  public OfflineHistory source() {
    OfflineHistory history = store.offlineHistory();
    return new OfflineHistory() {
      @Override
      public List<FeatureGroup> featureGroups() {
        return history.featureGroups();
      }

      @Override
      public OfflineSnapshot snapshot(String name) {
        OfflineSnapshot snapshot = history.snapshot(name);
        List<StoredRecord> records = new ArrayList<>(snapshot.stagedRecords());
        for (OfflineRow row : staged.getOrDefault(name, List.of())) {
          records.add(stored(snapshot.group(), row));
        }
        return OfflineSnapshot.of(snapshot.group(), snapshot.files(), records, snapshot::open);
      }
    };
  }

  /** A staged record of {@code row}; its write time is its API invocation time. */
  private static StoredRecord stored(FeatureGroup group, OfflineRow row) {
    Record.Builder record = Record.builder();
    for (int i = 0; i < group.features().size(); i++) {
      Object value = row.value(i);
      if (value instanceof Double d) {
        record.set(group.features().get(i).name(), d);
      } else if (value instanceof Long l) {
        record.set(group.features().get(i).name(), l);
      } else if (value != null) {
        record.set(group.features().get(i).name(), value.toString());
      }
    }
    Object event = row.value(group.eventTimePosition());
    long eventMicros =
        event instanceof Number n ? Math.round(n.doubleValue() * 1_000_000d) : Long.MIN_VALUE;
    return new StoredRecord(
        eventMicros,
        row.apiInvocationTimeMicros(),
        StoredRecord.NEVER,
        row.deleted(),
        record.build());
  }

  public void stage(String group, OfflineRow row) {
    staged.computeIfAbsent(group, k -> new ArrayList<>()).add(row);
  }

  /**
   * Writes {@code rows} to Parquet files of {@code group}, one file per event-time hour (as DuckDB
   * would for another writer), under random-looking names.
   */
  public void write(String groupName, List<OfflineRow> rows) {
    FeatureGroup g = groups.get(groupName);
    int eventPosition = g.eventTimePosition();
    Map<Long, List<OfflineRow>> byHour = new TreeMap<>();
    for (OfflineRow row : rows) {
      double seconds = ((Number) row.value(eventPosition)).doubleValue();
      long hour = Math.floorDiv((long) Math.floor(seconds), 3600L);
      byHour.computeIfAbsent(hour, h -> new ArrayList<>()).add(row);
    }
    byHour.forEach((hour, hourRows) -> writeFile(g, hour, hourRows));
  }

  private void writeFile(FeatureGroup g, long hour, List<OfflineRow> rows) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC);
    Path folder =
        dataFolder(g)
            .resolve(
                String.format(
                    "year=%04d/month=%02d/day=%02d/hour=%02d",
                    t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour()));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file =
        folder.resolve(
            String.format(
                "%04d%02d%02dT%02d0000Z_%016d.parquet",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), fileCounter++));
    StringBuilder columns = new StringBuilder();
    StringBuilder select = new StringBuilder();
    for (FeatureDefinition f : g.features()) {
      String type =
          switch (f.type()) {
            case INTEGRAL -> "BIGINT";
            case FRACTIONAL -> "DOUBLE";
            case STRING -> "VARCHAR";
          };
      columns.append('"').append(f.name()).append("\" ").append(type).append(", ");
      select.append('"').append(f.name()).append("\", ");
    }
    try (Statement st = duck.createStatement()) {
      st.execute("DROP TABLE IF EXISTS t");
      st.execute(
          "CREATE TABLE t ("
              + columns
              + "write_time BIGINT, api_invocation_time BIGINT, is_deleted BOOLEAN)");
      int n = g.features().size();
      String marks = "?, ".repeat(n + 2) + "?";
      try (PreparedStatement insert =
          duck.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
        for (OfflineRow row : rows) {
          for (int i = 0; i < n; i++) {
            insert.setObject(i + 1, row.value(i));
          }
          insert.setLong(n + 1, row.writeTimeMicros());
          insert.setLong(n + 2, row.apiInvocationTimeMicros());
          insert.setBoolean(n + 3, row.deleted());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      st.execute(
          "COPY (SELECT "
              + select
              + "make_timestamp(write_time) AS write_time, "
              + "make_timestamp(api_invocation_time) AS api_invocation_time, is_deleted FROM t) TO '"
              + file
              + "' (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write " + file, e);
    }
  }

  public Connection duck() {
    return duck;
  }

  @Override
  public void close() {
    try {
      duck.close();
    } catch (SQLException e) {
      // ignore in tests
    }
    store.close();
  }

  public static FeatureDefinition string(String name) {
    return FeatureDefinition.of(name, FeatureType.STRING);
  }

  public static FeatureDefinition fractional(String name) {
    return FeatureDefinition.of(name, FeatureType.FRACTIONAL);
  }

  public static FeatureDefinition integral(String name) {
    return FeatureDefinition.of(name, FeatureType.INTEGRAL);
  }
}
