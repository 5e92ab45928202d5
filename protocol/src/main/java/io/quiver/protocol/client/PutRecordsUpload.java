package io.quiver.protocol.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quiver.protocol.codec.GrpcCodec;
import io.quiver.protocol.v1.PutRecordRequest;
import io.quiver.protocol.v1.PutRecordsResponse;
import io.quiver.storage.TargetStore;
import io.quiver.storage.record.Record;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The client side of one PutRecords stream carrying one batch. Flow control follows the transport:
 * records are sent only while the call {@linkplain ClientCallStreamObserver#isReady() is ready}, so
 * a slow server holds the client back rather than the client buffering the batch twice. {@link
 * #result()} completes with the server's count of written records, or with the call's failure.
 *
 * <p>Thread-safety: gRPC calls the handlers serially; the result is safe to read from any thread.
 */
public final class PutRecordsUpload
    implements ClientResponseObserver<PutRecordRequest, PutRecordsResponse> {
  private final String featureGroup;
  private final List<io.quiver.protocol.v1.TargetStore> targetStores;
  private final Iterator<Record> records;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private long written;
  private volatile long putRecordLimit;
  private boolean halfClosed;
  private @Nullable ClientCallStreamObserver<PutRecordRequest> call;

  /**
   * An upload of {@code batch} to {@code featureGroup}, to pass to {@link
   * FeatureStoreClient#putRecords}.
   */
  public PutRecordsUpload(String featureGroup, List<Record> batch) {
    this(featureGroup, batch, Set.of());
  }

  /**
   * An upload of {@code batch} to {@code targetStores} of {@code featureGroup} (every store of the
   * group when empty), to pass to {@link FeatureStoreClient#putRecords}.
   */
  public PutRecordsUpload(String featureGroup, List<Record> batch, Set<TargetStore> targetStores) {
    this.featureGroup = featureGroup;
    this.targetStores = GrpcCodec.fromTargetStores(targetStores);
    this.records = batch.iterator();
  }

  /**
   * Completes with how many records the server wrote, or with the call's failure (a {@link
   * io.grpc.StatusRuntimeException} whose trailers say how many were written before it: {@link
   * io.quiver.protocol.codec.GrpcErrors#RECORDS_WRITTEN}).
   */
  public CompletableFuture<Long> result() {
    return result;
  }

  /** The server's PutRecord limit in records per second, once it answered; 0 before. */
  public long putRecordLimit() {
    return putRecordLimit;
  }

  /** Abandons the stream, for a writer that stops waiting for it. */
  public void cancel(String reason) {
    if (call != null) {
      call.cancel(reason, null);
    }
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<PutRecordRequest> requestStream) {
    this.call = requestStream;
    requestStream.setOnReadyHandler(() -> sendWhileReady(requestStream));
  }

  private void sendWhileReady(ClientCallStreamObserver<PutRecordRequest> call) {
    while (!halfClosed && !result.isDone() && call.isReady()) {
      if (!records.hasNext()) {
        halfClosed = true;
        call.onCompleted();
        return;
      }
      call.onNext(
          PutRecordRequest.newBuilder()
              .setFeatureGroupName(featureGroup)
              .addAllTargetStores(targetStores)
              .addAllRecord(GrpcCodec.fromRecord(records.next()))
              .build());
    }
  }

  @Override
  public void onNext(PutRecordsResponse response) {
    written = response.getRecordsWritten();
    putRecordLimit = response.getPutRecordLimit();
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    result.complete(written);
  }
}
