package io.quiver.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.pipelines.definition.DefinitionParser;
import io.quiver.pipelines.definition.DefinitionRules;
import io.quiver.pipelines.definition.PipelineDefinition;
import io.quiver.pipelines.execution.ExecutionSnapshot;
import io.quiver.pipelines.execution.ExecutionStart;
import io.quiver.pipelines.execution.PipelineEngine;
import io.quiver.pipelines.execution.PipelineSpec;
import io.quiver.pipelines.execution.StepSnapshot;
import io.quiver.pipelines.graph.DagLayout;
import io.quiver.pipelines.graph.DagPng;
import io.quiver.pipelines.graph.DagSvg;
import io.quiver.server.QuiverServer;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.StoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver pipeline}: runs a SageMaker pipeline definition locally with live step status, and
 * draws a pipeline's DAG with its step states. Not thread-safe (one instance per invocation).
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Run SageMaker pipeline definitions locally and draw their DAG.",
    subcommands = {PipelineCommand.Run.class, PipelineCommand.Graph.class})
final class PipelineCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code quiver pipeline run DEF.json [--param k=v]...}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Create (or update) a pipeline from a definition file, start an execution and show each"
            + " step's status until it ends.",
        "Exit status 0 when the execution succeeds, 1 when it fails or stops."
      })
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "DEF.json",
        description = "Pipeline definition (2020-12-01).")
    Path definition;

    @Option(
        names = "--param",
        paramLabel = "NAME=VALUE",
        description = "Parameter value; repeatable.")
    List<String> parameters = new ArrayList<>();

    @Option(
        names = "--data-dir",
        defaultValue = "quiver-data",
        description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "Pipeline name (default: the file's name).")
    @Nullable String name;

    @Option(
        names = "--graph",
        paramLabel = "FILE",
        description = "Also draw the DAG with the final step states (.svg or .png).")
    @Nullable Path graph;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "PT24H",
        description =
            "Give up waiting after this ISO-8601 duration (default: ${DEFAULT-VALUE}); the execution is stopped.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      String text = Files.readString(definition, UTF_8);
      String pipeline = name != null ? name : defaultName(definition);
      Map<String, String> values = parameters(spec, parameters);
      try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).build());
          PipelineEngine engine = PipelineEngine.open(QuiverServer.pipelineConfig(store))) {
        PipelineDefinition parsed = engine.validate(text);
        if (engine.listPipelines().stream().anyMatch(p -> p.name().equals(pipeline))) {
          engine.updatePipeline(pipeline, null, null, null, text, null);
        } else {
          engine.createPipeline(new PipelineSpec(pipeline, null, null, null, text, null, Map.of()));
        }
        ExecutionSnapshot started = engine.startExecution(ExecutionStart.of(pipeline, values));
        String arn = started.header().executionArn();
        out.println("quiver: started " + arn);
        out.flush();
        ExecutionSnapshot done = follow(engine, arn, out);
        if (graph != null) {
          GraphFiles.write(graph, DagLayout.of(parsed, done));
          out.println("quiver: drew " + graph);
        }
        out.println(
            "quiver: execution "
                + done.status()
                + (done.failureReason() == null ? "" : ": " + done.failureReason()));
        out.flush();
        return done.status().name().equals("Succeeded") ? 0 : 1;
      }
    }

    /** Prints each step's status change until the execution ends. */
    private ExecutionSnapshot follow(PipelineEngine engine, String arn, PrintWriter out)
        throws InterruptedException, ExecutionException {
      CompletableFuture<ExecutionSnapshot> done = engine.completion(arn);
      Map<String, String> shown = new HashMap<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        ExecutionSnapshot now = engine.describeExecution(arn);
        for (StepSnapshot s : now.steps()) {
          String state = s.status().name() + (s.cacheSource() != null ? " (cache hit)" : "");
          if (!state.equals(shown.put(s.name(), state))) {
            out.println(line(s, state));
            out.flush();
          }
        }
        if (now.status().terminal()) {
          return now;
        }
        if (System.nanoTime() > deadline) {
          engine.stopExecution(arn);
          out.println("quiver: timed out after " + timeout + "; stopping the execution");
        }
        try {
          return printRest(done.get(200, TimeUnit.MILLISECONDS), shown, out);
        } catch (TimeoutException e) {
          // not yet: refresh the step list
        }
      }
    }

    private static ExecutionSnapshot printRest(
        ExecutionSnapshot end, Map<String, String> shown, PrintWriter out) {
      for (StepSnapshot s : end.steps()) {
        String state = s.status().name() + (s.cacheSource() != null ? " (cache hit)" : "");
        if (!state.equals(shown.put(s.name(), state))) {
          out.println(line(s, state));
        }
      }
      out.flush();
      return end;
    }

    private static String line(StepSnapshot s, String state) {
      StringBuilder b =
          new StringBuilder(String.format(Locale.ROOT, "  %-24s %-22s", s.name(), state));
      if (s.startTime() != null && s.endTime() != null) {
        b.append(
            String.format(
                Locale.ROOT,
                " %.1f s",
                Duration.between(s.startTime(), s.endTime()).toMillis() / 1000.0));
      }
      if (s.attempts() > 1) {
        b.append(" (attempt ").append(s.attempts()).append(')');
      }
      if (s.failureReason() != null && s.status().terminal()) {
        b.append("\n      ").append(s.failureReason().replace("\n", "\n      "));
      }
      return b.toString();
    }
  }

  /** {@code quiver pipeline graph DEF.json -o dag.svg} or {@code --execution ARN}. */
  @Command(
      name = "graph",
      mixinStandardHelpOptions = true,
      description = {
        "Draw a pipeline's DAG as SVG or PNG (by the output's extension): of a definition file, or"
            + " of an execution in a data directory with its step states."
      })
  static final class Graph implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "DEF.json",
        description = "Pipeline definition file.")
    @Nullable Path definition;

    @Option(
        names = "--execution",
        paramLabel = "ARN",
        description = "An execution to draw, with its step states.")
    @Nullable String execution;

    @Option(
        names = "--data-dir",
        defaultValue = "quiver-data",
        description = "Data directory of --execution (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "Picture to write (.svg or .png).")
    Path output;

    @Override
    public Integer call() throws Exception {
      if ((definition == null) == (execution == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give a definition file or --execution ARN (one of them)");
      }
      DagLayout layout;
      if (definition != null) {
        String text = Files.readString(definition, UTF_8);
        layout =
            DagLayout.of(
                DefinitionParser.parse(text, new DefinitionRules(true, Map.of(), "")), null);
      } else {
        try (QuiverStore store = QuiverStore.open(StoreConfig.builder(dataDir).build());
            PipelineEngine engine = PipelineEngine.open(QuiverServer.pipelineConfig(store))) {
          ExecutionSnapshot snapshot = engine.describeExecution(execution);
          layout =
              DagLayout.of(engine.validate(engine.definitionForExecution(execution)), snapshot);
        }
      }
      GraphFiles.write(output, layout);
      spec.commandLine().getOut().println("quiver: drew " + output);
      return 0;
    }
  }

  /** Writes a picture in the format its file name asks for. */
  static final class GraphFiles {
    private GraphFiles() {}

    static void write(Path file, DagLayout layout) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      try {
        if (name.endsWith(".png")) {
          Files.write(file, DagPng.render(layout));
        } else if (name.endsWith(".svg")) {
          Files.writeString(file, DagSvg.render(layout), UTF_8);
        } else {
          throw new IllegalArgumentException(
              "Cannot draw " + file + ": the name must end in .svg or .png");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
    }
  }

  static String defaultName(Path definition) {
    String file = definition.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String base = (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^a-zA-Z0-9]+", "-");
    base = base.replaceAll("^-+|-+$", "");
    return base.isEmpty() ? "pipeline" : base;
  }

  static Map<String, String> parameters(CommandLine.Model.CommandSpec spec, List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--param " + pair + ": expected NAME=VALUE, e.g. MaxMse=3.0");
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }
}
