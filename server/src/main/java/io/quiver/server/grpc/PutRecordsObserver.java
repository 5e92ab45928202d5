package io.quiver.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Metadata;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quiver.protocol.codec.GrpcCodec;
import io.quiver.protocol.codec.GrpcErrors;
import io.quiver.protocol.v1.PutRecordRequest;
import io.quiver.protocol.v1.PutRecordsResponse;
import io.quiver.server.config.Operation;
import io.quiver.storage.PutRecordsResult;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordWriteOptions;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.Record;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-streaming PutRecords call: records committed in stream order, consecutive ones
 * together.
 *
 * <p>Design. Messages are decoded as they arrive, on the transport thread, into a bounded buffer.
 * One writer at a time (a task on the worker pool) takes the consecutive buffered records of one
 * group and one set of write options, up to {@value #CHUNK_RECORDS_MAX}, and commits them with one
 * {@link QuiverStore#tryPutRecords}, while the transport decodes the next ones. Flow control is
 * manual: the call asks for more messages only while the buffer has room ({@value
 * #BUFFERED_RECORDS_MAX} records, {@value #BUFFERED_BYTES_MAX} bytes, at most {@value
 * #REQUESTED_MAX} messages asked for and not yet arrived), so a fast client is held to the store's
 * pace and a stream holds at most the buffer plus {@value #REQUESTED_MAX} messages of the server's
 * maximum request size.
 *
 * <p>Limits. Every record takes a PutRecord token; a chunk takes what the bucket holds, is written
 * that far, and the stream then ends with ThrottlingException, its trailers saying how many records
 * were written, the limit, and when the bucket will have room ({@link GrpcErrors}). A successful
 * response also carries the limit, so that a client can pace itself below it.
 *
 * <p>Guarantees. The stream stops at the first refused record with its status; the message and the
 * {@link GrpcErrors#RECORDS_WRITTEN} trailer say exactly how many records were committed before it,
 * and nothing after it is.
 *
 * <p>Thread-safety: gRPC calls the observer serially; the buffer and the flags are guarded by this
 * object; at most one writer task runs at a time, and only it adds to {@code written}; calls on the
 * response observer are serialized by {@code outLock}.
 */
final class PutRecordsObserver implements StreamObserver<PutRecordRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(PutRecordsObserver.class);

  /** Records committed by one store write at most. */
  static final int CHUNK_RECORDS_MAX = 512;

  /** Decoded records waiting for the writer, at most. */
  static final int BUFFERED_RECORDS_MAX = 2 * CHUNK_RECORDS_MAX;

  /** Bytes of decoded messages waiting for the writer beyond which no more are asked for. */
  static final int BUFFERED_BYTES_MAX = 4 << 20;

  /** Messages asked for and not yet arrived, at most. */
  static final int REQUESTED_MAX = 32;

  private final QuiverStore store;
  private final GrpcCalls calls;
  private final ServerCallStreamObserver<PutRecordsResponse> out;
  private final Object outLock = new Object();
  private final long start = System.nanoTime();

  private final ArrayDeque<Pending> buffered = new ArrayDeque<>();
  private long bufferedBytes;
  private int requested;
  private boolean writing;
  private boolean halfClosed;
  private boolean finished;
  private final AtomicLong written = new AtomicLong();

  private PutRecordsObserver(
      QuiverStore store, GrpcCalls calls, ServerCallStreamObserver<PutRecordsResponse> out) {
    this.store = store;
    this.calls = calls;
    this.out = out;
  }

  static StreamObserver<PutRecordRequest> start(
      QuiverStore store, GrpcCalls calls, StreamObserver<PutRecordsResponse> out) {
    ServerCallStreamObserver<PutRecordsResponse> call =
        (ServerCallStreamObserver<PutRecordsResponse>) out;
    call.disableAutoRequest();
    PutRecordsObserver observer = new PutRecordsObserver(store, calls, call);
    observer.topUp();
    return observer;
  }

  /** One decoded message: a record and its options, or why it cannot be one. */
  private record Pending(
      String group,
      @Nullable Record record,
      @Nullable RecordWriteOptions options,
      @Nullable QuiverException refused,
      int bytes) {

    static Pending of(PutRecordRequest request) {
      int bytes = request.getSerializedSize();
      try {
        return new Pending(
            request.getFeatureGroupName(),
            GrpcCodec.toRecord(request.getRecordList()),
            GrpcCodec.writeOptions(
                request.getTargetStoresList(),
                request.hasTtlDuration() ? request.getTtlDuration() : null),
            null,
            bytes);
      } catch (QuiverException e) {
        return new Pending(request.getFeatureGroupName(), null, null, e, bytes);
      }
    }

    boolean joins(Pending first) {
      return refused == null && group.equals(first.group) && Objects.equals(options, first.options);
    }
  }

  @Override
  public void onNext(PutRecordRequest request) {
    Pending item = Pending.of(request);
    boolean startWriter;
    synchronized (this) {
      if (finished) {
        return;
      }
      requested--;
      buffered.add(item);
      bufferedBytes += item.bytes();
      startWriter = !writing;
      writing = true;
    }
    if (startWriter) {
      startWriter();
    }
    topUp();
  }

  @Override
  public void onCompleted() {
    boolean respond;
    synchronized (this) {
      halfClosed = true;
      respond = !writing && !finished;
      finished |= respond;
    }
    if (respond) {
      respond();
    }
  }

  @Override
  public void onError(Throwable t) {
    synchronized (this) {
      finished = true;
      buffered.clear();
    }
    LOG.debug("PutRecords cancelled by the client after {} records", written, t);
  }

  /** Asks for more messages if the buffer has room for them. */
  private void topUp() {
    int more;
    synchronized (this) {
      if (finished || halfClosed || bufferedBytes >= BUFFERED_BYTES_MAX) {
        return;
      }
      more =
          Math.min(REQUESTED_MAX - requested, BUFFERED_RECORDS_MAX - buffered.size() - requested);
      // Ask in steps, not one message at a time, unless nothing at all is on its way.
      if (more <= 0 || (more < REQUESTED_MAX / 2 && requested > 0)) {
        return;
      }
      requested += more;
    }
    synchronized (outLock) {
      out.request(more);
    }
  }

  private void startWriter() {
    try {
      calls.workers().execute(this::writeBuffered);
    } catch (QuiverException e) {
      if (e.code() == ErrorCode.THROTTLING) {
        calls.metrics().recordThrottled(GrpcCalls.PROTOCOL, Operation.PutRecord);
      }
      fail(e, new Metadata());
    }
  }

  /** The writer task: commits buffered records a chunk at a time until the buffer is empty. */
  private void writeBuffered() {
    while (true) {
      List<Pending> chunk = new ArrayList<>();
      boolean respond = false;
      synchronized (this) {
        if (finished) {
          writing = false;
          return;
        }
        if (buffered.isEmpty()) {
          writing = false;
          respond = halfClosed;
          finished = respond;
        } else {
          take(chunk);
        }
      }
      if (chunk.isEmpty()) {
        if (respond) {
          respond();
        }
        return;
      }
      topUp();
      if (!write(chunk)) {
        return;
      }
    }
  }

  /** Moves the next chunk from the buffer to {@code chunk}; holds the lock. */
  private void take(List<Pending> chunk) {
    Pending first = buffered.poll();
    chunk.add(first);
    bufferedBytes -= first.bytes();
    if (first.refused() != null) {
      return;
    }
    while (chunk.size() < CHUNK_RECORDS_MAX
        && !buffered.isEmpty()
        && buffered.peek().joins(first)) {
      Pending next = buffered.poll();
      chunk.add(next);
      bufferedBytes -= next.bytes();
    }
  }

  /** Commits as much of {@code chunk} as the limit admits; false once the stream has ended. */
  private boolean write(List<Pending> chunk) {
    long chunkStart = System.nanoTime();
    Pending first = chunk.get(0);
    if (first.refused() != null) {
      fail(first.refused(), new Metadata());
      return false;
    }
    int admitted = calls.limits().acquireUpTo(Operation.PutRecord, chunk.size());
    List<Record> records = new ArrayList<>(admitted);
    for (int i = 0; i < admitted; i++) {
      records.add(chunk.get(i).record());
    }
    try {
      if (admitted > 0) {
        PutRecordsResult result =
            store.tryPutRecords(
                first.group(), records, requireNonNull(first.options(), "an admitted request"));
        if (result.refused() != null) {
          written.addAndGet(result.written());
          fail(result.refused(), new Metadata());
          return false;
        }
      }
    } catch (QuiverException e) {
      fail(e, new Metadata());
      return false;
    } catch (RuntimeException e) {
      LOG.error("PutRecords failed unexpectedly", e);
      fail(new StorageException("Internal failure; see the server log", e), new Metadata());
      return false;
    }
    written.addAndGet(admitted);
    long nanos = System.nanoTime() - chunkStart;
    for (int i = 0; i < admitted; i++) {
      calls.metrics().recordRequest(GrpcCalls.PROTOCOL, Operation.PutRecord, "OK", nanos);
    }
    if (admitted < chunk.size()) {
      calls.metrics().recordThrottled(GrpcCalls.PROTOCOL, Operation.PutRecord);
      Metadata trailers = new Metadata();
      // Until the bucket holds what a pacing client sends next: half a second's worth, at most.
      int limit = calls.limits().tps(Operation.PutRecord);
      long wait =
          calls
              .limits()
              .nanosUntilAvailable(
                  Operation.PutRecord, Math.min(chunk.size() - admitted, Math.max(1, limit / 2)));
      trailers.put(
          GrpcErrors.RETRY_AFTER_MILLIS,
          Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait))));
      trailers.put(GrpcErrors.PUT_RECORD_LIMIT, Integer.toString(limit));
      fail(calls.limits().overLimit(Operation.PutRecord), trailers);
      return false;
    }
    return true;
  }

  private void respond() {
    PutRecordsResponse response =
        PutRecordsResponse.newBuilder()
            .setRecordsWritten(written.get())
            .setPutRecordLimit(calls.limits().tps(Operation.PutRecord))
            .build();
    synchronized (outLock) {
      out.onNext(response);
      out.onCompleted();
    }
  }

  private void fail(QuiverException e, Metadata trailers) {
    synchronized (this) {
      finished = true;
      buffered.clear();
    }
    long before = written.get();
    trailers.put(GrpcErrors.RECORDS_WRITTEN, Long.toString(before));
    synchronized (outLock) {
      calls.fail(Operation.PutRecord, out, new AnnotatedFailure(e, before), start, trailers);
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
