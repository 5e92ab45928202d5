package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quiver.protocol.v1.FeatureStoreGrpc;
import io.quiver.protocol.v1.ListFeatureGroupsRequest;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** TLS on both ports with a PEM certificate and key. */
class TlsTest {
  @TempDir Path dataDir;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(TlsTest.class.getResource("/tls/" + name).toURI());
  }

  @Test
  void bothPortsServeTls() throws Exception {
    Path cert = resource("cert.pem");
    Path key = resource("key.pem");
    try (ServerFixture fixture = ServerFixture.start(dataDir, b -> b.tls(cert, key))) {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      try (InputStream in = Files.newInputStream(cert)) {
        store.setCertificateEntry(
            "quiver", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      trust.init(store);
      try (SdkHttpClient http =
              ApacheHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build();
          SageMakerClient sm =
              SageMakerClient.builder()
                  .endpointOverride(URI.create("https://127.0.0.1:" + fixture.server().httpPort()))
                  .region(Region.US_EAST_1)
                  .credentialsProvider(
                      ServerFixture.credentials(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))
                  .httpClient(http)
                  .build()) {
        FeatureGroups.create(sm, "secure");
        assertThat(sm.listFeatureGroups(r -> {}).featureGroupSummaries()).hasSize(1);
      }
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", fixture.server().grpcPort())
              .sslContext(GrpcSslContexts.forClient().trustManager(cert.toFile()).build())
              .build();
      try {
        assertThat(
                FeatureStoreGrpc.newBlockingStub(channel)
                    .listFeatureGroups(ListFeatureGroupsRequest.getDefaultInstance())
                    .getFeatureGroupSummariesCount())
            .isEqualTo(1);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
