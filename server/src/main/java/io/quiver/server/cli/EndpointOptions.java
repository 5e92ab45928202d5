package io.quiver.server.cli;

import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.protocol.signing.SigV4ClientInterceptor;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options naming a running server to talk to over gRPC ({@code --endpoint}, TLS trust, SigV4
 * credentials), for commands that can work through a server instead of a data directory. Not
 * thread-safe; one per command.
 */
final class EndpointOptions {
  /**
   * Signing region when {@code AWS_REGION} is not set; the server takes the region from the
   * signature.
   */
  static final String REGION_DEFAULT = "us-east-1";

  @Option(
      names = "--endpoint",
      description =
          "Send to a running server instead of opening a data directory: grpc://host:port, or grpcs://host:port for TLS.")
  @Nullable String endpoint;

  @Option(
      names = "--ca-cert",
      description =
          "With a grpcs:// endpoint, trust the PEM certificates in this file instead of the system's.")
  @Nullable Path caCert;

  @Option(
      names = "--access-key-id",
      description = "With --endpoint, sign calls with this key (default: AWS_ACCESS_KEY_ID).")
  @Nullable String accessKeyId;

  @Option(
      names = "--secret-access-key",
      description = "Secret of --access-key-id (default: AWS_SECRET_ACCESS_KEY).")
  @Nullable String secretAccessKey;

  boolean given() {
    return endpoint != null;
  }

  /**
   * The endpoint the options name, with credentials from the options or else from {@code
   * environment}; {@code null} without {@code --endpoint}.
   *
   * @throws ParameterException if the options do not make an endpoint
   */
  @Nullable GrpcEndpoint toEndpoint(CommandLine line, Map<String, String> environment) {
    if (endpoint == null) {
      if (caCert != null || accessKeyId != null || secretAccessKey != null) {
        throw new ParameterException(
            line, "--ca-cert, --access-key-id and --secret-access-key need --endpoint");
      }
      return null;
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new ParameterException(line, "--access-key-id and --secret-access-key go together");
    }
    GrpcEndpoint target;
    try {
      target = GrpcEndpoint.parse(endpoint);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          line,
          "--endpoint: "
              + endpoint
              + " (expected: grpc://host:port, or grpcs://host:port for TLS)");
    }
    if (caCert != null) {
      if (!target.tls()) {
        throw new ParameterException(line, "--ca-cert needs a grpcs:// endpoint");
      }
      target = target.withCaCert(caCert);
    }
    KeyPair keys = keyPair(line, environment);
    if (keys != null) {
      String region = nonBlank(environment.get("AWS_REGION"));
      target =
          target.withCredentials(
              SigV4ClientInterceptor.of(
                  keys.accessKeyId(),
                  keys.secretAccessKey(),
                  region != null ? region : REGION_DEFAULT));
    }
    return target;
  }

  /** An access key id and its secret access key. */
  record KeyPair(String accessKeyId, String secretAccessKey) {}

  /**
   * The key pair of {@code --access-key-id} and {@code --secret-access-key}, else of {@code
   * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} in {@code environment}; {@code null} if
   * neither gives both.
   *
   * @throws ParameterException if only one of the two options is given
   */
  @Nullable KeyPair keyPair(CommandLine line, Map<String, String> environment) {
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new ParameterException(line, "--access-key-id and --secret-access-key go together");
    }
    String keyId =
        accessKeyId != null ? accessKeyId : nonBlank(environment.get("AWS_ACCESS_KEY_ID"));
    String secret =
        secretAccessKey != null
            ? secretAccessKey
            : nonBlank(environment.get("AWS_SECRET_ACCESS_KEY"));
    return keyId != null && secret != null ? new KeyPair(keyId, secret) : null;
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
