package io.quiver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RocksLogForwarderTest {
  @Test
  void routineNoticesOfABulkLoadAreNotWarnings() {
    assertThat(
            RocksLogForwarder.isRoutine(
                "[ble/block_based/block_based_table_reader.cc:1093] [/data/bulk/17.sst] Tail"
                    + " prefetch size 524288 is calculated based on heuristics."))
        .isTrue();
    assertThat(
            RocksLogForwarder.isRoutine(
                "[ble/block_based/block_based_table_reader.cc:970] At least one SST file opened"
                    + " without unique ID to verify: 8.sst"))
        .isTrue();
  }

  @Test
  void aDamagedLogIsStillAWarning() {
    assertThat(
            RocksLogForwarder.isRoutine(
                "[db/db_impl/db_impl_open.cc:1020] /data/online/000012.log: dropping 32 bytes;"
                    + " Corruption: checksum mismatch"))
        .isFalse();
  }
}
