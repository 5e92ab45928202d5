package io.quiver.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration of SageMaker's JSON: members in UpperCamelCase (so Java records with
 * lowerCamelCase components map one to one), null members left out, unknown members ignored (newer
 * SDKs send members this server does not know yet).
 */
public final class SageMakerJson {
  private SageMakerJson() {}

  /** A new mapper; thread-safe once returned. */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }
}
