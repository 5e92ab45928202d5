package io.quiver.storage;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Logger;
import org.slf4j.LoggerFactory;

/**
 * RocksDB's warnings and errors, sent to the store's log instead of RocksDB's own LOG file, so a
 * problem RocksDB notices (a damaged write-ahead log above all) is in the one log an operator
 * reads. Also keeps the WAL ranges RocksDB reports dropping, for the open to report. Thread-safe:
 * RocksDB calls it from its own threads.
 */
final class RocksLogForwarder extends Logger {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.quiver.storage.rocksdb");

  /**
   * Warnings RocksDB writes in its normal course, which say nothing an operator can act on: the
   * read-ahead it guessed for a file opened the first time, and the unique identifier a bulk load's
   * ingested file has no entry for in the manifest (files written by {@code SstFileWriter}). Shown
   * on a terminal they read as a problem with the import that caused them.
   */
  private static final List<String> ROUTINE =
      List.of("is calculated based on heuristics", "opened without unique ID to verify");

  private final List<String> drops = new ArrayList<>();

  RocksLogForwarder() {
    super(InfoLogLevel.WARN_LEVEL);
  }

  @Override
  protected void log(InfoLogLevel level, String message) {
    String text = message.strip();
    if (text.contains(": dropping ")) {
      synchronized (drops) {
        drops.add(withoutSourceLocation(text));
      }
    }
    if (level == InfoLogLevel.WARN_LEVEL && isRoutine(text)) {
      LOG.debug("RocksDB: {}", text);
    } else if (level == InfoLogLevel.WARN_LEVEL) {
      LOG.warn("RocksDB: {}", text);
    } else {
      LOG.error("RocksDB: {}", text);
    }
  }

  /** Each range of a write-ahead log RocksDB dropped so far: file, bytes and reason. */
  List<String> drops() {
    synchronized (drops) {
      return List.copyOf(drops);
    }
  }

  /** Whether a warning is one of RocksDB's routine notices rather than a problem. */
  static boolean isRoutine(String text) {
    for (String notice : ROUTINE) {
      if (text.contains(notice)) {
        return true;
      }
    }
    return false;
  }

  /** RocksDB prefixes messages with its source file and line, of no use to an operator. */
  private static String withoutSourceLocation(String text) {
    if (text.startsWith("[")) {
      int end = text.indexOf("] ");
      if (end > 0) {
        text = text.substring(end + 2);
      }
    }
    return text.startsWith("(ignoring error) ") ? text.substring(17) : text;
  }
}
