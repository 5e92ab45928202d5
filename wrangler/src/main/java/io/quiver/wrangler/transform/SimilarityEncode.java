package io.quiver.wrangler.transform;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Schema;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Similarity encoding as Data Wrangler computes it with Spark ML: the lower-cased value, white
 * space collapsed and a space prepended, is cut into character 3-grams (Spark's {@code NGram} joins
 * the characters with spaces), hashed into 2^18 buckets ({@code HashingTF}, binary, MurmurHash3
 * with seed 42), and min-hashed ({@code MinHashLSH} with {@code target_dimension} tables, Spark's
 * default seed); each min-hash is scaled to [-1, 1]. A null or empty value encodes as a single
 * space. A value too short for any 3-gram (one character) gives NaNs, where Spark fails. The "fit"
 * draws the min-hash coefficients, which depend only on the seed; they are stored so a record is
 * encoded exactly as the batch was.
 */
final class SimilarityEncode {
  static final int NUM_FEATURES = 1 << 18;
  static final long HASH_PRIME = 2_038_074_743L;
  static final long DEFAULT_SEED = "org.apache.spark.ml.feature.MinHashLSH".hashCode();
  private static final double HALF_RANGE = Integer.MAX_VALUE / 2.0;

  private SimilarityEncode() {}

  static Step compile(
      String input, @Nullable String output, Parameters p, @Nullable ObjectNode trained) {
    long dimension = p.integer("target_dimension", 30);
    if (dimension < 1 || dimension > 1000) {
      throw new StepException("target_dimension is " + dimension + " (expected: 1 to 1000)");
    }
    boolean columnsStyle =
        p.choice("output_style", "Vector", "Vector", "Columns").equals("Columns");
    String target = output != null ? output : input;
    if (trained == null) {
      return new FitStep() {
        @Override
        public Fitter fitter(Schema schema) {
          return new Fitter() {
            @Override
            public void accept(Frame frame) {}

            @Override
            public ObjectNode result() {
              return coefficients((int) dimension, DEFAULT_SEED);
            }
          };
        }

        @Override
        public Set<String> reads() {
          return Set.of(input);
        }

        @Override
        public Set<String> writes() {
          return new java.util.HashSet<>(java.util.List.of(input, target, target + "_*"));
        }
      };
    }
    long[][] coefficients = read(trained.get("coefficients"));
    return new ColumnStep(input, output) {
      @Override
      public RowOp bind(Slots slots) {
        DataType type = slots.type(input);
        int in = slots.read(input);
        int[] outs;
        if (columnsStyle) {
          if (target.equals(input)) {
            slots.remove(input);
          }
          outs = new int[coefficients.length];
          for (int i = 0; i < outs.length; i++) {
            outs[i] = slots.write(target + "_" + i, DataType.DOUBLE);
          }
        } else {
          outs = new int[] {slots.write(target, DataType.VECTOR)};
        }
        return row -> {
          double[] embedding = embed(ValueCasts.toText(row, in, type), coefficients);
          if (columnsStyle) {
            for (int i = 0; i < outs.length; i++) {
              row.setDouble(outs[i], embedding[i]);
            }
          } else {
            row.setObject(outs[0], embedding);
          }
          return true;
        };
      }

      @Override
      public Set<String> writes() {
        return new java.util.HashSet<>(java.util.List.of(input, target, target + "_*"));
      }
    };
  }

  /** MinHashLSH's coefficients for {@code tables} tables, drawn as Spark draws them. */
  static ObjectNode coefficients(int tables, long seed) {
    Random random = new Random(seed);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode array = out.putArray("coefficients");
    for (int i = 0; i < tables; i++) {
      long a = 1 + random.nextInt((int) (HASH_PRIME - 1));
      long b = random.nextInt((int) (HASH_PRIME - 1));
      array.addArray().add(a).add(b);
    }
    return out;
  }

  private static long[][] read(@Nullable JsonNode json) {
    if (json == null || !json.isArray() || json.isEmpty()) {
      throw new StepException(
          "the fit has no min-hash coefficients; refit the flow (quiver flow fit)");
    }
    long[][] coefficients = new long[json.size()][2];
    for (int i = 0; i < json.size(); i++) {
      coefficients[i][0] = json.get(i).get(0).asLong();
      coefficients[i][1] = json.get(i).get(1).asLong();
    }
    return coefficients;
  }

  static double[] embed(@Nullable String value, long[][] coefficients) {
    String text = value == null ? " " : value.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      text = " ";
    }
    // Spark splits on the empty pattern by UTF-16 unit, as Java does.
    String padded = " " + text;
    TreeSet<Integer> buckets = new TreeSet<>();
    for (int i = 0; i + 3 <= padded.length(); i++) {
      String gram = padded.charAt(i) + " " + padded.charAt(i + 1) + " " + padded.charAt(i + 2);
      buckets.add(Math.floorMod(murmur3(gram.getBytes(UTF_8), 42), NUM_FEATURES));
    }
    double[] embedding = new double[coefficients.length];
    if (buckets.isEmpty()) {
      Arrays.fill(embedding, Double.NaN);
      return embedding;
    }
    for (int t = 0; t < coefficients.length; t++) {
      long min = Long.MAX_VALUE;
      for (int bucket : buckets) {
        min = Math.min(min, ((1L + bucket) * coefficients[t][0] + coefficients[t][1]) % HASH_PRIME);
      }
      embedding[t] = (min - HALF_RANGE) / HALF_RANGE;
    }
    return embedding;
  }

  /** MurmurHash3 x86 32-bit of {@code data} (Spark's {@code hashUnsafeBytes2}). */
  static int murmur3(byte[] data, int seed) {
    int h = seed;
    int length = data.length;
    int blocks = length / 4;
    for (int i = 0; i < blocks; i++) {
      int k =
          (data[4 * i] & 0xff)
              | (data[4 * i + 1] & 0xff) << 8
              | (data[4 * i + 2] & 0xff) << 16
              | (data[4 * i + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int k = 0;
    int tail = blocks * 4;
    switch (length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
      // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
      // fall through
      case 1:
        k ^= data[tail] & 0xff;
        h ^= mixK(k);
        break;
      default:
        break;
    }
    h ^= length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }
}
