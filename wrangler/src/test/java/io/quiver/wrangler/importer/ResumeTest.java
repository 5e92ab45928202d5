package io.quiver.wrangler.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a failed import said how many rows were committed but not where to pick up, and a rerun
 * wrote the committed rows to the offline history again. The summary now names the row to resume
 * at, and {@code skipRows} resumes there.
 */
class ResumeTest {
  @TempDir Path tmp;
  ImportFixture fx;
  String in;

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
    fx.create(
        io.quiver.storage.catalog.FeatureGroupSpec.builder("g")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", FeatureType.STRING)
            .feature("ts", FeatureType.FRACTIONAL));
    String[] lines = new String[11];
    lines[0] = "id,ts";
    for (int i = 1; i <= 10; i++) {
      lines[i] = "r" + i + "," + i + ".0";
    }
    in = fx.file("in.csv", lines).toString();
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private ImportSummary run(RecordSink sink, ImportConfig config) {
    try (ImportSource source = ImportSource.open(in, SourceOptions.defaults())) {
      return Importer.create(sink, config).run(source, "g", ImportListener.silent());
    }
  }

  private static ImportConfig.Builder batchesOf(int rows) {
    return ImportConfig.builder().batchSize(rows);
  }

  @Test
  void skipRowsPassesOverTheStartOfTheInput() {
    RecordingSink sink = new RecordingSink(fx.store, -1);

    ImportSummary summary = run(sink, batchesOf(3).skipRows(4).build());

    assertThat(sink.identifiers).containsExactly("r5", "r6", "r7", "r8", "r9", "r10");
    assertThat(summary.rowsRead()).isEqualTo(6);
    assertThat(summary.resumeAt()).isEqualTo(10);
  }

  @Test
  void aFailedWriteResumesAtTheFirstRecordNotCommittedAndTheResumedRunWritesEachRowOnce() {
    // batches of 3: [r1 r2 r3] [r4 r5 r6] [r7 ...]: the second is cut after r4
    RecordingSink failing = new RecordingSink(fx.store, 4);

    assertThatThrownBy(() -> run(failing, batchesOf(3).writerThreads(1).build()))
        .isInstanceOfSatisfying(
            ImportFailedException.class,
            e -> {
              assertThat(e.summary().rowsWritten()).isEqualTo(4);
              assertThat(e.summary().resumeAt()).isEqualTo(4);
              assertThat(e.summary().committedPastResume()).isZero();
            });

    RecordingSink resumed = new RecordingSink(fx.store, -1);
    run(resumed, batchesOf(3).skipRows(4).build());

    List<String> all = new ArrayList<>(failing.identifiers);
    all.addAll(resumed.identifiers);
    assertThat(all).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10");
  }

  @Test
  void aBadRowResumesAtTheStartOfItsBatch() {
    fx.file("in.csv", "id,ts", "r1,1.0", "r2,2.0", "r3,3.0", "r4,x", "r5,5.0");
    RecordingSink sink = new RecordingSink(fx.store, -1);

    assertThatThrownBy(() -> run(sink, batchesOf(2).skipRows(0).build()))
        .isInstanceOfSatisfying(
            ImportFailedException.class, e -> assertThat(e.summary().resumeAt()).isEqualTo(2));
    assertThat(sink.identifiers).containsExactly("r1", "r2");
  }

  @Test
  void batchesCommittedPastAFailedOneAreCounted() throws Exception {
    // Two writers: the first batch fails only once the second has committed.
    CountDownLatch secondCommitted = new CountDownLatch(1);
    RecordSink sink =
        new RecordSink() {
          @Override
          public FeatureGroup describe(String featureGroup) {
            return fx.store.describeFeatureGroup(featureGroup);
          }

          @Override
          public void write(String featureGroup, List<Record> batch, LongConsumer committed) {
            if (batch.get(0).getString("id").equals("r1")) {
              try {
                secondCommitted.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new StorageException("disk full");
            }
            committed.accept(batch.size());
            if (batch.get(0).getString("id").equals("r6")) {
              secondCommitted.countDown();
            }
          }
        };

    assertThatThrownBy(() -> run(sink, batchesOf(5).writerThreads(2).build()))
        .isInstanceOfSatisfying(
            ImportFailedException.class,
            e -> {
              assertThat(e.summary().resumeAt()).isZero();
              assertThat(e.summary().committedPastResume()).isEqualTo(5);
            });
  }

  /** Writes to the store and records what it wrote, failing after {@code failAfter} records. */
  private static final class RecordingSink implements RecordSink {
    final List<String> identifiers = new ArrayList<>();
    private final io.quiver.storage.QuiverStore store;
    private final int failAfter;

    RecordingSink(io.quiver.storage.QuiverStore store, int failAfter) {
      this.store = store;
      this.failAfter = failAfter;
    }

    @Override
    public FeatureGroup describe(String featureGroup) {
      return store.describeFeatureGroup(featureGroup);
    }

    @Override
    public synchronized void write(String featureGroup, List<Record> batch, LongConsumer done) {
      for (Record record : batch) {
        if (identifiers.size() == failAfter) {
          throw new StorageException("connection lost");
        }
        store.putRecord(featureGroup, record);
        identifiers.add(record.getString("id"));
        done.accept(1);
      }
    }

    @Override
    public int maxConcurrentWrites() {
      return 1;
    }
  }
}
