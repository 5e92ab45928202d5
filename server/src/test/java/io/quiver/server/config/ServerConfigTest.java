package io.quiver.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void defaultEventLoopsLeaveOneCoreToBackgroundWork() {
    assertThat(ServerConfig.defaultEventLoops(1)).isEqualTo(1);
    assertThat(ServerConfig.defaultEventLoops(2)).isEqualTo(1);
    assertThat(ServerConfig.defaultEventLoops(16)).isEqualTo(15);
  }

  @Test
  void busyPollIsFiftyMicrosecondsByDefaultAndAtMostTenMilliseconds() {
    assertThat(ServerConfig.builder().build().busyPoll()).isEqualTo(Duration.ofNanos(50_000));
    assertThat(ServerConfig.builder().busyPoll(Duration.ZERO).build().busyPoll()).isZero();
    assertThat(ServerConfig.builder().busyPoll(Duration.ofMillis(10)).build().busyPoll())
        .isEqualTo(ServerConfig.BUSY_POLL_MAX);
    assertThatThrownBy(() -> ServerConfig.builder().busyPoll(Duration.ofMillis(11)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("busyPoll: PT0.011S (expected: 0 to PT0.01S)");
    assertThatThrownBy(() -> ServerConfig.builder().busyPoll(Duration.ofNanos(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventLoopThreadsAreTheAskedNumberOrTheDefaultForZero() {
    assertThat(ServerConfig.builder().eventLoops(3).build().eventLoopThreads()).isEqualTo(3);
    assertThat(ServerConfig.builder().eventLoops(0).build().eventLoopThreads())
        .isEqualTo(ServerConfig.defaultEventLoops(Runtime.getRuntime().availableProcessors()));
  }
}
