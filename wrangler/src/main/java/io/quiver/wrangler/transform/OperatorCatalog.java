package io.quiver.wrangler.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transform operators Quiver runs, by family name. A node names its operator by family ({@code
 * encode_categorical}) or by Data Wrangler's id for it ({@code
 * sagemaker.spark.encode_categorical_0.1}); both find the same operator. Immutable and thread-safe.
 */
public final class OperatorCatalog {
  private static final Pattern SAGEMAKER_ID =
      Pattern.compile("sagemaker\\.spark\\.([a-z0-9_]+)_0\\.1");

  private final Map<String, Operator> operators;

  private OperatorCatalog(List<Operator> operators) {
    Map<String, Operator> byFamily = new LinkedHashMap<>();
    for (Operator operator : operators) {
      byFamily.put(operator.family(), operator);
    }
    this.operators = Collections.unmodifiableMap(byFamily);
  }

  /** Every operator Quiver ships. */
  public static OperatorCatalog standard() {
    List<Operator> all = new ArrayList<>();
    all.add(new ManageColumns());
    all.add(new CastType());
    all.add(new FormatString());
    all.add(new HandleMissing());
    all.add(new ValidateString());
    all.add(new SearchAndEdit());
    all.add(new InferAndCastType());
    all.add(new ProcessNumeric());
    all.add(new EncodeCategorical());
    all.add(new HandleOutliers());
    all.add(new FeaturizeDateTime());
    all.add(new FeaturizeText());
    all.add(new CustomFormula());
    all.add(new ManageVectors());
    all.add(new FlattenJson());
    all.add(new ManageRows());
    all.add(new SampleRows());
    all.add(new JoinTables());
    all.add(new Concatenate());
    all.add(new SplitData());
    all.add(new ExplodeArray());
    all.add(new TimeSeries());
    return new OperatorCatalog(all);
  }

  /** The family named by an operator id, if the id is one of the accepted spellings. */
  public static String family(String operatorId) {
    Matcher m = SAGEMAKER_ID.matcher(operatorId);
    return m.matches() ? m.group(1) : operatorId;
  }

  /** The operator a node's operator id names, if Quiver has it. */
  public Optional<Operator> find(String operatorId) {
    return Optional.ofNullable(operators.get(family(operatorId)));
  }

  /** The family names, in catalog order (for messages). */
  public List<String> families() {
    return List.copyOf(operators.keySet());
  }
}
