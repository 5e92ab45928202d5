package io.quiver.benchmarks.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisClientTest {
  private final List<Boolean> outcomes = new ArrayList<>();

  private List<Boolean> frame(String replies, int chunk) {
    RedisClient.ReplyFramer framer = new RedisClient.ReplyFramer();
    framer.pending = outcomes::add;
    EmbeddedChannel channel = new EmbeddedChannel(framer);
    byte[] bytes = replies.getBytes(US_ASCII);
    for (int at = 0; at < bytes.length; at += chunk) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(chunk, bytes.length - at)));
    }
    channel.finishAndReleaseAll();
    return outcomes;
  }

  @Test
  void aBulkStringIsASuccessAMissingKeyOrAnErrorIsNot() {
    assertThat(frame("$12\r\nvalue\r\nvalue\r\n$-1\r\n-ERR wrong\r\n$0\r\n\r\n", 1024))
        .containsExactly(true, false, false, true);
  }

  @Test
  void aStatusIsASuccess() {
    assertThat(frame("+OK\r\n+OK\r\n-ERR out of memory\r\n", 3)).containsExactly(true, true, false);
  }

  @Test
  void repliesSplitAnywhereAreFramedTheSame() {
    String replies = "$12\r\nvalue\r\nvalue\r\n$-1\r\n-ERR wrong\r\n+OK\r\n$3\r\nabc\r\n";
    for (int chunk = 1; chunk <= 7; chunk++) {
      outcomes.clear();
      assertThat(frame(replies, chunk))
          .as("chunks of %d", chunk)
          .containsExactly(true, false, false, true, true);
    }
  }
}
