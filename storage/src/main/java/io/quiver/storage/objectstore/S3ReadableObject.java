package io.quiver.storage.objectstore;

import io.quiver.storage.error.StorageException;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 object read with one ranged GetObject per read; readers batch their reads (a Parquet reader
 * fetches the footer, then whole column chunks). Thread-safe; holds no connection between reads.
 */
final class S3ReadableObject implements ReadableObject {
  private final S3Client client;
  private final String bucket;
  private final String key;
  private final long length;

  S3ReadableObject(S3Client client, String bucket, String key, long length) {
    this.client = client;
    this.bucket = bucket;
    this.key = key;
    this.length = length;
  }

  @Override
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void read(long position, ByteBuffer into) {
    int count = into.remaining();
    ReadableRanges.check(this, position, count);
    if (count == 0) {
      return;
    }
    String range = "bytes=" + position + "-" + (position + count - 1);
    byte[] bytes;
    try {
      bytes =
          client.getObjectAsBytes(b -> b.bucket(bucket).key(key).range(range)).asByteArrayUnsafe();
    } catch (SdkException e) {
      throw new StorageException("Cannot read " + uri() + " (" + range + "): " + e.getMessage(), e);
    }
    if (bytes.length != count) {
      throw new StorageException(
          "Cannot read "
              + uri()
              + " ("
              + range
              + "): S3 returned "
              + bytes.length
              + " bytes (expected: "
              + count
              + "; was the object replaced?)");
    }
    into.put(bytes);
  }

  @Override
  public void close() {
    // Nothing held between reads.
  }

  @Override
  public String toString() {
    return uri();
  }
}
