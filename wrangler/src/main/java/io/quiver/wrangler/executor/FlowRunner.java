package io.quiver.wrangler.executor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.IngestTransformConfig;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.objectstore.S3Settings;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.wrangler.export.FeatureGroupTarget;
import io.quiver.wrangler.export.FileOutput;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowException;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeOutput;
import io.quiver.wrangler.flow.NodeType;
import io.quiver.wrangler.flow.ParameterValues;
import io.quiver.wrangler.frame.Column;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.FrameStream;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import io.quiver.wrangler.source.SourceOptions;
import io.quiver.wrangler.transform.OperatorCatalog;
import io.quiver.wrangler.transform.ValueCasts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs data flows: fits their stateful steps and writes their destinations (files, feature groups).
 * The Java entry point behind {@code quiver flow fit|run}, and what a pipeline step calls to run a
 * flow with parameters.
 *
 * <pre>{@code
 * FlowRunner runner = FlowRunner.create(FlowRunner.Options.defaults().withFeatureGroups(FeatureGroupTarget.local(store)));
 * RunResult result = runner.run(Flow.read(Path.of("orders.flow")), Map.of("day", "2024-01-31"), RunListener.silent());
 * Files.writeString(Path.of("orders.flow"), result.flow().toJson()); // keep the fit
 * }</pre>
 *
 * <p>Data streams in batches through a pool of worker threads (one per core): sources are parsed
 * and row-wise steps run in parallel, in order. Steps that need all rows (sort, join, split, ...)
 * hold their input in memory. Thread-safe: each call uses its own threads.
 */
public final class FlowRunner {
  /**
   * How flows run.
   *
   * @param threads worker threads (at least 1)
   * @param s3 how to reach S3 for destinations
   * @param sources how to open source files (S3 endpoint and region)
   * @param featureGroups where feature-group destinations write, or {@code null} if none may run
   */
  public record Options(
      int threads,
      S3Settings s3,
      SourceOptions sources,
      @Nullable FeatureGroupTarget featureGroups) {
    /** Checks the values. */
    public Options {
      if (threads < 1) {
        throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
      }
      requireNonNull(s3, "s3");
      requireNonNull(sources, "sources");
    }

    /** One thread per core, AWS defaults for S3, no feature groups. */
    public static Options defaults() {
      return new Options(
          Runtime.getRuntime().availableProcessors(),
          S3Settings.defaults(),
          SourceOptions.defaults(),
          null);
    }

    /** A copy writing feature-group destinations to {@code target}. */
    public Options withFeatureGroups(@Nullable FeatureGroupTarget target) {
      return new Options(threads, s3, sources, target);
    }

    /** A copy with {@code threads} worker threads. */
    public Options withThreads(int count) {
      return new Options(count, s3, sources, featureGroups);
    }

    /** A copy reaching S3 with these settings (for sources and destinations). */
    public Options withS3(S3Settings settings, SourceOptions sourceOptions) {
      return new Options(threads, settings, sourceOptions, featureGroups);
    }
  }

  private final Options options;
  private final OperatorCatalog catalog = OperatorCatalog.standard();

  private FlowRunner(Options options) {
    this.options = options;
  }

  /** A runner with {@code options}. */
  public static FlowRunner create(Options options) {
    return new FlowRunner(requireNonNull(options, "options"));
  }

  /**
   * Fits every node that has no fit for its current parameters, reading the data it needs.
   *
   * @param refit whether to fit every fitted node again, even one whose fit is current
   * @return the flow with its fits (write it back with {@link Flow#toJson()})
   * @throws FlowException naming the node that cannot be fitted or read
   */
  public Flow fit(Flow flow, Map<String, String> parameters, boolean refit, RunListener listener) {
    ParameterValues values = flow.parameterValues(parameters);
    FlowCompiler compiler = new FlowCompiler(catalog, values, FlowCompiler.StaleFits.REFIT);
    Flow start = refit ? clearFits(flow) : flow;
    try (Session session = new Session(start, values)) {
      return session.fit(compiler, listener);
    }
  }

