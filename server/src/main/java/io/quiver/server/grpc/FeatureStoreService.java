package io.quiver.server.grpc;

import io.grpc.stub.StreamObserver;
import io.quiver.protocol.codec.GrpcCodec;
import io.quiver.protocol.v1.BatchGetRecordError;
import io.quiver.protocol.v1.BatchGetRecordIdentifier;
import io.quiver.protocol.v1.BatchGetRecordRequest;
import io.quiver.protocol.v1.BatchGetRecordResponse;
import io.quiver.protocol.v1.BatchGetRecordResultDetail;
import io.quiver.protocol.v1.CreateFeatureGroupRequest;
import io.quiver.protocol.v1.CreateFeatureGroupResponse;
import io.quiver.protocol.v1.DeleteFeatureGroupRequest;
import io.quiver.protocol.v1.DeleteFeatureGroupResponse;
import io.quiver.protocol.v1.DeleteRecordRequest;
import io.quiver.protocol.v1.DeleteRecordResponse;
import io.quiver.protocol.v1.DescribeFeatureGroupRequest;
import io.quiver.protocol.v1.DescribeFeatureMetadataRequest;
import io.quiver.protocol.v1.DescribeFeatureMetadataResponse;
import io.quiver.protocol.v1.FeatureGroupDescription;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.GetRecordRequest;
import io.quiver.protocol.v1.GetRecordResponse;
import io.quiver.protocol.v1.ListFeatureGroupsRequest;
import io.quiver.protocol.v1.ListFeatureGroupsResponse;
import io.quiver.protocol.v1.PutRecordRequest;
import io.quiver.protocol.v1.PutRecordResponse;
import io.quiver.protocol.v1.PutRecordsResponse;
import io.quiver.protocol.v1.UpdateFeatureGroupRequest;
import io.quiver.protocol.v1.UpdateFeatureGroupResponse;
import io.quiver.protocol.v1.UpdateFeatureMetadataRequest;
import io.quiver.protocol.v1.UpdateFeatureMetadataResponse;
import io.quiver.server.config.Operation;
import io.quiver.server.limits.CreationLimit;
import io.quiver.storage.BatchGetResult;
import io.quiver.storage.DeletionMode;
import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureMetadata;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import java.util.List;
import java.util.Optional;

/**
 * The v1 FeatureStore service over a {@link QuiverStore}. Each method converts, delegates to the
 * store through {@link GrpcCalls}, and converts back. Thread-safe.
 */
final class FeatureStoreService extends FeatureStoreGrpc.FeatureStoreImplBase {
  private static final int LIST_PAGE_DEFAULT = 10;

  private final QuiverStore store;
  private final GrpcCalls calls;
  private final CreationLimit creations;

  FeatureStoreService(QuiverStore store, GrpcCalls calls, CreationLimit creations) {
    this.store = store;
    this.calls = calls;
    this.creations = creations;
  }

  @Override
  public void putRecord(PutRecordRequest request, StreamObserver<PutRecordResponse> out) {
    calls.unary(
        Operation.PutRecord,
        out,
        () -> {
          put(request);
          return PutRecordResponse.getDefaultInstance();
        });
  }

  private void put(PutRecordRequest request) {
    store.putRecord(
        request.getFeatureGroupName(),
        GrpcCodec.toRecord(request.getRecordList()),
        GrpcCodec.writeOptions(
            request.getTargetStoresList(),
            request.hasTtlDuration() ? request.getTtlDuration() : null));
  }

  @Override
  public StreamObserver<PutRecordRequest> putRecords(StreamObserver<PutRecordsResponse> out) {
    return PutRecordsObserver.start(store, calls, out);
  }

  @Override
  public void getRecord(GetRecordRequest request, StreamObserver<GetRecordResponse> out) {
    calls.unary(
        Operation.GetRecord,
        out,
        () -> {
          Optional<OnlineRecord> found =
              store.getRecord(
                  request.getFeatureGroupName(),
                  request.getRecordIdentifierValueAsString(),
                  request.getFeatureNamesCount() == 0 ? null : request.getFeatureNamesList());
          GetRecordResponse.Builder response = GetRecordResponse.newBuilder();
          found.ifPresent(
              r -> {
                response.addAllRecord(GrpcCodec.fromRecord(r.record()));
                if (request.getExpirationTimeResponse() && r.expiresAt() != null) {
                  response.setExpiresAt(r.expiresAt().toString());
                }
              });
          return response.build();
        });
  }

