package io.quiver.server.cli;

import io.quiver.server.http.HttpServer;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver serve}: opens a data directory and serves it until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Quiver server on a data directory.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--data-dir", defaultValue = "quiver-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).build());
        HttpServer server = HttpServer.start(store, host, port)) {
      LOG.info("Quiver is serving {} on http://{}:{}", dataDir.toAbsolutePath(), host, server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "quiver-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
