package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.PutOutcome;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordPut;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/** Closing the server finishes requests in flight and refuses new connections. */
class GracefulShutdownTest {
  @TempDir Path dataDir;

  @Test
  void closeDrainsAWriteInFlight() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    QuiverStore real = QuiverStore.open(StoreConfig.builder(dataDir).build());
    QuiverStore store =
        InterceptedStore.wrap(
            real,
            (method, args) -> {
              // The slow write declines to run on the event loop, so it goes to the worker pool.
              if (method.getName().equals("tryPutRecord")
                  && ((Record) args[1]).getString("id").equals("slow")) {
                return false;
              }
              if (method.getName().equals("tryPutEach")) {
                List<?> puts = (List<?>) args[0];
                if (puts.stream()
                    .anyMatch(p -> ((RecordPut) p).record().getString("id").equals("slow"))) {
                  return Collections.nCopies(puts.size(), PutOutcome.wouldWait());
                }
              }
              if (method.getName().equals("putRecord")
                  && args.length == 3
                  && ((Record) args[1]).getString("id").equals("slow")) {
                entered.countDown();
                release.await();
              }
              return InterceptedStore.PROCEED;
            });
    ServerFixture fixture = ServerFixture.start(store, b -> b);
    SageMakerFeatureStoreRuntimeClient runtime = fixture.runtime();
    FeatureGroups.create(fixture.control(), "fg");
    CompletableFuture<Void> put =
        CompletableFuture.runAsync(
            () ->
                runtime.putRecord(
                    r ->
                        r.featureGroupName("fg")
                            .record(SdkRecords.record("slow", "1700000000", "1"))));
    entered.await();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(fixture.server()::close);
    release.countDown();
    put.get(); // the write in flight finishes with 200
    closing.get();
    assertThat(real.getRecord("fg", "slow")).isPresent();
    assertThatThrownBy(
            () ->
                runtime.getRecord(
                    r -> r.featureGroupName("fg").recordIdentifierValueAsString("slow")))
        .isInstanceOf(SdkClientException.class);
    runtime.close();
    fixture.close();
  }
}
