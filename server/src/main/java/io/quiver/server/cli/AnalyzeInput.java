package io.quiver.server.cli;

import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.error.ValidationException;
import io.quiver.storage.objectstore.S3Settings;
import io.quiver.wrangler.analyze.flow.AnalysisNode;
import io.quiver.wrangler.analyze.flow.AnalysisNodes;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowNode;
import io.quiver.wrangler.flow.NodeType;
import io.quiver.wrangler.source.ImportSource;
import io.quiver.wrangler.source.SourceFormat;
import io.quiver.wrangler.source.SourceOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The dataset {@code quiver analyze} reads: files (local or S3, any import format), a JDBC query,
 * SQL over a data directory's offline store, a feature group's history or latest snapshot, or the
 * rows reaching a data flow's analysis node.
 */
final class AnalyzeInput {
  /** Rows read to type CSV text columns. */
  static final int TYPING_ROWS = 10_000;

  @Option(
      names = "--source",
      paramLabel = "LOCATION",
      description =
          "A file, a folder of Parquet files, a glob (data/*.csv), an s3:// URI or prefix, or a"
              + " jdbc: URL with --query.")
  @Nullable String source;

  @Option(names = "--format", description = "csv, json, parquet or orc (default: from extensions).")
  @Nullable String format;

  @Option(
      names = "--query",
      paramLabel = "SQL",
      description = "The SELECT to run, for a jdbc: source.")
  @Nullable String query;

  @Option(names = "--jdbc-user", description = "Database user, for a jdbc: source.")
  @Nullable String jdbcUser;

  @Option(
      names = "--jdbc-password",
      arity = "0..1",
      interactive = true,
      description = "Database password (prompted if no value).")
  char @Nullable [] jdbcPassword;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory whose offline store --sql or --feature-group reads.")
  @Nullable Path dataDir;

  @Option(
      names = "--sql",
      paramLabel = "SQL",
      description = "SQL over the data directory's offline store (one table per feature group).")
  @Nullable String sql;

  @Option(
      names = "--feature-group",
      paramLabel = "NAME",
      description = "A feature group's offline history (every row written).")
  @Nullable String featureGroup;

  @Option(
      names = "--latest",
      description = "With --feature-group: only the latest non-deleted record per identifier.")
  boolean latest;

  @Option(
      names = "--flow",
      paramLabel = "FILE",
      description =
          "A data flow (.flow): each analysis (VISUALIZATION) node is analysed over the rows that"
              + " reach it, with its own target and charts.")
  @Nullable Path flow;

