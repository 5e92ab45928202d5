package io.quiver.benchmarks.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the CSV file {@link CsvImportBenchmark} imports (1,000,000 rows x 20 columns by default,
 * fixed seed), for the whole-process comparison in {@code benchmarks/run-csv-import.sh}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.quiver.benchmarks.ingest.GenerateCsv
 * rows file.csv}.
 */
public final class GenerateCsv {
  private GenerateCsv() {}

  /** Arguments: rows, the CSV file to write. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: GenerateCsv <rows> <file.csv>");
      System.exit(2);
    }
    Path csv = Path.of(args[1]);
    CsvImportBenchmark.generate(csv, Integer.parseInt(args[0]));
    System.out.printf(Locale.ROOT, "%s: %,d bytes%n", csv, Files.size(csv));
  }
}
