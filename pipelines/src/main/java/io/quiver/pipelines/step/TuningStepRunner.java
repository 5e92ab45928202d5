package io.quiver.pipelines.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.pipelines.definition.FailureType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tuning steps: a grid or random search over training runs, each a local training job named {@code
 * <tuning job>-NNN}, ranked by the objective metric. {@code Grid} enumerates categorical and
 * integer ranges; {@code Random} (and {@code Bayesian}/{@code Hyperband}, which this engine runs as
 * random search) samples {@code MaxNumberOfTrainingJobs} candidates with {@code RandomSeed}.
 * Training runs one at a time. Stateless.
 */
public final class TuningStepRunner implements StepRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final int MAX_TRAINING_JOBS_DEFAULT = 10;
  private static final int MAX_GRID = 500;

  @Override
  public StepOutcome run(StepRun run) throws InterruptedException {
    JsonNode args = run.arguments();
    JsonNode config = args.path("HyperParameterTuningJobConfig");
    JsonNode definition = args.path("TrainingJobDefinition");
    if (definition.isMissingNode()) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "Tuning job needs a TrainingJobDefinition (TrainingJobDefinitions is not supported locally)");
    }
    String metric =
        JobSupport.requiredText(
            config, "/HyperParameterTuningJobObjective/MetricName", "Tuning job");
    boolean maximize =
        "Maximize".equals(config.at("/HyperParameterTuningJobObjective/Type").asText());
    List<Map<String, String>> candidates = candidates(run, config);
    List<ObjectNode> summaries = new ArrayList<>();
    int failed = 0;
    String lastFailure = "";
    for (int i = 0; i < candidates.size(); i++) {
      String name = trainingName(run.jobName(), i + 1);
      ObjectNode request = definition.deepCopy();
      ObjectNode hyper = request.putObject("HyperParameters");
      definition
          .path("StaticHyperParameters")
          .fields()
          .forEachRemaining(e -> hyper.put(e.getKey(), e.getValue().asText()));
      candidates.get(i).forEach(hyper::put);
      request.remove("StaticHyperParameters");
      ObjectNode summary = MAPPER.createObjectNode();
      summary.put("TrainingJobName", name);
      summary.put("TrainingJobArn", run.arnOf("training-job", name));
      ObjectNode tuned = summary.putObject("TunedHyperParameters");
      candidates.get(i).forEach(tuned::put);
      try {
        ObjectNode trained =
            TrainingStepRunner.train(run, request, name, run.workDir().resolve(name));
        Double value = null;
        for (JsonNode m : trained.path("FinalMetricDataList")) {
          if (m.path("MetricName").asText().equals(metric)) {
            value = m.path("Value").asDouble();
          }
        }
        if (value == null) {
          throw new StepFailedException(
              FailureType.JOB_INTERNAL_ERROR,
              "Training job " + name + " reported no value of objective metric " + metric);
        }
        summary.put("TrainingJobStatus", "Completed");
        summary
            .putObject("FinalHyperParameterTuningJobObjectiveMetric")
            .put("Type", maximize ? "Maximize" : "Minimize")
            .put("MetricName", metric)
            .put("Value", value);
        summary.put("CreationTime", trained.path("CreationTime").asText());
        summary.put("TrainingStartTime", trained.path("TrainingStartTime").asText());
        summary.put("TrainingEndTime", trained.path("TrainingEndTime").asText());
        summary.put("ObjectiveStatus", "Succeeded");
        summaries.add(summary);
      } catch (StepFailedException e) {
        if (run.stopRequested()) {
          throw e;
        }
        failed++;
        lastFailure = e.getMessage();
      }
    }
    if (summaries.isEmpty()) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          "Every training job of the tuning job failed; the last: " + lastFailure);
    }
    Comparator<ObjectNode> byObjective =
        Comparator.comparingDouble(
            s -> s.at("/FinalHyperParameterTuningJobObjectiveMetric/Value").asDouble());
    summaries.sort(maximize ? byObjective.reversed() : byObjective);
    ObjectNode props = args.deepCopy();
    props.put("HyperParameterTuningJobName", run.jobName());
    props.put("HyperParameterTuningJobArn", run.jobArn("hyper-parameter-tuning-job"));
    props.put("HyperParameterTuningJobStatus", "Completed");
    props.set("BestTrainingJob", summaries.get(0));
    ArrayNode list = props.putArray("TrainingJobSummaries");
    summaries.forEach(list::add);
    props
        .putObject("TrainingJobStatusCounters")
        .put("Completed", summaries.size())
        .put("NonRetryableError", failed);
    ObjectNode metadata = MAPPER.createObjectNode();
    metadata.putObject("TuningJob").put("Arn", run.jobArn("hyper-parameter-tuning-job"));
    return new StepOutcome(props, metadata);
  }

  static String trainingName(String tuningJob, int index) {
    String base = tuningJob.length() > 58 ? tuningJob.substring(0, 58) : tuningJob;
    return base + "-" + String.format("%03d", index);
  }

  /** The hyperparameter sets to train, in order. */
  static List<Map<String, String>> candidates(StepRun run, JsonNode config) {
    JsonNode ranges = config.path("ParameterRanges");
    String strategy = config.path("Strategy").asText("Bayesian");
    int max = config.at("/ResourceLimits/MaxNumberOfTrainingJobs").asInt(MAX_TRAINING_JOBS_DEFAULT);
    if ("Grid".equals(strategy)) {
      if (ranges.path("ContinuousParameterRanges").size() > 0) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "Grid search takes categorical and integer ranges, not continuous ones");
      }
      List<Map<String, String>> grid = new ArrayList<>();
      grid.add(new LinkedHashMap<>());
      for (JsonNode r : ranges.path("CategoricalParameterRanges")) {
        List<String> values = JobSupport.strings(r.path("Values"));
        grid = expand(grid, r.path("Name").asText(), values);
      }
      for (JsonNode r : ranges.path("IntegerParameterRanges")) {
        long lo = Long.parseLong(r.path("MinValue").asText());
        long hi = Long.parseLong(r.path("MaxValue").asText());
        List<String> values = new ArrayList<>();
        for (long v = lo; v <= hi && values.size() <= MAX_GRID; v++) {
          values.add(Long.toString(v));
        }
        grid = expand(grid, r.path("Name").asText(), values);
      }
      if (grid.size() > MAX_GRID) {
        throw new StepFailedException(
            FailureType.CLIENT_ERROR,
            "Grid search has "
                + grid.size()
                + " combinations (expected: at most "
                + MAX_GRID
                + ")");
      }
      return config.at("/ResourceLimits/MaxNumberOfTrainingJobs").isMissingNode()
          ? grid
          : grid.subList(0, Math.min(max, grid.size()));
    }
    Random random = new Random(config.path("RandomSeed").asLong(run.jobName().hashCode()));
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      Map<String, String> c = new LinkedHashMap<>();
      for (JsonNode r : ranges.path("CategoricalParameterRanges")) {
        List<String> values = JobSupport.strings(r.path("Values"));
        c.put(r.path("Name").asText(), values.get(random.nextInt(values.size())));
      }
      for (JsonNode r : ranges.path("IntegerParameterRanges")) {
        long lo = Long.parseLong(r.path("MinValue").asText());
        long hi = Long.parseLong(r.path("MaxValue").asText());
        c.put(r.path("Name").asText(), Long.toString(Math.round(sample(random, lo, hi, r))));
      }
      for (JsonNode r : ranges.path("ContinuousParameterRanges")) {
        double lo = Double.parseDouble(r.path("MinValue").asText());
        double hi = Double.parseDouble(r.path("MaxValue").asText());
        c.put(r.path("Name").asText(), Double.toString(sample(random, lo, hi, r)));
      }
      out.add(c);
    }
    return out;
  }

  private static double sample(Random random, double lo, double hi, JsonNode range) {
    String scaling = range.path("ScalingType").asText("Auto");
    if ("Logarithmic".equals(scaling) && lo > 0) {
      return Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }
    return lo + random.nextDouble() * (hi - lo);
  }

  private static List<Map<String, String>> expand(
      List<Map<String, String>> grid, String name, List<String> values) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> g : grid) {
      for (String v : values) {
        Map<String, String> c = new LinkedHashMap<>(g);
        c.put(name, v);
        out.add(c);
      }
    }
    return out;
  }
}
