package io.quiver.benchmarks.server;

import io.netty.buffer.ByteBuf;

/**
 * Redis GET, or SET of a value of {@code --value-bytes}, of the keys {@code --setup} names for
 * Quiver ({@link LoadClient#key}), built like {@link RestGetClient} (one event loop thread, every
 * command encoded once up front, replies framed without building objects), so that Redis and Quiver
 * are measured by the same client: the same threads, the same clock points (a call's latency runs
 * from its write to its reply's last byte) and about the same cost per call. {@code
 * redis-benchmark}'s latency leaves part of each call out: at 50 clients its mean covers about half
 * of a call's cycle (50 clients / throughput), where this client's covers nearly all of it.
 */
final class RedisClient extends ConnectedLoadClient<RedisClient.ReplyFramer> {
  private final ByteBuf[] commands;

  /**
   * @param setValueBytes the size of the value each call SETs, or -1 for GET
   */
  RedisClient(
      String host, int port, int clients, int keys, int setValueBytes, ClientTransport transport)
      throws InterruptedException {
    super(host, port, clients, ReplyFramer::new, transport);
    String value = setValueBytes < 0 ? "" : "v".repeat(setValueBytes);
    this.commands =
        encodedPerKey(
            keys,
            key ->
                setValueBytes < 0
                    ? "*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n"
                    : "*3\r\n$3\r\nSET\r\n$"
                        + key.length()
                        + "\r\n"
                        + key
                        + "\r\n$"
                        + value.length()
                        + "\r\n"
                        + value
                        + "\r\n");
  }

  @Override
  public void call(int client, int key, Completion completion) {
    send(client, commands[key].duplicate(), completion);
  }

  /**
   * Frames one connection's replies to GET or SET: a bulk string ({@code
   * $<length>\r\n<bytes>\r\n}), a missing key ({@code $-1\r\n}), a status line ({@code +OK\r\n}) or
   * an error line ({@code -...\r\n}). A call succeeds on a bulk string or a status. Confined to its
   * event loop.
   */
  static final class ReplyFramer extends CallFramer {
    @Override
    int readHead(ByteBuf in) {
      int lineEnd = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
      if (lineEnd < 0) {
        return -1; // the first line is incomplete
      }
      byte type = in.getByte(in.readerIndex());
      int length = type == '$' ? length(in, in.readerIndex() + 1, lineEnd - 1) : -1;
      succeeded = length >= 0 || type == '+';
      in.readerIndex(lineEnd + 1);
      return length >= 0 ? length + 2 : 0; // the bytes and their \r\n
    }

    /** The decimal in {@code [from, to)}; -1 for a negative one (a missing key). */
    private static int length(ByteBuf in, int from, int to) {
      if (in.getByte(from) == '-') {
        return -1;
      }
      int value = 0;
      for (int i = from; i < to; i++) {
        value = value * 10 + (in.getByte(i) - '0');
      }
      return value;
    }
  }
}
