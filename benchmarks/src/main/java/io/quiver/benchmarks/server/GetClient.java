package io.quiver.benchmarks.server;

/** Issues GetRecord calls asynchronously; one call in flight per client index. Thread-safe. */
interface GetClient extends AutoCloseable {
  /** Called once per call, on a transport thread. */
  interface Completion {
    void done(boolean ok);
  }

  /** Starts a GetRecord of {@code key} for client {@code client}; {@code completion} runs when it ends. */
  void get(int client, String key, Completion completion);

  @Override
  void close();
}
