package io.quiver.server.grpc;

import io.grpc.Metadata;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quiver.server.config.Operation;
import io.quiver.server.grpc.v1.PutRecordRequest;
import io.quiver.server.grpc.v1.PutRecordsResponse;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-streaming PutRecords call. Flow control is manual: the next record is requested only
 * after the previous one is written, so a fast client is slowed to the store's pace instead of
 * filling memory. Each record passes the PutRecord token bucket; the stream stops at the first
 * refused record with its status; the message and the {@link GrpcErrors#RECORDS_WRITTEN} trailer
 * say how many records were written before it.
 *
 * <p>Thread-safety: gRPC calls this observer serially; each write runs on a worker and the next
 * request is issued from there, so at most one record of the call is in flight.
 */
final class PutRecordsObserver implements StreamObserver<PutRecordRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(PutRecordsObserver.class);

  private final FeatureStoreService service;
  private final GrpcCalls calls;
  private final ServerCallStreamObserver<PutRecordsResponse> out;
  private volatile long written;
  private volatile boolean failed;
  // Guarded by this: the half-close may arrive while the last record is still being written.
  private boolean inFlight;
  private boolean halfClosed;

  private PutRecordsObserver(
      FeatureStoreService service,
      GrpcCalls calls,
      ServerCallStreamObserver<PutRecordsResponse> out) {
    this.service = service;
    this.calls = calls;
    this.out = out;
  }

  static StreamObserver<PutRecordRequest> start(
      FeatureStoreService service, GrpcCalls calls, StreamObserver<PutRecordsResponse> out) {
    ServerCallStreamObserver<PutRecordsResponse> call =
        (ServerCallStreamObserver<PutRecordsResponse>) out;
    call.disableAutoRequest();
    PutRecordsObserver observer = new PutRecordsObserver(service, calls, call);
    call.request(1);
    return observer;
  }

  @Override
  public void onNext(PutRecordRequest request) {
    if (failed) {
      return;
    }
    long start = System.nanoTime();
    try {
      calls.limits().acquire(Operation.PutRecord);
      setInFlight(true);
      calls.workers().execute(() -> write(request, start));
    } catch (QuiverException e) {
      setInFlight(false);
      if (e.code() == ErrorCode.THROTTLING) {
        calls.metrics().recordThrottled(GrpcCalls.PROTOCOL, Operation.PutRecord);
      }
      fail(e, start);
    }
  }

  private void write(PutRecordRequest request, long start) {
    try {
      service.put(request);
    } catch (QuiverException e) {
      fail(e, start);
      return;
    } catch (RuntimeException e) {
      LOG.error("PutRecords failed unexpectedly", e);
      fail(new StorageException("Internal failure; see the server log", e), start);
      return;
    }
    written++; // single writer: records of one call are written one at a time
    calls
        .metrics()
        .recordRequest(GrpcCalls.PROTOCOL, Operation.PutRecord, "OK", System.nanoTime() - start);
    boolean finish;
    synchronized (this) {
      inFlight = false;
      finish = halfClosed;
    }
    if (finish) {
      respond();
    } else {
      out.request(1);
    }
  }

  private synchronized void setInFlight(boolean value) {
    inFlight = value;
  }

  private void respond() {
    out.onNext(PutRecordsResponse.newBuilder().setRecordsWritten(written).build());
    out.onCompleted();
  }

  private void fail(QuiverException e, long start) {
    failed = true;
    QuiverException annotated = new AnnotatedFailure(e, written);
    Metadata trailers = new Metadata();
    trailers.put(GrpcErrors.RECORDS_WRITTEN, Long.toString(written));
    calls.fail(Operation.PutRecord, out, annotated, start, trailers);
  }

  @Override
  public void onError(Throwable t) {
    LOG.debug("PutRecords cancelled by the client after {} records", written, t);
  }

  @Override
  public void onCompleted() {
    boolean finish;
    synchronized (this) {
      halfClosed = true;
      finish = !inFlight && !failed;
    }
    if (finish) {
      respond();
    }
  }

  /** A failure whose message also says how many records were written before it. */
  private static final class AnnotatedFailure extends QuiverException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    AnnotatedFailure(QuiverException cause, long written) {
      super(
          cause.getMessage()
              + " (record "
              + (written + 1)
              + " of the stream; "
              + written
              + " records written before it)",
          cause);
      this.code = cause.code();
    }

    @Override
    public ErrorCode code() {
      return code;
    }
  }
}
