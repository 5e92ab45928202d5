package io.quiver.wrangler.importer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.query.csv.CsvReader;
import io.quiver.storage.batch.ColumnBatch;
import io.quiver.wrangler.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The bulk import's header and chunk parser read CSV as the row-by-row import reads it through
 * {@link CsvReader}: the same header, rows, cells, empty cells as no value, line numbers, and the
 * same inputs refused, over hand-picked RFC 4180 edge cases and random inputs.
 */
class CsvChunkParserDifferentialTest {

  /** What a reader made of an input: its rows as text, and whether it refused the input there. */
  private record Outcome(List<String> rows, boolean refused) {}

  private static Outcome rowReader(byte[] file) {
    List<String> rows = new ArrayList<>();
    try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(file), "in.csv")) {
      int columns = csv.header().size();
      for (String[] cells = csv.next(); cells != null; cells = csv.next()) {
        if (cells.length > columns) {
          return new Outcome(rows, true);
        }
        List<@Nullable String> values = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
          values.add(c < cells.length && !cells[c].isEmpty() ? cells[c] : null);
        }
        rows.add(csv.line() + ":" + values);
      }
      return new Outcome(rows, false);
    } catch (UncheckedIOException e) {
      return new Outcome(rows, true);
    }
  }

  private static Outcome chunkParser(byte[] file) {
    BulkCsvImport.Header header;
    try {
      header = BulkCsvImport.header(file, file.length, "in.csv");
    } catch (SourceException e) {
      return new Outcome(List.of(), true);
    }
    int columns = header.columns().size();
    int dataStart = (int) header.dataStart();
    int headerLines = header.lines();
    CsvChunkParser.Parsed parsed =
        new CsvChunkParser(columns).parse(file, dataStart, file.length, true);
    ColumnBatch batch = parsed.batch();
    List<String> rows = new ArrayList<>();
    for (int r = 0; r < batch.rowCount(); r++) {
      List<@Nullable String> values = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        values.add(batch.column(c).isNull(r) ? null : batch.column(c).getString(r));
      }
      rows.add((headerLines + parsed.rowLines()[r]) + ":" + values);
    }
    return new Outcome(rows, parsed.problem() != null);
  }

  private static void assertSame(String text) {
    assertSame(text.getBytes(UTF_8), text);
  }

  private static void assertSame(byte[] file, String description) {
    Outcome expected = rowReader(file);
    assertThat(chunkParser(file))
        .as(description.replace("\r", "\\r").replace("\n", "\\n"))
        .isEqualTo(expected);
  }

  @Test
  void handPickedEdgeCases() {
    List<String> cases =
        List.of(
            "a,b\n1,2\n",
            "a,b\r\n1,2\r\n3,4",
            "a,b\r1,2\r3,4\r",
            "a,b\n\"x\ny\",1\n\"p\r\nq\",2\n",
            "a,b\n\"x\"\"y\",\"\"\n",
            "a,b\n\"x\"y,1\n",
            "a,b\n\"x\" ,1\n",
            "a,b\nx\"y,1\n",
            "a,b\n \"x\",1\n",
            "a,b\n\n\r\n1,2\n\n",
            "a,b\n  \n1,2\n",
            "a,b\n,\n,,\n",
            "a,b\n1\n",
            "a,b\n1,2,3\n",
            "a,b\n\"open,1\n",
            "a,b\n1,\"x\"",
            "a,b\n1,2\r",
            "\"a\nb\",c\n1,2\n",
            "a,b\n\"\",\"\"\n",
            "a,b\n\"x\ry\",1\n",
            "a,b\n\t1,2 \n",
            "a,b\n#c,1\n",
            "a,b",
            "\n\r\na,b\n1,2\n",
            "\"a\nb\",c\r\n\r\n1,\"2\n3\"\n",
            "");
    for (String text : cases) {
      assertSame(text);
    }
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "a,b\n1,2\n".getBytes(UTF_8);
    byte[] file = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, file, 0, 3);
    System.arraycopy(text, 0, file, 3, text.length);
    assertSame(file, "BOM");
    assertSame("a,b\né,ü\n");
  }

  @Test
  void randomInputs() {
    char[] alphabet = {'a', 'b', ',', ',', '"', '"', '\n', '\r', ' ', 'é'};
    Random random = new Random(4180);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text =
          new StringBuilder(random.nextInt(10) == 0 ? "\nh1,h2,h3\n" : "h1,h2,h3\n");
      for (int i = 0, length = random.nextInt(30); i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      assertSame(text.toString());
    }
  }
}
