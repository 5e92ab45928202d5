package io.quiver.benchmarks.server;

import io.netty.buffer.ByteBuf;

/**
 * GetRecord over the SageMaker REST API: one keep-alive HTTP/1.1 connection per client, unsigned
 * (the server under test runs without --access-keys).
 *
 * <p>Built to cost the machine as little as {@code redis-benchmark} does, so that on a small
 * machine the load generator does not take the CPU the server needs: one event loop thread (as
 * redis-benchmark has), every request encoded once up front, and responses framed by their status
 * line and {@code Content-Length} without building HTTP objects.
 */
final class RestGetClient extends ConnectedLoadClient<HttpResponseFramer> {
  private final ByteBuf[] requests;

  RestGetClient(
      String host, int port, String featureGroup, int clients, int keys, ClientTransport transport)
      throws InterruptedException {
    super(host, port, clients, () -> new HttpResponseFramer(true), transport);
    this.requests =
        encodedPerKey(
            keys,
            key ->
                "GET /FeatureGroup/"
                    + featureGroup
                    + "?RecordIdentifierValueAsString="
                    + key
                    + " HTTP/1.1\r\n"
                    + "Host: "
                    + host
                    + ":"
                    + port
                    + "\r\n\r\n");
  }

  @Override
  public void call(int client, int key, Completion completion) {
    send(client, requests[key].duplicate(), completion);
  }
}
