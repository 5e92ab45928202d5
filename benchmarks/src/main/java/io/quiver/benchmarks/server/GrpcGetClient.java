package io.quiver.benchmarks.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.GetRecordRequest;
import io.quiver.protocol.v1.GetRecordResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * GetRecord over gRPC: clients spread over a few HTTP/2 channels on the client's own transport
 * threads, callbacks on those threads.
 */
final class GrpcGetClient implements LoadClient {
  private final EventLoopGroup group;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<FeatureStoreGrpc.FeatureStoreStub> stubs = new ArrayList<>();
  private final GetRecordRequest[] requests;

  GrpcGetClient(
      String host,
      int port,
      String featureGroup,
      int channelCount,
      int threads,
      int keys,
      ClientTransport transport) {
    this.requests = new GetRecordRequest[keys];
    for (int i = 0; i < keys; i++) {
      requests[i] =
          GetRecordRequest.newBuilder()
              .setFeatureGroupName(featureGroup)
              .setRecordIdentifierValueAsString(LoadClient.key(i))
              .build();
    }
    this.group = transport.newGroup(threads);
    for (int i = 0; i < channelCount; i++) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(host, port)
              .eventLoopGroup(group)
              .channelType(transport.channelType())
              .usePlaintext()
              .directExecutor()
              .build();
      channels.add(channel);
      stubs.add(FeatureStoreGrpc.newStub(channel));
    }
  }

  @Override
  public void call(int client, int key, Completion completion) {
    stubs
        .get(client % stubs.size())
        .getRecord(
            requests[key],
            new StreamObserver<>() {
              private boolean found;

              @Override
              public void onNext(GetRecordResponse value) {
                found = value.getRecordCount() > 0;
              }

              @Override
              public void onError(Throwable t) {
                completion.done(false);
              }

              @Override
              public void onCompleted() {
                completion.done(found);
              }
            });
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return group;
  }

  @Override
  public void close() {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
