package io.quiver.clarify.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.clarify.bias.source.BiasColumns;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnBatchBuilder;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.storage.error.ValidationException;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.input.BatchSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/*
 * Capture files are small JSON Lines files in hourly folders; a window's records are read into
 * memory (bounded by MAX_ROWS, with a message pointing at feature groups for more) and served to
 * both monitors from there. Ground-truth files count as arrived at the hour of their folder
 * (yyyy/MM/dd/HH, SageMaker's layout), or always when the path has no such folder.
 */

/** Windows of SageMaker data-capture files and their ground truth. Not thread-safe. */
final class CaptureFileWindows implements WindowReader {
  static final int MAX_ROWS = 2_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HOUR_FOLDER =
      Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/[^/]*$");

  private final CapturedData.CaptureFiles data;
  private @Nullable MonitoringWindow loaded;
  private final List<String> ids = new ArrayList<>();
  private final Map<String, List<String>> columns = new LinkedHashMap<>();

  CaptureFileWindows(CapturedData.CaptureFiles data) {
    this.data = data;
  }

  @Override
  public WindowCounts counts(MonitoringWindow window, Instant asOf, @Nullable String labelColumn) {
    load(window);
    if (labelColumn == null || data.groundTruth() == null) {
      return new WindowCounts(ids.size(), 0);
    }
    Map<String, String> labels = labels(asOf);
    return new WindowCounts(ids.size(), ids.stream().filter(labels::containsKey).count());
  }

  @Override
  public BiasRowSource biasRows(
      MonitoringWindow window, Instant asOf, BiasColumns wanted, boolean labelled) {
    load(window);
    Map<String, String> labels = labelled ? labels(asOf) : Map.of();
    List<@Nullable String[]> rows = new ArrayList<>();
    for (int r = 0; r < ids.size(); r++) {
      String label = labelled ? labels.get(ids.get(r)) : column(wanted.label()).get(r);
      if (label == null) {
        continue;
      }
      String predicted =
          wanted.predictedLabel() == null ? null : column(wanted.predictedLabel()).get(r);
      String group = wanted.groupVariable() == null ? null : column(wanted.groupVariable()).get(r);
      rows.add(new String[] {column(wanted.facet()).get(r), label, predicted, group});
    }
    return new MemoryBiasRowSource(wanted, data.captures().toString(), rows);
  }

  @Override
  public BatchSource features(MonitoringWindow window) {
    load(window);
    List<AnalysisColumn> schema = new ArrayList<>();
    List<ColumnKind> kinds = new ArrayList<>();
    for (Map.Entry<String, List<String>> c : columns.entrySet()) {
      ColumnKind kind = kindOf(c.getValue());
      schema.add(new AnalysisColumn(c.getKey(), kind));
      kinds.add(kind);
    }
    ColumnBatchBuilder builder = new ColumnBatchBuilder(kinds);
    for (int r = 0; r < ids.size(); r++) {
      Object[] row = new Object[kinds.size()];
      int c = 0;
      for (List<String> values : columns.values()) {
        row[c] = typed(values.get(r), kinds.get(c));
        c++;
      }
      builder.add(row);
    }
    List<ColumnBatch> batches = List.of(builder.build());
    return BatchSource.of(schema, batches.iterator());
  }

  private List<String> column(String name) {
    List<String> values = columns.get(name);
    if (values == null) {
      throw new ValidationException(
          "Cannot read column '"
              + name
              + "' from the captured data in "
              + data.captures()
              + " (columns: "
              + String.join(", ", columns.keySet())
              + ")");
    }
    return values;
  }

  private void load(MonitoringWindow window) {
    if (window.equals(loaded)) {
      return;
    }
    ids.clear();
    columns.clear();
    for (Path file : jsonl(data.captures())) {
      forEachLine(
          file,
          (line, node) -> {
            JsonNode meta = node.path("eventMetadata");
            Instant time = instant(meta.path("inferenceTime").asText(""), file, line);
            if (!window.contains(time)) {
              return;
            }
            if (ids.size() >= MAX_ROWS) {
              throw new ValidationException(
                  "Cannot monitor more than "
                      + MAX_ROWS
                      + " captured records per window from files (keep them in a feature group"
                      + " instead)");
            }
            String id = meta.path("inferenceId").asText(meta.path("eventId").asText(""));
            JsonNode capture = node.path("captureData");
            Map<String, String> row = new LinkedHashMap<>();
            CapturePayload.fields(capture.path("endpointInput"), data.headers(), row);
            row.put(
                data.prediction(),
                CapturePayload.prediction(capture.path("endpointOutput"), data.prediction()));
            add(id, row);
          });
    }
    loaded = window;
  }

  private void add(String id, Map<String, String> row) {
    int r = ids.size();
    for (Map.Entry<String, String> e : row.entrySet()) {
      List<String> values = columns.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
      while (values.size() < r) {
        values.add("");
      }
      values.add(e.getValue());
    }
    ids.add(id);
    for (List<String> values : columns.values()) {
      while (values.size() < ids.size()) {
        values.add("");
      }
    }
  }

  private Map<String, String> labels(Instant asOf) {
    Map<String, String> labels = new HashMap<>();
    Path folder = data.groundTruth();
    if (folder == null) {
      return labels;
    }
    for (Path file : jsonl(folder)) {
      Matcher hour = HOUR_FOLDER.matcher(file.toString().replace('\\', '/'));
      if (hour.find()) {
        Instant arrived =
            LocalDateTime.of(
                    Integer.parseInt(hour.group(1)),
                    Integer.parseInt(hour.group(2)),
                    Integer.parseInt(hour.group(3)),
                    Integer.parseInt(hour.group(4)),
                    0)
                .toInstant(ZoneOffset.UTC);
        if (arrived.isAfter(asOf)) {
          continue;
        }
      }
      forEachLine(
          file,
          (line, node) ->
              labels.put(
                  node.path("eventMetadata").path("eventId").asText(""),
                  CapturePayload.text(node.path("groundTruthData"))));
    }
    return labels;
  }

  private static List<Path> jsonl(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new ValidationException("Cannot read captured data: " + folder + " is not a folder");
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private interface LineConsumer {
    void accept(int line, JsonNode node);
  }

  private static void forEachLine(Path file, LineConsumer consumer) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int line = 0;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (IOException e) {
          throw new ValidationException(
              "Cannot read " + file + " line " + line + ": not JSON (expected: one record a line)");
        }
        consumer.accept(line, node);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Instant instant(String text, Path file, int line) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "Cannot read "
              + file
              + " line "
              + line
              + ": eventMetadata.inferenceTime '"
              + text
              + "' (expected: an ISO-8601 instant such as 2026-12-05T10:00:00Z)");
    }
  }

  private static ColumnKind kindOf(List<String> values) {
    boolean integral = true;
    for (String v : values) {
      if (v.isEmpty()) {
        continue;
      }
      if (integral && !v.matches("-?\\d{1,18}")) {
        integral = false;
      }
      if (!integral) {
        try {
          Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return ColumnKind.STRING;
        }
      }
    }
    return integral ? ColumnKind.LONG : ColumnKind.DOUBLE;
  }

  private static @Nullable Object typed(String value, ColumnKind kind) {
    if (value.isEmpty()) {
      return null;
    }
    return switch (kind) {
      case LONG -> Long.parseLong(value);
      case DOUBLE -> Double.parseDouble(value);
      default -> value;
    };
  }
}
