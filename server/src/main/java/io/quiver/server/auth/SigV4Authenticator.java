package io.quiver.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.protocol.signing.MessageSignatureChain;
import io.quiver.protocol.signing.SigV4Signer;
import io.quiver.protocol.signing.SignedRequest;
import io.quiver.storage.error.AccessForbiddenException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization} header form) against a set of {@link
 * AccessKeys}, by re-signing the received request with the SDK's signer ({@link SigV4Signer}) and
 * comparing in constant time. Thread-safe.
 *
 * <p>Checks, in order: the header is present and well formed; the key id is known; the scope's
 * service is {@code sagemaker}; every header in {@link #MEANING_HEADERS} that the request carries
 * is signed, and appears once; the date is within {@value #MAX_SKEW_MINUTES} minutes of the server
 * clock and matches the scope date (all of these before the body is read: {@link
 * #authenticateHead}); then a sent {@code x-amz-content-sha256} matches the body and the signature
 * matches. The signature covers the payload either way: the signer hashes the body itself.
 */
public final class SigV4Authenticator implements RequestAuthenticator {
  /** Largest accepted difference between the request's date and the server clock. */
  static final long MAX_SKEW_MINUTES = 15;

  /** The SigV4 signing name of both SageMaker APIs. */
  public static final String SERVICE = SigV4Signer.SERVICE;

  /**
   * The header (gRPC metadata) carrying the hex SHA-256 of a gRPC request message; see {@code
   * docs/protocol/grpc.md}.
   */
  public static final String MESSAGE_DIGEST_HEADER = SigV4Signer.MESSAGE_DIGEST_HEADER;

  /**
   * Headers that change what a request means, so each must be signed when the request carries it:
   * the operation ({@code x-amz-target}), how the body is read ({@code content-type}), the claimed
   * payload hash, the gRPC message digest ({@link #MESSAGE_DIGEST_HEADER}), and the two SigV4
   * always requires. A request carrying one of them twice is refused as ambiguous.
   */
  public static final List<String> MEANING_HEADERS =
      List.of(
          "host",
          "x-amz-date",
          "x-amz-target",
          "content-type",
          "x-amz-content-sha256",
          MESSAGE_DIGEST_HEADER);

  private static final List<String> ALWAYS_SIGNED = List.of("host", "x-amz-date");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
              + "\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private final AccessKeys keys;
  private final InstantSource clock;

  /** Verifies against {@code keys}, judging clock skew by {@code clock}. */
  public SigV4Authenticator(AccessKeys keys, InstantSource clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void authenticateHead(SignedRequest head) {
    checkHead(head);
  }

  @Override
  public void authenticate(SignedRequest request) {
    Credential credential = checkHead(request);
    checkPayloadHash(request);
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : credential.signedHeaders()) {
      headers.put(name, request.headers().get(name));
    }
    SignedRequest toSign =
        new SignedRequest(
            request.method(),
            request.rawPath(),
            request.queryParameters(),
            headers,
            request.payload());
    String expected =
        SigV4Signer.authorization(
            toSign,
            credential.accessKeyId(),
            credential.secret(),
            credential.region(),
            SERVICE,
            credential.time());
    String expectedSignature = expected.substring(expected.lastIndexOf('=') + 1);
    if (!MessageDigest.isEqual(
        expectedSignature.getBytes(UTF_8), credential.signature().getBytes(UTF_8))) {
      throw new AccessForbiddenException(
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }
  }

  @Override
  public MessageSignatureChain messageChain(SignedRequest head) {
    Credential credential = checkHead(head);
    return MessageSignatureChain.start(
        credential.secret(),
        credential.region(),
        SERVICE,
        credential.time(),
        credential.signature());
  }

  /** The parts of a well-formed, known, fresh credential. */
  private record Credential(
      String accessKeyId,
      String secret,
      String region,
      List<String> signedHeaders,
      String signature,
      Instant time) {}

  private Credential checkHead(SignedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw new AccessForbiddenException(
          "Missing Authentication Token: the request is not signed (expected: AWS Signature Version 4)");
    }
    Matcher m = AUTHORIZATION.matcher(authorization);
    if (!m.matches()) {
      throw new AccessForbiddenException(
          "Incomplete signature: the Authorization header is not a well-formed AWS4-HMAC-SHA256 signature");
    }
    String accessKeyId = m.group(1);
    String service = m.group(4);
    List<String> signedHeaders = List.of(m.group(5).split(";"));
    String secret =
        keys.secretOf(accessKeyId)
            .orElseThrow(
                () ->
                    new AccessForbiddenException(
                        "The security token included in the request is invalid: unknown access key id "
                            + accessKeyId));
    if (!SERVICE.equals(service)) {
      throw new AccessForbiddenException(
          "Credential should be scoped to correct service: '"
              + SERVICE
              + "', not '"
              + service
              + "'");
    }
    checkSignedHeaders(request, signedHeaders);
    Instant time = requestTime(request, m.group(2));
    return new Credential(accessKeyId, secret, m.group(3), signedHeaders, m.group(6), time);
  }

  /**
   * Every header that changes the request's meaning must be signed, so a captured signature cannot
   * be replayed with another operation, content type or payload hash.
   */
  private static void checkSignedHeaders(SignedRequest request, List<String> signedHeaders) {
    for (String name : ALWAYS_SIGNED) {
      if (!signedHeaders.contains(name)) {
        throw new AccessForbiddenException(
            "Incomplete signature: SignedHeaders must include host and x-amz-date");
      }
    }
    for (String name : MEANING_HEADERS) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        continue;
      }
      if (values.size() > 1) {
        throw new AccessForbiddenException(
            "Cannot accept the request: header '" + name + "' appears more than once");
      }
      if (!signedHeaders.contains(name)) {
        throw new AccessForbiddenException(
            "Incomplete signature: header '"
                + name
                + "' is sent but not signed (expected: SignedHeaders to include every header that"
                + " changes the request's meaning: "
                + String.join(", ", MEANING_HEADERS)
                + ")");
      }
    }
    for (String name : signedHeaders) {
      if (!request.headers().containsKey(name)) {
        throw new AccessForbiddenException(
            "Incomplete signature: signed header '" + name + "' is not in the request");
      }
    }
  }

  private Instant requestTime(SignedRequest request, String scopeDate) {
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw new AccessForbiddenException(
          "Incomplete signature: the request has no X-Amz-Date header");
    }
    Instant time;
    try {
      time = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new AccessForbiddenException(
          "Incomplete signature: X-Amz-Date '" + amzDate + "' is not yyyyMMdd'T'HHmmss'Z'");
    }
    if (!amzDate.startsWith(scopeDate)) {
      throw new AccessForbiddenException(
          "Credential should be scoped to a valid date: "
              + scopeDate
              + " does not match X-Amz-Date "
              + amzDate);
    }
    Duration skew = Duration.between(time, clock.instant()).abs();
    if (skew.toMinutes() >= MAX_SKEW_MINUTES) {
      throw new AccessForbiddenException(
          "Signature expired: X-Amz-Date "
              + amzDate
              + " is more than "
              + MAX_SKEW_MINUTES
              + " minutes from the server time "
              + clock.instant());
    }
    return time;
  }

  private static void checkPayloadHash(SignedRequest request) {
    String claimed = request.header("x-amz-content-sha256");
    if (claimed == null) {
      return;
    }
    if (!MessageDigest.isEqual(
        sha256Hex(request.payload()).getBytes(UTF_8), claimed.getBytes(UTF_8))) {
      throw new AccessForbiddenException(
          "The provided 'x-amz-content-sha256' header does not match what was computed: the body was altered after signing");
    }
  }

  /** The lower-case hex SHA-256 of {@code bytes}, as SigV4 writes payload hashes. */
  public static String sha256Hex(byte[] bytes) {
    return SigV4Signer.sha256Hex(bytes);
  }
}
