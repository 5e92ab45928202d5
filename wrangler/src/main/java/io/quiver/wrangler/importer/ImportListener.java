package io.quiver.wrangler.importer;

/**
 * Hears about an import as it runs: periodic progress and each rejected row. Called from the thread
 * running the import; implementations need not be thread-safe but must be quick.
 */
public interface ImportListener {

  /** Called every {@link ImportConfig#progressInterval()} and once at the end. */
  void onProgress(ImportProgress progress);

  /** Called for each row that breaks a rule (the failing row, or each skipped row). */
  void onRowRejected(RowError error);

  /**
   * Called while rows already read are being written out, a step that can take long after the last
   * row was read: {@code done} of {@code total} units of {@code step} (for example {@code "writing
   * offline files"}, in files) are finished. Calls are never concurrent.
   */
  default void onWriteProgress(String step, long done, long total) {}

  /**
   * Called before the first row for something the user should know that does not stop the import,
   * for example a feature the input has no column for.
   */
  default void onWarning(String message) {}

  /** A listener that ignores everything. */
  static ImportListener silent() {
    return SilentListener.INSTANCE;
  }
}

/** The listener of {@link ImportListener#silent()}. */
enum SilentListener implements ImportListener {
  INSTANCE;

  @Override
  public void onProgress(ImportProgress progress) {}

  @Override
  public void onRowRejected(RowError error) {}
}
