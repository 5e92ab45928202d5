package io.quiver.server.cli;

import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quiver put GROUP JSON}: writes one record (PutRecord) given as a JSON object, or read from
 * standard input with {@code -}.
 */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Write one record to a feature group (PutRecord).",
      "The record is a JSON object of feature name to value, for example '{\"id\": \"c-42\", \"ts\": 1714564800.0, \"orders\": 7}', or - to read it from"
          + " standard input."
    })
final class PutCommand implements Callable<Integer> {
  /** Longest record read from standard input: a record is at most 350 KB. */
  static final int MAX_STDIN_BYTES = 1 << 20;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "GROUP", description = "The feature group, name or ARN.")
  String group;

  @Parameters(index = "1", paramLabel = "JSON", description = "The record, or - for stdin.")
  String json;

  @Override
  public Integer call() {
    Record record = RecordJson.read(json.equals("-") ? stdin() : json);
    try (StoreOptions.Store opened = store.open(spec.commandLine())) {
      FeatureGroup definition = opened.describeFeatureGroup(group);
      opened.putRecord(definition.name(), record);
      String id = record.getString(definition.recordIdentifier().name());
      spec.commandLine()
          .getOut()
          .println("Put record " + id + " into feature group " + definition.name());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private static String stdin() {
    try {
      InputStream in = System.in;
      byte[] bytes = in.readNBytes(MAX_STDIN_BYTES + 1);
      if (bytes.length > MAX_STDIN_BYTES) {
        throw new io.quiver.storage.error.ValidationException(
            "Cannot read the record: standard input holds more than 1 MiB (a record is at most 350"
                + " KB)");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the record from standard input", e);
    }
  }
}
