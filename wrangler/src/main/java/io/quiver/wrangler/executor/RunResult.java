package io.quiver.wrangler.executor;

import io.quiver.wrangler.flow.Flow;
import java.util.List;

/**
 * What a flow run did.
 *
 * @param flow the flow as run: the input flow with any fit the run made (write it back to keep it)
 * @param fitted the ids of the nodes the run fitted (empty if every fit was already there)
 * @param destinations each destination written
 */
public record RunResult(Flow flow, List<String> fitted, List<Destination> destinations) {
  /** Copies the lists. */
  public RunResult {
    fitted = List.copyOf(fitted);
    destinations = List.copyOf(destinations);
  }

  /**
   * One destination's output.
   *
   * @param nodeId the DESTINATION node
   * @param rows the rows written
   * @param location where: a folder or file URI, or {@code feature-group/<name>}
   */
  public record Destination(String nodeId, long rows, String location) {}
}
