package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Sends bytes that an HTTP library would refuse to send and reads back one response, so tests can
 * see exactly what the server answers to a malformed request.
 */
final class RawHttp {
  /** Generous bound on a response; the tests wait on the server, never on a timer. */
  static final int READ_TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  /** One response: status, head (lower-cased header names) and body. */
  record Response(int status, String head, String body) {
    /** Whether the server said it will close the connection. */
    boolean closes() {
      return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    }
  }

  /** Sends {@code request} on a new connection and reads one response. */
  static Response exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(ISO_8859_1));
  }

  static Response exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  /** Reads one response (head, then a body of its content-length), or fails if none comes. */
  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(
            "connection closed without a response; got: " + head.toString(ISO_8859_1));
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headText = head.toString(ISO_8859_1);
    int status = Integer.parseInt(headText.substring(9, 12));
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    if (status == 100) {
      return read(in);
    }
    return new Response(status, headText, new String(body, UTF_8));
  }

  /**
   * Whether the server has closed {@code socket} (reads end of stream), waiting up to the bound.
   */
  static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }
}
