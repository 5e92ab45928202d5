package io.quiver.benchmarks.server;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Issues calls of one kind (GetRecord, PutRecord, Redis GET or SET) asynchronously, each naming a
 * key; one call in flight per client index. Thread-safe.
 */
interface LoadClient extends AutoCloseable {
  /** Called once per call, on a transport thread. */
  interface Completion {
    void done(boolean ok);
  }

  /** The record identifier of key number {@code index}, as {@code --setup} writes it. */
  static String key(int index) {
    return "k" + index;
  }

  /**
   * Starts a call on key number {@code key} (see {@link #key(int)}) for client {@code client};
   * {@code completion} runs when it ends.
   */
  void call(int client, int key, Completion completion);

  /**
   * Where fixed-rate calls are scheduled: the client's own transport threads, so a scheduled call
   * is sent from the thread that owns its connection, with no hand-off between threads.
   */
  ScheduledExecutorService scheduler();

  @Override
  void close();
}
