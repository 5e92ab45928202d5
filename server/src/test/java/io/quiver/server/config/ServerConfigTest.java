package io.quiver.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void defaultEventLoopsLeaveOneCoreToBackgroundWork() {
    assertThat(ServerConfig.defaultEventLoops(1)).isEqualTo(1);
    assertThat(ServerConfig.defaultEventLoops(2)).isEqualTo(1);
    assertThat(ServerConfig.defaultEventLoops(16)).isEqualTo(15);
  }

  @Test
  void eventLoopThreadsAreTheAskedNumberOrTheDefaultForZero() {
    assertThat(ServerConfig.builder().eventLoops(3).build().eventLoopThreads()).isEqualTo(3);
    assertThat(ServerConfig.builder().eventLoops(0).build().eventLoopThreads())
        .isEqualTo(ServerConfig.defaultEventLoops(Runtime.getRuntime().availableProcessors()));
  }
}
