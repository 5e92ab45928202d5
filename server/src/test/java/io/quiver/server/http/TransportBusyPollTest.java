package io.quiver.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Event loops that poll before blocking still serve every connection, run tasks handed to them from
 * other threads and fire their timers, on both transports.
 */
class TransportBusyPollTest {
  @ParameterizedTest
  @EnumSource(Transport.class)
  void aPollingLoopServesConnectionsTasksAndTimers(Transport transport) throws Exception {
    Assumptions.assumeTrue(transport != Transport.EPOLL || Epoll.isAvailable());
    EventLoopGroup loops =
        new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory(Duration.ofNanos(50_000)));
    try {
      Channel server =
          new ServerBootstrap()
              .group(loops)
              .channel(transport.serverChannel())
              .childHandler(
                  new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                      ctx.writeAndFlush(msg); // echo
                    }
                  })
              .bind("127.0.0.1", 0)
              .sync()
              .channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        // Back-to-back round trips keep the loop polling; the pauses between rounds let it block.
        for (int round = 0; round < 3; round++) {
          for (int i = 0; i < 500; i++) {
            out.write(i & 0x7f);
            out.flush();
            assertThat(in.read()).isEqualTo(i & 0x7f);
          }
          assertThat(loops.next().submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
          assertThat(
                  loops
                      .next()
                      .schedule(() -> "timer", 2, TimeUnit.MILLISECONDS)
                      .get(10, TimeUnit.SECONDS))
              .isEqualTo("timer");
        }
      }
      server.close().sync();
    } finally {
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }
  }
}
