package io.quiver.server.cli;

import io.quiver.protocol.client.GrpcEndpoint;
import io.quiver.server.grpc.GrpcRecordSink;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import io.quiver.wrangler.executor.FlowDescription;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.executor.RunResult;
import io.quiver.wrangler.export.FeatureGroupTarget;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.NodeType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quiver flow}: fits, runs and describes data flows (Quiver flow files or SageMaker Data
 * Wrangler {@code .flow} files).
 */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    description =
        "Fit, run and describe data flows (Quiver flow files or Data Wrangler .flow files).",
    subcommands = {
      FlowCommand.Fit.class,
      FlowCommand.Run.class,
      FlowCommand.Describe.class,
      CommandLine.HelpCommand.class
    })
final class FlowCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand takes. */
  static final class FlowOptions {
    @Parameters(index = "0", paramLabel = "FLOW", description = "The flow file.")
    Path file;

    @Option(
        names = "--param",
        paramLabel = "NAME=VALUE",
        description = "Set a flow parameter ({{NAME}} in the flow); repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--threads", description = "Worker threads (default: one per core).")
    @Nullable Integer threads;

    Flow read() {
      return Flow.read(file);
    }

    FlowRunner.Options options() {
      FlowRunner.Options options = FlowRunner.Options.defaults();
      if (threads != null) {
        if (threads < 1) {
          throw new CommandLine.ParameterException(
              new CommandLine(this), "--threads: " + threads + " (expected: 1 or more)");
        }
        options = options.withThreads(threads);
      }
      return options;
    }
  }

  /** {@code quiver flow fit}. */
  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description =
          "Fit the flow's stateful steps (scalers, encoders, imputers, ...) on its data and write the fit into the flow file.")
  static final class Fit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin FlowOptions flow;

    @Option(
        names = "--refit",
        description = "Fit every fitted step again, even one whose fit is current.")
    boolean refit;

    @Option(names = "--output", description = "Write the fitted flow here instead of over FLOW.")
    @Nullable Path output;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      FlowProgressPrinter progress = FlowProgressPrinter.of(err, InstantSource.system());
      Flow fitted =
          FlowRunner.create(flow.options()).fit(flow.read(), flow.parameters, refit, progress);
      progress.finish();
      Path target = output != null ? output : flow.file;
      write(target, fitted.toJson());
      spec.commandLine()
          .getOut()
          .println("Fitted " + flow.file.getFileName() + "; wrote " + target);
      return 0;
    }
  }

  /** {@code quiver flow run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run the flow: fit what is not fitted, then write every destination (files or feature groups).")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin FlowOptions flow;
    @Mixin EndpointOptions server;

    @Option(
        names = "--data-dir",
        description =
            "Data directory for feature-group destinations (default: quiver-data); not with --endpoint.")
    @Nullable Path dataDir;

    @Option(
        names = "--save-fit",
        description = "Write any fit the run made back into the flow file.")
    boolean saveFit;

    @Override
    public Integer call() throws Exception {
      Flow parsed = flow.read();
      boolean writesGroups =
          parsed.nodes().stream()
              .anyMatch(
                  n -> n.type() == NodeType.DESTINATION && n.operator().contains("feature_group"));
      GrpcEndpoint endpoint = server.toEndpoint(spec.commandLine(), System.getenv());
      if (endpoint != null && dataDir != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give --data-dir or --endpoint, not both");
      }
      PrintWriter err = spec.commandLine().getErr();
      FlowProgressPrinter progress = FlowProgressPrinter.of(err, InstantSource.system());
      RunResult result;
      if (!writesGroups) {
        result = FlowRunner.create(flow.options()).run(parsed, flow.parameters, progress);
      } else if (endpoint != null) {
        try (GrpcRecordSink sink = GrpcRecordSink.connect(endpoint)) {
          result =
              FlowRunner.create(flow.options().withFeatureGroups(RemoteFeatureGroups.of(sink)))
                  .run(parsed, flow.parameters, progress);
        }
      } else {
        Path dir = dataDir != null ? dataDir : ImportCommand.DATA_DIR_DEFAULT;
        try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dir).build())) {
          result =
              FlowRunner.create(flow.options().withFeatureGroups(FeatureGroupTarget.local(store)))
                  .run(parsed, flow.parameters, progress);
        }
      }
      progress.finish();
      PrintWriter out = spec.commandLine().getOut();
      for (RunResult.Destination d : result.destinations()) {
        out.printf(Locale.ROOT, "%s: %,d rows to %s%n", d.nodeId(), d.rows(), d.location());
      }
      if (!result.fitted().isEmpty()) {
        if (saveFit) {
          write(flow.file, result.flow().toJson());
          out.println(
              "Fitted " + String.join(", ", result.fitted()) + "; saved the fit in " + flow.file);
        } else {
          out.println(
              "Fitted "
                  + String.join(", ", result.fitted())
                  + " for this run; save the fit with --save-fit or quiver flow fit");
        }
      }
      return 0;
    }
  }

  /** {@code quiver flow describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description =
          "Show each node's step, fit and output columns, and whether the flow can be attached to a feature group.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin FlowOptions flow;

    @Override
    public Integer call() {
      Flow parsed = flow.read();
      FlowDescription description =
          FlowRunner.create(flow.options()).describe(parsed, flow.parameters);
      PrintWriter out = spec.commandLine().getOut();
      out.println("Flow " + parsed.name() + ": " + parsed.nodes().size() + " nodes");
      for (FlowDescription.NodeDescription node : description.nodes()) {
        out.printf(
            Locale.ROOT,
            "  %-24s %-44s %-11s %-9s%s%n",
            node.id(),
            node.operator(),
            node.kind(),
            node.fit(),
            node.output() == null ? "" : " " + node.output());
      }
      if (!parsed.parameters().isEmpty()) {
        out.println("Parameters:");
        parsed.parameters().forEach(p -> out.println("  " + p.name() + " = " + p.value()));
      }
      out.println(
          description.perRecord() == null
              ? "Per record: yes; a feature group may take this flow as its ingest transform"
              : "Per record: no; " + description.perRecord());
      return 0;
    }
  }

  private static void write(Path file, String json) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, json, StandardCharsets.UTF_8);
      Files.move(
          temporary,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
