package io.quiver.protocol.signing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of the messages after the first on a signed gRPC stream, each chained to the one
 * before it, starting from the call's SigV4 signature, as AWS chains the chunks of a streamed
 * payload: a message cannot be changed, dropped, reordered or moved to another call without the
 * secret key. Signature {@code i} is the hex HMAC-SHA256, under the SigV4 signing key of the call's
 * date, region and service, of
 *
 * <pre>
 * QUIVER-GRPC-MESSAGE \n yyyyMMdd'T'HHmmss'Z' \n date/region/service/aws4_request \n
 * signature i-1 \n hex SHA-256 of message i
 * </pre>
 *
 * (without the spaces; see {@code docs/protocol/grpc.md}). The SDK offers no public way to derive
 * the signing key, so the four HMACs SigV4 defines for it are written out here. Not thread-safe:
 * one instance per call, used in message order.
 */
public final class MessageSignatureChain {
  private static final String ALGORITHM = "QUIVER-GRPC-MESSAGE";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final byte[] signingKey;
  private final String prefix;
  private String previous;

  private MessageSignatureChain(byte[] signingKey, String prefix, String seed) {
    this.signingKey = signingKey;
    this.prefix = prefix;
    this.previous = seed;
  }

  /**
   * The chain of a call signed at {@code time} with {@code callSignature} (the hex {@code
   * Signature} of its {@code authorization} metadata).
   */
  public static MessageSignatureChain start(
      String secretAccessKey, String region, String service, Instant time, String callSignature) {
    String day = DAY.format(time);
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String prefix =
        ALGORITHM
            + "\n"
            + TIME.format(time)
            + "\n"
            + day
            + "/"
            + region
            + "/"
            + service
            + "/aws4_request\n";
    return new MessageSignatureChain(key, prefix, callSignature);
  }

  /** The signature of the next message, {@code message}; advances the chain. */
  public String next(byte[] message) {
    String signature =
        HexFormat.of()
            .formatHex(hmac(signingKey, prefix + previous + "\n" + SigV4Signer.sha256Hex(message)));
    previous = signature;
    return signature;
  }

  /**
   * Whether {@code signature} is the next message's; advances the chain either way, so a refused
   * message ends the call.
   */
  public boolean verifyNext(byte[] message, String signature) {
    return MessageDigest.isEqual(next(message).getBytes(UTF_8), signature.getBytes(UTF_8));
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
