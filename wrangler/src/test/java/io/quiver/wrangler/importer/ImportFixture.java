package io.quiver.wrangler.importer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.schema.InferredSchema;
import io.quiver.wrangler.schema.SchemaInference;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A store in a temporary folder, files to import, and the calls tests make on them. */
public final class ImportFixture implements AutoCloseable {
  public final Path dir;
  public final QuiverStore store;
  public final List<RowError> rejected = new ArrayList<>();
  public final List<String> warnings = new ArrayList<>();
  public final List<ImportProgress> progress = new ArrayList<>();

  public ImportFixture(Path dir) {
    this.dir = dir;
    this.store =
        QuiverStore.open(
            StoreConfig.builder(dir.resolve("data")).ttlSweepInterval(Duration.ZERO).build());
  }

  /** Writes {@code lines} to {@code name} (gzip-compressed if the name ends in .gz). */
  public Path file(String name, String... lines) {
    Path path = dir.resolve(name);
    try {
      Files.createDirectories(path.getParent());
      try (OutputStream out =
          name.endsWith(".gz")
              ? new GZIPOutputStream(Files.newOutputStream(path))
              : Files.newOutputStream(path)) {
        out.write((String.join("\n", lines) + "\n").getBytes(UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  /** Infers a group from {@code location}, creates it (online only) and imports into it. */
  public ImportSummary createAndImport(
      String group, String location, String id, String eventTime, ImportConfig config) {
    try (ImportSource source = ImportSource.open(location, SourceOptions.defaults())) {
      return createAndImport(group, source, id, eventTime, config);
    }
  }

  /** Infers a group from {@code source}, creates it (online only) and imports into it. */
  public ImportSummary createAndImport(
      String group, ImportSource source, String id, String eventTime, ImportConfig config) {
    InferredSchema schema =
        SchemaInference.infer(source, id, eventTime, SchemaInference.SAMPLE_ROWS_DEFAULT);
    store.createFeatureGroup(schema.toSpec(group).onlineStore(OnlineStoreConfig.enabled()).build());
    return importInto(group, source, config);
  }

  /** Creates a group from {@code spec} (online store added). */
  public void create(FeatureGroupSpec.Builder spec) {
    store.createFeatureGroup(spec.onlineStore(OnlineStoreConfig.enabled()).build());
  }

  public ImportSummary importInto(String group, String location, ImportConfig config) {
    try (ImportSource source = ImportSource.open(location, SourceOptions.defaults())) {
      return importInto(group, source, config);
    }
  }

  public ImportSummary importInto(String group, ImportSource source, ImportConfig config) {
    return importWith(Importer.create(store, config), group, source);
  }

  /**
   * Imports through PutRecords a batch at a time, never a bulk load (an importer over a record
   * sink, as a remote import is).
   */
  public ImportSummary importThroughPutRecords(String group, String location, ImportConfig config) {
    try (ImportSource source = ImportSource.open(location, SourceOptions.defaults())) {
      return importWith(Importer.create(RecordSink.local(store), config), group, source);
    }
  }

  private ImportSummary importWith(Importer importer, String group, ImportSource source) {
    return importer.run(
        source,
        group,
        new ImportListener() {
          @Override
          public void onProgress(ImportProgress p) {
            progress.add(p);
          }

          @Override
          public void onRowRejected(RowError error) {
            rejected.add(error);
          }

          @Override
          public void onWarning(String message) {
            warnings.add(message);
          }
        });
  }

  /** The online record of {@code id} as a name-to-string map, or an empty map. */
  public Map<String, String> online(String group, String id) {
    Map<String, String> values = new LinkedHashMap<>();
    store
        .getRecord(group, id)
        .map(OnlineRecord::record)
        .map(Record::values)
        .orElse(List.of())
        .forEach(
            v ->
                values.put(
                    v.featureName(),
                    v.isList() ? String.join("|", v.valueAsStringList()) : v.valueAsString()));
    return values;
  }

  public String path(String name) {
    return dir.resolve(name).toString();
  }

  @Override
  public void close() {
    store.close();
  }
}