  @Option(
      names = "--node",
      paramLabel = "ID",
      description = "With --flow: only this analysis node.")
  @Nullable String node;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "With --flow: a flow parameter's value (repeatable).")
  Map<String, String> parameters = new LinkedHashMap<>();

  private @Nullable Flow readFlow;

  @Option(
      names = "--account",
      defaultValue = StoreConfig.ACCOUNT_DEFAULT,
      description = "Account in offline paths (default: ${DEFAULT-VALUE}).")
  String account = StoreConfig.ACCOUNT_DEFAULT;

  @Option(
      names = "--region",
      defaultValue = StoreConfig.REGION_DEFAULT,
      description = "Region in offline paths (default: ${DEFAULT-VALUE}).")
  String region = StoreConfig.REGION_DEFAULT;

  @Mixin S3Options s3 = new S3Options();

  /** What the S3 options say, once {@link #validate} checked them. */
  private S3Settings s3Settings = S3Settings.defaults();

  /** What the input is called in titles. */
  String name() {
    if (flow != null) {
      return flow.getFileName() + (node != null ? " node " + node : "");
    }
    if (source != null) {
      return source.startsWith("jdbc:") ? "query at " + source.replaceAll("\\?.*", "") : source;
    }
    return featureGroup != null
        ? "feature group " + featureGroup + (latest ? " (latest)" : "")
        : "SQL query";
  }

  /** Checks that exactly one input is named, with what it needs. */
  void validate(CommandLine line) {
    int inputs =
        (source != null ? 1 : 0)
            + (sql != null ? 1 : 0)
            + (featureGroup != null ? 1 : 0)
            + (flow != null ? 1 : 0);
    if (inputs != 1) {
      throw new ParameterException(
          line,
          "Name one input: --source, --sql, --feature-group or --flow (found " + inputs + ")");
    }
    if (flow == null && (node != null || !parameters.isEmpty())) {
      throw new ParameterException(line, "--node and --param need --flow");
    }
    if ((sql != null || featureGroup != null) && dataDir == null) {
      throw new ParameterException(line, "--sql and --feature-group need --data-dir");
    }
    if (source != null && source.startsWith("jdbc:") == (query == null)) {
      throw new ParameterException(
          line,
          query == null
              ? "--query is required with a jdbc: source"
              : "--query needs a jdbc: source");
    }
    if (latest && featureGroup == null) {
      throw new ParameterException(line, "--latest needs --feature-group");
    }
    s3Settings = s3.settings(line);
  }

  /** The flow named by --flow, read once. */
  Flow flow() {
    if (readFlow == null) {
      readFlow = Flow.read(Objects.requireNonNull(flow, "--flow"));
    }
    return readFlow;
  }

  /**
   * The analysis nodes to run: the one --node names, else every analysis node of the flow.
   *
   * @throws ValidationException if --node names no analysis node or the flow has none
   */
  List<AnalysisNode> analysisNodes() {
    Flow f = flow();
    List<AnalysisNode> all = AnalysisNodes.of(f);
    List<String> ids = all.stream().map(AnalysisNode::nodeId).toList();
    if (node != null) {
      FlowNode named = f.node(node);
      if (named.type() != NodeType.VISUALIZATION) {
        throw new ValidationException(
            "Node '"
                + node
                + "' of flow "
                + f.name()
                + " is a "
                + named.type()
                + " node; --node names an analysis (VISUALIZATION) node"
                + (ids.isEmpty() ? " and the flow has none" : " (this flow's: " + ids + ")"));
      }
      return List.of(AnalysisNodes.of(named));
    }
    if (all.isEmpty()) {
      throw new ValidationException(
          "Flow "
              + f.name()
              + " has no analysis (VISUALIZATION) nodes: add one (a table summary, a data quality"
              + " and insights report, a histogram...)");
    }
    return all;
  }

  /** The rows reaching analysis node {@code nodeId} of the flow. */
  BatchSource openFlowNode(String nodeId) {
    FlowRunner runner =
        FlowRunner.create(FlowRunner.Options.defaults().withS3(s3Settings, sourceOptions()));
    return BatchSource.flowNode(runner, flow(), nodeId, parameters);
  }

  BatchSource open() {
    if (flow != null) {
      List<AnalysisNode> nodes = analysisNodes();
      if (nodes.size() > 1) {
        throw new ValidationException(
            "Flow "
                + flow().name()
                + " has "
                + nodes.size()
                + " analysis nodes ("
                + String.join(", ", nodes.stream().map(AnalysisNode::nodeId).toList())
                + "): name one with --node");
      }
      return openFlowNode(nodes.get(0).nodeId());
    }
    if (sql != null || featureGroup != null) {
      ReadOnlyStore history =
          ReadOnlyStore.open(
              StoreConfig.builder(dataDir).account(account).region(region).s3(s3Settings).build());
      try {
        return sql != null
            ? BatchSource.sql(history, sql, history)
            : BatchSource.featureGroup(history, featureGroup, latest, history);
      } catch (RuntimeException e) {
        history.close();
        throw e;
      }
    }
    if (source.startsWith("jdbc:")) {
      Properties properties = new Properties();
      if (jdbcUser != null) {
        properties.setProperty("user", jdbcUser);
      }
      if (jdbcPassword != null) {
        properties.setProperty("password", new String(jdbcPassword));
      }
      return BatchSource.rows(ImportSource.jdbc(source, query, properties), TYPING_ROWS);
    }
    return BatchSource.files(source, sourceOptions(), TYPING_ROWS);
  }

  private SourceOptions sourceOptions() {
    return SourceOptions.defaults()
        .withFormat(format == null ? null : SourceFormat.of(format))
        .withS3(s3Settings);
  }
}
