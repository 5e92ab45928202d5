package io.quiver.clarify.monitor;

/** The names a monitor may have: SageMaker's schedule names, safe as folder names. Stateless. */
final class MonitorNames {
  private static final String PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

  private MonitorNames() {}

  /**
   * Returns {@code name} if it is a valid monitor name.
   *
   * @throws IllegalArgumentException if it is not
   */
  static String check(String name) {
    if (name == null || !name.matches(PATTERN)) {
      throw new IllegalArgumentException(
          "monitor name: '"
              + name
              + "' (expected: 1 to 63 letters, digits and hyphens, starting with a letter or"
              + " digit)");
    }
    return name;
  }
}
