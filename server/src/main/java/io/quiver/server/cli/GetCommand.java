package io.quiver.server.cli;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.Record;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quiver get GROUP ID}: the latest online record of an identifier (GetRecord), as one JSON
 * object; exit status 1 with a message when there is none.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Print the latest online record of an identifier as JSON (GetRecord).")
final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "GROUP", description = "The feature group, name or ARN.")
  String group;

  @Parameters(index = "1", paramLabel = "ID", description = "The record identifier.")
  String id;

  @Option(
      names = "--feature",
      paramLabel = "NAME",
      description = "Only these features (repeat the option; default: all).")
  List<String> features;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (StoreOptions.Store opened = store.open(spec.commandLine())) {
      FeatureGroup definition = opened.describeFeatureGroup(group);
      Optional<Record> record = opened.getRecord(group, id, features);
      if (record.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "quiver: feature group "
                    + definition.name()
                    + " has no record "
                    + id
                    + " online (never written, deleted, or expired)");
        return 1;
      }
      out.println(RecordJson.write(definition, record.get()));
      out.flush();
      return 0;
    }
  }
}
