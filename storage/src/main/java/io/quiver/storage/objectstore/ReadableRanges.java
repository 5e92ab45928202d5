package io.quiver.storage.objectstore;

/** Checks of the ranges a {@link ReadableObject} is asked for. Stateless. */
final class ReadableRanges {
  private ReadableRanges() {}

  /**
   * @throws IllegalArgumentException if {@code [position, position + length)} is not inside
   */
  static void check(ReadableObject object, long position, int length) {
    if (position < 0 || length < 0 || position > object.length() - length) {
      throw new IllegalArgumentException(
          "range: "
              + length
              + " bytes at "
              + position
              + " (expected: inside the "
              + object.length()
              + " bytes of "
              + object.uri()
              + ")");
    }
  }
}
