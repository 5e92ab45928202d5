package io.quiver.storage.objectstore;

import io.quiver.storage.error.StorageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} on an S3 bucket and key prefix. A put is a single PutObject, which S3
 * makes visible only whole. The client is shared and owned by the {@link ObjectStoreResolver};
 * closing this store does nothing. Thread-safe.
 */
final class S3ObjectStore implements ObjectStore {
  private final S3Client client;
  private final String bucket;
  private final String prefix;

  /**
   * @param prefix the key prefix without leading or trailing {@code /}, possibly empty
   */
  S3ObjectStore(S3Client client, String bucket, String prefix) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public String baseUri() {
    return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
  }

  @Override
  public String uriOf(String key) {
    return "s3://" + bucket + "/" + fullKey(key);
  }

  @Override
  public void put(String key, byte[] content) {
    try {
      client.putObject(
          PutObjectRequest.builder()
              .bucket(bucket)
              .key(fullKey(key))
              .contentLength((long) content.length)
              .build(),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new StorageException("Cannot write " + uriOf(key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      client.deleteObject(b -> b.bucket(bucket).key(fullKey(key)));
    } catch (SdkException e) {
      throw new StorageException("Cannot delete " + uriOf(key), e);
    }
  }

  @Override
  public List<StoredObject> list(String folder) {
    String listPrefix = fullKey(folder) + "/";
    int strip = prefix.isEmpty() ? 0 : prefix.length() + 1;
    List<StoredObject> objects = new ArrayList<>();
    try {
      for (S3Object object :
          client
              .listObjectsV2Paginator(
                  ListObjectsV2Request.builder().bucket(bucket).prefix(listPrefix).build())
              .contents()) {
        if (object.key().endsWith("/")) {
          continue; // a folder marker written by some tools, not an object
        }
        objects.add(
            new StoredObject(
                object.key().substring(strip),
                "s3://" + bucket + "/" + object.key(),
                object.size()));
      }
    } catch (SdkException e) {
      throw new StorageException(
          "Cannot list s3://" + bucket + "/" + listPrefix + ": " + e.getMessage(), e);
    }
    objects.sort(Comparator.comparing(StoredObject::key));
    return objects;
  }

  @Override
  public byte[] read(String key) {
    try {
      return client.getObjectAsBytes(b -> b.bucket(bucket).key(fullKey(key))).asByteArray();
    } catch (SdkException e) {
      throw new StorageException("Cannot read " + uriOf(key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ReadableObject open(String key, long length) {
    return new S3ReadableObject(client, bucket, fullKey(key), length);
  }

  private String fullKey(String key) {
    if (key.startsWith("/") || key.contains("//")) {
      throw new IllegalArgumentException(
          "key: " + key + " (expected: a relative key without empty segments)");
    }
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  @Override
  public void close() {
    // The client belongs to the resolver.
  }
}
