package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.server.FeatureGroups;
import io.quiver.server.ServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a seeded fuzz of the REST and JSON decoders over loopback. Requests are valid ones
 * mutated at random (method, path and query escapes, headers, JSON members, values, structure and
 * bytes); every one must be answered, promptly and never with a 5xx, and the server must stay
 * healthy. CI runs it for up to {@value #SECONDS_DEFAULT} s or {@value #REQUESTS_DEFAULT} requests;
 * a release check runs it longer (docs/operations/server.md):
 *
 * <pre>
 * mvn -B -pl server -am verify -Dtest=RestFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dquiver.fuzz.seconds=900 -Dquiver.fuzz.requests=100000000 -Dquiver.fuzz.seed=$RANDOM
 * </pre>
 */
class RestFuzzTest {
  static final int SECONDS_DEFAULT = 20;
  static final int REQUESTS_DEFAULT = 4_000;

  private static final String[] OPERATIONS = {
    "CreateFeatureGroup",
    "DescribeFeatureGroup",
    "ListFeatureGroups",
    "UpdateFeatureGroup",
    "DeleteFeatureGroup",
    "DescribeFeatureMetadata",
    "UpdateFeatureMetadata",
    "Search",
    "NoSuchOperation"
  };

  private static final String[] CONTROL_BODIES = {
    "{\"FeatureGroupName\":\"fz\",\"RecordIdentifierFeatureName\":\"id\",\"EventTimeFeatureName\":\"ts\","
        + "\"FeatureDefinitions\":[{\"FeatureName\":\"id\",\"FeatureType\":\"String\"},"
        + "{\"FeatureName\":\"ts\",\"FeatureType\":\"Fractional\"},{\"FeatureName\":\"v\","
        + "\"FeatureType\":\"Fractional\",\"CollectionType\":\"Vector\",\"CollectionConfig\":"
        + "{\"VectorConfig\":{\"Dimension\":3}}}],\"OnlineStoreConfig\":{\"EnableOnlineStore\":true,"
        + "\"TtlDuration\":{\"Unit\":\"Days\",\"Value\":7}},\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}",
    "{\"FeatureGroupName\":\"fg\"}",
    "{\"NameContains\":\"f\",\"CreationTimeAfter\":1700000000.5,\"SortOrder\":\"Descending\","
        + "\"SortBy\":\"CreationTime\",\"MaxResults\":10,\"NextToken\":\"abc\"}",
    "{\"FeatureGroupName\":\"fg\",\"FeatureAdditions\":[{\"FeatureName\":\"n2\",\"FeatureType\":"
        + "\"Integral\"}],\"OnlineStoreConfig\":{\"TtlDuration\":{\"Unit\":\"Hours\",\"Value\":3}}}",
    "{\"FeatureGroupName\":\"fg\",\"FeatureName\":\"n\",\"Description\":\"d\","
        + "\"ParameterAdditions\":[{\"Key\":\"a\",\"Value\":\"b\"}],\"ParameterRemovals\":[\"c\"]}",
    "{\"Resource\":\"FeatureGroup\",\"SearchExpression\":{\"Filters\":[{\"Name\":"
        + "\"FeatureGroupName\",\"Operator\":\"Equals\",\"Value\":\"fg\"}]},\"MaxResults\":5}"
  };

  private static final String PUT_BODY =
      "{\"Record\":[{\"FeatureName\":\"id\",\"ValueAsString\":\"r1\"},{\"FeatureName\":\"ts\","
          + "\"ValueAsString\":\"1700000000.5\"},{\"FeatureName\":\"n\",\"ValueAsString\":\"7\"},"
          + "{\"FeatureName\":\"s\",\"ValueAsString\":\"x\"}],\"TargetStores\":[\"OnlineStore\"],"
          + "\"TtlDuration\":{\"Unit\":\"Hours\",\"Value\":1}}";

  private static final String BATCH_BODY =
      "{\"Identifiers\":[{\"FeatureGroupName\":\"fg\",\"RecordIdentifiersValueAsString\":[\"r1\","
          + "\"r2\"],\"FeatureNames\":[\"n\"]}],\"ExpirationTimeResponse\":\"Enabled\"}";

  private static final String[] JSON_VALUES = {
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1.5",
    "1e400",
    "-1e-400",
    "123456789012345678901234567890",
    "\"\"",
    "\"fg\"",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\"\\u0000\"",
    "\"a\\nb\"",
    "[]",
    "{}",
    "[null]",
    "[1,\"a\"]",
    "{\"a\":{}}",
    "\"2023-11-14T22:13:20Z\"",
    "\"NaN\"",
    "\"Infinity\"",
    "\"9999999999999999999\"",
    "\"-0\"",
    "\"1e309\""
  };

  @TempDir Path dataDir;

  @Test
  void fuzzedRequestsAreAnsweredWithoutServerErrors() throws Exception {
    long seed = Long.getLong("quiver.fuzz.seed", 13L);
    long seconds = Long.getLong("quiver.fuzz.seconds", SECONDS_DEFAULT);
    long maxRequests = Long.getLong("quiver.fuzz.requests", REQUESTS_DEFAULT);
    Random random = new Random(seed);
    List<String> failures = new ArrayList<>();
    try (ServerFixture fixture =
        ServerFixture.start(dataDir, b -> b.requestTimeout(Duration.ofSeconds(5)))) {
      FeatureGroups.create(fixture.control(), "fg");
      int port = fixture.server().httpPort();
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long sent = 0;
      while (sent < maxRequests && System.nanoTime() < deadline && failures.size() < 20) {
        byte[] request = request(random);
        sent++;
        try {
          RawHttp.Response response = RawHttp.exchange(port, request);
          if (response.status() >= 500) {
            failures.add(describe(seed, sent, request, response.status() + " " + response.body()));
          }
        } catch (IOException e) {
          failures.add(describe(seed, sent, request, "no answer: " + e.getMessage()));
        }
      }
      assertThat(failures).as("seed %d, %d requests", seed, sent).isEmpty();
      assertThat(RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status())
          .isEqualTo(200);
    }
  }

  private static String describe(long seed, long index, byte[] request, String outcome) {
    String text = new String(request, ISO_8859_1);
    return "seed "
        + seed
        + " request "
        + index
        + " -> "
        + outcome
        + "\n"
        + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
  }

  private static byte[] request(Random random) {
    int kind = random.nextInt(10);
    String method;
    String target;
    String contentType;
    String amzTarget = null;
    String body;
    if (kind < 4) {
      method = "POST";
      target = "/";
      contentType = "application/x-amz-json-1.1";
      amzTarget = "SageMaker." + pick(random, OPERATIONS);
      body = pick(random, CONTROL_BODIES);
    } else if (kind < 6) {
      method = "PUT";
      target = "/FeatureGroup/" + pathSegment(random);
      contentType = "application/json";
      body = PUT_BODY;
    } else if (kind < 7) {
      method = "POST";
      target = "/BatchGetRecord";
      contentType = "application/json";
      body = BATCH_BODY;
    } else {
      method = pick(random, new String[] {"GET", "DELETE", "HEAD", "GET", "OPTIONS"});
      target = "/FeatureGroup/" + pathSegment(random) + "?" + query(random);
      contentType = "application/json";
      body = "";
    }
    if (random.nextInt(8) == 0) {
      method = pick(random, new String[] {"PATCH", "TRACE", "FOO", "GET"});
    }
    if (!body.isEmpty()) {
      int mutations = random.nextInt(4);
      for (int i = 0; i < mutations; i++) {
        body = mutateJson(random, body);
      }
    }
    byte[] bodyBytes = body.getBytes(UTF_8);
    if (random.nextInt(10) == 0 && bodyBytes.length > 0) {
      bodyBytes = mutateBytes(random, bodyBytes);
    }
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: fuzz\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    if (amzTarget != null) {
      head.append("X-Amz-Target: ").append(amzTarget).append("\r\n");
    }
    head.append("Content-Length: ").append(contentLength(random, bodyBytes.length)).append("\r\n");
    if (random.nextInt(12) == 0) {
      head.append("Expect: 100-continue\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(ISO_8859_1));
    out.writeBytes(bodyBytes);
    return out.toByteArray();
  }

  /** Mostly the real length; sometimes one that cannot be parsed (never one that would hang). */
  private static String contentLength(Random random, int length) {
    return switch (random.nextInt(20)) {
      case 0 -> "abc";
      case 1 -> "1e3";
      case 2 -> "";
      case 3 -> length + ", " + length;
      case 4 -> "99999999999999999999999";
      case 5 -> "-" + length;
      default -> Integer.toString(length);
    };
  }

  private static String pathSegment(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> "%zz";
      case 1 -> "fg%";
      case 2 -> "%C0%80";
      case 3 -> "arn%3Aaws%3Asagemaker%3Aus-east-1%3A123456789012%3Afeature-group%2Ffg";
      case 4 -> randomEscapes(random);
      case 5 -> "a".repeat(1 + random.nextInt(300));
      default -> "fg";
    };
  }

  private static String query(Random random) {
    StringBuilder query = new StringBuilder();
    int parameters = random.nextInt(5);
    String[] names = {
      "RecordIdentifierValueAsString", "FeatureName", "ExpirationTimeResponse", "EventTime",
      "TargetStores", "DeletionMode", "%zz", ""
    };
    for (int i = 0; i < parameters; i++) {
      if (i > 0) {
        query.append(random.nextBoolean() ? "&" : "&&");
      }
      query.append(pick(random, names));
      if (random.nextInt(6) != 0) {
        query.append('=').append(random.nextBoolean() ? randomEscapes(random) : "r1");
      }
    }
    return query.toString();
  }

  private static String randomEscapes(Random random) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> out.append(String.format("%%%02X", random.nextInt(256)));
        case 1 -> out.append('%').append((char) ('a' + random.nextInt(26)));
        case 2 -> out.append('+');
        case 3 -> out.append("%E2%82%AC");
        default -> out.append((char) ('a' + random.nextInt(26)));
      }
    }
    return out.toString();
  }

  /** One structural change to a JSON text: a value replaced, a member dropped or repeated, etc. */
  private static String mutateJson(Random random, String json) {
    List<int[]> values = valueSpans(json);
    switch (random.nextInt(7)) {
      case 0, 1, 2 -> {
        if (values.isEmpty()) {
          return json;
        }
        int[] span = values.get(random.nextInt(values.size()));
        return json.substring(0, span[0]) + pick(random, JSON_VALUES) + json.substring(span[1]);
      }
      case 3 -> {
        return json.substring(0, random.nextInt(json.length() + 1)); // truncated
      }
      case 4 -> {
        int depth = 1 + random.nextInt(200);
        return "[".repeat(depth) + json + "]".repeat(random.nextInt(depth + 1));
      }
      case 5 -> {
        int comma = json.indexOf(',', random.nextInt(json.length()));
        int colon = json.lastIndexOf('"', Math.max(0, comma - 1));
        return comma < 0 || colon < 0
            ? json
            : json.replaceFirst(",", ",\"FeatureGroupName\":\"x\",");
      }
      default -> {
        int at = random.nextInt(json.length() + 1);
        return json.substring(0, at)
            + pick(random, new String[] {",", "}", "]", ":", "\"", " "})
            + json.substring(at);
      }
    }
  }

  /** Start and end of each scalar value after a colon or inside a list (roughly). */
  private static List<int[]> valueSpans(String json) {
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == ':' || c == '[' || (c == ',' && i > 0 && json.charAt(i - 1) == '"')) {
        int start = i + 1;
        if (start >= json.length()) {
          break;
        }
        int end;
        if (json.charAt(start) == '"') {
          end = json.indexOf('"', start + 1);
          if (end < 0) {
            break;
          }
          end++;
        } else {
          end = start;
          while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
            end++;
          }
        }
        if (end > start) {
          spans.add(new int[] {start, end});
        }
      }
    }
    return spans;
  }

  private static byte[] mutateBytes(Random random, byte[] bytes) {
    byte[] out = bytes.clone();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = random.nextInt(out.length);
      out[at] =
          switch (random.nextInt(4)) {
            case 0 -> (byte) 0xC0;
            case 1 -> (byte) 0x80;
            case 2 -> (byte) 0xFF;
            default -> (byte) random.nextInt(256);
          };
    }
    return out;
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
