package io.quiver.server.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quiver.protocol.signing.MessageSignatureChain;
import io.quiver.protocol.signing.SigV4ClientInterceptor;
import io.quiver.protocol.signing.SignedMessageFrame;
import io.quiver.protocol.signing.SignedRequest;
import io.quiver.server.auth.RequestAuthenticator;
import io.quiver.server.auth.SigV4Authenticator;
import io.quiver.server.metrics.ServerMetrics;
import io.quiver.storage.error.AccessForbiddenException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks each call's SigV4 signature (what is signed: {@link SigV4ClientInterceptor}) before any
 * message is read, then each message as it arrives: in a call sending one message, the message must
 * have the signed digest; in a streaming call ({@link SigV4ClientInterceptor#STREAMING}), every
 * message must carry its chained signature, which is stripped before the service sees the message.
 * A refused call ends with UNAUTHENTICATED and the service sees it cancelled. Works on serialized
 * messages ({@code ServerInterceptors.useMarshalledMessages}), so it hashes exactly the bytes
 * received. Thread-safe; per-call state lives in each call's listener.
 */
final class SigV4ServerInterceptor implements ServerInterceptor {
  private static final byte[] NO_PAYLOAD = new byte[0];

  private final RequestAuthenticator authenticator;
  private final ServerMetrics metrics;

  SigV4ServerInterceptor(RequestAuthenticator authenticator, ServerMetrics metrics) {
    this.authenticator = authenticator;
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SignedRequest head =
        signedRequest(call.getAuthority(), call.getMethodDescriptor().getFullMethodName(), headers);
    String digest = head.header(SigV4Authenticator.MESSAGE_DIGEST_HEADER);
    MessageSignatureChain chain;
    try {
      authenticator.authenticate(head);
      if (digest == null) {
        throw new AccessForbiddenException(
            "Incomplete signature: the call has no "
                + SigV4Authenticator.MESSAGE_DIGEST_HEADER
                + " metadata (expected: the signed hex SHA-256 of the first request message)");
      }
      chain = authenticator.messageChain(head);
    } catch (AccessForbiddenException e) {
      refuse(call, e.getMessage());
      return new ServerCall.Listener<>() {};
    }
    return new CheckingListener<>(next.startCall(call, headers), call, digest, chain);
  }

  private void refuse(ServerCall<?, ?> call, @Nullable String why) {
    metrics.recordRejected(GrpcCalls.PROTOCOL, "auth");
    call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
  }

  /** Checks each message against the call's signature before the service sees it. */
  private final class CheckingListener<Q>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, ?> call;
    private final String digest;
    private final @Nullable MessageSignatureChain chain;
    private int received;
    private boolean refused;

    CheckingListener(
        ServerCall.Listener<Q> delegate,
        ServerCall<Q, ?> call,
        String digest,
        @Nullable MessageSignatureChain chain) {
      super(delegate);
      this.call = call;
      this.digest = digest;
      this.chain = chain;
    }

    @Override
    public void onMessage(Q message) {
      if (refused) {
        return;
      }
      if (!(message instanceof byte[] bytes)) {
        throw new IllegalStateException("Signed calls must be intercepted on serialized messages");
      }
      if (received++ == 0 && !digest.equals(SigV4ClientInterceptor.STREAMING)) {
        if (!SigV4Authenticator.sha256Hex(bytes).equals(digest)) {
          reject(
              "The request message does not match the signed "
                  + SigV4Authenticator.MESSAGE_DIGEST_HEADER
                  + ": it was altered or replaced after signing");
          return;
        }
        super.onMessage(message);
        return;
      }
      SignedMessageFrame.Split split = SignedMessageFrame.split(bytes);
      if (split == null || chain == null || !chain.verifyNext(split.message(), split.signature())) {
        reject(
            "Message "
                + received
                + " of the call does not carry the signature chained to the one before it: it"
                + " was altered, dropped, reordered or replayed");
        return;
      }
      @SuppressWarnings("unchecked") // Q is byte[], checked above
      Q stripped = (Q) split.message();
      super.onMessage(stripped);
    }

    private void reject(String why) {
      refused = true;
      refuse(call, why);
      super.onCancel(); // the service drops what it started for this call
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      if (!refused) {
        super.onCancel();
      }
    }

    @Override
    public void onComplete() {
      if (!refused) {
        super.onComplete();
      }
    }

    @Override
    public void onReady() {
      if (!refused) {
        super.onReady();
      }
    }
  }

  static SignedRequest signedRequest(
      @Nullable String authority, String fullMethodName, Metadata headers) {
    Map<String, List<String>> signed = new HashMap<>();
    signed.put("host", List.of(authority == null ? "" : authority));
    copy(headers, SigV4ClientInterceptor.AMZ_DATE, signed);
    copy(headers, SigV4ClientInterceptor.AUTHORIZATION, signed);
    copy(headers, SigV4ClientInterceptor.MESSAGE_DIGEST, signed);
    return new SignedRequest("POST", "/" + fullMethodName, Map.of(), signed, NO_PAYLOAD);
  }

  private static void copy(
      Metadata headers, Metadata.Key<String> key, Map<String, List<String>> into) {
    Iterable<String> values = headers.getAll(key);
    if (values != null) {
      List<String> all = new java.util.ArrayList<>();
      values.forEach(all::add);
      into.put(key.name(), all);
    }
  }
}
