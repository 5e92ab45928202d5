package io.quiver.storage.offline;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline history of a data directory's feature groups, as every reader of history (SQL,
 * datasets, bias, export) sees it: consistent snapshots of a group's files and still-staged
 * records. Thread-safe. Get one from an open store ({@link
 * io.quiver.storage.QuiverStore#offlineHistory()}) or from a data directory opened for reading only
 * ({@link io.quiver.storage.ReadOnlyStore}), which works while a server writes to it.
 */
public interface OfflineHistory {

  /** The feature groups as the catalog holds them now, sorted by name. */
  List<FeatureGroup> featureGroups();

  /**
   * A snapshot of one group's history taken at one instant: its files and the records staged for
   * it, so that every record acknowledged before the call is in exactly one of the two (a flush
   * running meanwhile is neither missed nor counted twice). Does not wait for a running flush.
   *
   * @param nameOrArn the group's name or ARN
   * @throws ResourceNotFoundException if there is no such group
   * @throws ValidationException if the group has no offline store
   * @throws io.quiver.storage.error.StorageException if the store's state or an S3 listing cannot
   *     be read
   * @throws java.io.UncheckedIOException if a local folder cannot be listed
   */
  OfflineSnapshot snapshot(String nameOrArn);

  /**
   * The feature group named {@code name}, which has an offline store; for readers that refuse
   * anything else with a message naming what they were doing.
   *
   * @param action what the caller would do with the group, in the messages' words: "Cannot {@code
   *     action} feature group 'x': ..."
   * @throws ResourceNotFoundException if there is no such group (the message lists the groups)
   * @throws ValidationException if the group has no offline store
   */
  default FeatureGroup offlineGroup(String name, String action) {
    List<String> names = new ArrayList<>();
    for (FeatureGroup group : featureGroups()) {
      if (group.name().equals(name)) {
        if (!group.spec().hasOfflineStore()) {
          throw new ValidationException(
              "Cannot " + action + " feature group '" + name + "': it has no offline store");
        }
        return group;
      }
      names.add(group.name());
    }
    throw new ResourceNotFoundException(
        "Cannot "
            + action
            + " feature group '"
            + name
            + "': no such feature group (groups: "
            + (names.isEmpty() ? "none" : String.join(", ", names))
            + ")");
  }
}
