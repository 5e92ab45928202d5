package io.quiver.storage.offline;

import io.quiver.storage.objectstore.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * One S3-compatible server (s3proxy over a temporary folder) on loopback, started on first use and
 * shared by every test of the JVM (of this module, and of modules that use this module's test jar);
 * stopped by a shutdown hook. Thread-safe.
 */
public final class S3ProxyServer {
  public static final String ACCESS_KEY = "quiver-test";
  public static final String SECRET_KEY = "quiver-test-secret";
  private static S3ProxyServer instance;

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final URI endpoint;

  private S3ProxyServer(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.endpoint = endpoint;
  }

  public static synchronized S3ProxyServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static S3ProxyServer start() {
    try {
      Path folder = Files.createTempDirectory("quiver-s3proxy");
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", folder.toString());
      BlobStoreContext context =
          ContextBuilder.newBuilder("filesystem")
              .overrides(properties)
              .build(BlobStoreContext.class);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(context.getBlobStore())
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.onSpinWait(); // start() returns before Jetty reports STARTED; this is a state poll
      }
      S3ProxyServer server =
          new S3ProxyServer(
              proxy, context.getBlobStore(), URI.create("http://127.0.0.1:" + proxy.getPort()));
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start s3proxy", e);
    }
  }

  /** Creates a bucket (idempotent). */
  public void createBucket(String bucket) {
    blobStore.createContainerInLocation(null, bucket);
  }

  /** Settings reaching this server: path-style, static credentials. */
  public S3Settings settings() {
    return S3Settings.compatible(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY);
  }

  /** The server's loopback endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // JVM exit; nothing to do.
    }
  }
}
