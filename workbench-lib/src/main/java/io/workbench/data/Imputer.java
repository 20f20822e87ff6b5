package io.workbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/**
 * Fills missing feature values with a statistic fitted on the training part only (scikit-learn's {@code
 * SimpleImputer}). Fit it directly, or give a {@link Step} ({@link #median()}, {@link #mean()}, {@link
 * #mostFrequent()}, optionally {@link Spec#on(String...) on} some columns) to a {@code Pipeline}.
 *
 * <pre>{@code
 * Imputer imp = Imputer.fit(split.train(), Imputer.Strategy.MEDIAN);
 * Dataset train = imp.apply(split.train());
 * Dataset test = imp.apply(split.test());   // filled with the training medians
 * Step step = Imputer.median().on("bmi", "bp"); // for a Pipeline
 * }</pre>
 *
 * @param inputFeatures feature names, in order
 * @param strategy how the fill value was computed
 * @param columns the features that are filled (numeric ones); the others pass through unchanged
 * @param fill the fill value per column of {@code columns}
 */
public record Imputer(List<String> inputFeatures, Strategy strategy, List<String> columns, double[] fill)
    implements Transform {

  /** How the fill value of a feature is computed from its observed training values. */
  public enum Strategy {
    /** Arithmetic mean. */
    MEAN,
    /** Median (mean of the two middle values for an even count). */
    MEDIAN,
    /** Most frequent value (the smallest one on ties). */
    MOST_FREQUENT
  }

  /** Validates sizes and copies; {@code columns} {@code null} means every input feature. */
  public Imputer {
    inputFeatures = List.copyOf(inputFeatures);
    columns = columns == null ? inputFeatures : List.copyOf(columns);
    if (strategy == null) {
      throw new IllegalArgumentException("Imputer needs a strategy (MEAN, MEDIAN or MOST_FREQUENT), got null");
    }
    if (fill == null || fill.length != columns.size()) {
      throw new IllegalArgumentException("Imputer needs one fill value per column: " + columns.size() + " columns, "
          + (fill == null ? "no" : fill.length) + " values");
    }
    for (String c : columns) {
      if (!inputFeatures.contains(c)) {
        throw ColumnNames.unknown("feature", c, inputFeatures, "Imputer columns must be input features; they");
      }
    }
    fill = fill.clone();
  }

  /** An imputer of every input feature (the form before column subsets). */
  public Imputer(List<String> inputFeatures, Strategy strategy, double[] fill) {
    this(inputFeatures, strategy, null, fill);
  }

  @Override
  public double[] fill() {
    return fill.clone();
  }

  /** Median imputation of every numeric feature, as a pipeline step. */
  public static Spec median() {
    return new Spec(Strategy.MEDIAN, List.of());
  }

  /** Mean imputation of every numeric feature, as a pipeline step. */
  public static Spec mean() {
    return new Spec(Strategy.MEAN, List.of());
  }

  /** Most-frequent-value imputation of every numeric feature, as a pipeline step. */
  public static Spec mostFrequent() {
    return new Spec(Strategy.MOST_FREQUENT, List.of());
  }

  /**
   * An imputer before fitting: the strategy and the columns ({@code []}: every numeric feature of the
   * training data).
   *
   * @param strategy how fill values are computed
   * @param columns the features to fill, or empty for every numeric one
   */
  public record Spec(Strategy strategy, List<String> columns) implements Step {

    /** Copies the column list. */
    public Spec {
      columns = List.copyOf(columns);
    }

    /** The same strategy on the given columns only (scikit-learn's {@code ColumnTransformer} subsets). */
    public Spec on(String... features) {
      return new Spec(strategy, List.of(features));
    }

    @Override
    public Imputer fit(Dataset train) {
      return Imputer.fit(train, strategy, columns.isEmpty() ? Transforms.numericFeatures(train) : columns);
    }

    /** The step as the call that makes it, for example {@code Imputer.median().on("bmi")}. */
    @Override
    public String toString() {
      String base = switch (strategy) {
        case MEAN -> "Imputer.mean()";
        case MEDIAN -> "Imputer.median()";
        case MOST_FREQUENT -> "Imputer.mostFrequent()";
      };
      return columns.isEmpty() ? base : base + ".on(" + Transforms.quoted(columns) + ")";
    }
  }

  /** Fits the fill values on the observed (non-missing) training values of each feature, which must be numeric. */
  public static Imputer fit(Dataset train, Strategy strategy) {
    return fit(train, strategy, train.features());
  }

  private static Imputer fit(Dataset train, Strategy strategy, List<String> columns) {
    double[] fill = new double[columns.size()];
    for (int k = 0; k < fill.length; k++) {
      double[] v = observed(train.featureColumn(columns.get(k)));
      if (v.length == 0) {
        throw new IllegalArgumentException(
            "Feature '" + columns.get(k) + "' has no observed value in the training part; cannot impute it");
      }
      fill[k] = switch (strategy) {
        case MEAN -> Arrays.stream(v).average().orElseThrow();
        case MEDIAN -> median(v);
        case MOST_FREQUENT -> mostFrequent(v);
      };
    }
    return new Imputer(train.features(), strategy, columns, fill);
  }

  @Override
  public Dataset apply(Dataset data) {
    Transforms.checkFeatures("Imputer", inputFeatures, data.features());
    if (data.matrixBacked()) {
      return data; // matrix-backed features are finite by construction: nothing to fill
    }
    List<Column<?>> cols = new ArrayList<>();
    for (int j = 0; j < inputFeatures.size(); j++) {
      int k = columns.indexOf(inputFeatures.get(j));
      if (k < 0) {
        cols.add(data.featureColumn(j));
        continue;
      }
      NumericColumn<?> c = numeric(data.featureColumn(j));
      double[] v = new double[c.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = c.isMissing(i) || Double.isNaN(c.getDouble(i)) ? fill[k] : c.getDouble(i);
      }
      cols.add(DoubleColumn.create(inputFeatures.get(j), v));
    }
    return data.withFeatureColumns(cols);
  }

  private static NumericColumn<?> numeric(Column<?> c) {
    if (c instanceof NumericColumn<?> num) {
      return num;
    }
    throw new IllegalArgumentException(
        "Imputer works on numeric features; '" + c.name() + "' is " + c.type().name()
            + " (encode it with OneHotEncoder first, or leave it out with Imputer.median().on(..))");
  }

  private static double[] observed(Column<?> c) {
    NumericColumn<?> num = numeric(c);
    double[] out = new double[num.size()];
    int m = 0;
    for (int i = 0; i < num.size(); i++) {
      if (!num.isMissing(i) && !Double.isNaN(num.getDouble(i))) {
        out[m++] = num.getDouble(i);
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double mostFrequent(double[] v) {
    Map<Double, Integer> counts = new HashMap<>();
    for (double x : v) {
      counts.merge(x, 1, Integer::sum);
    }
    double best = Double.NaN;
    int bestCount = -1;
    for (Map.Entry<Double, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
