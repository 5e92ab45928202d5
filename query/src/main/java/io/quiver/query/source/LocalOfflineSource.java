package io.quiver.query.source;

import static java.util.Objects.requireNonNull;

import io.quiver.storage.catalog.FeatureGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** An {@link OfflineSource} over local folders. Thread-safe (immutable). */
final class LocalOfflineSource implements OfflineSource {
  private final List<FeatureGroup> groups;
  private final Function<FeatureGroup, Path> dataFolder;
  private final @Nullable Function<FeatureGroup, CloseableIterator<OfflineRow>> staged;

  LocalOfflineSource(
      List<FeatureGroup> groups,
      Function<FeatureGroup, Path> dataFolder,
      @Nullable Function<FeatureGroup, CloseableIterator<OfflineRow>> staged) {
    this.groups = List.copyOf(groups);
    this.dataFolder = requireNonNull(dataFolder, "dataFolder");
    this.staged = staged;
  }

  static Path dataFolder(Path base, String account, String region, FeatureGroup group) {
    return base.resolve(account)
        .resolve("sagemaker")
        .resolve(region)
        .resolve("offline-store")
        .resolve(group.offlineStoreFolderName())
        .resolve("data");
  }

  @Override
  public List<FeatureGroup> featureGroups() {
    return groups;
  }

  @Override
  public List<Path> files(FeatureGroup group) {
    Path folder = dataFolder.apply(group);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the offline store files of " + group.name() + " in " + folder, e);
    }
  }

  @Override
  public CloseableIterator<OfflineRow> stagedRows(FeatureGroup group) {
    return staged == null ? CloseableIterator.empty() : staged.apply(group);
  }
}
