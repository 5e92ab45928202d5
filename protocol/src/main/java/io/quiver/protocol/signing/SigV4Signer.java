package io.quiver.protocol.signing;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Computes SigV4 {@code Authorization} values with the AWS SDK's own signer, never a hand-written
 * one. Thread-safe.
 *
 * <p>Why the SDK's {@link Aws4Signer} and not the newer {@code AwsV4HttpSigner}: the newer signer
 * always adds and signs {@code x-amz-content-sha256}, so it cannot reproduce a signature from a
 * client that did not sign that header (boto3 does not). {@code Aws4Signer} signs exactly the
 * headers it is given, which is what verification needs: hand it the headers the client listed in
 * {@code SignedHeaders} and it rebuilds the client's canonical request.
 */
@SuppressWarnings("deprecation") // Aws4Signer: see the class comment for why it is the right tool.
public final class SigV4Signer {
  /** The SigV4 signing name of both SageMaker APIs, and so of Quiver's. */
  public static final String SERVICE = "sagemaker";

  /**
   * The header (gRPC metadata) carrying the hex SHA-256 of a gRPC request message; see {@code
   * docs/protocol/grpc.md}.
   */
  public static final String MESSAGE_DIGEST_HEADER = "x-quiver-message-sha256";

  private static final Aws4Signer SIGNER = Aws4Signer.create();

  private SigV4Signer() {}

  /**
   * The {@code Authorization} header value for {@code request}, signing every header it carries
   * (which must include {@code host} and {@code x-amz-date}).
   *
   * @param time the signing time; must equal the request's {@code x-amz-date}
   * @throws IllegalArgumentException if the request has no {@code host} header
   */
  public static String authorization(
      SignedRequest request,
      String accessKeyId,
      String secretAccessKey,
      String region,
      String service,
      Instant time) {
    String host = request.header("host");
    if (host == null) {
      throw new IllegalArgumentException(
          "request: no host header (expected: a host header to sign)");
    }
    SdkHttpFullRequest.Builder builder =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            .protocol("http")
            .encodedPath(request.rawPath())
            .contentStreamProvider(() -> new ByteArrayInputStream(request.payload()));
    applyHost(builder, host);
    for (Map.Entry<String, List<String>> parameter : request.queryParameters().entrySet()) {
      builder.putRawQueryParameter(parameter.getKey(), parameter.getValue());
    }
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      builder.putHeader(header.getKey(), header.getValue());
    }
    Aws4SignerParams params =
        Aws4SignerParams.builder()
            .awsCredentials(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
            .signingName(service)
            .signingRegion(Region.of(region))
            .signingClockOverride(Clock.fixed(time, ZoneOffset.UTC))
            .build();
    SdkHttpFullRequest signed = SIGNER.sign(builder.build(), params);
    return signed.firstMatchingHeader("Authorization").orElseThrow();
  }

  /**
   * The signer derives the {@code host} header from the request's host and port, so they must be
   * the ones the client signed; a port-less host keeps the protocol's default port, which the
   * signer leaves out just as the client did.
   */
  private static void applyHost(SdkHttpFullRequest.Builder builder, String hostHeader) {
    @Nullable Integer port = null;
    String host = hostHeader;
    int colon = hostHeader.lastIndexOf(':');
    int bracket = hostHeader.lastIndexOf(']');
    if (colon > bracket && colon > 0) {
      host = hostHeader.substring(0, colon);
      try {
        port = Integer.parseInt(hostHeader.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = null;
        host = hostHeader;
      }
    }
    builder.host(host);
    if (port != null) {
      builder.port(port);
    }
  }

  /** The lower-case hex SHA-256 of {@code bytes}, as SigV4 writes payload hashes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
