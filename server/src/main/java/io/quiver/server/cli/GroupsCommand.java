package io.quiver.server.cli;

import io.quiver.server.control.ControlPlaneApi;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.catalog.Tag;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quiver groups [list | describe NAME]}: what feature groups a data directory or a server
 * holds, and one group's definition.
 */
@Command(
    name = "groups",
    mixinStandardHelpOptions = true,
    description = {
      "List the feature groups or describe one.",
      "quiver groups (or groups list) lists them, quiver groups describe NAME shows one, in a data"
          + " directory or, with --endpoint, on a running server."
    })
final class GroupsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(
      arity = "0..2",
      paramLabel = "ACTION",
      description = "list (the default), or describe NAME.")
  List<String> action = new ArrayList<>();

  @Option(
      names = "--format",
      defaultValue = "table",
      description =
          "table (default) or json: for describe, the group as DescribeFeatureGroup answers it.")
  TextTable.Format format;

  @Override
  public Integer call() {
    String verb = action.isEmpty() ? "list" : action.get(0);
    boolean describe = verb.equals("describe");
    if (!describe && !verb.equals("list")) {
      throw new ParameterException(
          spec.commandLine(), "groups: " + verb + " (expected: list, or describe NAME)");
    }
    if (describe != (action.size() == 2)) {
      throw new ParameterException(
          spec.commandLine(),
          describe ? "groups describe needs the group's NAME" : "groups list takes no NAME");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StoreOptions.Store opened = store.open(spec.commandLine())) {
      if (describe) {
        describe(out, opened.describeFeatureGroup(action.get(1)));
      } else {
        list(out, opened.listFeatureGroups());
      }
    }
    out.flush();
    return 0;
  }

  private void list(PrintWriter out, List<FeatureGroup> groups) {
    TextTable table = new TextTable("name", "features", "online", "offline", "created");
    for (FeatureGroup g : groups) {
      table.add(
          g.name(),
          Integer.toString(g.features().size()),
          online(g),
          g.spec().hasOfflineStore() ? g.resolvedOutputS3Uri() : "no",
          g.creationTime().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    table.print(out, format);
  }

  private void describe(PrintWriter out, FeatureGroup g) {
    if (format == TextTable.Format.json) {
      out.println(ControlPlaneApi.describeJson(g));
      return;
    }
    TextTable about = new TextTable("property", "value");
    about.add("name", g.name());
    about.add("arn", g.arn());
    about.add("record identifier", g.recordIdentifier().name());
    about.add("event time", g.eventTime().name());
    about.add("online store", online(g));
    about.add("offline store", g.spec().hasOfflineStore() ? g.resolvedOutputS3Uri() : "no");
    about.add("created", g.creationTime().toString());
    about.add("last modified", g.lastModifiedTime().toString());
    if (g.spec().description() != null) {
      about.add("description", g.spec().description());
    }
    if (!g.spec().tags().isEmpty()) {
      about.add(
          "tags", String.join(", ", g.spec().tags().stream().map(GroupsCommand::tag).toList()));
    }
    about.print(out, TextTable.Format.table);
    TextTable features = new TextTable("feature", "type", "collection");
    for (FeatureDefinition f : g.features()) {
      String collection =
          f.collectionType() == null
              ? ""
              : f.collectionType().wireName()
                  + (f.vectorDimension() == null ? "" : " of " + f.vectorDimension());
      features.add(f.name(), f.type().wireName(), collection);
    }
    features.print(out, TextTable.Format.table);
  }

  private static String tag(Tag tag) {
    return tag.key() + "=" + tag.value();
  }

  private static String online(FeatureGroup g) {
    OnlineStoreConfig online = g.spec().onlineStoreConfig();
    if (online == null || !online.enableOnlineStore()) {
      return "no";
    }
    return online.ttlDuration() == null
        ? "yes"
        : "yes, TTL " + online.ttlDuration().value() + " " + online.ttlDuration().unit().wireName();
  }
}
