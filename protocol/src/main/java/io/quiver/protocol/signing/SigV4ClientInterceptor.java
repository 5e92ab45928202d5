package io.quiver.protocol.signing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Signs gRPC calls with an AWS access key, as {@code docs/protocol/grpc.md} specifies: the call's
 * metadata carries a SigV4 signature of {@code POST /<full method name>} over {@code host} (the
 * call authority), {@code x-amz-date} and {@code x-quiver-message-sha256}. For a call sending one
 * message, that header is the hex SHA-256 of the message as serialized, and the metadata waits for
 * the message. For a call streaming messages, it is {@value #STREAMING} and the call starts at once
 * (a streaming client waits for the call to be ready before its first message); every message then
 * carries a signature chained to the one before ({@link MessageSignatureChain}, framed by {@link
 * SignedMessageFrame}). Thread-safe; each call's state is its own.
 */
public final class SigV4ClientInterceptor implements ClientInterceptor {
  /** The call's SigV4 {@code Authorization} value. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The signing time, {@code yyyyMMdd'T'HHmmss'Z'}. */
  public static final Metadata.Key<String> AMZ_DATE =
      Metadata.Key.of("x-amz-date", Metadata.ASCII_STRING_MARSHALLER);

  /** The message digest the signature covers ({@link SigV4Signer#MESSAGE_DIGEST_HEADER}). */
  public static final Metadata.Key<String> MESSAGE_DIGEST =
      Metadata.Key.of(SigV4Signer.MESSAGE_DIGEST_HEADER, Metadata.ASCII_STRING_MARSHALLER);

  /** The {@code x-quiver-message-sha256} of a streaming call, whose messages sign themselves. */
  public static final String STREAMING = "STREAMING-QUIVER-GRPC-MESSAGES";

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String region;
  private final InstantSource clock;

  private SigV4ClientInterceptor(
      String accessKeyId, String secretAccessKey, String region, InstantSource clock) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.region = region;
    this.clock = clock;
  }

  /** Signs with one access key, for {@code region}, by the system clock. */
  public static SigV4ClientInterceptor of(
      String accessKeyId, String secretAccessKey, String region) {
    return new SigV4ClientInterceptor(accessKeyId, secretAccessKey, region, InstantSource.system());
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    MethodDescriptor<byte[], R> raw =
        method.toBuilder(RawMessages.INSTANCE, method.getResponseMarshaller()).build();
    String authority = options.getAuthority() != null ? options.getAuthority() : next.authority();
    return new SigningCall<>(
        next.newCall(raw, options),
        method.getRequestMarshaller(),
        authority,
        "/" + method.getFullMethodName(),
        !method.getType().clientSendsOneMessage());
  }

  /**
   * A call signed as it starts (streaming) or when its one message is sent, whose digest the
   * signature then covers. Not thread-safe, like every {@link ClientCall}.
   */
  private final class SigningCall<Q, R> extends ClientCall<Q, R> {
    private final ClientCall<byte[], R> delegate;
    private final MethodDescriptor.Marshaller<Q> marshaller;
    private final String authority;
    private final String path;
    private final boolean streaming;
    private @Nullable Listener<R> listener;
    private @Nullable Metadata headers;
    private @Nullable MessageSignatureChain chain;
    private int requested;
    private boolean started;

    SigningCall(
        ClientCall<byte[], R> delegate,
        MethodDescriptor.Marshaller<Q> marshaller,
        String authority,
        String path,
        boolean streaming) {
      this.delegate = delegate;
      this.marshaller = marshaller;
      this.authority = authority;
      this.path = path;
      this.streaming = streaming;
    }

    @Override
    public void start(Listener<R> responseListener, Metadata metadata) {
      this.listener = responseListener;
      this.headers = metadata;
      if (streaming) {
        startSigned(STREAMING);
      }
    }

    @Override
    public void request(int numMessages) {
      if (started) {
        delegate.request(numMessages);
      } else {
        requested += numMessages;
      }
    }

    @Override
    public void sendMessage(Q message) {
      byte[] bytes = RawMessages.serialize(marshaller, message);
      if (!started) {
        startSigned(SigV4Signer.sha256Hex(bytes));
        delegate.sendMessage(bytes);
      } else {
        MessageSignatureChain signatures = chain;
        if (signatures == null) {
          throw new IllegalStateException("Cannot sign a message of an unsigned call");
        }
        delegate.sendMessage(SignedMessageFrame.append(bytes, signatures.next(bytes)));
      }
    }

    @Override
    public void halfClose() {
      if (!started) {
        startSigned(SigV4Signer.sha256Hex(new byte[0])); // a call that sent no message
      }
      delegate.halfClose();
    }

    @Override
    public void cancel(@Nullable String message, @Nullable Throwable cause) {
      Listener<R> responses = listener;
      Metadata metadata = headers;
      if (!started && responses != null && metadata != null) {
        started = true;
        delegate.start(responses, metadata);
      }
      delegate.cancel(message, cause);
    }

    @Override
    public boolean isReady() {
      // Before the first message nothing is sent, so the caller may always send it.
      return !started || delegate.isReady();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      delegate.setMessageCompression(enabled);
    }

    @Override
    public io.grpc.Attributes getAttributes() {
      return delegate.getAttributes();
    }

    /** Signs the metadata with {@code digest} as its message digest and starts the call. */
    private void startSigned(String digest) {
      Listener<R> responses = listener;
      Metadata metadata = headers;
      if (responses == null || metadata == null) {
        throw new IllegalStateException("Cannot send before start()");
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      String date = FORMAT.format(now);
      String authorization;
      try {
        authorization =
            SigV4Signer.authorization(
                new SignedRequest(
                    "POST",
                    path,
                    Map.of(),
                    Map.of(
                        "host",
                        List.of(authority),
                        "x-amz-date",
                        List.of(date),
                        SigV4Signer.MESSAGE_DIGEST_HEADER,
                        List.of(digest)),
                    new byte[0]),
                accessKeyId,
                secretAccessKey,
                region,
                SigV4Signer.SERVICE,
                now);
      } catch (RuntimeException e) {
        throw Status.UNAUTHENTICATED
            .withDescription("Cannot sign the call")
            .withCause(e)
            .asRuntimeException();
      }
      metadata.put(AMZ_DATE, date);
      metadata.put(MESSAGE_DIGEST, digest);
      metadata.put(AUTHORIZATION, authorization);
      chain =
          MessageSignatureChain.start(
              secretAccessKey,
              region,
              SigV4Signer.SERVICE,
              now,
              authorization.substring(authorization.lastIndexOf('=') + 1));
      started = true;
      delegate.start(responses, metadata);
      if (requested > 0) {
        delegate.request(requested);
      }
    }
  }
}
