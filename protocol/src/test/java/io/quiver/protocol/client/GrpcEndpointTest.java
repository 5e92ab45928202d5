package io.quiver.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrpcEndpointTest {
  @Test
  void grpcIsPlainAndGrpcsIsTlsWithTheDefaultPortWhenAbsent() {
    GrpcEndpoint plain = GrpcEndpoint.parse("grpc://127.0.0.1:7000");
    GrpcEndpoint tls = GrpcEndpoint.parse("grpcs://quiver.example.com");

    assertThat(plain.host()).isEqualTo("127.0.0.1");
    assertThat(plain.port()).isEqualTo(7000);
    assertThat(plain.tls()).isFalse();
    assertThat(tls.port()).isEqualTo(9090);
    assertThat(tls.tls()).isTrue();
    assertThat(tls.withCaCert(Path.of("ca.pem")).caCert()).isEqualTo(Path.of("ca.pem"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9090",
        "127.0.0.1:9090",
        "grpc://127.0.0.1:9090/path",
        "grpc://user@host:1",
        "grpc://"
      })
  void refusesWhatIsNotAGrpcUrl(String url) {
    assertThatThrownBy(() -> GrpcEndpoint.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoint: " + url + " (expected: grpc://host:port or grpcs://host:port)");
  }

  @Test
  void caCertNeedsTls() {
    assertThatThrownBy(() -> GrpcEndpoint.parse("grpc://h:1").withCaCert(Path.of("ca.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("caCert: ca.pem (expected: ");
  }
}
