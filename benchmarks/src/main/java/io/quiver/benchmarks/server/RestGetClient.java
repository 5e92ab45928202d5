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
import io.netty.util.ByteProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * GetRecord over the SageMaker REST API: one keep-alive HTTP/1.1 connection per client, unsigned
 * (the server under test runs without --access-keys).
 *
 * <p>Built to cost the machine as little as {@code redis-benchmark} does, so that on a small
 * machine the load generator does not take the CPU the server needs: one event loop thread (as
 * redis-benchmark has), every request encoded once up front, and responses framed by their status
 * line and {@code Content-Length} without building HTTP objects.
 */
final class RestGetClient implements GetClient {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<ResponseFramer> framers = new ArrayList<>();
  private final ByteBuf[] requests;

  RestGetClient(
      String host, int port, String featureGroup, int clients, int keys, ClientTransport transport)
      throws InterruptedException {
    this.group = transport.newGroup(1);
    this.requests = new ByteBuf[keys];
    for (int i = 0; i < keys; i++) {
      String request =
          "GET /FeatureGroup/"
              + featureGroup
              + "?RecordIdentifierValueAsString="
              + GetClient.key(i)
              + " HTTP/1.1\r\n"
              + "Host: "
              + host
              + ":"
              + port
              + "\r\n\r\n";
      requests[i] =
          Unpooled.unreleasableBuffer(
              Unpooled.directBuffer(request.length()).writeBytes(request.getBytes(US_ASCII)));
    }
    for (int i = 0; i < clients; i++) {
      ResponseFramer framer = new ResponseFramer();
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
  public void get(int client, int key, Completion completion) {
    framers.get(client).pending = completion;
    channels
        .get(client)
        .writeAndFlush(requests[key].duplicate(), channels.get(client).voidPromise());
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
   * Frames one connection's responses: the head up to the blank line, then {@code Content-Length}
   * bytes of body. A call succeeds on a 200 whose body holds a record (more than {@code {}}).
   * Confined to its event loop.
   */
  private static final class ResponseFramer extends ByteToMessageDecoder {
    /** Lower case; {@code ':' | 0x20} is still {@code ':'}. */
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(US_ASCII);

    private final HeadEndFinder headEndFinder = new HeadEndFinder();

    volatile @Nullable Completion pending;
    private int bodyRemaining = -1; // -1: reading the head
    private boolean ok;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.isReadable()) {
        if (bodyRemaining < 0) {
          headEndFinder.matched = 0;
          int headEnd = in.forEachByte(headEndFinder);
          if (headEnd < 0) {
            return; // the head is incomplete; rescanned from its start when more bytes arrive
          }
          int contentLength = contentLength(in, in.readerIndex(), headEnd + 1);
          ok = statusIs200(in) && contentLength > 2;
          in.readerIndex(headEnd + 1);
          bodyRemaining = contentLength;
        }
        int skip = Math.min(bodyRemaining, in.readableBytes());
        in.skipBytes(skip);
        bodyRemaining -= skip;
        if (bodyRemaining > 0) {
          return;
        }
        bodyRemaining = -1;
        // a response arrives only for a request sent after its completion was set
        requireNonNull(pending).done(ok);
      }
    }

    private static boolean statusIs200(ByteBuf in) {
      int r = in.readerIndex();
      return in.getByte(r + 9) == '2' && in.getByte(r + 10) == '0' && in.getByte(r + 11) == '0';
    }

    /** The {@code Content-Length} value in the head {@code [from, to)}, read without allocating. */
    private static int contentLength(ByteBuf in, int from, int to) {
      for (int line = in.indexOf(from, to, (byte) '\n') + 1;
          line > 0 && line < to;
          line = in.indexOf(line, to, (byte) '\n') + 1) {
        if (isContentLength(in, line, to)) {
          int value = 0;
          for (int i = line + CONTENT_LENGTH.length; i < to; i++) {
            byte b = in.getByte(i);
            if (b >= '0' && b <= '9') {
              value = value * 10 + (b - '0');
            } else if (b != ' ') {
              break;
            }
          }
          return value;
        }
      }
      throw new IllegalStateException(
          "Response without Content-Length: " + in.toString(from, to - from, US_ASCII));
    }

    private static boolean isContentLength(ByteBuf in, int at, int to) {
      if (to - at < CONTENT_LENGTH.length) {
        return false;
      }
      for (int i = 0; i < CONTENT_LENGTH.length; i++) {
        if ((in.getByte(at + i) | 0x20) != CONTENT_LENGTH[i]) {
          return false;
        }
      }
      return true;
    }

    /** Finds the blank line ending a response head: stops on the last byte of {@code \r\n\r\n}. */
    private static final class HeadEndFinder implements ByteProcessor {
      int matched;

      @Override
      public boolean process(byte value) {
        matched = value == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (value == '\r' ? 1 : 0);
        return matched < 4;
      }
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
