package io.quiver.server.cli;

import io.quiver.server.grpc.GrpcRecordSink;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.error.ErrorCode;
import io.quiver.storage.error.QuiverException;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.export.FeatureGroupTarget;
import java.util.List;
import java.util.Optional;

/** A flow's feature-group destinations written to a running server over gRPC. Thread-safe. */
final class RemoteFeatureGroups implements FeatureGroupTarget {
  private final GrpcRecordSink sink;

  private RemoteFeatureGroups(GrpcRecordSink sink) {
    this.sink = sink;
  }

  static FeatureGroupTarget of(GrpcRecordSink sink) {
    return new RemoteFeatureGroups(sink);
  }

  @Override
  public Optional<FeatureGroup> find(String name) {
    try {
      return Optional.of(sink.describe(name));
    } catch (QuiverException e) {
      if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public FeatureGroup create(FeatureGroupSpec spec) {
    return sink.createFeatureGroup(spec);
  }

  @Override
  public void write(String featureGroup, List<Record> records) {
    sink.write(featureGroup, records, committed -> {});
  }
}
