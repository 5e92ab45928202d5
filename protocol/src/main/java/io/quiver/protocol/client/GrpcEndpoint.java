package io.quiver.protocol.client;

import static java.util.Objects.requireNonNull;

import io.grpc.ClientInterceptor;
import io.quiver.protocol.signing.SigV4ClientInterceptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a Quiver server's gRPC port is and how to talk to it: {@code grpc://host[:port]} in plain
 * text, {@code grpcs://host[:port]} over TLS (port {@value #DEFAULT_PORT} when absent), trusting
 * the system's certificate authorities or one PEM file, optionally signing each call ({@link
 * SigV4ClientInterceptor}). Immutable.
 *
 * @param url the URL as given, for messages
 * @param host the server's host name or address
 * @param port the gRPC port
 * @param tls whether to use TLS
 * @param caCert PEM certificates to trust instead of the system's, or {@code null}
 * @param credentials what signs each call, or {@code null}
 */
public record GrpcEndpoint(
    String url,
    String host,
    int port,
    boolean tls,
    @Nullable Path caCert,
    @Nullable ClientInterceptor credentials) {

  /** The gRPC port of a Quiver server unless told otherwise. */
  public static final int DEFAULT_PORT = 9090;

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the port is out of range, or a CA certificate is given
   *     without TLS
   */
  public GrpcEndpoint {
    requireNonNull(url, "url");
    requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
    }
    if (caCert != null && !tls) {
      throw new IllegalArgumentException(
          "caCert: " + caCert + " (expected: only with TLS, a grpcs:// endpoint)");
    }
  }

  /**
   * The endpoint {@code url} names, without a CA certificate or credentials.
   *
   * @throws IllegalArgumentException if {@code url} is not {@code grpc://host[:port]} or {@code
   *     grpcs://host[:port]}
   */
  public static GrpcEndpoint parse(String url) {
    requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "endpoint: " + url + " (expected: grpc://host:port or grpcs://host:port)", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean plain = scheme.equals("grpc");
    if (!plain && !scheme.equals("grpcs")
        || uri.getHost() == null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "endpoint: " + url + " (expected: grpc://host:port or grpcs://host:port)");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new GrpcEndpoint(url, uri.getHost(), port, !plain, null, null);
  }

  /**
   * This endpoint trusting the PEM certificates in {@code pem} instead of the system's.
   *
   * @throws IllegalArgumentException if the endpoint does not use TLS
   */
  public GrpcEndpoint withCaCert(Path pem) {
    return new GrpcEndpoint(url, host, port, tls, requireNonNull(pem, "pem"), credentials);
  }

  /** This endpoint signing each call with {@code signer}. */
  public GrpcEndpoint withCredentials(ClientInterceptor signer) {
    return new GrpcEndpoint(url, host, port, tls, caCert, requireNonNull(signer, "signer"));
  }

  @Override
  public String toString() {
    return url;
  }
}
