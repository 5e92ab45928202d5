package io.quiver.server.flightsql;

import io.quiver.server.auth.AccessKeys;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Checks Flight SQL's basic credentials against the server's access keys: the user name is an
 * access key id and the password its secret access key, the pair SigV4 signs with on the other
 * ports. JDBC and ADBC clients can send only a user and password; the server answers a bearer
 * token, which they send on later calls. Thread-safe.
 */
final class AccessKeyValidator implements BasicCallHeaderAuthenticator.CredentialValidator {
  private final AccessKeys keys;

  AccessKeyValidator(AccessKeys keys) {
    this.keys = keys;
  }

  @Override
  public CallHeaderAuthenticator.AuthResult validate(String username, String password) {
    if (!keys.verifies(username, password)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription(
              "Invalid credentials: the user must be an access key id and the password its secret access key")
          .toRuntimeException();
    }
    return new CallHeaderAuthenticator.AuthResult() {
      @Override
      public String getPeerIdentity() {
        return username;
      }

      @Override
      public void appendToOutgoingHeaders(CallHeaders outgoingHeaders) {}
    };
  }
}
