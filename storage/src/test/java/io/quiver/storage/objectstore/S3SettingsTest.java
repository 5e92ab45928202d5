package io.quiver.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings left unset come from the standard AWS environment, in the order the AWS CLI and SDKs
 * use; set ones win.
 */
class S3SettingsTest {
  @TempDir Path dir;

  @Test
  void theServiceSpecificEndpointVariableWinsAndImpliesPathStyle() {
    S3Settings resolved =
        S3Settings.defaults()
            .resolve(
                Map.of(
                    "AWS_ENDPOINT_URL", "http://general:1",
                    "AWS_ENDPOINT_URL_S3", "http://s3-only:2",
                    "AWS_DEFAULT_REGION", "eu-west-1",
                    "AWS_REGION", "eu-central-1"));
    assertThat(resolved.endpoint()).isEqualTo(URI.create("http://s3-only:2"));
    assertThat(resolved.pathStyle()).isTrue();
    assertThat(resolved.region()).isEqualTo("eu-central-1");
    assertThat(resolved.accessKeyId()).isNull();
  }

  @Test
  void givenSettingsWinOverTheEnvironment() {
    S3Settings given =
        new S3Settings(URI.create("http://given:9000"), "ap-south-1", false, "id", "secret");
    S3Settings resolved =
        given.resolve(Map.of("AWS_ENDPOINT_URL_S3", "http://env:1", "AWS_REGION", "us-west-2"));
    assertThat(resolved).isEqualTo(given);
  }

  @Test
  void withoutAnythingConfiguredItIsAwsS3WithNoRegion() {
    S3Settings resolved =
        S3Settings.defaults().resolve(Map.of("AWS_PROFILE", "no-such-profile-anywhere"));
    assertThat(resolved.endpoint()).isNull();
    assertThat(resolved.pathStyle()).isFalse();
    assertThat(resolved.region()).isNull();
  }

  @Test
  void theProfileGivesRegionAndEndpointWhenTheVariablesDoNot() throws IOException {
    Path config = dir.resolve("config");
    Files.writeString(
        config, "[profile lab]\nregion = eu-north-1\nendpoint_url = http://127.0.0.1:9000\n");
    String previous = System.getProperty("aws.configFile");
    System.setProperty("aws.configFile", config.toString());
    try {
      S3Settings resolved = S3Settings.defaults().resolve(Map.of("AWS_PROFILE", "lab"));
      assertThat(resolved.region()).isEqualTo("eu-north-1");
      assertThat(resolved.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
      assertThat(resolved.pathStyle()).isTrue();
    } finally {
      if (previous == null) {
        System.clearProperty("aws.configFile");
      } else {
        System.setProperty("aws.configFile", previous);
      }
    }
  }

  @Test
  void anEndpointThatIsNotAUrlIsNamed() {
    assertThatThrownBy(
            () -> S3Settings.defaults().resolve(Map.of("AWS_ENDPOINT_URL_S3", "http://bad host")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://bad host");
  }
}
