package io.quiver.server;

/**
 * An operation the server answers, on either protocol; the unit of throughput limits and metrics.
 * The constant names are SageMaker's operation names, so {@link #name()} is the wire spelling.
 */
public enum Operation {
  PutRecord(true),
  GetRecord(false),
  BatchGetRecord(false),
  DeleteRecord(true),
  CreateFeatureGroup(true),
  DescribeFeatureGroup(false),
  ListFeatureGroups(false),
  DeleteFeatureGroup(true),
  UpdateFeatureGroup(true),
  DescribeFeatureMetadata(false),
  UpdateFeatureMetadata(true),
  Search(false),
  AddTags(true),
  ListTags(false),
  DeleteTags(true);

  private final boolean writes;

  Operation(boolean writes) {
    this.writes = writes;
  }

  /**
   * Whether the operation writes to RocksDB. Writes can wait on the WAL (and on fsync with {@code
   * syncWrites}), so they run on the bounded worker pool; reads are microseconds against the block
   * cache and run on the event loop that decoded them.
   */
  public boolean writes() {
    return writes;
  }
}
