package io.quiver.server.runtime;

import static io.quiver.storage.catalog.FeatureType.FRACTIONAL;
import static io.quiver.storage.catalog.FeatureType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.server.InterceptedStore;
import io.quiver.server.http.HttpReply;
import io.quiver.server.http.WriteAnswer;
import io.quiver.storage.PutOutcome;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordPut;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A put the store cannot take without waiting is tried once more in its loop's next group before it
 * is handed to the worker pool. The store is real; the first tries' "would wait" is injected around
 * it, as another loop's commit holding the identifier's lock would cause.
 */
class GroupCommitRetryTest {
  @TempDir Path dir;
  private QuiverStore real;
  private EventExecutor loop;
  private final AtomicInteger tries = new AtomicInteger();

  @BeforeEach
  void open() {
    real = QuiverStore.open(StoreConfig.builder(dir).build());
    real.createFeatureGroup(
        FeatureGroupSpec.builder("fg")
            .recordIdentifier("id")
            .eventTime("ts")
            .feature("id", STRING)
            .feature("ts", FRACTIONAL)
            .onlineStore(OnlineStoreConfig.enabled())
            .build());
    loop = new DefaultEventExecutor();
  }

  @AfterEach
  void close() throws InterruptedException {
    loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    real.close();
  }

  @Test
  void aPutThatWouldWaitOnceIsWrittenByItsLoopsNextGroup() throws Exception {
    QuiverStore store = failingFirst(1);
    Answer a = new Answer();
    Answer b = new Answer();

    loop.submit(
            () -> {
              GroupCommit commit = new GroupCommit(store, loop);
              commit.add(put("a", 1), a);
              commit.add(put("b", 1), b);
            })
        .sync();

    assertThat(a.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    assertThat(b.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    assertThat(tries).hasValue(2); // one group, then one group of both retries
    assertThat(real.getRecord("fg", "a")).isPresent();
    assertThat(real.getRecord("fg", "b")).isPresent();
  }

  @Test
  void aPutThatWouldWaitTwiceIsHandedToTheWorkers() throws Exception {
    QuiverStore store = failingFirst(2);
    Answer a = new Answer();

    loop.submit(() -> new GroupCommit(store, loop).add(put("a", 1), a)).sync();

    assertThat(a.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("must wait");
    assertThat(tries).hasValue(2);
    assertThat(real.getRecord("fg", "a")).isEmpty();
  }

  @Test
  void aRetriedPutJoinsTheGroupOfPutsTakenMeanwhile() throws Exception {
    QuiverStore store = failingFirst(1);
    Answer a = new Answer();
    Answer later = new Answer();
    GroupCommit[] commit = new GroupCommit[1];
    loop.submit(
            () -> {
              commit[0] = new GroupCommit(store, loop);
              commit[0].add(put("a", 2), a);
            })
        .sync();
    // Taken after the first group's commit was queued: it goes in with a's retry, or after it.
    loop.submit(() -> commit[0].add(put("a", 1), later)).sync();

    assertThat(a.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    assertThat(later.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("written");
    // The older put is not kept online, whichever of the two was committed first.
    assertThat(real.getRecord("fg", "a").orElseThrow().record().getString("ts"))
        .isEqualTo("1700000002");
  }

  /** The real store, except that its first {@code failures} group commits would each wait. */
  private QuiverStore failingFirst(int failures) {
    Function<List<RecordPut>, List<PutOutcome>> tryPutEach =
        puts ->
            tries.incrementAndGet() <= failures
                ? Collections.nCopies(puts.size(), PutOutcome.wouldWait())
                : real.tryPutEach(puts);
    return InterceptedStore.wrap(
        real,
        (method, args) -> {
          if (method.getName().equals("tryPutEach")) {
            @SuppressWarnings("unchecked")
            List<RecordPut> puts = (List<RecordPut>) args[0];
            return tryPutEach.apply(puts);
          }
          return InterceptedStore.PROCEED;
        });
  }

  private static RecordPut put(String id, int second) {
    return new RecordPut(
        "fg",
        Record.builder().set("id", id).set("ts", Long.toString(1_700_000_000L + second)).build(),
        RecordWriteOptions.defaults());
  }

  /** How a put ended, as the HTTP layer would be told. */
  private static final class Answer implements WriteAnswer {
    final CompletableFuture<String> outcome = new CompletableFuture<>();

    @Override
    public void written(HttpReply reply) {
      complete("written");
    }

    @Override
    public void refused(QuiverException failure) {
      complete("refused: " + failure.getMessage());
    }

    @Override
    public void mustWait() {
      complete("must wait");
    }

    private void complete(String how) {
      if (!outcome.complete(how)) {
        throw new AssertionError("answered twice: " + outcome.join() + ", then " + how);
      }
    }
  }
}