  @Override
  public void batchGetRecord(
      BatchGetRecordRequest request, StreamObserver<BatchGetRecordResponse> out) {
    calls.unary(
        Operation.BatchGetRecord,
        out,
        () -> {
          BatchGetResult result =
              store.batchGetRecord(GrpcCodec.toBatch(request.getIdentifiersList()));
          BatchGetRecordResponse.Builder response = BatchGetRecordResponse.newBuilder();
          for (BatchGetResult.Found found : result.records()) {
            BatchGetRecordResultDetail.Builder detail =
                BatchGetRecordResultDetail.newBuilder()
                    .setFeatureGroupName(found.featureGroupName())
                    .setRecordIdentifierValueAsString(found.recordIdentifier())
                    .addAllRecord(GrpcCodec.fromRecord(found.record()));
            if (request.getExpirationTimeResponse() && found.expiresAt() != null) {
              detail.setExpiresAt(found.expiresAt().toString());
            }
            response.addRecords(detail);
          }
          for (BatchGetResult.Failure failure : result.errors()) {
            response.addErrors(
                BatchGetRecordError.newBuilder()
                    .setFeatureGroupName(failure.featureGroupName())
                    .setRecordIdentifierValueAsString(failure.recordIdentifier())
                    .setErrorCode(failure.errorCode().runtimeCode())
                    .setErrorMessage(failure.errorMessage()));
          }
          result
              .unprocessed()
              .forEach(
                  u ->
                      response.addUnprocessedIdentifiers(
                          BatchGetRecordIdentifier.newBuilder()
                              .setFeatureGroupName(u.featureGroupName())
                              .addAllRecordIdentifiersValueAsString(u.recordIdentifiers())));
          return response.build();
        });
  }

  @Override
  public void deleteRecord(DeleteRecordRequest request, StreamObserver<DeleteRecordResponse> out) {
    calls.unary(
        Operation.DeleteRecord,
        out,
        () -> {
          store.deleteRecord(
              request.getFeatureGroupName(),
              request.getRecordIdentifierValueAsString(),
              request.getEventTime(),
              request.getDeletionMode() == io.quiver.protocol.v1.DeletionMode.HARD_DELETE
                  ? DeletionMode.HARD_DELETE
                  : DeletionMode.SOFT_DELETE,
              GrpcCodec.writeOptions(request.getTargetStoresList(), null));
          return DeleteRecordResponse.getDefaultInstance();
        });
  }

  @Override
  public void createFeatureGroup(
      CreateFeatureGroupRequest request, StreamObserver<CreateFeatureGroupResponse> out) {
    calls.unary(
        Operation.CreateFeatureGroup,
        out,
        () -> {
          var spec = GrpcCodec.toSpec(request);
          CreationLimit.Permit permit = creations.acquire();
          try {
            return CreateFeatureGroupResponse.newBuilder()
                .setFeatureGroupArn(store.createFeatureGroup(spec).arn())
                .build();
          } finally {
            permit.close();
          }
        });
  }

  @Override
  public void describeFeatureGroup(
      DescribeFeatureGroupRequest request, StreamObserver<FeatureGroupDescription> out) {
    calls.unary(
        Operation.DescribeFeatureGroup,
        out,
        () -> {
          FeatureGroup group = store.describeFeatureGroup(request.getFeatureGroupName());
          var offline = group.spec().offlineStoreConfig();
          return GrpcCodec.describe(group, offline == null ? null : group.resolvedOutputS3Uri());
        });
  }

  @Override
  public void listFeatureGroups(
      ListFeatureGroupsRequest request, StreamObserver<ListFeatureGroupsResponse> out) {
    calls.unary(
        Operation.ListFeatureGroups,
        out,
        () -> {
          int max = request.getMaxResults() == 0 ? LIST_PAGE_DEFAULT : request.getMaxResults();
          if (max < 1 || max > 100) {
            throw new ValidationException(
                "Cannot list feature groups: max_results "
                    + max
                    + " is out of range (expected: 1 to 100)");
          }
          // Sorted by name (the store's order); the token is the last name returned.
          List<FeatureGroup> groups =
              store.listFeatureGroups().stream()
                  .filter(g -> g.name().contains(request.getNameContains()))
                  .filter(
                      g ->
                          request.getNextToken().isEmpty()
                              || g.name().compareTo(request.getNextToken()) > 0)
                  .toList();
          ListFeatureGroupsResponse.Builder response = ListFeatureGroupsResponse.newBuilder();
          groups.stream()
              .limit(max)
              .forEach(g -> response.addFeatureGroupSummaries(GrpcCodec.summary(g)));
          if (groups.size() > max) {
            response.setNextToken(groups.get(max - 1).name());
          }
          return response.build();
        });
  }

