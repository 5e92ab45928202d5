package io.quiver.pipelines.step;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quiver.pipelines.definition.FailureType;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.error.QuiverException;
import io.quiver.wrangler.executor.FlowRunner;
import io.quiver.wrangler.executor.RunListener;
import io.quiver.wrangler.executor.RunResult;
import io.quiver.wrangler.export.FeatureGroupTarget;
import io.quiver.wrangler.flow.Flow;
import io.quiver.wrangler.flow.FlowParameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Data Wrangler flow as an in-engine processor (image {@value #IMAGE}), run by the same runner as
 * {@code quiver flow run}. The {@code .flow} file comes from the input named {@code flow}. Flow
 * parameters are set from the job's {@code Environment}, and a flow parameter named like an input
 * or output gets its local folder (or, for an input holding one file, that file), so destinations
 * written as {@code {{out}}} land in the step's outputs. Feature-group destinations write to the
 * engine's store. A refitted flow is written to the output named {@code flow} if there is one.
 * Thread-safe.
 */
public final class FlowProcessor implements BuiltinProcessor {
  /** The image name that selects this processor. */
  public static final String IMAGE = "quiver:flow";

  private final @Nullable QuiverStore store;

  /** Runs flows whose feature-group destinations write to {@code store} (none if null). */
  public FlowProcessor(@Nullable QuiverStore store) {
    this.store = store;
  }

  @Override
  public void process(StepRun run, Map<String, Path> inputs, Map<String, Path> outputs) {
    Path folder = inputs.get("flow");
    if (folder == null) {
      throw new StepFailedException(
          FailureType.CLIENT_ERROR,
          "A flow job needs a processing input named 'flow' holding the .flow file");
    }
    List<Path> files = files(folder);
    Path file =
        files.stream()
            .filter(p -> p.getFileName().toString().endsWith(".flow"))
            .findFirst()
            .orElse(files.isEmpty() ? null : files.get(0));
    if (file == null) {
      throw new StepFailedException(FailureType.CLIENT_ERROR, "The flow input is empty");
    }
    try {
      Flow flow = Flow.read(file);
      Map<String, String> env = JobSupport.stringMap(run.arguments().get("Environment"));
      Map<String, String> parameters = new LinkedHashMap<>();
      for (FlowParameter p : flow.parameters()) {
        if (env.containsKey(p.name())) {
          parameters.put(p.name(), env.get(p.name()));
        } else if (outputs.containsKey(p.name())) {
          parameters.put(p.name(), outputs.get(p.name()).toString());
        } else if (inputs.containsKey(p.name())) {
          List<Path> in = files(inputs.get(p.name()));
          parameters.put(p.name(), (in.size() == 1 ? in.get(0) : inputs.get(p.name())).toString());
        }
      }
      FlowRunner.Options options =
          FlowRunner.Options.defaults()
              .withThreads(2)
              .withFeatureGroups(store == null ? null : FeatureGroupTarget.local(store));
      RunResult result = FlowRunner.create(options).run(flow, parameters, RunListener.silent());
      Path fitted = outputs.get("flow");
      if (fitted != null) {
        Files.writeString(
            fitted.resolve(file.getFileName().toString()), result.flow().toJson(), UTF_8);
      }
    } catch (QuiverException | IllegalArgumentException e) {
      throw new StepFailedException(
          FailureType.JOB_INTERNAL_ERROR,
          "Flow " + file.getFileName() + " failed: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the fitted flow", e);
    }
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
