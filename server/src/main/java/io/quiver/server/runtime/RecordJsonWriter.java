package io.quiver.server.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes GetRecord's response with Jackson's streaming generator: the hottest response of the
 * server, so it skips data binding (reflective record accessors) and intermediate objects.
 * Thread-safe (the factory is; each call has its own generator).
 */
final class RecordJsonWriter {
  private final JsonFactory factory;

  RecordJsonWriter(JsonFactory factory) {
    this.factory = factory;
  }

  /** {@code {"Record":[...],"ExpiresAt":"..."}}; {@code expiresAt} null leaves it out. */
  byte[] getRecordResponse(Record record, @Nullable Instant expiresAt) {
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        JsonGenerator g = factory.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeFieldName("Record");
      writeRecord(g, record);
      if (expiresAt != null) {
        g.writeStringField("ExpiresAt", expiresAt.toString());
      }
      g.writeEndObject();
      g.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode GetRecord response", e);
    }
  }

  private static void writeRecord(JsonGenerator g, Record record) throws IOException {
    g.writeStartArray();
    for (FeatureValue value : record.values()) {
      g.writeStartObject();
      g.writeStringField("FeatureName", value.featureName());
      if (value.valueAsStringList() != null) {
        g.writeFieldName("ValueAsStringList");
        g.writeStartArray();
        for (String element : value.valueAsStringList()) {
          g.writeString(element);
        }
        g.writeEndArray();
      } else {
        g.writeStringField("ValueAsString", value.valueAsString());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
