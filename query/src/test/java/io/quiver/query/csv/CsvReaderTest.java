package io.quiver.query.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one CSV reader: RFC 4180 quoting including line breaks in quoted cells (issue 21: the
 * datasets' line splitter broke on them), a byte order mark, empty lines, ragged rows, positions of
 * records and of failures.
 */
class CsvReaderTest {
  private static CsvReader reader(String text) {
    return CsvReader.open(new ByteArrayInputStream(text.getBytes(UTF_8)), "in.csv");
  }

  private static List<String> records(CsvReader csv) {
    List<String> out = new ArrayList<>();
    for (String[] cells = csv.next(); cells != null; cells = csv.next()) {
      out.add(String.join("|", cells) + " @" + csv.position());
    }
    return out;
  }

  @Test
  void readsQuotedCellsWithSeparatorsQuotesAndLineBreaks() {
    try (CsvReader csv = reader("id,text,n\na,\"x, \"\"y\"\"\",1\nb,\"two\nlines\",2\n\nc,,3\n")) {
      assertThat(csv.header()).containsExactly("id", "text", "n");
      assertThat(records(csv))
          .containsExactly("a|x, \"y\"|1 @in.csv:2", "b|two\nlines|2 @in.csv:3", "c||3 @in.csv:6");
    }
  }

  @Test
  void skipsAByteOrderMarkAndReadsALastLineWithoutLineBreak() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "id,n\r\na,1\r\nb,2".getBytes(UTF_8);
    byte[] all = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(text, 0, all, bom.length, text.length);
    try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(all), "in.csv")) {
      assertThat(csv.header()).containsExactly("id", "n");
      assertThat(records(csv)).containsExactly("a|1 @in.csv:2", "b|2 @in.csv:3");
    }
  }

  @Test
  void withoutHeaderTheFirstLineIsARecord() {
    String text = "1.5,\"a,\"\"b\"\"\",\n\n2,\"x\ny\",z\n";
    try (CsvReader csv =
        CsvReader.openWithoutHeader(new ByteArrayInputStream(text.getBytes(UTF_8)), "payload")) {
      assertThat(csv.header()).isEmpty();
      assertThat(records(csv)).containsExactly("1.5|a,\"b\"| @payload:1", "2|x\ny|z @payload:3");
    }
  }

  @Test
  void blanksArePartOfCellsAndOnlyEmptyLinesAreSkipped() {
    try (CsvReader csv = reader("\n\na,b\n  x, y\n  \n\r\n\"\"\n\"q\" \t,z\n")) {
      assertThat(csv.header()).containsExactly("a", "b");
      assertThat(records(csv))
          .containsExactly("  x| y @in.csv:4", "   @in.csv:5", " @in.csv:7", "q|z @in.csv:8");
    }
  }

  @Test
  void raggedRowsKeepTheirOwnCellCount() {
    try (CsvReader csv = reader("a,b,c\n1\n1,2,3,4\n")) {
      assertThat(csv.next()).containsExactly("1");
      assertThat(csv.next()).containsExactly("1", "2", "3", "4");
      assertThat(csv.next()).isNull();
    }
  }

  @Test
  void decodesOnlyTheWantedCells() {
    try (CsvReader csv = reader("a,b,c\n1,2,3\n4,5\n")) {
      boolean[] wanted = {false, true, true};
      String[] cells = new String[3];
      assertThat(csv.next(wanted, cells)).isEqualTo(3);
      assertThat(cells).containsExactly(null, "2", "3");
      assertThat(csv.next(wanted, cells)).isEqualTo(2);
      assertThat(cells).containsExactly(null, "5", "3");
      assertThat(csv.next(wanted, cells)).isEqualTo(-1);
    }
  }

  @Test
  void anEmptyInputHasNoHeader() {
    try (CsvReader csv = reader("")) {
      assertThat(csv.header()).isEmpty();
      assertThat(csv.next()).isNull();
    }
  }

  @Test
  void anUnclosedQuoteIsReportedWithTheInputAndLine() {
    try (CsvReader csv = reader("id,text\na,ok\nb,\"never closed\n")) {
      assertThat(csv.next()).containsExactly("a", "ok");
      assertThatThrownBy(csv::next)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("Cannot read in.csv:");
    }
  }
}
