package io.quiver.spark.ingest;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A private file system instance for staging and committing: Hadoop's cached instances are shared
 * by everything in the JVM, and this one turns off the local file system's {@code .crc} side files,
 * which would otherwise follow every Parquet file into the data folder.
 */
final class StagingFileSystem {
  private StagingFileSystem() {}

  static FileSystem open(Path path, Configuration conf) throws IOException {
    FileSystem fs = FileSystem.newInstance(path.toUri(), conf);
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
    return fs;
  }
}
