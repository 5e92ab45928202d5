package io.quiver.server.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quiver.server.http.JsonBodyReader;
import io.quiver.server.http.SageMakerJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming PutRecord reader against the mapper it stands in for: it reads the common bodies,
 * and whatever it reads, the mapper reads to the same record and options; everything else it leaves
 * to the mapper, whose error the client then gets.
 */
class PutRecordBodyParserTest {
  private static final ObjectMapper MAPPER = SageMakerJson.newMapper();
  private static final JsonBodyReader BODIES = new JsonBodyReader(MAPPER);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"k1\"},"
            + "{\"FeatureName\":\"ts\",\"ValueAsString\":\"1700000000.5\"}]}",
        " {\"Record\" : [ {\"ValueAsString\":\"k1\", \"FeatureName\":\"id\"} ] } \n",
        "{\"Record\":[{\"FeatureName\":\"tags\",\"ValueAsStringList\":[\"a\",\"\",\"\\u00e9\"]}]}",
        "{\"Record\":[],\"TargetStores\":[\"OnlineStore\"]}",
        "{\"TargetStores\":[\"OfflineStore\",\"OnlineStore\"],"
            + "\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"\\\"q\\\" \\u00e9\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"caf\u00e9\"}]}"
      })
  void readsTheCommonBodiesAsTheMapperDoes(String json) {
    for (ByteBuf body : bodies(json)) {
      PutRecordBodyParser.Body fast = PutRecordBodyParser.read(BODIES.parser(body));

      assertThat(fast).as(body.toString()).isNotNull();
      RuntimeJson.PutRecordBody mapped = BODIES.read(body, RuntimeJson.PutRecordBody.class);
      assertThat(fast.record()).isEqualTo(RuntimeJson.toRecord(mapped.record()));
      assertThat(fast.targetStores()).isEqualTo(mapped.targetStores());
      body.release();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "null",
        "{}",
        "{\"Record\":null}",
        "{\"Record\":{}}",
        "{\"Record\":[null]}",
        "{\"Record\":[{\"FeatureName\":\"id\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"a\",\"ValueAsStringList\":[]}]}",
        "{\"Record\":[{\"ValueAsString\":\"a\"}]}",
        "{\"Record\":[{\"FeatureName\":1,\"ValueAsString\":\"a\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":7}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":true}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":null}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsStringList\":[\"a\",null]}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"\\ud800\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"FeatureName\":\"ts\",\"ValueAsString\":\"a\"}]}",
        "{\"Record\":[],\"Record\":[]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"a\",\"ValueAsString\":\"b\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsStringList\":[],\"ValueAsStringList\":[]}]}",
        "{\"Record\":[],\"TargetStores\":[\"OnlineStore\"],\"TargetStores\":[\"OnlineStore\"]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"a\"}],\"Record\":[]}",
        "{\"Record\":[{\"featureName\":\"id\",\"ValueAsString\":\"a\"}]}",
        "{\"Record\":[],\"TtlDuration\":{\"Unit\":\"Days\",\"Value\":1}}",
        "{\"Record\":[],\"TargetStores\":\"OnlineStore\"}",
        "{\"Record\":[],\"TargetStores\":[]}",
        "{\"Record\":[],\"Unknown\":1}",
        "{\"Record\":[]} {}",
        "{\"Record\":[]",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"a\"},]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"\\ud83d\\ude00\"}]}",
        "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"caf\u00e9 \ud83d\ude00\"}]}"
      })
  void leavesEveryOtherBodyToTheMapperOrReadsItAsTheMapperDoes(String json) {
    List<ByteBuf> bodies = bodies(json);
    PutRecordBodyParser.Body fast = PutRecordBodyParser.read(BODIES.parser(bodies.get(0)));
    for (ByteBuf body : bodies.subList(1, bodies.size())) {
      assertThat(PutRecordBodyParser.read(BODIES.parser(body)))
          .as("the same answer from every kind of buffer")
          .isEqualTo(fast);
    }
    bodies.forEach(ByteBuf::release);
    if (fast == null) {
      return; // the mapper reads it, and words its error
    }
    Throwable refused = catchThrowable(() -> mapped(json));
    assertThat(refused).as("the mapper refuses what the fast reader took").isNull();
    RuntimeJson.PutRecordBody mapped = mapped(json);
    assertThat(fast.record()).isEqualTo(RuntimeJson.toRecord(mapped.record()));
    assertThat(fast.targetStores()).isEqualTo(mapped.targetStores());
    assertThat(mapped.ttlDuration()).isNull();
  }

  private static RuntimeJson.PutRecordBody mapped(String json) {
    RuntimeJson.PutRecordBody mapped = BODIES.read(body(json), RuntimeJson.PutRecordBody.class);
    List<RuntimeJson.FeatureValueJson> values = RuntimeJson.required(mapped.record(), "record");
    assertThat(RuntimeJson.toRecord(values)).isNotNull();
    return mapped;
  }

  private static ByteBuf body(String json) {
    return Unpooled.wrappedBuffer(json.getBytes(UTF_8));
  }

  /**
   * The body as the server may hold it: a heap array, a direct buffer (what the socket reads into),
   * and a composite of two direct parts (a body that arrived in two reads).
   */
  private static List<ByteBuf> bodies(String json) {
    byte[] bytes = json.getBytes(UTF_8);
    ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    int half = bytes.length / 2;
    ByteBuf composite =
        Unpooled.compositeBuffer()
            .addComponent(true, Unpooled.directBuffer(half).writeBytes(bytes, 0, half))
            .addComponent(
                true,
                Unpooled.directBuffer(bytes.length - half)
                    .writeBytes(bytes, half, bytes.length - half));
    return List.of(body(json), direct, composite);
  }
}
