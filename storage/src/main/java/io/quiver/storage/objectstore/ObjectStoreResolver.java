package io.quiver.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens the {@link ObjectStore} of a base URI ({@code file:///folder} or {@code
 * s3://bucket/prefix}) and keeps it for reuse. All {@code s3://} locations share one S3 client,
 * created on first use from the {@link S3Settings}. Thread-safe; closing closes every store and the
 * client.
 */
public final class ObjectStoreResolver implements AutoCloseable {
  private final S3Settings s3;
  private final Map<String, ObjectStore> stores = new ConcurrentHashMap<>();
  private @Nullable S3Client client;
  private volatile boolean closed;

  /** A resolver that reaches S3 as {@code s3} says. */
  public ObjectStoreResolver(S3Settings s3) {
    this.s3 = requireNonNull(s3, "s3");
  }

  /**
   * Checks that {@code baseUri} names a location this resolver can open, without opening it.
   *
   * @throws IllegalArgumentException if it is not a {@code file://} folder or {@code s3://} bucket
   */
  public static void check(String baseUri) {
    parse(baseUri);
  }

  /**
   * The store at {@code baseUri}.
   *
   * @throws IllegalArgumentException if it is not a {@code file://} folder or {@code s3://} bucket
   * @throws IllegalStateException if the resolver is closed
   */
  public ObjectStore resolve(String baseUri) {
    String key = LocalObjectStore.trimSlash(baseUri);
    ObjectStore store = stores.get(key);
    return store != null ? store : stores.computeIfAbsent(key, this::open);
  }

  private ObjectStore open(String baseUri) {
    if (closed) {
      throw new IllegalStateException(
          "Cannot open " + baseUri + ": the object store resolver is closed");
    }
    URI uri = parse(baseUri);
    if ("file".equals(uri.getScheme())) {
      return new LocalObjectStore(Path.of(uri));
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = LocalObjectStore.trimSlash(path.startsWith("/") ? path.substring(1) : path);
    return new S3ObjectStore(client(), uri.getHost(), prefix);
  }

  private static URI parse(String baseUri) {
    URI uri;
    try {
      uri = new URI(baseUri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUri: " + baseUri + " (expected: file:///folder or s3://bucket/prefix)", e);
    }
    if ("file".equals(uri.getScheme())) {
      if (uri.getAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/")) {
        throw new IllegalArgumentException(
            "baseUri: " + baseUri + " (expected: file:///absolute/folder, without host)");
      }
      return uri;
    }
    if ("s3".equals(uri.getScheme())) {
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new IllegalArgumentException(
            "baseUri: " + baseUri + " (expected: s3://bucket/prefix with a bucket name)");
      }
      return uri;
    }
    throw new IllegalArgumentException(
        "baseUri: " + baseUri + " (expected: file:///folder or s3://bucket/prefix)");
  }

  private synchronized S3Client client() {
    if (closed) {
      throw new IllegalStateException("Cannot open S3: the object store resolver is closed");
    }
    if (client == null) {
      client = S3ClientFactory.create(s3);
    }
    return client;
  }

  @Override
  public void close() {
    S3Client opened;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      opened = client;
    }
    // Not under the monitor: open() runs inside the map's computeIfAbsent and takes the monitor.
    stores.values().forEach(ObjectStore::close);
    if (opened != null) {
      opened.close();
    }
  }
}
