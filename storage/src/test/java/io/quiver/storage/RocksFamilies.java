package io.quiver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Test fixture: a RocksDB database opened outside the store with the default family and named ones,
 * for tests of classes that take a database and family handles. It owns the options it is given and
 * whatever a test {@link #track tracks}, and closes them all, last opened first. Not thread-safe.
 */
public final class RocksFamilies implements AutoCloseable {
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();
  private final RocksDB db;

  private RocksFamilies(Path dir, DBOptions options, Map<String, ColumnFamilyOptions> named)
      throws RocksDBException {
    RocksDB.loadLibrary();
    resources.add(options.setCreateIfMissing(true).setCreateMissingColumnFamilies(true));
    ColumnFamilyOptions defaults = track(new ColumnFamilyOptions());
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults));
    named.values().stream().distinct().forEach(resources::add);
    named.forEach(
        (name, familyOptions) ->
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(UTF_8), familyOptions)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      db = RocksDB.open(options, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      closeResources();
      throw e;
    }
    resources.add(db);
    resources.addAll(handles);
    int i = 1;
    for (String name : named.keySet()) {
      families.put(name, handles.get(i++));
    }
  }

  /** Opens (creating) the database in {@code dir} with families of the given names and options. */
  public static RocksFamilies open(
      Path dir, DBOptions options, Map<String, ColumnFamilyOptions> families)
      throws RocksDBException {
    return new RocksFamilies(dir, options, families);
  }

  /** Opens the database in {@code dir} with families of the given names and default options. */
  public static RocksFamilies open(Path dir, String... families) throws RocksDBException {
    Map<String, ColumnFamilyOptions> named = new LinkedHashMap<>();
    ColumnFamilyOptions defaults = new ColumnFamilyOptions();
    for (String family : families) {
      named.put(family, defaults);
    }
    if (named.isEmpty()) {
      defaults.close();
    }
    return new RocksFamilies(dir, new DBOptions(), named);
  }

  /** The database. */
  public RocksDB db() {
    return db;
  }

  /** The handle of family {@code name}. */
  public ColumnFamilyHandle family(String name) {
    ColumnFamilyHandle handle = families.get(name);
    if (handle == null) {
      throw new IllegalArgumentException(
          "family: " + name + " (expected one of " + families.keySet() + ")");
    }
    return handle;
  }

  /** Closes {@code resource} with the database, before it. */
  public <T extends AutoCloseable> T track(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    closeResources();
  }

  private void closeResources() {
    IllegalStateException failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Cannot close " + resources.get(i), e);
        }
      }
    }
    resources.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
