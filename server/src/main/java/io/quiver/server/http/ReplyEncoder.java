package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Encodes an {@link HttpReply} as the bytes of an HTTP/1.1 response, head and body in one buffer.
 *
 * <p>Netty's {@code HttpResponseEncoder} would first build a response object with a header map,
 * then write the head and the body as two buffers. Every response of this server is complete and
 * carries the same few headers, so writing them straight into one buffer saves the per-response
 * objects and a second I/O vector on the hottest path (GetRecord). Stateless.
 */
final class ReplyEncoder {
  private static final byte[] OK_STATUS_LINE = "HTTP/1.1 200 OK\r\n".getBytes(US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final int FIXED_HEAD_BYTES = 160;

  private ReplyEncoder() {}

  /**
   * The response to one request.
   *
   * @param keepAlive false adds {@code connection: close} (the caller closes after writing)
   * @param headRequest true leaves the body out (its length is still announced), as HTTP requires
   *     for a response to HEAD
   */
  static ByteBuf encode(
      ByteBufAllocator alloc,
      HttpReply reply,
      String requestId,
      boolean keepAlive,
      boolean headRequest) {
    byte[] body = reply.body();
    String errorType = reply.errorType();
    int capacity =
        FIXED_HEAD_BYTES
            + reply.contentType().length()
            + requestId.length()
            + (errorType == null ? 0 : errorType.length())
            + (headRequest ? 0 : body.length);
    ByteBuf out = alloc.ioBuffer(capacity);
    statusLine(out, reply.status());
    header(out, "content-type", reply.contentType());
    header(out, "x-amzn-RequestId", requestId);
    if (errorType != null) {
      header(out, "x-amzn-ErrorType", errorType);
    }
    header(out, "content-length", Integer.toString(body.length));
    if (!keepAlive) {
      header(out, "connection", "close");
    }
    out.writeBytes(CRLF);
    if (!headRequest) {
      out.writeBytes(body);
    }
    return out;
  }

  /** {@code 100 Continue}: an interim response with no headers. */
  static ByteBuf continueResponse(ByteBufAllocator alloc) {
    ByteBuf out = alloc.ioBuffer(32);
    statusLine(out, HttpResponseStatus.CONTINUE);
    out.writeBytes(CRLF);
    return out;
  }

  private static void statusLine(ByteBuf out, HttpResponseStatus status) {
    if (status.code() == 200) {
      out.writeBytes(OK_STATUS_LINE);
      return;
    }
    ByteBufUtil.writeAscii(out, "HTTP/1.1 ");
    ByteBufUtil.writeAscii(out, status.codeAsText());
    out.writeByte(' ');
    ByteBufUtil.writeAscii(out, status.reasonPhrase());
    out.writeBytes(CRLF);
  }

  private static void header(ByteBuf out, String name, String value) {
    ByteBufUtil.writeAscii(out, name);
    out.writeByte(':');
    out.writeByte(' ');
    ByteBufUtil.writeAscii(out, value);
    out.writeBytes(CRLF);
  }
}
