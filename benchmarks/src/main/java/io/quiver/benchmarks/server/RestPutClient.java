package io.quiver.benchmarks.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PutRecord over the SageMaker REST API, built like {@link RestGetClient} (one event loop thread,
 * responses framed without HTTP objects). Each put writes the record of its key with an event time
 * a microsecond later than this client's previous put, so every put replaces the stored record, as
 * the {@code wrk} script of {@code run-wrk-load.sh} does; the request is encoded per call, since
 * its event time differs.
 */
final class RestPutClient extends ConnectedLoadClient<HttpResponseFramer> {
  private final String head;
  private final String payload;
  private final long startSeconds = Instant.now().getEpochSecond();
  private final AtomicLong sequence = new AtomicLong();

  RestPutClient(
      String host,
      int port,
      String featureGroup,
      int clients,
      int valueBytes,
      ClientTransport transport)
      throws InterruptedException {
    super(host, port, clients, () -> new HttpResponseFramer(false), transport);
    this.head =
        "PUT /FeatureGroup/"
            + featureGroup
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nContent-Type: application/json\r\nContent-Length: ";
    this.payload = "v".repeat(valueBytes);
  }

  @Override
  public void call(int client, int key, Completion completion) {
    long n = sequence.incrementAndGet();
    String body =
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\""
            + LoadClient.key(key)
            + "\"},{\"FeatureName\":\"ts\",\"ValueAsString\":\""
            + (startSeconds + n / 1_000_000)
            + "."
            + Long.toString(1_000_000 + n % 1_000_000).substring(1)
            + "\"},{\"FeatureName\":\"payload\",\"ValueAsString\":\""
            + payload
            + "\"}]}";
    String request = head + body.length() + "\r\n\r\n" + body;
    ByteBuf bytes = buffer(client, request.length());
    ByteBufUtil.writeAscii(bytes, request);
    send(client, bytes, completion);
  }
}