  @Override
  public void deleteFeatureGroup(
      DeleteFeatureGroupRequest request, StreamObserver<DeleteFeatureGroupResponse> out) {
    calls.unary(
        Operation.DeleteFeatureGroup,
        out,
        () -> {
          store.deleteFeatureGroup(request.getFeatureGroupName());
          return DeleteFeatureGroupResponse.getDefaultInstance();
        });
  }

  @Override
  public void updateFeatureGroup(
      UpdateFeatureGroupRequest request, StreamObserver<UpdateFeatureGroupResponse> out) {
    calls.unary(
        Operation.UpdateFeatureGroup,
        out,
        () -> {
          FeatureGroup updated =
              switch (request.getUpdateCase()) {
                case FEATURE_ADDITIONS ->
                    store.addFeatures(
                        request.getFeatureGroupName(),
                        GrpcCodec.toDefinitions(request.getFeatureAdditions().getFeaturesList()));
                case ONLINE_STORE_TTL ->
                    store.updateDefaultTtl(
                        request.getFeatureGroupName(),
                        request.getOnlineStoreTtl().hasTtlDuration()
                            ? GrpcCodec.toTtl(request.getOnlineStoreTtl().getTtlDuration())
                            : null);
                case THROUGHPUT_CONFIG ->
                    store.updateThroughput(
                        request.getFeatureGroupName(),
                        GrpcCodec.mergeThroughput(
                            store
                                .describeFeatureGroup(request.getFeatureGroupName())
                                .spec()
                                .throughputConfig(),
                            request.getThroughputConfig()));
                case UPDATE_NOT_SET ->
                    throw new ValidationException(
                        "Cannot update feature group "
                            + request.getFeatureGroupName()
                            + ": give feature_additions, online_store_ttl or throughput_config");
              };
          return UpdateFeatureGroupResponse.newBuilder().setFeatureGroupArn(updated.arn()).build();
        });
  }

  @Override
  public void describeFeatureMetadata(
      DescribeFeatureMetadataRequest request, StreamObserver<DescribeFeatureMetadataResponse> out) {
    calls.unary(
        Operation.DescribeFeatureMetadata,
        out,
        () -> {
          FeatureGroup group = store.describeFeatureGroup(request.getFeatureGroupName());
          FeatureDefinition feature =
              group
                  .feature(request.getFeatureName())
                  .orElseThrow(
                      () ->
                          new ResourceNotFoundException(
                              "Resource Not Found: Amazon SageMaker can't find a Feature with name "
                                  + request.getFeatureName()
                                  + " in FeatureGroup "
                                  + group.name()));
          DescribeFeatureMetadataResponse.Builder response =
              DescribeFeatureMetadataResponse.newBuilder()
                  .setFeatureGroupArn(group.arn())
                  .setFeatureGroupName(group.name())
                  .setFeatureName(feature.name())
                  .setFeatureType(io.quiver.protocol.v1.FeatureType.valueOf(feature.type().name()));
          FeatureMetadata metadata = group.featureMetadata().get(feature.name());
          if (metadata != null) {
            if (metadata.description() != null) {
              response.setDescription(metadata.description());
            }
            response.putAllParameters(metadata.parameters());
          }
          return response.build();
        });
  }

  @Override
  public void updateFeatureMetadata(
      UpdateFeatureMetadataRequest request, StreamObserver<UpdateFeatureMetadataResponse> out) {
    calls.unary(
        Operation.UpdateFeatureMetadata,
        out,
        () -> {
          store.updateFeatureMetadata(
              request.getFeatureGroupName(),
              request.getFeatureName(),
              request.getDescription().isEmpty() ? null : request.getDescription(),
              request.getParameterAdditionsMap(),
              request.getParameterRemovalsList());
          return UpdateFeatureMetadataResponse.getDefaultInstance();
        });
  }
}
