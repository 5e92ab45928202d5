package io.quiver.wrangler.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON objects with Jackson's streaming parser, one object at a time: JSON lines (objects one
 * after another) or one top-level array of objects. Numbers keep their JSON type (integer or
 * floating point, kept exactly as a decimal), strings stay strings, arrays of scalars become lists,
 * nested objects become their JSON text. Positions are {@code file:line} where the object starts.
 */
final class JsonSource implements RowStream {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final String name;
  private final SourceFile file;
  private final CountingInputStream counted;
  private final JsonParser parser;
  private boolean inArray;
  private boolean started;
  private List<String> columns = List.of();

  private JsonSource(String name, SourceFile file, CountingInputStream counted, JsonParser parser) {
    this.name = name;
    this.file = file;
    this.counted = counted;
    this.parser = parser;
  }

  static JsonSource open(SourceFile file) {
    CountingInputStream counted = new CountingInputStream(file.openStream());
    try {
      return new JsonSource(
          file.name(), file, counted, FACTORY.createParser(file.decompress(counted)));
    } catch (IOException e) {
      try {
        counted.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("Cannot open " + file.name(), e);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public @Nullable SourceRow read() {
    try {
      JsonToken token = parser.nextToken();
      if (!started) {
        started = true;
        if (token == JsonToken.START_ARRAY) {
          inArray = true;
          token = parser.nextToken();
        }
      }
      if (token == null || (inArray && token == JsonToken.END_ARRAY)) {
        return null;
      }
      String position = name + ":" + parser.currentTokenLocation().getLineNr();
      if (token != JsonToken.START_OBJECT) {
        throw new SourceException(
            "Cannot read " + position + ": expected a JSON object, found " + parser.getText());
      }
      List<String> names = new ArrayList<>();
      List<@Nullable Object> values = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        names.add(parser.currentName());
        parser.nextToken();
        values.add(value(position));
      }
      if (columns.isEmpty()) {
        columns = List.copyOf(names);
      }
      return new SourceRow(position, names, values);
    } catch (JsonProcessingException e) {
      throw new SourceException(
          "Cannot read " + name + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  private @Nullable Object value(String position) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? parser.getDecimalValue()
              : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_ARRAY -> list(position);
      case START_OBJECT -> nestedText();
      default ->
          throw new SourceException(
              "Cannot read " + position + ": unexpected " + parser.currentToken());
    };
  }

  private List<Object> list(String position) throws IOException {
    List<Object> elements = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      Object element = value(position);
      if (element != null) {
        elements.add(element);
      }
    }
    return elements;
  }

  private String nestedText() throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      generator.copyCurrentStructure(parser);
    }
    return text.toString();
  }

  @Override
  public double fractionRead() {
    long size = file.size();
    return size <= 0 ? Double.NaN : Math.min(1.0, (double) counted.count() / size);
  }

  @Override
  public void close() {
    try {
      parser.close();
      counted.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + name, e);
    }
  }
}
