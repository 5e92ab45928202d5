package io.quiver.query.pit;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A train / validation / test split by a deterministic hash of the base record identifier, so that
 * every row of an entity lands in the same part (no leakage across parts).
 *
 * @param train the fraction for training
 * @param validation the fraction for validation
 * @param test the fraction for testing
 */
public record Split(double train, double validation, double test) {
  /** The part names, in order. */
  public static final String TRAIN = "train";

  /** The validation part. */
  public static final String VALIDATION = "validation";

  /** The test part. */
  public static final String TEST = "test";

  /** Checks that the fractions are in [0, 1] and sum to 1. */
  public Split {
    if (train < 0 || validation < 0 || test < 0 || Math.abs(train + validation + test - 1) > 1e-9) {
      throw new IllegalArgumentException(
          "fractions: "
              + train
              + ", "
              + validation
              + ", "
              + test
              + " (expected: each >= 0, summing to 1)");
    }
  }

  /** The part of {@code identifier}. */
  public String partOf(String identifier) {
    double u = unit(identifier);
    if (u < train) {
      return TRAIN;
    }
    return u < train + validation ? VALIDATION : TEST;
  }

  /** A uniform value in [0, 1) from the FNV-1a 64-bit hash of the identifier's UTF-8 bytes. */
  static double unit(String identifier) {
    long h = 0xcbf29ce484222325L;
    for (byte b : identifier.getBytes(UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    // Finalize (splitmix64) so that similar identifiers spread over [0, 1).
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}
