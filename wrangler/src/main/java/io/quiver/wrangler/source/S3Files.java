package io.quiver.wrangler.source;

import io.quiver.storage.objectstore.S3ClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Resolves {@code s3://bucket/key}, {@code s3://bucket/prefix/} and {@code s3://bucket/glob} to
 * objects, read through one S3 client that {@link #close()} releases. AWS SDK failures are
 * translated here, once. Not thread-safe.
 */
final class S3Files implements AutoCloseable {
  private final S3Client client;

  private S3Files(S3Client client) {
    this.client = client;
  }

  static S3Files connect(SourceOptions options) {
    return new S3Files(S3ClientFactory.create(options.s3()));
  }

  List<SourceFile> resolve(String location) {
    URI uri = URI.create(location);
    String bucket = uri.getHost();
    if (!"s3".equals(uri.getScheme()) || bucket == null) {
      throw new IllegalArgumentException("location: " + location + " (expected: s3://bucket/key)");
    }
    String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    int glob = LocalFiles.firstGlobChar(key);
    List<SourceFile> files = new ArrayList<>();
    try {
      if (glob < 0 && !key.isEmpty() && !key.endsWith("/")) {
        HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
        files.add(new S3File(bucket, key, head.contentLength()));
        return files;
      }
      String prefix = glob < 0 ? key : key.substring(0, glob);
      @Nullable PathMatcher matcher =
          glob < 0 ? null : FileSystems.getDefault().getPathMatcher("glob:" + key);
      ListObjectsV2Request request =
          ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
      for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
        if (object.key().endsWith("/")
            || LocalFiles.isMarker(Path.of(object.key()))
            || (matcher != null && !matcher.matches(Path.of(object.key())))) {
          continue;
        }
        files.add(new S3File(bucket, object.key(), object.size()));
      }
    } catch (SdkException e) {
      throw new SourceException("Cannot list " + location + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot find " + location + ": the pattern matches no object");
    }
    return files;
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * One object; a local copy, when asked for, is a temporary file deleted by {@link #release()}.
   */
  private final class S3File implements SourceFile {
    private final String bucket;
    private final String key;
    private final long size;
    private @Nullable Path download;

    S3File(String bucket, String key, long size) {
      this.bucket = bucket;
      this.key = key;
      this.size = size;
    }

    @Override
    public String name() {
      return "s3://" + bucket + "/" + key;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public InputStream openStream() {
      try {
        return client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
      } catch (SdkException e) {
        throw new SourceException("Cannot read " + name() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Path localPath() {
      if (download == null) {
        try {
          Path file = Files.createTempFile("quiver-import-", "-" + Path.of(key).getFileName());
          Files.delete(file);
          client.getObject(
              GetObjectRequest.builder().bucket(bucket).key(key).build(),
              ResponseTransformer.toFile(file));
          download = file;
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot download " + name(), e);
        } catch (SdkException e) {
          throw new SourceException("Cannot read " + name() + ": " + e.getMessage(), e);
        }
      }
      return download;
    }

    @Override
    public void release() {
      if (download != null) {
        try {
          Files.deleteIfExists(download);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot delete the temporary copy " + download, e);
        }
        download = null;
      }
    }
  }
}
