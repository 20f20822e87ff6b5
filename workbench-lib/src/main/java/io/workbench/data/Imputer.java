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
 * Fills missing feature values with a statistic fitted on the training part only.
 *
 * <pre>{@code
 * Imputer imp = Imputer.fit(split.train(), Imputer.Strategy.MEDIAN);
 * Dataset train = imp.apply(split.train());
 * Dataset test = imp.apply(split.test());   // filled with the training medians
 * }</pre>
 *
 * @param inputFeatures feature names, in order
 * @param strategy how the fill value was computed
 * @param fill the fill value per feature
 */
public record Imputer(List<String> inputFeatures, Strategy strategy, double[] fill) implements Transform {

  /** How the fill value of a feature is computed from its observed training values. */
  public enum Strategy {
    /** Arithmetic mean. */
    MEAN,
    /** Median (mean of the two middle values for an even count). */
    MEDIAN,
    /** Most frequent value (the smallest one on ties). */
    MOST_FREQUENT
  }

  /** Validates sizes and copies. */
  public Imputer {
    inputFeatures = List.copyOf(inputFeatures);
    if (fill.length != inputFeatures.size()) {
      throw new IllegalArgumentException(
          "Imputer needs one fill value per feature: " + inputFeatures.size() + " features, " + fill.length + " values");
    }
    fill = fill.clone();
  }

  @Override
  public double[] fill() {
    return fill.clone();
  }

  /** Fits the fill values on the observed (non-missing) training values of each numeric feature. */
  public static Imputer fit(Dataset train, Strategy strategy) {
    List<String> names = train.features();
    double[] fill = new double[names.size()];
    for (int j = 0; j < names.size(); j++) {
      double[] v = observed(train.featureColumn(j));
      if (v.length == 0) {
        throw new IllegalArgumentException(
            "Feature '" + names.get(j) + "' has no observed value in the training part; cannot impute it");
      }
      fill[j] = switch (strategy) {
        case MEAN -> Arrays.stream(v).average().orElseThrow();
        case MEDIAN -> median(v);
        case MOST_FREQUENT -> mostFrequent(v);
      };
    }
    return new Imputer(names, strategy, fill);
  }

  @Override
  public Dataset apply(Dataset data) {
    Transforms.checkFeatures("Imputer", inputFeatures, data.features());
    if (data.matrixBacked()) {
      return data; // matrix-backed features are finite by construction: nothing to fill
    }
    List<Column<?>> cols = new ArrayList<>();
    for (int j = 0; j < inputFeatures.size(); j++) {
      NumericColumn<?> c = numeric(data.featureColumn(j));
      double[] v = new double[c.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = c.isMissing(i) || Double.isNaN(c.getDouble(i)) ? fill[j] : c.getDouble(i);
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
            + " (encode it with OneHotEncoder first)");
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
