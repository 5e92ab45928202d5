package io.quiver.storage.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which offline files get dictionary pages: only those with enough rows for values to repeat. */
class OfflineFileDictionaryTest {
  /** 2024-03-05T10:00:00Z in epoch seconds. */
  static final double HOUR = 1_709_632_800.0;

  @TempDir Path tmp;

  @Test
  void aFileOfFewRowsHasNoDictionaryAndALargeOneKeepsItsDictionaries() throws IOException {
    int few = OfflineFileWriter.DICTIONARY_MIN_ROWS - 1;
    int many = OfflineFileWriter.DICTIONARY_MIN_ROWS;
    try (QuiverStore store = QuiverStore.open(StoreConfig.builder(tmp.resolve("data")).build())) {
      store.createFeatureGroup(
          FeatureGroupSpec.builder("g")
              .recordIdentifier("id")
              .eventTime("ts")
              .feature("id", FeatureType.STRING)
              .feature("ts", FeatureType.FRACTIONAL)
              .feature("city", FeatureType.STRING)
              .offlineStore(OfflineStoreConfig.at(tmp.resolve("offline").toUri().toString()))
              .build());
      // One hour of few rows, the next of many; the city repeats in both.
      List<Record> first = new ArrayList<>();
      for (int i = 0; i < few; i++) {
        first.add(row("a" + i, HOUR + i % 3600));
      }
      List<Record> second = new ArrayList<>();
      for (int i = 0; i < many; i++) {
        second.add(row("b" + i, HOUR + 3600 + i % 3600));
      }
      store.putRecords("g", first, io.quiver.storage.RecordWriteOptions.defaults());
      store.putRecords("g", second, io.quiver.storage.RecordWriteOptions.defaults());
      store.flush();

      Map<Long, Map<String, Boolean>> dictionaries = new TreeMap<>();
      for (OfflineFile file : store.listOfflineFiles("g")) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(new LocalInputFile(Path.of(URI.create(file.uri()))))) {
          long rows = 0;
          Map<String, Boolean> byColumn = new TreeMap<>();
          for (BlockMetaData block : reader.getFooter().getBlocks()) {
            rows += block.getRowCount();
            for (ColumnChunkMetaData column : block.getColumns()) {
              byColumn.merge(
                  column.getPath().toDotString(), column.hasDictionaryPage(), (a, b) -> a || b);
            }
          }
          dictionaries.put(rows, byColumn);
        }
      }

      assertThat(dictionaries).containsOnlyKeys((long) few, (long) many);
      assertThat(dictionaries.get((long) few)).doesNotContainValue(true);
      assertThat(dictionaries.get((long) many)).containsEntry("city", true);
    }
  }

  private static Record row(String id, double ts) {
    return Record.builder().set("id", id).set("ts", ts).set("city", "Zürich").build();
  }
}
