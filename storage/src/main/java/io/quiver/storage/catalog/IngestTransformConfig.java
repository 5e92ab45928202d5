package io.quiver.storage.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A feature group's ingest transform: a definition that turns each raw record written to the group
 * into the record the group stores (a data flow with its fit frozen, for Quiver's wrangler).
 * Storage keeps the definition as opaque text; an {@link
 * io.quiver.storage.ingest.IngestTransformCompiler} gives it meaning. Set when the group is created
 * and never changed afterwards.
 *
 * @param name a label shown by DescribeFeatureGroup, such as the flow file's name
 * @param definition the definition, for example a flow's JSON document
 */
public record IngestTransformConfig(String name, String definition) {
  /** Checks that both parts are present. */
  public IngestTransformConfig {
    requireNonNull(name, "name");
    requireNonNull(definition, "definition");
  }
}
