package io.workbench.eval;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Does a classifier work for every group? Any metric per subgroup (the groups of a column, or of a function
 * of the row) with a bootstrap confidence interval (stratified percentile bootstrap, {@link Bootstrap}), the
 * gap to the overall figure, calibration per group, and three fairness criteria for a positive class:
 *
 * <ul>
 *   <li><b>demographic parity difference</b>: the largest minus the smallest selection rate {@code P(yhat =
 *       pos | group)} over the groups (0 when every group is predicted positive equally often);
 *   <li><b>equal opportunity difference</b>: the largest minus the smallest true positive rate {@code P(yhat =
 *       pos | y = pos, group)} (Hardt et al. 2016);
 *   <li><b>equalised odds difference</b>: the larger of the true-positive-rate difference and the
 *       false-positive-rate difference {@code P(yhat = pos | y != pos, group)} (fairlearn's definition).
 * </ul>
 *
 * <p>Predictions are the argmax class, as everywhere in {@link Evaluation}. Groups with no positive (or no
 * negative) row have no true (false) positive rate and are left out of that difference. Same seed, same
 * intervals.
 *
 * <pre>{@code
 * SubgroupReport r = Subgroups.create().metrics(Metric.ACCURACY, Metric.AUROC).resamples(500).seed(7)
 *     .report(model, test, "sex");                                   // a column of the dataset
 * Subgroups.create().report(model, test, "age band", row -> row[0] > 60 ? "over 60" : "60 or under");
 * r.demographicParityDifference(); r.plot(); r.calibrationPlot();
 * }</pre>
 */
public final class Subgroups {

  private final List<Metric> metrics;
  private final int resamples;
  private final long seed;
  private final int positiveClass;

  private Subgroups(List<Metric> metrics, int resamples, long seed, int positiveClass) {
    this.metrics = metrics;
    this.resamples = resamples;
    this.seed = seed;
    this.positiveClass = positiveClass;
  }

  /** Accuracy, 1000 resamples, seed {@value RunOptions#DEFAULT_SEED}, positive class 1. */
  public static Subgroups create() {
    return new Subgroups(List.of(Metric.ACCURACY), 1000, RunOptions.DEFAULT_SEED, 1);
  }

  /** The metrics to report per group (at least one). */
  public Subgroups metrics(Metric... m) {
    if (m.length == 0 || Arrays.stream(m).anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("metrics: expected at least one non-null metric, got " + Arrays.toString(m));
    }
    return new Subgroups(List.of(m), resamples, seed, positiveClass);
  }

  /** Bootstrap resamples per group and metric, at least 10. */
  public Subgroups resamples(int n) {
    if (n < 10) {
      throw new IllegalArgumentException("resamples must be at least 10, got " + n);
    }
    return new Subgroups(metrics, n, seed, positiveClass);
  }

  /** Seed of the bootstrap. */
  public Subgroups seed(long s) {
    return new Subgroups(metrics, resamples, s, positiveClass);
  }

  /** Index of the positive class of the fairness criteria and the calibration curves. */
  public Subgroups positiveClass(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("positiveClass must be >= 0, got " + index);
    }
    return new Subgroups(metrics, resamples, seed, index);
  }

  /**
   * Groups by the values of a column of the dataset (a feature, the group column or any other column).
   *
   * @throws IllegalArgumentException for an unknown column (the columns are listed)
   */
  public SubgroupReport report(Model model, Dataset test, String column) {
    Table t = test.table();
    if (column == null || !t.columnNames().contains(column)) {
      throw new IllegalArgumentException("No column '" + column + "'; columns are " + t.columnNames());
    }
    Column<?> c = t.column(column);
    String[] groups = new String[t.rowCount()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = c.isMissing(i) ? "(missing)" : c.getString(i);
    }
    return report(Evaluation.predictions(model, test), groups, column);
  }

  /**
   * Groups by a function of each row's feature values (in the order of {@code test.features()}).
   *
   * @param name what the grouping is, for the title
   */
  public SubgroupReport report(Model model, Dataset test, String name, Function<float[], String> groupOfRow) {
    if (groupOfRow == null) {
      throw new IllegalArgumentException("groupOfRow must not be null");
    }
    float[][] x = test.x();
    String[] groups = new String[x.length];
    for (int i = 0; i < x.length; i++) {
      String g = groupOfRow.apply(x[i].clone());
      if (g == null) {
        throw new IllegalArgumentException("groupOfRow returned null for row " + i + "; expected a group name");
      }
      groups[i] = g;
    }
    return report(Evaluation.predictions(model, test), groups, name);
  }

  /**
   * Groups given predictions by one group name per row.
   *
   * @throws IllegalArgumentException for regression predictions, a group array of the wrong length or a
   *     positive class outside the classes
   */
  public SubgroupReport report(Predictions p, String[] groups, String name) {
    if (p == null || groups == null) {
      throw new IllegalArgumentException("predictions and groups must not be null");
    }
    if (p.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("Subgroup reports need classification predictions, got " + p.task());
    }
    if (groups.length != p.size()) {
      throw new IllegalArgumentException("groups has " + groups.length + " entries but there are " + p.size()
          + " predictions");
    }
    if (positiveClass >= p.numClasses()) {
      throw new IllegalArgumentException("positiveClass " + positiveClass + " is outside 0.." + (p.numClasses() - 1)
          + " (classes " + p.classNames() + ")");
    }
    Map<String, List<Integer>> byGroup = new TreeMap<>();
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] == null) {
        throw new IllegalArgumentException("groups[" + i + "] is null; expected a group name");
      }
      byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
    }
    List<SubgroupReport.Group> out = new ArrayList<>();
    out.add(group("overall", p));
    for (Map.Entry<String, List<Integer>> e : byGroup.entrySet()) {
      int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      out.add(group(e.getKey(), p.select(rows)));
    }
    return new SubgroupReport(name, metrics, out, p.classNames().get(positiveClass), resamples, seed);
  }

  private SubgroupReport.Group group(String name, Predictions p) {
    Map<String, double[]> values = new LinkedHashMap<>();
    for (Metric m : metrics) {
      double estimate = safe(() -> m.compute(p));
      double lo = Double.NaN;
      double hi = Double.NaN;
      if (p.size() >= 2 && !Double.isNaN(estimate)) {
        ConfidenceInterval ci = intervalOrNull(m, p);
        if (ci != null) {
          lo = ci.lower();
          hi = ci.upper();
        }
      }
      values.put(m.name(), new double[] {estimate, lo, hi});
    }
    int[] y = p.labels();
    int[] pred = p.predictedClasses();
    double[][] proba = p.proba();
    int pos = 0;
    int selected = 0;
    int tp = 0;
    int fp = 0;
    int[] hit = new int[y.length];
    double[] prob = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      boolean isPos = y[i] == positiveClass;
      boolean predPos = pred[i] == positiveClass;
      pos += isPos ? 1 : 0;
      selected += predPos ? 1 : 0;
      tp += isPos && predPos ? 1 : 0;
      fp += !isPos && predPos ? 1 : 0;
      hit[i] = isPos ? 1 : 0;
      prob[i] = Math.min(1, Math.max(0, proba[i][positiveClass]));
    }
    int n = y.length;
    int neg = n - pos;
    CalibrationCurve cal = CalibrationCurve.binned(hit, prob, 10);
    return new SubgroupReport.Group(name, n, pos, values, (double) selected / n,
        pos == 0 ? Double.NaN : (double) tp / pos, neg == 0 ? Double.NaN : (double) fp / neg, cal);
  }

  private ConfidenceInterval intervalOrNull(Metric m, Predictions p) {
    try {
      return Bootstrap.of(m).resamples(resamples).seed(seed).interval(p);
    } catch (IllegalArgumentException e) {
      // a metric undefined on some resamples (AUROC of a one-class group): no interval
      return null;
    }
  }

  private static double safe(java.util.function.DoubleSupplier f) {
    try {
      return f.getAsDouble();
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  @Override
  public String toString() {
    return "Subgroups(" + metrics + ", " + resamples + " resamples, seed " + seed + ", positive class "
        + positiveClass + ")";
  }
}
