package io.quiver.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The Jackson configuration of SageMaker's JSON: members in UpperCamelCase (so Java records with
 * lowerCamelCase components map one to one), null members left out, unknown members ignored (newer
 * SDKs send members this server does not know yet).
 *
 * <p>Reading is strict, as the service is: a member appears once; a string member takes only a JSON
 * string (never a number or boolean turned into text), a number or boolean member only a number or
 * boolean (never a string); integers are not given as fractions; lists hold no nulls; strings are
 * well-formed Unicode ({@link UnicodeStringDeserializer}); nothing follows the document. {@link
 * JsonBodyReader} adds the UTF-8 check and turns failures into messages.
 */
public final class SageMakerJson {
  /** Deeper than any SageMaker shape (SearchExpression nests at most a few levels). */
  static final int MAX_NESTING_DEPTH = 64;

  private SageMakerJson() {}

  /** A new mapper; thread-safe once returned. */
  public static ObjectMapper newMapper() {
    JsonFactoryBuilder factory = new JsonFactoryBuilder();
    factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    factory.streamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    return JsonMapper.builder(factory.build())
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfigDefaults(
            config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
        .addModule(
            new SimpleModule("SageMakerStrings")
                .addDeserializer(String.class, UnicodeStringDeserializer.INSTANCE))
        .build();
  }
}
