package io.quiver.storage.offline;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The compression codecs the offline store may write; each has a write-and-read test. */
public enum ParquetCodec {
  UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED),
  SNAPPY(CompressionCodecName.SNAPPY),
  GZIP(CompressionCodecName.GZIP),
  ZSTD(CompressionCodecName.ZSTD);

  private final CompressionCodecName parquetName;

  ParquetCodec(CompressionCodecName parquetName) {
    this.parquetName = parquetName;
  }

  CompressionCodecName parquetName() {
    return parquetName;
  }
}
