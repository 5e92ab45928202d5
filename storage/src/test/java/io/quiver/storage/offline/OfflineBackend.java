package io.quiver.storage.offline;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.objectstore.ObjectStoreResolver;
import io.quiver.storage.objectstore.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Where a test's offline stores live: a local folder, or a bucket of the shared s3proxy. */
enum OfflineBackend {
  LOCAL {
    @Override
    String newBaseUri(Path tmp) {
      return trim(tmp.resolve("base-" + COUNTER.incrementAndGet()).toUri().toString());
    }

    @Override
    S3Settings s3() {
      return S3Settings.defaults();
    }

    @Override
    String blockedBaseUri(Path tmp) {
      Path blocker = tmp.resolve("blocked-" + COUNTER.incrementAndGet());
      try {
        Files.writeString(blocker, "a file where the folder should be");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return trim(blocker.toUri().toString());
    }

    @Override
    void unblock(String baseUri) {
      try {
        Files.delete(Path.of(URI.create(baseUri)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },

  S3 {
    @Override
    String newBaseUri(Path tmp) {
      String bucket = "bucket-" + COUNTER.incrementAndGet();
      S3ProxyServer.get().createBucket(bucket);
      return "s3://" + bucket + "/prefix/of/store";
    }

    @Override
    S3Settings s3() {
      return S3ProxyServer.get().settings();
    }

    @Override
    String blockedBaseUri(Path tmp) {
      return "s3://missing-" + COUNTER.incrementAndGet() + "/prefix";
    }

    @Override
    void unblock(String baseUri) {
      S3ProxyServer.get().createBucket(URI.create(baseUri).getHost());
    }
  };

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** A fresh, empty, writable base location. */
  abstract String newBaseUri(Path tmp);

  abstract S3Settings s3();

  /** A base location whose writes fail until {@link #unblock}. */
  abstract String blockedBaseUri(Path tmp);

  abstract void unblock(String baseUri);

  /** A store configuration writing default-location offline stores to a fresh base. */
  StoreConfig.Builder config(Path dataDir, Path tmp) {
    return StoreConfig.builder(dataDir)
        .offlineStoreBaseUri(newBaseUri(tmp))
        .s3(s3())
        .ttlSweepInterval(java.time.Duration.ZERO);
  }

  /** Stores {@code content} at {@code key} below {@code baseUri}, as another writer would. */
  void drop(String baseUri, String key, byte[] content) {
    try (ObjectStoreResolver resolver = new ObjectStoreResolver(s3())) {
      resolver.resolve(baseUri).put(key, content);
    }
  }

  /**
   * A local folder holding the group's offline data folder: the folder itself for local stores, a
   * download of every listed file for S3 (DuckDB reads local folders only here).
   */
  Path dataFolder(QuiverStore store, String group, Path tmp) {
    String resolved = store.describeFeatureGroup(group).resolvedOutputS3Uri();
    if (this == LOCAL) {
      return Path.of(URI.create(resolved));
    }
    Path copy = tmp.resolve("download-" + COUNTER.incrementAndGet());
    String dataPath = store.describeFeatureGroup(group).offlineStoreDataPath();
    try {
      for (OfflineFile file : store.listOfflineFiles(group)) {
        Path target = copy.resolve(file.key());
        Files.createDirectories(target.getParent());
        Files.write(target, store.readOfflineFile(group, file));
      }
      Files.createDirectories(copy.resolve(dataPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy.resolve(dataPath);
  }

  private static String trim(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
