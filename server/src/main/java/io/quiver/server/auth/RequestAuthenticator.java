package io.quiver.server.auth;

import io.quiver.protocol.signing.MessageSignatureChain;
import io.quiver.protocol.signing.SignedRequest;
import io.quiver.storage.error.AccessForbiddenException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request may proceed, in two steps: its head before the body is read, then the
 * whole request. Implementations are thread-safe.
 */
public interface RequestAuthenticator {
  /**
   * Checks what can be judged from the head alone (credentials present, well formed, known and
   * fresh; the headers that change the request's meaning signed), so a body is never read for a
   * request that will be refused anyway. The payload of {@code head} is not looked at.
   *
   * @throws AccessForbiddenException if it may not proceed; the message says why
   */
  void authenticateHead(SignedRequest head);

  /**
   * Checks the whole of {@code request}, signature and payload included.
   *
   * @throws AccessForbiddenException if it may not proceed; the message says why
   */
  void authenticate(SignedRequest request);

  /**
   * The chain that checks the messages after the first of a streamed call whose head passed {@link
   * #authenticate}, or {@code null} if messages are not checked.
   */
  default @Nullable MessageSignatureChain messageChain(SignedRequest head) {
    return null;
  }

  /** Whether this authenticator checks anything at all. */
  boolean enabled();

  /** An authenticator that accepts every request. */
  static RequestAuthenticator allowAll() {
    return AllowAll.INSTANCE;
  }

  /** Accepts everything. */
  enum AllowAll implements RequestAuthenticator {
    INSTANCE;

    @Override
    public void authenticateHead(SignedRequest head) {}

    @Override
    public void authenticate(SignedRequest request) {}

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
