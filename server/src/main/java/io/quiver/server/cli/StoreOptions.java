package io.quiver.server.cli;

import io.quiver.protocol.client.FeatureStoreClient;
import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.record.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options naming the store a command looks into or writes to: a data directory ({@code
 * --data-dir}, opened in this process) or a running server ({@code --endpoint}, over gRPC), never
 * both. Not thread-safe; one per command.
 */
final class StoreOptions {
  @Option(
      names = "--data-dir",
      description = "Data directory (default: quiver-data); not with --endpoint.")
  @Nullable Path dataDir;

  @Mixin EndpointOptions server;

  /**
   * Opens the store the options name.
   *
   * @throws ParameterException if both are given, or the data directory holds no store
   * @throws StorageException if the data directory is open in another process
   */
  Store open(CommandLine line) {
    if (server.given() && dataDir != null) {
      throw new ParameterException(
          line, "--endpoint and --data-dir are mutually exclusive: use a server or a folder");
    }
    GrpcEndpoint endpoint = server.toEndpoint(line, System.getenv());
    if (endpoint != null) {
      return new RemoteStore(FeatureStoreClient.connect(endpoint));
    }
    Path dir = dataDir != null ? dataDir : ImportCommand.DATA_DIR_DEFAULT;
    if (!QuiverStore.exists(dir)) {
      throw new ParameterException(
          line,
          "--data-dir: "
              + dir
              + " holds no Quiver data directory (expected: a folder made by quiver serve or"
              + " quiver import --create)");
    }
    try {
      return new LocalStore(QuiverStore.open(StoreConfig.builder(dir).build()));
    } catch (StorageException e) {
      if (String.valueOf(e.getMessage()).contains("already open")) {
        throw new StorageException(
            "Cannot open data directory "
                + dir
                + ": another process (a running quiver serve?) has it open; go through that"
                + " server with --endpoint grpc://host:port",
            e);
      }
      throw e;
    }
  }

  /** What the commands need of a store, wherever it is. Not thread-safe. */
  interface Store extends AutoCloseable {
    List<FeatureGroup> listFeatureGroups();

    FeatureGroup describeFeatureGroup(String name);

    Optional<Record> getRecord(String group, String id, @Nullable List<String> features);

    void putRecord(String group, Record record);

    @Override
    void close();
  }

  /** A data directory opened here. */
  private record LocalStore(QuiverStore store) implements Store {
    @Override
    public List<FeatureGroup> listFeatureGroups() {
      return store.listFeatureGroups();
    }

    @Override
    public FeatureGroup describeFeatureGroup(String name) {
      return store.describeFeatureGroup(name);
    }

    @Override
    public Optional<Record> getRecord(String group, String id, @Nullable List<String> features) {
      return store.getRecord(group, id, features).map(r -> r.record());
    }

    @Override
    public void putRecord(String group, Record record) {
      store.putRecord(group, record);
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /** A server reached over gRPC. */
  private record RemoteStore(FeatureStoreClient client) implements Store {
    @Override
    public List<FeatureGroup> listFeatureGroups() {
      return client.listFeatureGroups();
    }

    @Override
    public FeatureGroup describeFeatureGroup(String name) {
      return client.describeFeatureGroup(name);
    }

    @Override
    public Optional<Record> getRecord(String group, String id, @Nullable List<String> features) {
      return client.getRecord(group, id, features);
    }

    @Override
    public void putRecord(String group, Record record) {
      client.putRecord(group, record);
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
