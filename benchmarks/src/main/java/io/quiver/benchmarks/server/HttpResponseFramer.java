package io.quiver.benchmarks.server;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Frames one connection's HTTP responses for a load client: the head up to the blank line, then
 * {@code Content-Length} bytes of body, read without building HTTP objects. A call succeeds on a
 * 200, and when records are expected (GetRecord) only on one whose body holds a record (more than
 * {@code {}}). Confined to its event loop.
 */
final class HttpResponseFramer extends CallFramer {
  /** Lower case; {@code ':' | 0x20} is still {@code ':'}. */
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(US_ASCII);

  private final HeadEndFinder headEndFinder = new HeadEndFinder();

  private final boolean recordExpected;

  HttpResponseFramer(boolean recordExpected) {
    this.recordExpected = recordExpected;
  }

  @Override
  int readHead(ByteBuf in) {
    headEndFinder.matched = 0;
    int headEnd = in.forEachByte(headEndFinder);
    if (headEnd < 0) {
      return -1; // the head is incomplete; rescanned from its start when more bytes arrive
    }
    int contentLength = contentLength(in, in.readerIndex(), headEnd + 1);
    succeeded = statusIs200(in) && (!recordExpected || contentLength > 2);
    in.readerIndex(headEnd + 1);
    return contentLength;
  }

  private static boolean statusIs200(ByteBuf in) {
    int r = in.readerIndex();
    return in.getByte(r + 9) == '2' && in.getByte(r + 10) == '0' && in.getByte(r + 11) == '0';
  }

  /** The {@code Content-Length} value in the head {@code [from, to)}, read without allocating. */
  private static int contentLength(ByteBuf in, int from, int to) {
    for (int line = in.indexOf(from, to, (byte) '\n') + 1;
        line > 0 && line < to;
        line = in.indexOf(line, to, (byte) '\n') + 1) {
      if (isContentLength(in, line, to)) {
        int value = 0;
        for (int i = line + CONTENT_LENGTH.length; i < to; i++) {
          byte b = in.getByte(i);
          if (b >= '0' && b <= '9') {
            value = value * 10 + (b - '0');
          } else if (b != ' ') {
            break;
          }
        }
        return value;
      }
    }
    throw new IllegalStateException(
        "Response without Content-Length: " + in.toString(from, to - from, US_ASCII));
  }

  private static boolean isContentLength(ByteBuf in, int at, int to) {
    if (to - at < CONTENT_LENGTH.length) {
      return false;
    }
    for (int i = 0; i < CONTENT_LENGTH.length; i++) {
      if ((in.getByte(at + i) | 0x20) != CONTENT_LENGTH[i]) {
        return false;
      }
    }
    return true;
  }

  /** Finds the blank line ending a response head: stops on the last byte of {@code \r\n\r\n}. */
  private static final class HeadEndFinder implements ByteProcessor {
    int matched;

    @Override
    public boolean process(byte value) {
      matched = value == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (value == '\r' ? 1 : 0);
      return matched < 4;
    }
  }
}