  /**
   * Runs the flow: fits what has no fit yet (a fit made for other parameters is refused: refit with
   * {@link #fit}), then writes every destination.
   *
   * @throws FlowException naming the node that cannot run
   */
  public RunResult run(Flow flow, Map<String, String> parameters, RunListener listener) {
    ParameterValues values = flow.parameterValues(parameters);
    FlowCompiler compiler = new FlowCompiler(catalog, values, FlowCompiler.StaleFits.REFUSE);
    try (Session session = new Session(flow, values)) {
      Flow fitted = session.fit(compiler, listener);
      List<String> newFits = new ArrayList<>();
      for (FlowNode node : fitted.nodes()) {
        ObjectNode before = flow.node(node.id()).trainedParameters();
        if (node.type() == NodeType.TRANSFORM
            && node.trainedParameters() != null
            && !node.trainedParameters().equals(before)) {
          newFits.add(node.id());
        }
      }
      List<RunResult.Destination> written = new ArrayList<>();
      Plan plan = session.plan(fitted, compiler);
      for (FlowNode node : fitted.nodes()) {
        if (node.type() == NodeType.DESTINATION) {
          written.add(session.write(fitted, plan, DestinationNode.of(node, values), listener));
        }
      }
      return new RunResult(fitted, newFits, written);
    }
  }

