package io.quiver.server.auth;

import io.quiver.storage.error.AccessForbiddenException;

/** Decides whether a request may proceed. Implementations are thread-safe. */
public interface RequestAuthenticator {
  /**
   * Checks {@code request}.
   *
   * @throws AccessForbiddenException if it may not proceed; the message says why
   */
  void authenticate(SignedRequest request);

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
    public void authenticate(SignedRequest request) {}

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
