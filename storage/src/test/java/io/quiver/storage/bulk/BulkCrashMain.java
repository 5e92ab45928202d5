package io.quiver.storage.bulk;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The child process of {@link BulkLoadCrashTest}: creates a group and bulk loads {@link
 * BulkLoadCrashTest#rows} into it, printing a line per progress report and {@code COMMITTED} at the
 * end, until it is killed. Arguments: data dir, offline folder, group, seed.
 */
public final class BulkCrashMain {
  static final int BATCHES = 8;

  private BulkCrashMain() {}

  public static void main(String[] args) {
    Path dataDir = Path.of(args[0]);
    Path offline = Path.of(args[1]);
    String group = args[2];
    long seed = Long.parseLong(args[3]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    // Never closed: the parent kills this process.
    QuiverStore store = QuiverStore.open(config(dataDir));
    store.createFeatureGroup(BulkRows.spec(group, true, offline));
    out.println("CREATED");
    List<@Nullable String[]> rows = BulkLoadCrashTest.rows(seed);
    BulkLoad load = store.bulkLoad(group);
    int size = (rows.size() + BATCHES - 1) / BATCHES;
    for (int b = 0; b < BATCHES; b++) {
      List<@Nullable String[]> slice =
          rows.subList(b * size, Math.min(rows.size(), (b + 1) * size));
      load.add(b, BulkRows.COLUMNS, BulkRows.batch(BulkRows.COLUMNS.size(), slice, true));
      out.println("ADDED " + b);
    }
    load.commit((step, done, total) -> out.println("STEP " + step + " " + done + " " + total));
    out.println("COMMITTED");
    System.exit(0);
  }

  static StoreConfig config(Path dataDir) {
    return StoreConfig.builder(dataDir).ttlSweepInterval(Duration.ZERO).build();
  }
}
