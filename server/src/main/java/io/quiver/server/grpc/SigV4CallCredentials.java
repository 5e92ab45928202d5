package io.quiver.server.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.quiver.server.auth.SigV4Authenticator;
import io.quiver.server.auth.SigV4Signer;
import io.quiver.server.auth.SignedRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * gRPC call credentials made from an AWS access key, signed with SigV4 like the REST API: each call
 * signs {@code POST /<full method name>} with headers {@code host} (the call authority) and {@code
 * x-amz-date}, service {@code sagemaker}, and sends {@code authorization} and {@code x-amz-date}
 * metadata. The message body is not signed (it is not known when credentials are applied); use TLS
 * so it cannot be altered in transit. Thread-safe.
 */
public final class SigV4CallCredentials extends CallCredentials {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AMZ_DATE =
      Metadata.Key.of("x-amz-date", Metadata.ASCII_STRING_MARSHALLER);
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String region;
  private final InstantSource clock;

  private SigV4CallCredentials(
      String accessKeyId, String secretAccessKey, String region, InstantSource clock) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.region = region;
    this.clock = clock;
  }

  /** Credentials of one access key, signing for {@code region} with the system clock. */
  public static SigV4CallCredentials of(String accessKeyId, String secretAccessKey, String region) {
    return new SigV4CallCredentials(accessKeyId, secretAccessKey, region, InstantSource.system());
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo info, Executor appExecutor, MetadataApplier applier) {
    try {
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      String date = FORMAT.format(now);
      SignedRequest request =
          new SignedRequest(
              "POST",
              "/" + info.getMethodDescriptor().getFullMethodName(),
              Map.of(),
              Map.of("host", List.of(info.getAuthority()), "x-amz-date", List.of(date)),
              new byte[0]);
      Metadata metadata = new Metadata();
      metadata.put(AMZ_DATE, date);
      metadata.put(
          AUTHORIZATION,
          SigV4Signer.authorization(
              request, accessKeyId, secretAccessKey, region, SigV4Authenticator.SERVICE, now));
      applier.apply(metadata);
    } catch (RuntimeException e) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("Cannot sign the call").withCause(e));
    }
  }
}
