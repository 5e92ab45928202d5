package io.quiver.benchmarks.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Redis GET, or SET of a value of {@code --value-bytes}, of the keys {@code --setup} names for
 * Quiver ({@link LoadClient#key}), built like {@link RestGetClient} (one event loop thread, every
 * command encoded once up front, replies framed without building objects), so that Redis and Quiver
 * are measured by the same client: the same threads, the same clock points (a call's latency runs
 * from its write to its reply's last byte) and about the same cost per call. {@code
 * redis-benchmark}'s latency leaves part of each call out: at 50 clients its mean covers about half
 * of a call's cycle (50 clients / throughput), where this client's covers nearly all of it.
 */
final class RedisClient implements LoadClient {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<ReplyFramer> framers = new ArrayList<>();
  private final ByteBuf[] commands;

  /**
   * @param setValueBytes the size of the value each call SETs, or -1 for GET
   */
  RedisClient(
      String host, int port, int clients, int keys, int setValueBytes, ClientTransport transport)
      throws InterruptedException {
    this.group = transport.newGroup(1);
    this.commands = new ByteBuf[keys];
    String value = setValueBytes < 0 ? "" : "v".repeat(setValueBytes);
    for (int i = 0; i < keys; i++) {
      String key = LoadClient.key(i);
      String command =
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
                  + "\r\n";
      commands[i] =
          Unpooled.unreleasableBuffer(
              Unpooled.directBuffer(command.length()).writeBytes(command.getBytes(US_ASCII)));
    }
    for (int i = 0; i < clients; i++) {
      ReplyFramer framer = new ReplyFramer();
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(transport.channelType())
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(framer)
              .connect(host, port)
              .sync()
              .channel();
      channels.add(channel);
      framers.add(framer);
    }
  }

  @Override
  public void call(int client, int key, Completion completion) {
    framers.get(client).pending = completion;
    channels
        .get(client)
        .writeAndFlush(commands[key].duplicate(), channels.get(client).voidPromise());
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return group;
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * Frames one connection's replies to GET or SET: a bulk string ({@code
   * $<length>\r\n<bytes>\r\n}), a missing key ({@code $-1\r\n}), a status line ({@code +OK\r\n}) or
   * an error line ({@code -...\r\n}). A call succeeds on a bulk string or a status. Confined to its
   * event loop.
   */
  static final class ReplyFramer extends ByteToMessageDecoder {
    volatile @Nullable Completion pending;
    private int bodyRemaining = -1; // -1: reading the reply's first line
    private boolean ok;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.isReadable()) {
        if (bodyRemaining < 0) {
          int lineEnd = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
          if (lineEnd < 0) {
            return; // the first line is incomplete
          }
          byte type = in.getByte(in.readerIndex());
          int length = type == '$' ? length(in, in.readerIndex() + 1, lineEnd - 1) : -1;
          ok = length >= 0 || type == '+';
          in.readerIndex(lineEnd + 1);
          bodyRemaining = length >= 0 ? length + 2 : 0; // the bytes and their \r\n
        }
        int skip = Math.min(bodyRemaining, in.readableBytes());
        in.skipBytes(skip);
        bodyRemaining -= skip;
        if (bodyRemaining > 0) {
          return;
        }
        bodyRemaining = -1;
        // a reply arrives only for a command sent after its completion was set
        requireNonNull(pending).done(ok);
      }
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
      Completion c = pending;
      if (c != null) {
        c.done(false);
      }
    }
  }
}
