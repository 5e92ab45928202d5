package io.quiver.wrangler.transform;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.wrangler.frame.DataType;
import io.quiver.wrangler.frame.Frame;
import io.quiver.wrangler.frame.Row;
import io.quiver.wrangler.frame.RowLoader;
import io.quiver.wrangler.frame.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code featurize_text}: character statistics (word count, character count, and the ratios of
 * upper-case letters, lower-case letters, digits and other non-space characters, into {@code
 * <column>-stats_*} columns) and text vectorizing as Spark ML does it: a tokenizer ({@code
 * Standard}: lower-case and split on each white-space character, as Spark's {@code Tokenizer}, so
 * two spaces give an empty token; or {@code Custom}: {@code RegexTokenizer} with {@code pattern},
 * {@code gaps}, {@code minimum_token_length}, {@code lowercase}), a vectorizer ({@code
 * CountVectorizer}, fitted: terms in at least {@code minimum_document_frequency} documents (a
 * fraction if below 1) and at most {@code maximum_document_frequency} (fraction, default 0.999),
 * the {@code maximum_vocabulary_size} most frequent, ties alphabetical; or {@code HashingTF} with
 * {@code number_of_features} buckets, MurmurHash3 seed 42) and optionally IDF ({@code log((m + 1) /
 * (df + 1))}, 0 below {@code minimum_document_frequency}, default 5). Vectors are dense in Quiver,
 * so their size is capped at 10,000: set the vocabulary size or the number of features below it
 * (Data Wrangler's default of 2^18 is refused).
 */
final class FeaturizeText implements Operator {
  static final int MAX_DIMENSION = 10_000;

  @Override
  public String family() {
    return "featurize_text";
  }

  @Override
  public Step compile(StepContext context) {
    Parameters.Choice choice =
        context.parameters().dispatch("operator", "Character statistics", "Vectorize");
    Parameters p = choice.parameters();
    String input = p.string("input_column");
    if (choice.name().equals("Character statistics")) {
      return stats(input, p.string("output_prefix", input));
    }
    Tokenizer tokenizer = tokenizer(p);
    boolean hashing =
        p.choice("vectorizer", "Count Vectorizer", "Count Vectorizer", "Hashing").equals("Hashing");
    Parameters count = p.object("count_vectorizer_parameters");
    Parameters hash = p.object("hashing_parameters");
    boolean binary = (hashing ? hash : count).bool("binary", false);
    double minTf = count.number("minimum_term_frequency", 1);
    boolean idf = p.bool("apply_idf", false);
    long minDocFreq = p.object("idf_parameters").integer("minimum_document_frequency", 5);
    String output = p.string("output_column", input);
    boolean columnsStyle =
        p.choice("output_format", "Vector", "Vector", "Columns").equals("Columns");
    if (columnsStyle && hashing) {
      throw new StepException(
          "Columns output needs the Count Vectorizer (hashed buckets have no names)");
    }
    int features = 0;
    if (hashing) {
      long n = hash.integer("number_of_features", 262_144);
      if (n < 1 || n > MAX_DIMENSION) {
        throw new StepException(
            "number_of_features is "
                + n
                + " (expected: 1 to "
                + MAX_DIMENSION
                + "; Quiver's vectors are dense)");
      }
      features = (int) n;
    }
    ObjectNode trained = context.trained();
    Vectorizer v =
        new Vectorizer(
            input, output, tokenizer, hashing, features, binary, minTf, idf, columnsStyle);
    if (trained == null && (idf || !hashing)) {
      long vocabulary = count.integer("maximum_vocabulary_size", 262_144);
      double minDf = count.number("minimum_document_frequency", 1);
      double maxDf = count.number("maximum_document_frequency", 0.999);
      return v.fit(Math.min(vocabulary, MAX_DIMENSION + 1), minDf, maxDf, minDocFreq);
    }
    return v.frozen(trained);
  }

  private static RowStep stats(String input, String prefix) {
    String[] names = {
      "word_count", "char_count", "capital_ratio", "lower_ratio", "digit_ratio", "special_ratio"
    };
    return new RowStep() {
      @Override
      public RowOp bind(Slots slots) {
        DataType type = slots.type(input);
        int in = slots.read(input);
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
          out[i] =
              slots.write(prefix + "-stats_" + names[i], i < 2 ? DataType.LONG : DataType.DOUBLE);
        }
        return row -> {
          String text = ValueCasts.toText(row, in, type);
          if (text == null) {
            for (int o : out) {
              row.setNull(o);
            }
            return true;
          }
          int n = text.length();
          int upper = 0;
          int lower = 0;
          int digits = 0;
          int special = 0;
          for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isUpperCase(c)) {
              upper++;
            } else if (Character.isLowerCase(c)) {
              lower++;
            } else if (Character.isDigit(c)) {
              digits++;
            } else if (!Character.isWhitespace(c) && !Character.isLetter(c)) {
              special++;
            }
          }
          String trimmed = text.strip();
          row.setLong(out[0], trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length);
          row.setLong(out[1], n);
          row.setDouble(out[2], n == 0 ? 0 : (double) upper / n);
          row.setDouble(out[3], n == 0 ? 0 : (double) lower / n);
          row.setDouble(out[4], n == 0 ? 0 : (double) digits / n);
          row.setDouble(out[5], n == 0 ? 0 : (double) special / n);
          return true;
        };
      }

      @Override
      public Set<String> reads() {
        return Set.of(input);
      }

      @Override
      public Set<String> writes() {
        return Set.of(prefix + "-stats_*");
      }
    };
  }

  /** Splits text into tokens. */
  private interface Tokenizer {
    List<String> tokens(String text);
  }

  private static Tokenizer tokenizer(Parameters p) {
    String kind = p.choice("tokenizer", "Standard", "Standard", "Custom");
    if (kind.equals("Standard")) {
      Pattern space = Pattern.compile("\\s");
      return text -> List.of(space.split(text.toLowerCase(Locale.ROOT)));
    }
    Parameters q = p.object("tokenizer_custom_parameters");
    Pattern pattern = SearchAndEdit.regex(q.string("pattern", "\\s+"), true);
    boolean gaps = q.bool("gaps", true);
    long minLength = q.integer("minimum_token_length", 1);
    boolean lowercase = q.bool("lowercase", true);
    return text -> {
      String t = lowercase ? text.toLowerCase(Locale.ROOT) : text;
      List<String> tokens = new ArrayList<>();
      if (gaps) {
        for (String token : pattern.split(t)) {
          if (token.length() >= minLength) {
            tokens.add(token);
          }
        }
      } else {
        var m = pattern.matcher(t);
        while (m.find()) {
          if (m.group().length() >= minLength) {
            tokens.add(m.group());
          }
        }
      }
      return tokens;
    };
  }

  private record Vectorizer(
      String input,
      String output,
      Tokenizer tokenizer,
      boolean hashing,
      int features,
      boolean binary,
      double minTf,
      boolean idf,
      boolean columnsStyle) {

    /** Term counts of one document, by vector index; terms below min TF left out. */
    Map<Integer, Double> counts(String text, @Nullable Map<String, Integer> vocabulary) {
      List<String> tokens = tokenizer.tokens(text);
      Map<String, Integer> termCounts = new LinkedHashMap<>();
      for (String t : tokens) {
        termCounts.merge(t, 1, Integer::sum);
      }
      double threshold = minTf >= 1 ? minTf : minTf * tokens.size();
      Map<Integer, Double> counts = new HashMap<>();
      for (Map.Entry<String, Integer> e : termCounts.entrySet()) {
        if (!hashing && e.getValue() < threshold) {
          continue;
        }
        Integer index =
            hashing
                ? Math.floorMod(SimilarityEncode.murmur3(e.getKey().getBytes(UTF_8), 42), features)
                : vocabulary.get(e.getKey());
        if (index != null) {
          counts.merge(
              index, binary ? 1.0 : e.getValue(), hashing && binary ? (a, b) -> 1.0 : Double::sum);
        }
      }
      return counts;
    }

    FitStep fit(long vocabularySize, double minDf, double maxDf, long minDocFreq) {
      Vectorizer self = this;
      return new FitStep() {
        @Override
        public Fitter fitter(Schema schema) {
          int c = Tables.columns(schema, List.of(input), "input")[0];
          DataType type = schema.column(c).type();
          return new Fitter() {
            private final Map<String, long[]> terms = new HashMap<>();
            private final Map<Integer, Long> bucketDocs = new HashMap<>();
            private long documents;

            @Override
            public void accept(Frame frame) {
              RowLoader loader = new RowLoader(frame, new int[] {c}, new int[] {0});
              Row row = new Row(1);
              for (int r = 0; r < frame.rowCount(); r++) {
                loader.load(r, row);
                String text = ValueCasts.toText(row, 0, type);
                if (text == null) {
                  continue;
                }
                documents++;
                if (hashing) {
                  for (int index : self.counts(text, null).keySet()) {
                    bucketDocs.merge(index, 1L, Long::sum);
                  }
                  continue;
                }
                Map<String, Integer> seen = new HashMap<>();
                for (String t : tokenizer.tokens(text)) {
                  seen.merge(t, 1, Integer::sum);
                }
                for (Map.Entry<String, Integer> e : seen.entrySet()) {
                  long[] k = terms.computeIfAbsent(e.getKey(), x -> new long[2]);
                  k[0] += e.getValue();
                  k[1]++;
                }
              }
            }

            @Override
            public ObjectNode result() {
              ObjectNode out = JsonNodeFactory.instance.objectNode();
              out.put("documents", documents);
              if (hashing) {
                ObjectNode df = out.putObject("document_frequency");
                bucketDocs.forEach((k, v) -> df.put(Integer.toString(k), v));
                return out;
              }
              double low = minDf >= 1 ? minDf : minDf * documents;
              double high = maxDf >= 1 ? maxDf : maxDf * documents;
              List<Map.Entry<String, long[]>> kept = new ArrayList<>();
              for (Map.Entry<String, long[]> e : terms.entrySet()) {
                if (e.getValue()[1] >= low && e.getValue()[1] <= high) {
                  kept.add(e);
                }
              }
              kept.sort(
                  (a, b) -> {
                    int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
                    return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
                  });
              if (kept.size() > vocabularySize) {
                kept = kept.subList(0, (int) vocabularySize);
              }
              if (kept.size() > MAX_DIMENSION) {
                throw new StepException(
                    "the vocabulary would have more than "
                        + MAX_DIMENSION
                        + " terms; set maximum_vocabulary_size (Quiver's vectors are dense)");
              }
              ArrayNode vocabulary = out.putArray("vocabulary");
              ArrayNode df = out.putArray("document_frequency");
              for (Map.Entry<String, long[]> e : kept) {
                vocabulary.add(e.getKey());
                df.add(e.getValue()[1]);
              }
              out.put("minimum_document_frequency", minDocFreq);
              return out;
            }
          };
        }

        @Override
        public Set<String> reads() {
          return Set.of(input);
        }

        @Override
        public Set<String> writes() {
          return Set.of(output, output + "_*");
        }
      };
    }

    RowStep frozen(@Nullable ObjectNode trained) {
      Map<String, Integer> vocabulary = new HashMap<>();
      List<String> terms = new ArrayList<>();
      int size = features;
      double[] weights = null;
      if (!hashing) {
        JsonNode vocab = trained == null ? null : trained.get("vocabulary");
        if (vocab == null) {
          throw new StepException("the fit has no vocabulary; refit the flow (quiver flow fit)");
        }
        for (JsonNode t : vocab) {
          vocabulary.put(t.asText(), terms.size());
          terms.add(t.asText());
        }
        size = terms.size();
      }
      if (idf) {
        long m = trained.path("documents").asLong();
        long minDocFreq = trained.path("minimum_document_frequency").asLong(5);
        weights = new double[size];
        for (int i = 0; i < size; i++) {
          long df =
              hashing
                  ? trained.path("document_frequency").path(Integer.toString(i)).asLong(0)
                  : trained.path("document_frequency").path(i).asLong(0);
          weights[i] = df < minDocFreq ? 0 : Math.log((m + 1.0) / (df + 1.0));
        }
      }
      int dimension = size;
      double[] idfWeights = weights;
      Vectorizer self = this;
      return new RowStep() {
        @Override
        public RowOp bind(Slots slots) {
          DataType type = slots.type(input);
          int in = slots.read(input);
          int[] outs;
          if (columnsStyle) {
            if (output.equals(input)) {
              slots.remove(input);
            }
            outs = new int[dimension];
            for (int i = 0; i < dimension; i++) {
              outs[i] = slots.write(output + "_" + terms.get(i), DataType.DOUBLE);
            }
          } else {
            outs = new int[] {slots.write(output, DataType.VECTOR)};
          }
          return row -> {
            String text = ValueCasts.toText(row, in, type);
            double[] vector = new double[dimension];
            if (text != null) {
              for (Map.Entry<Integer, Double> e : self.counts(text, vocabulary).entrySet()) {
                vector[e.getKey()] =
                    idfWeights == null ? e.getValue() : e.getValue() * idfWeights[e.getKey()];
              }
            }
            if (columnsStyle) {
              for (int i = 0; i < dimension; i++) {
                if (text == null) {
                  row.setNull(outs[i]);
                } else {
                  row.setDouble(outs[i], vector[i]);
                }
              }
            } else {
              row.setObject(outs[0], text == null ? null : vector);
            }
            return true;
          };
        }

        @Override
        public Set<String> reads() {
          return Set.of(input);
        }

        @Override
        public Set<String> writes() {
          return new HashSet<>(List.of(output, output + "_*"));
        }
      };
    }
  }
}