  /**
   * Streams the rows that reach node {@code nodeId}: the input of a node that has one (an analysis
   * or a destination sees what its input node outputs), the output of a source. Fits in memory what
   * has no fit yet, as {@link #run} does (a fit made for other parameters is refused); the flow
   * itself is not changed. Batches are computed on the runner's threads while the caller reads;
   * close the stream to stop them.
   *
   * @throws FlowException naming the node that is missing or cannot run
   */
  public FrameStream stream(
      Flow flow, String nodeId, Map<String, String> parameters, RunListener listener) {
    FlowNode target = flow.node(nodeId);
    ParameterValues values = flow.parameterValues(parameters);
    FlowCompiler compiler = new FlowCompiler(catalog, values, FlowCompiler.StaleFits.REFUSE);
    Session session = new Session(flow, values);
    try {
      Flow fitted = session.fit(compiler, listener);
      Plan plan = session.plan(fitted, compiler);
      Evaluation frames =
          plan.evaluate(
              target.inputs().isEmpty()
                  ? plan.open(nodeId, NodeOutput.DEFAULT)
                  : plan.openInput(fitted.node(nodeId), 0));
      return new FrameStream() {
        @Override
        public Schema schema() {
          return frames.schema();
        }

        @Override
        public @Nullable Frame next() {
          return frames.next();
        }

        @Override
        public void close() {
          try {
            frames.close();
          } finally {
            session.close();
          }
        }
      };
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * The schema of each node's outputs, compiling the flow without reading data beyond source
   * headers; nodes that need a fit they do not have are listed without schemas.
   *
   * @throws FlowException naming the node that does not compile
   */
  public FlowDescription describe(Flow flow, Map<String, String> parameters) {
    ParameterValues values = flow.parameterValues(parameters);
    FlowCompiler compiler = new FlowCompiler(catalog, values, FlowCompiler.StaleFits.REFIT);
    try (Session session = new Session(flow, values)) {
      return FlowDescription.of(flow, compiler, session.sourceNodes, session.sourceSchemas);
    }
  }

  private static Flow clearFits(Flow flow) {
    Flow cleared = flow;
    for (FlowNode node : flow.nodes()) {
      if (node.type() == NodeType.TRANSFORM && node.trainedParameters() != null) {
        cleared = cleared.withTrainedParameters(node.id(), null);
      }
    }
    return cleared;
  }

  /** One fit or run: its worker pool and the flow's sources. */
  private final class Session implements AutoCloseable {
    private final ExecutorService pool;
    private final int window;
    private final SourcePipes pipes;
    private final Map<String, SourceNode> sourceNodes = new LinkedHashMap<>();
    private final Map<String, Schema> sourceSchemas = new HashMap<>();
    private final Map<String, List<Frame>> samples = new HashMap<>();
    private final Flow flow;

    Session(Flow flow, ParameterValues values) {
      this.flow = flow;
      AtomicInteger threads = new AtomicInteger();
      this.pool =
          Executors.newFixedThreadPool(
              options.threads(),
              r -> {
                Thread t = new Thread(r, "quiver-flow-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.window = options.threads() * 2;
      this.pipes = new SourcePipes(options.sources());
      try {
        for (FlowNode node : flow.nodes()) {
          if (node.type() == NodeType.SOURCE) {
            SourceNode source = SourceNode.of(node, values);
            sourceNodes.put(node.id(), source);
            try (Pipe pipe = pipes.open(source)) {
              Schema actual = pipe.schema();
              Schema fitted = source.fittedSchema();
              if (fitted != null && !fitted.names().equals(actual.names())) {
                throw node.error(
                    "the data's columns "
                        + actual.names()
                        + " differ from the columns the flow was fitted on "
                        + fitted.names()
                        + "; refit the flow (quiver flow fit --refit) or fix the data");
              }
              sourceSchemas.put(node.id(), actual);
            }
          }
        }
      } catch (RuntimeException e) {
        pool.shutdownNow();
        throw e;
      }
    }

    Flow fit(FlowCompiler compiler, RunListener listener) {
      Flow withSchemas = recordSourceSchemas(compiler);
      Function<SourceNode, Pipe> fitSources =
          source -> {
            ObjectNode sampling =
                source.node().output(NodeOutput.DEFAULT).map(NodeOutput::sampling).orElse(null);
            if (sampling == null) {
              return pipes.open(source);
            }
            List<Frame> sample =
                samples.computeIfAbsent(
                    source.node().id(),
                    id -> {
                      try (Evaluation all = new Evaluation(pipes.open(source), pool, window)) {
                        return Sampling.draw(source.node(), sampling, all);
                      }
                    });
            return Pipe.of(FrameStream.of(sourceSchemas.get(source.node().id()), sample));
          };
      return new Fitting(
              withSchemas, compiler, sourceNodes, sourceSchemas, fitSources, pool, window, listener)
          .fitAll();
    }

    /** The flow with each source's columns recorded: what a record must match per record. */
    private Flow recordSourceSchemas(FlowCompiler compiler) {
      Flow result = flow;
      for (SourceNode source : sourceNodes.values()) {
        String id = source.node().id();
        ObjectNode state =
            compiler.trained(source.node(), SourceNode.schemaState(sourceSchemas.get(id)));
        if (!state.equals(source.node().trainedParameters())) {
          result = result.withTrainedParameters(id, state);
        }
      }
      return result;
    }

    Plan plan(Flow flow, FlowCompiler compiler) {
      List<FlowNode> nodes = new ArrayList<>();
      for (FlowNode node : flow.nodes()) {
        if (node.type() != NodeType.VISUALIZATION && node.type() != NodeType.DESTINATION) {
          nodes.add(node);
        }
      }
      Map<String, SourceNode> current = new LinkedHashMap<>();
      sourceNodes.forEach((id, s) -> current.put(id, s));
      return new Plan(
          flow, nodes, compiler, current, sourceSchemas, pipes::open, Map.of(), pool, window);
    }

    RunResult.Destination write(
        Flow flow, Plan plan, DestinationNode destination, RunListener listener) {
      FlowNode node = destination.node();
      String stage = "destination '" + node.id() + "'";
      if (destination.files() != null) {
        try (Evaluation frames = plan.evaluate(plan.openInput(node, 0))) {
          FileOutput.Written written =
              new FileOutput(options.s3(), pool)
                  .write(progress(frames, stage, listener), destination.files());
          String location = FileOutput.baseUri(destination.files().location());
          listener.onDestinationWritten(node.id(), written.rows(), location);
          return new RunResult.Destination(node.id(), written.rows(), location);
        } catch (IllegalArgumentException e) {
          throw node.error(e.getMessage());
        }
      }
      return writeGroup(flow, plan, destination, listener, stage);
    }

    private RunResult.Destination writeGroup(
        Flow flow, Plan plan, DestinationNode destination, RunListener listener, String stage) {
      FlowNode node = destination.node();
      DestinationNode.GroupSettings settings = destination.group();
      FeatureGroupTarget target = options.featureGroups();
      if (target == null) {
        throw node.error(
            "this run has no feature store to write to (give a data directory or an endpoint)");
      }
      Schema output = plan.input(node, 0);
      Flow attached = perRecordFlow(flow, node);
      FeatureGroup group = target.find(settings.name()).orElse(null);
      if (group == null) {
        if (!settings.create()) {
          throw node.error(
              "feature group '"
                  + settings.name()
                  + "' does not exist (set create: true to create it)");
        }
        group =
            target.create(spec(node, settings, output, settings.attachFlow() ? attached : null));
      } else {
        try {
          FlowIngestCompiler.check(
              "Cannot write to feature group " + group.name() + ": ", output, group.spec());
        } catch (ValidationException e) {
          throw node.error(e.getMessage());
        }
      }
      IngestTransformConfig transform = group.spec().ingestTransform();
      boolean raw = false;
      if (transform != null) {
        if (!transform.definition().equals(attached.toJson())) {
          throw node.error(
              "feature group '"
                  + group.name()
                  + "' has another flow attached ("
                  + transform.name()
                  + "); write to a group without one, or with this very flow");
        }
        // The group derives its features itself: send it the raw rows.
        raw = true;
      }
      long rows = 0;
      FlowNode source = flow.node(RecordProgram.chain(attached).get(0).id());
      try (Evaluation frames =
          plan.evaluate(
              raw ? plan.open(source.id(), NodeOutput.DEFAULT) : plan.openInput(node, 0))) {
        FrameStream progressed = progress(frames, stage, listener);
        for (Frame frame = progressed.next(); frame != null; frame = progressed.next()) {
          List<Record> records = raw ? rawRecords(frame) : records(frame);
          for (int from = 0; from < records.size(); from += 1000) {
            target.write(
                group.name(), records.subList(from, Math.min(records.size(), from + 1000)));
          }
          rows += frame.rowCount();
        }
      }
      String location = "feature-group/" + group.name();
      listener.onDestinationWritten(node.id(), rows, location);
      return new RunResult.Destination(node.id(), rows, location);
    }

    private FrameStream progress(Evaluation frames, String stage, RunListener listener) {
      return new FrameStream() {
        private long rows;

        @Override
        public Schema schema() {
          return frames.schema();
        }

        @Override
        public @Nullable Frame next() {
          Frame f = frames.next();
          if (f != null) {
            rows += f.rowCount();
            listener.onProgress(stage, rows, frames.fractionRead());
          }
          return f;
        }

        @Override
        public void close() {
          frames.close();
        }
      };
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** The flow restricted to the chain feeding {@code destination}: what a group attaches. */
  static Flow perRecordFlow(Flow flow, FlowNode destination) {
    List<String> ids = new ArrayList<>();
    FlowNode node = destination;
    while (true) {
      ids.add(node.id());
      if (node.inputs().isEmpty()) {
        break;
      }
      if (node.inputs().size() > 1) {
        // Not a chain: keep it all and let the per-record compiler say why it cannot run.
        return flow;
      }
      node = flow.node(node.inputs().get(0).nodeId());
    }
    return flow.retain(ids);
  }

  private static FeatureGroupSpec spec(
      FlowNode node, DestinationNode.GroupSettings settings, Schema output, @Nullable Flow attach) {
    if (settings.recordIdentifier() == null || settings.eventTime() == null) {
      throw node.error(
          "record_identifier and event_time are required to create feature group '"
              + settings.name()
              + "'");
    }
    List<FeatureDefinition> features = new ArrayList<>();
    for (Column column : output.columns()) {
      features.add(FeatureDefinitions.of(column).definition());
    }
    FeatureGroupSpec.Builder builder =
        FeatureGroupSpec.builder(settings.name())
            .recordIdentifier(settings.recordIdentifier())
            .eventTime(settings.eventTime())
            .features(features)
            .onlineStore(settings.online() ? OnlineStoreConfig.enabled() : null)
            .offlineStore(
                !settings.offline()
                    ? null
                    : settings.offlineStoreUri() == null
                        ? OfflineStoreConfig.storeDefault()
                        : OfflineStoreConfig.at(settings.offlineStoreUri()));
    if (attach != null) {
      builder.ingestTransform(new IngestTransformConfig(attach.name(), attach.toJson()));
    }
    return builder.build();
  }

  /** The derived records of a batch of the flow's output. */
  static List<Record> records(Frame frame) {
    Schema schema = frame.schema();
    int n = schema.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    RowLoader loader = new RowLoader(frame, all, all);
    Row row = new Row(n);
    List<Record> records = new ArrayList<>(frame.rowCount());
    for (int r = 0; r < frame.rowCount(); r++) {
      loader.load(r, row);
      records.add(RecordValues.toRecord(row, schema, all));
    }
    return records;
  }

  /** Source rows as raw records (values as text), for a group that transforms them itself. */
  static List<Record> rawRecords(Frame frame) {
    Schema schema = frame.schema();
    int n = schema.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    RowLoader loader = new RowLoader(frame, all, all);
    Row row = new Row(n);
    List<Record> records = new ArrayList<>(frame.rowCount());
    for (int r = 0; r < frame.rowCount(); r++) {
      loader.load(r, row);
      List<FeatureValue> values = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        Column column = schema.column(c);
        if (row.isNull(c)) {
          continue;
        }
        if (column.type().collection()) {
          List<String> elements = new ArrayList<>();
          if (column.type() == io.quiver.wrangler.frame.DataType.VECTOR) {
            for (double d : row.getVector(c)) {
              elements.add(Double.toString(d));
            }
          } else {
            for (String s : row.getStrings(c)) {
              elements.add(s);
            }
          }
          values.add(FeatureValue.ofList(column.name(), elements));
        } else {
          values.add(FeatureValue.of(column.name(), ValueCasts.toText(row, c, column.type())));
        }
      }
      records.add(new Record(values));
    }
    return records;
  }
}
