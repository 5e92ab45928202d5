package io.quiver.server.cli;

import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.WalRecovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quiver repair}: opens a data directory whose write-ahead log is damaged, keeping every
 * write before the damage and dropping the rest, and prints what was dropped. Afterwards the
 * directory opens normally.
 */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Open a data directory whose write-ahead log is damaged: keep every write before the damage,"
          + " drop the rest and list what was dropped. Copy the directory somewhere safe first.",
      "Not needed after an ordinary crash: an incomplete last write is dropped on every open."
    })
final class RepairCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "Data directory to repair.")
  Path dataDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dataDir.resolve("db"))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--data-dir " + dataDir + ": not a Quiver data directory (it has no db folder)");
    }
    List<String> losses;
    try (QuiverStore store =
        QuiverStore.open(
            StoreConfig.builder(dataDir).walRecovery(WalRecovery.POINT_IN_TIME).build())) {
      losses = store.walRecoveryLosses();
    }
    if (losses.isEmpty()) {
      spec.commandLine()
          .getOut()
          .println("Nothing to repair: the write-ahead log of " + dataDir + " is intact.");
      return 0;
    }
    spec.commandLine()
        .getOut()
        .println(
            "Repaired "
                + dataDir
                + ". Dropped from its write-ahead log (the writes stored there are lost):");
    for (String loss : losses) {
      spec.commandLine().getOut().println("  " + loss);
    }
    return 0;
  }
}
