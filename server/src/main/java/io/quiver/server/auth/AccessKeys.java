package io.quiver.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The access keys the server accepts: access key id to secret access key. Immutable.
 *
 * <p>File format: one {@code ACCESS_KEY_ID SECRET_ACCESS_KEY} pair per line, separated by
 * whitespace; blank lines and lines starting with {@code #} are ignored.
 */
public final class AccessKeys {
  private final Map<String, String> secrets;

  private AccessKeys(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  /**
   * Keys from {@code idToSecret}.
   *
   * @throws IllegalArgumentException if there are none
   */
  public static AccessKeys of(Map<String, String> idToSecret) {
    if (idToSecret.isEmpty()) {
      throw new IllegalArgumentException("idToSecret: {} (expected: at least one access key)");
    }
    return new AccessKeys(idToSecret);
  }

  /**
   * Reads the keys file at {@code file}.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if a line is malformed, a key id repeats, or there is no key
   */
  public static AccessKeys load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read access keys file " + file, e);
    }
    Map<String, String> secrets = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "Cannot read access keys file "
                + file
                + ": line "
                + (i + 1)
                + " has "
                + parts.length
                + " fields (expected: ACCESS_KEY_ID SECRET_ACCESS_KEY)");
      }
      if (secrets.put(parts[0], parts[1]) != null) {
        throw new IllegalArgumentException(
            "Cannot read access keys file "
                + file
                + ": access key id on line "
                + (i + 1)
                + " appears twice");
      }
    }
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot read access keys file " + file + ": it holds no access key");
    }
    return new AccessKeys(secrets);
  }

  /** The secret of {@code accessKeyId}, if it is one of the keys. */
  public Optional<String> secretOf(String accessKeyId) {
    return Optional.ofNullable(secrets.get(accessKeyId));
  }

  /**
   * Whether {@code secretAccessKey} is the secret of {@code accessKeyId}, compared in constant
   * time; for protocols whose clients present the key pair itself rather than a signature.
   */
  public boolean verifies(String accessKeyId, String secretAccessKey) {
    String secret = secrets.get(accessKeyId);
    return secret != null
        && MessageDigest.isEqual(secret.getBytes(UTF_8), secretAccessKey.getBytes(UTF_8));
  }

  /** How many keys there are. */
  public int size() {
    return secrets.size();
  }
}
