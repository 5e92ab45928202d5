package io.quiver.storage.parquet;

import io.quiver.storage.error.CorruptFileException;
import io.quiver.storage.parquet.ObjectInputFile.ObjectReadFailure;
import java.util.Locale;

/**
 * Turns what goes wrong while reading a Parquet file into one exception naming the file: the
 * store's own failure when the object could not be read, else a {@link CorruptFileException} saying
 * what is wrong with the content. Stateless.
 */
final class ReadFailure {
  private ReadFailure() {}

  static RuntimeException of(String uri, Throwable failure) {
    if (failure instanceof CorruptFileException corrupt) {
      return corrupt;
    }
    if (failure instanceof LinkageError) {
      // A footer naming a codec whose classes are not on the class path (LZ4 through Hadoop, say).
      return new CorruptFileException(
          "Cannot read " + uri + ": it uses a compression codec this build cannot read", failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ObjectReadFailure read && read.getCause() instanceof RuntimeException e) {
        return e; // already names the object and keeps the store's cause
      }
    }
    return new CorruptFileException("Cannot read " + uri + ": " + problem(failure), failure);
  }

  private static String problem(Throwable failure) {
    String innermost = null;
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        innermost = t.getMessage();
        all.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
      }
    }
    if (all.indexOf("crc") >= 0 || all.indexOf("checksum") >= 0) {
      return "a page fails its checksum; the file is damaged";
    }
    if (all.indexOf("not a parquet file") >= 0) {
      return "it is not a Parquet file (it does not start and end with PAR1)";
    }
    String text = innermost == null ? failure.getClass().getSimpleName() : innermost;
    return "the file is damaged or not valid Parquet (" + text + ")";
  }
}
