package io.quiver.protocol.signing;

import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * How a message after the first on a signed gRPC stream carries its chained signature: appended to
 * the serialized message as protobuf field 2047 (length-delimited, 32 bytes), a field no Quiver
 * message defines, so a reader that does not check signatures skips it as an unknown field.
 * Stateless.
 */
public final class SignedMessageFrame {
  /** Tag of field 2047, wire type 2, as a varint; then the length, 32. */
  private static final byte[] SUFFIX_HEAD = {(byte) 0xFA, (byte) 0x7F, 0x20};

  private static final int SIGNATURE_BYTES = 32;
  private static final int SUFFIX_BYTES = SUFFIX_HEAD.length + SIGNATURE_BYTES;

  private SignedMessageFrame() {}

  /** A message and the signature it carried. */
  public record Split(byte[] message, String signature) {}

  /** {@code message} with {@code hexSignature} (64 hex digits) appended. */
  public static byte[] append(byte[] message, String hexSignature) {
    byte[] framed = Arrays.copyOf(message, message.length + SUFFIX_BYTES);
    System.arraycopy(SUFFIX_HEAD, 0, framed, message.length, SUFFIX_HEAD.length);
    byte[] signature = HexFormat.of().parseHex(hexSignature);
    System.arraycopy(signature, 0, framed, message.length + SUFFIX_HEAD.length, SIGNATURE_BYTES);
    return framed;
  }

  /** The message and its signature, or {@code null} if {@code framed} carries none. */
  public static @Nullable Split split(byte[] framed) {
    int at = framed.length - SUFFIX_BYTES;
    if (at < 0
        || framed[at] != SUFFIX_HEAD[0]
        || framed[at + 1] != SUFFIX_HEAD[1]
        || framed[at + 2] != SUFFIX_HEAD[2]) {
      return null;
    }
    return new Split(
        Arrays.copyOf(framed, at),
        HexFormat.of().formatHex(framed, at + SUFFIX_HEAD.length, framed.length));
  }
}
