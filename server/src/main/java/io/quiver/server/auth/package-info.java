/**
 * Request authentication: AWS Signature Version 4 verified with the AWS SDK's own signer against a
 * file of access keys ({@link io.quiver.server.auth.SigV4Authenticator}), or none at all ({@link
 * io.quiver.server.auth.RequestAuthenticator#allowAll()}). Priorities: never accept a request the
 * real service would refuse for its signature; never log a secret. All types are immutable and
 * thread-safe.
 */
@NullMarked
package io.quiver.server.auth;

import org.jspecify.annotations.NullMarked;
