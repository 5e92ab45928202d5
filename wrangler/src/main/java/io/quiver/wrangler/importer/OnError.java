package io.quiver.wrangler.importer;

/** What an import does with a row that breaks a rule. */
public enum OnError {
  /** Stop at the first bad row; nothing from its batch onward is written. */
  FAIL,
  /** Report the row, count it as skipped, and go on. */
  SKIP
}
