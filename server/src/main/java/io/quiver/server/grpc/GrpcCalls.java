package io.quiver.server.grpc;

import io.grpc.Metadata;
import io.grpc.stub.StreamObserver;
import io.quiver.protocol.codec.GrpcErrors;
import io.quiver.server.config.Operation;
import io.quiver.server.limits.ThroughputLimits;
import io.quiver.server.limits.WorkerPool;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.error.StorageException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one unary call the way the HTTP port runs a request: throughput admission first, reads in
 * place, writes on the worker pool, failures mapped to status codes, metrics recorded. Thread-safe.
 */
final class GrpcCalls {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcCalls.class);
  static final String PROTOCOL = "grpc";

  private final ThroughputLimits limits;
  private final WorkerPool workers;
  private final ServerMetrics metrics;

  GrpcCalls(ThroughputLimits limits, WorkerPool workers, ServerMetrics metrics) {
    this.limits = limits;
    this.workers = workers;
    this.metrics = metrics;
  }

  <T> void unary(Operation operation, StreamObserver<T> out, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      limits.acquire(operation);
      if (operation.writes()) {
        workers.execute(() -> complete(operation, out, work, start));
      } else {
        complete(operation, out, work, start);
      }
    } catch (QuiverException e) {
      if (e.code() == ErrorCode.THROTTLING) {
        metrics.recordThrottled(PROTOCOL, operation);
      }
      fail(operation, out, e, start);
    }
  }

  private <T> void complete(
      Operation operation, StreamObserver<T> out, Supplier<T> work, long start) {
    T response;
    try {
      response = work.get();
    } catch (QuiverException e) {
      if (e.code() == ErrorCode.INTERNAL_FAILURE) {
        LOG.error("{} failed in the store", operation, e);
      }
      fail(operation, out, e, start);
      return;
    } catch (RuntimeException e) {
      LOG.error("{} failed unexpectedly", operation, e);
      fail(operation, out, new StorageException("Internal failure; see the server log", e), start);
      return;
    }
    out.onNext(response);
    out.onCompleted();
    metrics.recordRequest(PROTOCOL, operation, "OK", System.nanoTime() - start);
  }

  void fail(Operation operation, StreamObserver<?> out, QuiverException e, long start) {
    fail(operation, out, e, start, new Metadata());
  }

  void fail(
      Operation operation,
      StreamObserver<?> out,
      QuiverException e,
      long start,
      Metadata trailers) {
    out.onError(GrpcErrors.toStatus(e, trailers));
    metrics.recordRequest(PROTOCOL, operation, e.code().runtimeCode(), System.nanoTime() - start);
  }

  ThroughputLimits limits() {
    return limits;
  }

  WorkerPool workers() {
    return workers;
  }

  ServerMetrics metrics() {
    return metrics;
  }
}
