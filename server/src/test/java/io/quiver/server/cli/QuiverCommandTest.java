package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A mistaken command line is answered with the mistake, a suggestion where one is close, and where
 * to read the options: the full usage (some sixty lines for {@code import}) buried the one line
 * that mattered.
 */
class QuiverCommandTest {
  @TempDir Path tmp;

  @Test
  void aMisspelledOptionGetsASuggestionAndNotTheWholeUsage() {
    CliRun run = CliRun.of("groups", "--data-dri", tmp.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "Unknown option: '--data-dri'\n"
                + "Possible solutions: --data-dir\n"
                + "Try 'quiver groups --help' for the options.\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aRefusedOptionValueSaysWhyAndWhereToLook() {
    CliRun run =
        CliRun.of(
            "import",
            "--data-dir",
            tmp.resolve("typo").toString(),
            "--feature-group",
            "g",
            "--source",
            "in.csv");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "--data-dir: "
                + tmp.resolve("typo")
                + " holds no Quiver data directory (expected: a folder made by quiver serve or"
                + " quiver import --create; check the path, or add --create to start one)",
            "Try 'quiver import --help' for the options.");
  }

  @Test
  void theSubcommandListShowsWholeSentences() {
    CliRun run = CliRun.of("--help");

    assertThat(run.out().lines().filter(l -> l.startsWith("  groups") || l.startsWith("  put")))
        .containsExactly(
            "  groups    List the feature groups or describe one.",
            "  put       Write one record to a feature group (PutRecord).");
  }

  @Test
  void eachSubcommandAloneReadsAndHelpsAsItDoesAmongAllOfThem() {
    CommandLine all = QuiverCommand.newCommandLine();
    assertThat(all.getSubcommands()).hasSizeGreaterThan(10);
    for (String name : all.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandLine alone = QuiverCommand.newCommandLine(name, "--help");

      assertThat(alone.getSubcommands()).containsOnlyKeys(name);
      assertThat(alone.getSubcommands().get(name).getUsageMessage())
          .isEqualTo(all.getSubcommands().get(name).getUsageMessage());
      assertThat(CliRun.with(alone, name, "--no-such-option").err())
          .isEqualTo(CliRun.with(QuiverCommand.newCommandLine(), name, "--no-such-option").err());
    }
  }

  @Test
  void aMisspelledSubcommandStillGetsSuggestionsFromAllOfThem() {
    CliRun run = CliRun.of("sqll", "SELECT 1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Did you mean: quiver sql");
  }
}
