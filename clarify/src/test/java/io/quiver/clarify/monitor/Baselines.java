package io.quiver.clarify.monitor;

import io.quiver.clarify.bias.BiasAnalyzer;
import io.quiver.clarify.bias.BiasConfig;
import io.quiver.clarify.bias.ValueSelector;
import io.quiver.clarify.bias.report.AnalysisJson;
import io.quiver.clarify.bias.source.BiasRowSource;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.storage.batch.ColumnBatchBuilder;
import io.quiver.storage.batch.ColumnKind;
import io.quiver.wrangler.analyze.baseline.Baseline;
import io.quiver.wrangler.analyze.input.AnalysisColumn;
import io.quiver.wrangler.analyze.input.BatchSource;
import io.quiver.wrangler.analyze.profile.ProfileListener;
import io.quiver.wrangler.analyze.profile.ProfileOptions;
import io.quiver.wrangler.analyze.profile.Profiler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test fixture: the baselines of the synthetic week, from unbiased reference rows. */
final class Baselines {
  static final BiasConfig CONFIG =
      BiasConfig.builder()
          .label("label", ValueSelector.anyOf("1"))
          .facet("sex", ValueSelector.anyOf("F"))
          .predictedLabel("prediction", ValueSelector.anyOf("1"))
          .build();

  private Baselines() {}

  /** {@code quiver bias}'s analysis.json of the reference rows, written to {@code dir}. */
  static Path bias(Path dir, List<SyntheticWeek.Row> reference) throws IOException {
    Path csv = SyntheticWeek.csv(dir.resolve("reference.csv"), reference, r -> true);
    Path out = dir.resolve("bias-baseline.json");
    try (BiasRowSource rows = BiasRowSource.csv(csv, CONFIG.columns());
        OutputStream stream = Files.newOutputStream(out)) {
      AnalysisJson.write(BiasAnalyzer.analyze(CONFIG, rows), stream);
    }
    return out;
  }

  /** The features' statistics and suggested constraints, written to {@code dir}. */
  static Baseline quality(Path dir, List<SyntheticWeek.Row> reference) {
    List<AnalysisColumn> columns =
        List.of(
            new AnalysisColumn("sex", ColumnKind.STRING),
            new AnalysisColumn("age", ColumnKind.LONG),
            new AnalysisColumn("income", ColumnKind.DOUBLE),
            new AnalysisColumn("score", ColumnKind.DOUBLE),
            new AnalysisColumn("prediction", ColumnKind.LONG));
    ColumnBatchBuilder builder =
        new ColumnBatchBuilder(columns.stream().map(AnalysisColumn::kind).toList());
    for (SyntheticWeek.Row r : reference) {
      builder.add(r.sex(), r.age(), r.income(), r.score(), r.prediction());
    }
    List<ColumnBatch> batches = List.of(builder.build());
    Baseline baseline =
        Baseline.suggest(
            Profiler.profile(
                BatchSource.of(columns, batches.iterator()),
                ProfileOptions.defaults(),
                ProfileListener.NONE));
    baseline.write(dir);
    return Baseline.read(dir);
  }
}
