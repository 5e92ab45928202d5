package io.quiver.storage.internal.online;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.Filter;

/**
 * The SST format of the online column family, in one place so that the store and the raw-RocksDB
 * baseline of the benchmarks cannot drift apart. Stateless.
 */
public final class OnlineTableFormat {
  /** Bits per key of the online family's Bloom filter. */
  public static final double BLOOM_BITS_PER_KEY = 10;

  /**
   * Share of the online family's write buffer given to a whole-key Bloom filter in the memtable, so
   * that the write path's read of an identifier the memtable does not hold (most of them) skips the
   * memtable's skip-list search.
   */
  public static final double MEMTABLE_BLOOM_RATIO = 0.02;

  private OnlineTableFormat() {}

  /**
   * The table options: whole-key Bloom filters (point reads by identifier), 16 KB blocks, index and
   * filter blocks in {@code blockCache} with level 0's pinned.
   *
   * @param bloom a filter of {@link #BLOOM_BITS_PER_KEY} bits per key; the caller closes it, and
   *     {@code blockCache}, after the database
   */
  public static BlockBasedTableConfig create(Cache blockCache, Filter bloom) {
    return new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setFilterPolicy(bloom)
        .setWholeKeyFiltering(true)
        .setBlockSize(16 * 1024)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
  }
}
