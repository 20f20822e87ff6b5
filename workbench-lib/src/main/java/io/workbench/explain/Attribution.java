package io.workbench.explain;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Local attributions: one value per (explained row, feature), for one model output per row (see
 * {@link Target}). Features are flattened; {@link #sampleShape()} folds them back ({@code [d]},
 * {@code [channels, length]} or {@code [c, h, w]}). It also keeps what plots need: the explained rows'
 * feature values (beeswarm colour), the base value and the model output per row (waterfall), the target class
 * per row, and how the numbers were made (method, settings, number of model rows evaluated).
 *
 * <p>Additive methods (Shapley values, Kernel SHAP, gradient methods with a completeness property) promise
 * {@code sum_j value[i][j] = output[i] - base[i]}; {@link #additivityGap()} measures how well that holds.
 * For classifiers the model-agnostic methods explain the target class probability; gradient methods explain
 * the target's logit by default ({@link GradientExplainer}), and {@link #outputs()} and {@link #baseValues()}
 * are then logits.
 *
 * <pre>{@code
 * Attribution a = Explain.kernelShap(model, background).seed(1).explain(test.head(20));
 * a.topFeatures(5);          // globally most important (mean |value|)
 * a.global().toTable();      // mean |value| ranking
 * a.additivityGap();         // ~1e-7
 * a.toTable();               // long format: sample, feature, feature_value, attribution, target
 * }</pre>
 */
public final class Attribution implements Displayable {

  private final String method;
  private final Map<String, String> settings;
  private final List<String> features;
  private final int[] sampleShape;
  private final double[][] values;
  private final float[][] inputs;
  private final double[] base;
  private final double[] output;
  private final int[] targets;
  private final List<String> classNames;
  private final long evaluations;
  private final double[] delta;
  private final boolean additive;
  private final Map<String, double[]> extras;

  private Attribution(Builder b) {
    int n = b.values.length;
    int d = b.features.size();
    for (int i = 0; i < n; i++) {
      if (b.values[i].length != d) {
        throw new IllegalArgumentException("Attribution row " + i + " has " + b.values[i].length + " values, expected "
            + d + " (one per feature)");
      }
    }
    int prod = 1;
    for (int s : b.sampleShape) {
      prod *= s;
    }
    if (prod != d) {
      throw new IllegalArgumentException("sampleShape " + Arrays.toString(b.sampleShape) + " holds " + prod
          + " values but there are " + d + " features");
    }
    checkLen("inputs", b.inputs.length, n);
    checkLen("baseValues", b.base.length, n);
    checkLen("outputs", b.output.length, n);
    checkLen("targets", b.targets.length, n);
    if (b.delta != null) {
      checkLen("convergenceDelta", b.delta.length, n);
    }
    for (Map.Entry<String, double[]> e : b.extras.entrySet()) {
      checkLen("extra '" + e.getKey() + "'", e.getValue().length, n);
    }
    this.method = b.method;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    this.features = List.copyOf(b.features);
    this.sampleShape = b.sampleShape.clone();
    this.values = b.values;
    this.inputs = b.inputs;
    this.base = b.base;
    this.output = b.output;
    this.targets = b.targets;
    this.classNames = List.copyOf(b.classNames);
    this.evaluations = b.evaluations;
    this.delta = b.delta;
    this.additive = b.additive;
    this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
  }

  private static void checkLen(String what, int len, int n) {
    if (len != n) {
      throw new IllegalArgumentException("Attribution " + what + " has " + len + " entries, expected one per row (" + n + ")");
    }
  }

  /** Starts an attribution (for explainers, including gradient methods and TreeSHAP in other packages). */
  public static Builder builder(String method, List<String> featureNames) {
    return new Builder(method, featureNames);
  }

  /** The method, e.g. {@code "kernel SHAP"}. */
  public String method() {
    return method;
  }

  /** The method's settings (sample counts, seed, background size...). */
  public Map<String, String> settings() {
    return settings;
  }

  /** Feature names (flattened order). */
  public List<String> featureNames() {
    return features;
  }

  /** Per-sample shape ({@code [d]}, {@code [channels, length]} or {@code [c, h, w]}). */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Number of explained rows. */
  public int rows() {
    return values.length;
  }

  /** Number of (flattened) features. */
  public int numFeatures() {
    return features.size();
  }

  /** All values, {@code rows x features} (a copy). */
  public double[][] values() {
    double[][] out = new double[values.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i].clone();
    }
    return out;
  }

  /** The values of one explained row (a copy). */
  public double[] values(int row) {
    return values[checkRow(row)].clone();
  }

  /** One value. */
  public double value(int row, int feature) {
    return values[checkRow(row)][feature];
  }

  /** The values of one feature over all rows. */
  public double[] valuesOf(String feature) {
    int j = featureIndex(feature);
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i][j];
    }
    return out;
  }

  /** The explained rows' raw feature values, {@code rows x features} (a copy). */
  public float[][] inputs() {
    float[][] out = new float[inputs.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = inputs[i].clone();
    }
    return out;
  }

  /** Base value per row (expected output over the background, or the method's reference output). */
  public double[] baseValues() {
    return base.clone();
  }

  /** The explained model output {@code f(x)} per row (target class probability, or the regression value). */
  public double[] outputs() {
    return output.clone();
  }

  /** The explained output (class) index per row; 0 for regression. */
  public int[] targets() {
    return targets.clone();
  }

  /** The model's class names (empty for regression). */
  public List<String> classNames() {
    return classNames;
  }

  /** The explained class name per row ({@code "value"} for regression). */
  public List<String> targetNames() {
    List<String> out = new ArrayList<>(targets.length);
    for (int t : targets) {
      out.add(classNames.isEmpty() ? "value" : classNames.get(t));
    }
    return out;
  }

  /**
   * How many model input rows the method evaluated (masked, perturbed or occluded rows), not counting the one
   * evaluation of the explained rows themselves and of the background set.
   */
  public long evaluations() {
    return evaluations;
  }

  /** Per row, the method's convergence delta (for example {@code sum(values) - (output - base)}), if reported. */
  public Optional<double[]> convergenceDelta() {
    return delta == null ? Optional.empty() : Optional.of(delta.clone());
  }

  /** Whether the method promises {@code sum_j value = output - base} per row. */
  public boolean additive() {
    return additive;
  }

  /** A per-row number a method reported besides the values (LIME: {@code "score"}, {@code "intercept"}). */
  public Optional<double[]> extra(String name) {
    double[] v = extras.get(name);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /** Names of the per-row extras. */
  public List<String> extras() {
    return List.copyOf(extras.keySet());
  }

  /**
   * The largest {@code |sum_j value[i][j] - (output[i] - base[i])|} over rows.
   *
   * @throws IllegalStateException when the method does not promise additivity (LIME, occlusion)
   */
  public double additivityGap() {
    if (!additive) {
      throw new IllegalStateException(method + " does not promise additivity (sum of values = output - base)");
    }
    double gap = 0;
    for (int i = 0; i < values.length; i++) {
      double s = 0;
      for (double v : values[i]) {
        s += v;
      }
      gap = Math.max(gap, Math.abs(s - (output[i] - base[i])));
    }
    return gap;
  }

  /** Global importance: mean |value| per feature over the rows, with its standard deviation. */
  public FeatureImportance global() {
    int d = features.size();
    int n = values.length;
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (double[] row : values) {
      for (int j = 0; j < d; j++) {
        double a = Math.abs(row[j]);
        mean[j] += a;
        sq[j] += a * a;
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] /= Math.max(1, n);
      std[j] = n < 2 ? 0 : Math.sqrt(Math.max(0, (sq[j] - n * mean[j] * mean[j]) / (n - 1)));
    }
    Map<String, String> s = new LinkedHashMap<>(settings);
    s.put("aggregate", "mean |" + method + "| over " + n + " rows");
    return new FeatureImportance("mean |" + method + "|", s, features, mean, std, n, null, Double.NaN);
  }

  /** Names of the {@code k} globally most important features (mean |value|). */
  public List<String> topFeatures(int k) {
    return global().topFeatures(k);
  }

  /** Names of the {@code k} features with the largest |value| for one row. */
  public List<String> topFeatures(int row, int k) {
    double[] v = values[checkRow(row)];
    Integer[] order = new Integer[v.length];
    for (int j = 0; j < v.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(Math.abs(v[b]), Math.abs(v[a]));
      return c != 0 ? c : Integer.compare(a, b);
    });
    List<String> out = new ArrayList<>();
    for (int r = 0; r < Math.min(Math.max(0, k), v.length); r++) {
      out.add(features.get(order[r]));
    }
    return out;
  }

  /**
   * Long format, one row per (sample, feature): {@code sample, feature, feature_value, attribution, target}
   * (target = class name, or {@code "value"}). Long format suits grouping and beeswarm plots and stays
   * narrow for wide data; {@link #toWideTable()} gives one row per sample.
   */
  public Table toTable() {
    int n = values.length;
    int d = features.size();
    int total = Math.multiplyExact(n, d);
    int[] sample = new int[total];
    String[] feat = new String[total];
    double[] fv = new double[total];
    double[] av = new double[total];
    String[] tgt = new String[total];
    List<String> names = targetNames();
    int r = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++, r++) {
        sample[r] = i;
        feat[r] = features.get(j);
        fv[r] = inputs[i][j];
        av[r] = values[i][j];
        tgt[r] = names.get(i);
      }
    }
    return Table.create(method, IntColumn.create("sample", sample), StringColumn.create("feature", feat),
        DoubleColumn.create("feature_value", fv), DoubleColumn.create("attribution", av),
        StringColumn.create("target", tgt));
  }

  /** Wide format, one row per sample: {@code sample, target, base, output}, then one column per feature. */
  public Table toWideTable() {
    int n = values.length;
    int[] sample = new int[n];
    for (int i = 0; i < n; i++) {
      sample[i] = i;
    }
    Table t = Table.create(method, IntColumn.create("sample", sample),
        StringColumn.create("target", targetNames()), DoubleColumn.create("base", base),
        DoubleColumn.create("output", output));
    for (int j = 0; j < features.size(); j++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = values[i][j];
      }
      t.addColumns(DoubleColumn.create(features.get(j), col));
    }
    return t;
  }

  private int checkRow(int row) {
    if (row < 0 || row >= values.length) {
      throw new IllegalArgumentException("row " + row + " is out of range; this attribution has " + values.length + " rows");
    }
    return row;
  }

  private int featureIndex(String name) {
    int j = features.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("Unknown feature '" + name + "'; features are "
          + (features.size() > 20 ? features.subList(0, 20) + "..." : features));
    }
    return j;
  }

  @Override
  public String toHtml() {
    StringBuilder b = new StringBuilder("<div class=\"wb-attribution\"><p><b>").append(Tables.escape(method))
        .append("</b>: ").append(values.length).append(" rows x ").append(features.size()).append(" features, ")
        .append(evaluations).append(" model rows evaluated");
    if (additive && values.length > 0) {
      b.append(", additivity gap ").append(Numbers.format(additivityGap()));
    }
    b.append("</p><p>").append(Tables.escape(settings.toString())).append("</p>");
    if (values.length > 0) {
      int shown = Math.min(10, values.length);
      List<String> names = targetNames();
      IntColumn row = IntColumn.create("row");
      StringColumn target = StringColumn.create("target");
      DoubleColumn baseCol = DoubleColumn.create("base");
      DoubleColumn outputCol = DoubleColumn.create("output");
      StringColumn top = StringColumn.create("top features");
      for (int i = 0; i < shown; i++) {
        row.append(i);
        target.append(names.get(i));
        baseCol.append(base[i]);
        outputCol.append(output[i]);
        StringBuilder t = new StringBuilder();
        for (String f : topFeatures(i, 3)) {
          t.append(t.length() > 0 ? ", " : "").append(f).append(' ').append(Numbers.format(values[i][features.indexOf(f)]));
        }
        top.append(t.toString());
      }
      b.append(Tables.html(Table.create("rows", row, target, baseCol, outputCol, top),
          shown < values.length ? "first " + shown + " of " + values.length + " rows" : null));
      b.append(global().toHtml());
    }
    return b.append("</div>").toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(method).append(": ").append(values.length).append(" rows x ")
        .append(features.size()).append(" features, ").append(evaluations).append(" model rows evaluated");
    if (additive && values.length > 0) {
      b.append(", additivity gap ").append(Numbers.format(additivityGap()));
    }
    if (values.length > 0) {
      b.append("\ntop features (mean |value|): ").append(topFeatures(Math.min(10, features.size())));
    }
    return b.toString();
  }

  /**
   * Assembles an {@link Attribution}; arrays are taken as they are (not copied) and checked for
   * consistent lengths in {@link #build()}.
   *
   * <pre>{@code
   * Attribution a = Attribution.builder("integrated gradients", names).sampleShape(1, 28, 28)
   *     .values(v).inputs(x).baseValues(b).outputs(fx).targets(t).classNames(cls)
   *     .evaluations(steps * n).convergenceDelta(delta).additive(true).build();
   * }</pre>
   */
  public static final class Builder {
    private final String method;
    private List<String> features;
    private int[] sampleShape;
    private double[][] values;
    private float[][] inputs;
    private double[] base;
    private double[] output;
    private int[] targets;
    private List<String> classNames = List.of();
    private long evaluations;
    private double[] delta;
    private boolean additive;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, double[]> extras = new LinkedHashMap<>();

    private Builder(String method, List<String> features) {
      if (method == null || features == null) {
        throw new IllegalArgumentException("Attribution.builder needs a method name and feature names");
      }
      this.method = method;
      this.features = features;
      this.sampleShape = new int[] {features.size()};
    }

    /** Replaces the feature names, shape and inputs (explainers that attribute to feature groups). */
    Builder renamed(List<String> names, int[] shape, float[][] x) {
      this.features = names;
      this.sampleShape = shape.clone();
      this.inputs = x;
      return this;
    }

    /** Per-sample shape (default {@code [features]}). */
    public Builder sampleShape(int... shape) {
      this.sampleShape = shape.clone();
      return this;
    }

    /** The values, {@code rows x features} (required). */
    public Builder values(double[][] v) {
      this.values = v;
      return this;
    }

    /** The explained rows' feature values (required). */
    public Builder inputs(float[][] x) {
      this.inputs = x;
      return this;
    }

    /** Base value per row (required). */
    public Builder baseValues(double[] b) {
      this.base = b;
      return this;
    }

    /** Explained model output per row (required). */
    public Builder outputs(double[] fx) {
      this.output = fx;
      return this;
    }

    /** Explained output index per row (required). */
    public Builder targets(int[] t) {
      this.targets = t;
      return this;
    }

    /** The model's class names (empty for regression). */
    public Builder classNames(List<String> names) {
      this.classNames = names;
      return this;
    }

    /** Model rows evaluated in all. */
    public Builder evaluations(long n) {
      this.evaluations = n;
      return this;
    }

    /** Per-row convergence delta (optional). */
    public Builder convergenceDelta(double[] d) {
      this.delta = d;
      return this;
    }

    /** Whether the method promises additivity. */
    public Builder additive(boolean a) {
      this.additive = a;
      return this;
    }

    /** One setting, shown in tables and HTML. */
    public Builder setting(String name, Object value) {
      settings.put(name, String.valueOf(value));
      return this;
    }

    /** A per-row extra number (e.g. LIME's surrogate R2 as {@code "score"}). */
    public Builder extra(String name, double[] perRow) {
      extras.put(name, perRow);
      return this;
    }

    /** Checks lengths and builds. */
    public Attribution build() {
      if (values == null || inputs == null || base == null || output == null || targets == null) {
        throw new IllegalArgumentException(
            "Attribution.builder: values, inputs, baseValues, outputs and targets are required");
      }
      return new Attribution(this);
    }
  }

  // ------------------------------------------------------------------ charts

  /**
   * SHAP-style summary: one row per top feature (by mean |attribution|), one dot per explained row,
   * coloured by the feature's value.
   *
   * <pre>{@code
   * Explain.kernelShap(model, bg).explain(test.head(50)).beeswarm();
   * }</pre>
   */
  public Figure beeswarm() {
    return beeswarm(12);
  }

  /** Beeswarm of the {@code maxFeatures} most important features. */
  public Figure beeswarm(int maxFeatures) {
    return Charts.beeswarm(featureNames(), values(), asDouble(inputs()),
        ChartOptions.defaults().maxFeatures(maxFeatures).title(method() + ": summary"));
  }

  /** SHAP-style waterfall of one explained row: from the base value to the model output. */
  public Figure waterfall(int row) {
    checkRowIndex(row);
    return Charts.waterfall(featureNames(), values(row), asDouble(new float[][] {inputs()[row]})[0],
        baseValues()[row], ChartOptions.defaults().title(method() + ": row " + row + " (" + targetNames().get(row) + ")"));
  }

  /** Global importance (mean |attribution|) as a sorted bar chart. */
  public Figure bar() {
    return global().plot();
  }

  /** Feature value against its attribution, coloured by a second feature (or none when null). */
  public Figure dependence(String feature, String colourBy) {
    return Charts.dependence(featureNames(), values(), asDouble(inputs()), feature, colourBy,
        ChartOptions.defaults().title(method() + ": dependence on " + feature));
  }

  /**
   * The explained signal of one row with its attribution as a colour band, one panel per channel (sample
   * shape {@code [channels, length]}), time in seconds.
   */
  public Figure signalPlot(int row, double sampleRate) {
    checkRowIndex(row);
    int[] shape = sampleShape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "signalPlot needs a signal attribution with sample shape [channels, length], got " + Arrays.toString(shape));
    }
    int channels = shape[0];
    int length = shape[1];
    double[][] signal = new double[channels][length];
    double[][] attr = new double[channels][length];
    float[] x = inputs()[row];
    double[] v = values(row);
    List<String> names = new java.util.ArrayList<>();
    for (int c = 0; c < channels; c++) {
      for (int t = 0; t < length; t++) {
        signal[c][t] = x[c * length + t];
        attr[c][t] = v[c * length + t];
      }
      String first = featureNames().get(c * length);
      names.add(first.contains("@") ? first.substring(0, first.indexOf('@')) : "channel " + c);
    }
    return Charts.signalAttribution(signal, attr, sampleRate, names,
        ChartOptions.defaults().title(method() + ": row " + row + " (" + targetNames().get(row) + ")"));
  }

  /**
   * The explained image of one row in grey with this attribution as a diverging overlay (sample shape
   * {@code [c, h, w]}; channels are averaged for the image and summed for the attribution).
   */
  public Figure imagePlot(int row) {
    return imagePlot(row, this);
  }

  /**
   * Several attributions of the same image side by side, one panel per method.
   *
   * <pre>{@code
   * Attribution.imagePlot(0, saliency, integratedGradients, gradCam);
   * }</pre>
   */
  public static Figure imagePlot(int row, Attribution... methods) {
    if (methods.length == 0) {
      throw new IllegalArgumentException("imagePlot needs at least one attribution");
    }
    Attribution first = methods[0];
    first.checkRowIndex(row);
    int[] shape = first.sampleShape();
    if (shape.length != 3) {
      throw new IllegalArgumentException(
          "imagePlot needs an image attribution with sample shape [c, h, w], got " + Arrays.toString(shape));
    }
    double[][] image = first.plane(row, toDouble(first.inputs()[row]), shape, false);
    Map<String, double[][]> byMethod = new java.util.LinkedHashMap<>();
    for (Attribution a : methods) {
      if (!Arrays.equals(a.sampleShape(), shape) || a.rows() <= row) {
        throw new IllegalArgumentException("imagePlot: attribution '" + a.method() + "' has shape "
            + Arrays.toString(a.sampleShape()) + " and " + a.rows() + " rows; expected " + Arrays.toString(shape)
            + " and row " + row);
      }
      byMethod.put(a.method(), a.plane(row, a.values(row), shape, true));
    }
    return Charts.imageAttribution(image, byMethod,
        ChartOptions.defaults().title("Row " + row + " (" + first.targetNames().get(row) + ")"));
  }

  private double[][] plane(int row, double[] flat, int[] shape, boolean sum) {
    int c = shape[0];
    int h = shape[1];
    int w = shape[2];
    double[][] out = new double[h][w];
    for (int k = 0; k < c; k++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          out[i][j] += flat[(k * h + i) * w + j] / (sum ? 1 : c);
        }
      }
    }
    return out;
  }

  private void checkRowIndex(int row) {
    if (row < 0 || row >= rows()) {
      throw new IllegalArgumentException("Row " + row + " is outside the explained rows 0.." + (rows() - 1));
    }
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static double[][] asDouble(float[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = toDouble(x[i]);
    }
    return out;
  }
}
