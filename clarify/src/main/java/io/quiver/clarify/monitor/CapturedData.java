package io.quiver.clarify.monitor;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a monitor reads the inference records it watches, and the ground truth that arrives for
 * them later. The shapes are in {@code docs/monitoring.md}.
 */
public sealed interface CapturedData permits CapturedData.FeatureGroups, CapturedData.CaptureFiles {

  /**
   * Inference records in a feature group (record identifier: the inference id; event time: when the
   * inference was made; features; the prediction or score), and optionally the ground truth in a
   * second group whose record identifier holds the same inference ids and whose event time is when
   * the label arrived.
   *
   * @param records the inference records' group
   * @param labels the ground truth's group, or {@code null} if there is none
   */
  record FeatureGroups(String records, @Nullable String labels) implements CapturedData {
    /** Checks the names. */
    public FeatureGroups {
      requireNonNull(records, "records");
      if (records.isBlank()) {
        throw new IllegalArgumentException("records: '' (expected: a feature group name)");
      }
    }
  }

  /**
   * A folder of SageMaker data-capture files ({@code *.jsonl}, one captured inference per line,
   * searched recursively) and optionally a folder of SageMaker ground-truth files keyed by the
   * captured {@code inferenceId} (or {@code eventId}).
   *
   * @param captures the data-capture folder
   * @param groundTruth the ground-truth folder, or {@code null}
   * @param headers names of the CSV input's fields in order; unnamed fields are {@code _c0}, {@code
   *     _c1}, ... as Model Monitor names them
   * @param prediction the column name given to the endpoint's output (its first CSV field, or the
   *     JSON member of that name)
   */
  record CaptureFiles(
      Path captures, @Nullable Path groundTruth, List<String> headers, String prediction)
      implements CapturedData {
    /** Copies the headers. */
    public CaptureFiles {
      requireNonNull(captures, "captures");
      requireNonNull(prediction, "prediction");
      headers = List.copyOf(headers);
    }
  }
}
