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
  private final double[][] standardErrors;
  private final boolean additive;
  private final Map<String, double[]> extras;
  private final String outputSpace;

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
    if (b.standardErrors != null) {
      checkLen("standardErrors", b.standardErrors.length, n);
      for (int i = 0; i < n; i++) {
        if (b.standardErrors[i].length != d) {
          throw new IllegalArgumentException("Attribution standardErrors row " + i + " has "
              + b.standardErrors[i].length + " values, expected " + d + " (one per feature)");
        }
      }
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
    this.standardErrors = b.standardErrors;
    this.additive = b.additive;
    this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
    this.outputSpace = b.outputSpace;
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
   * The units of the explained output: {@code "probability"} (model-agnostic methods on classifiers),
   * {@code "logit"} (gradient methods by default), {@code "log-odds"} or {@code "margin"} (TreeSHAP),
   * {@code "value"} (regression), or {@code "output"} when the maker did not say.
   */
  public String outputSpace() {
    return outputSpace;
  }

  /**
   * The explained class: its name when every row was explained for the same class (the default, {@link
   * Target#auto()}), otherwise {@code "each row's predicted class"} ({@link Target#predicted()}) or
   * {@code "each row's own class"} ({@link Target#perRow(int...)}); {@code "value"} for regression.
   */
  public String explainedClass() {
    if (classNames.isEmpty()) {
      return "value";
    }
    if (targets.length == 0 || Arrays.stream(targets).allMatch(t -> t == targets[0])) {
      return targets.length == 0 ? "no rows" : classNames.get(targets[0]);
    }
    return "predicted".equals(settings.get("target")) ? "each row's predicted class" : "each row's own class";
  }

  /**
   * What the values explain, as chart titles and table captions say it: {@code "probability of
   * malignant"}, {@code "log-odds of malignant"} (TreeSHAP), {@code "logit of class 7"} (gradient methods),
   * {@code "probability of each row's predicted class"}, or {@code "predicted value"} (regression).
   */
  public String explainedOutput() {
    if (classNames.isEmpty()) {
      return "output".equals(outputSpace) ? "model output" : "predicted value";
    }
    String cls = explainedClass();
    boolean single = targets.length > 0 && Arrays.stream(targets).allMatch(t -> t == targets[0]);
    return outputSpace + " of " + (single ? className(targets[0]) : cls);
  }

  /** The explained output of one row, e.g. {@code "log-odds of malignant"}. */
  private String explainedOutput(int row) {
    if (classNames.isEmpty()) {
      return explainedOutput();
    }
    return outputSpace + " of " + className(targets[row]);
  }

  /** A class name as prose: digits' classes "0".."9" read as "class 7". */
  private String className(int k) {
    String name = classNames.get(k);
    return name.chars().allMatch(Character::isDigit) ? "class " + name : name;
  }

  // ------------------------------------------------------------------ axes of signal and image samples

  /**
   * The named axes of one sample ({@code [feature]}, {@code [channel, time]} or {@code [channel, height,
   * width]}) with channel names where the feature names carry them ({@code "C3@t12"}).
   *
   * <pre>{@code
   * occlusion.axes();                 // [channel=9 (Fz, F3, ...), time=384]
   * occlusion.axes().channelNames();  // [Fz, F3, F4, C3, Cz, C4, P3, Pz, P4]
   * }</pre>
   */
  public Axes axes() {
    return Axes.of(sampleShape, features);
  }

  /**
   * The values of one channel of one row: over time for a signal, the flattened {@code height x width}
   * plane for an image (a copy).
   *
   * @throws IllegalArgumentException for an unknown channel (the message lists them) or a table sample
   */
  public double[] values(int row, String channel) {
    int[] span = channelSpan(channel);
    return Arrays.copyOfRange(values[checkRow(row)], span[0], span[1]);
  }

  /** The explained input values of one channel of one row, as {@link #values(int, String)} lays them out. */
  public double[] inputs(int row, String channel) {
    int[] span = channelSpan(channel);
    float[] x = inputs[checkRow(row)];
    double[] out = new double[span[1] - span[0]];
    for (int j = 0; j < out.length; j++) {
      out[j] = x[span[0] + j];
    }
    return out;
  }

  private int[] channelSpan(String channel) {
    Axes ax = axes();
    int c = ax.channel(channel);
    int per = features.size() / sampleShape[0];
    return new int[] {c * per, (c + 1) * per};
  }

  /**
   * The attribution summed over the named axes: a new attribution whose sample shape keeps the other
   * axes ({@code sumOver("time")} of a {@code [channel, time]} attribution has one value per channel and
   * row, named by channel). Sums keep additivity: the values of a row still add up to output minus base.
   * Inputs of the result are averaged over the same axes (for colouring beeswarms).
   *
   * <pre>{@code
   * ig.sumOver("time").bar();           // signed evidence per EEG channel
   * ig.sumOver("channel", "time");      // one total per row: output - base for additive methods
   * }</pre>
   *
   * @throws IllegalArgumentException for an unknown or repeated axis name (the message lists the axes)
   */
  public Attribution sumOver(String... axes) {
    return reduce(Axes.Op.SUM, "sumOver", axes);
  }

  /** The attribution averaged over the named axes (see {@link #sumOver(String...)}); not additive. */
  public Attribution meanOver(String... axes) {
    return reduce(Axes.Op.MEAN, "meanOver", axes);
  }

  /**
   * Sum of |value| over the named axes (see {@link #sumOver(String...)}): attribution mass, whatever its
   * sign; not additive.
   */
  public Attribution absSumOver(String... axes) {
    return reduce(Axes.Op.ABS_SUM, "absSumOver", axes);
  }

  private Attribution reduce(Axes.Op op, String what, String... axes) {
    Axes ax = axes();
    boolean[] reduced = ax.reduced(what, axes);
    int[] kept = ax.keptShape(reduced);
    int size = Arrays.stream(kept).reduce(1, Math::multiplyExact);
    int[] cells = ax.cellOf(reduced);
    int n = values.length;
    double[][] v = new double[n][];
    float[][] x = new float[n][];
    for (int i = 0; i < n; i++) {
      v[i] = Axes.reduce(values[i], cells, size, op);
      double[] xi = new double[inputs[i].length];
      for (int j = 0; j < xi.length; j++) {
        xi[j] = inputs[i][j];
      }
      double[] mean = Axes.reduce(xi, cells, size, Axes.Op.MEAN);
      x[i] = new float[size];
      for (int j = 0; j < size; j++) {
        x[i][j] = (float) mean[j];
      }
    }
    String how = op.label + " over " + String.join(", ", axes);
    Builder b = builder(method + " (" + how + ")", ax.keptNames(reduced)).sampleShape(kept).values(v).inputs(x)
        .baseValues(base.clone()).outputs(output.clone()).targets(targets.clone()).classNames(classNames)
        .evaluations(evaluations).additive(additive && op == Axes.Op.SUM).outputSpace(outputSpace);
    settings.forEach(b::setting);
    b.setting("reduced", how);
    if (op == Axes.Op.SUM && delta != null) {
      b.convergenceDelta(delta.clone());
    }
    extras.forEach((k, e) -> b.extra(k, e.clone()));
    return b.build();
  }

  /**
   * Attribution mass per channel, {@code rows x channels}: the sum of |value| over time (signals) or over
   * height and width (images) of each channel. {@link #channelMass()} gives shares, averages and a chart.
   */
  public double[][] perChannel() {
    return channelMass().perRow();
  }

  /**
   * Attribution mass per channel (sum of |value| over the other axes), per row, as shares, averaged over
   * rows and per explained class; renders as a table and plots as bars.
   *
   * <pre>{@code
   * occlusion.channelMass();              // table: channel, mean |attribution|, share, share per class
   * occlusion.channelMass().meanShare();  // double[] per channel
   * }</pre>
   *
   * @throws IllegalArgumentException for a table sample ({@code [feature]}), which has no channels
   */
  public ChannelMass channelMass() {
    Axes ax = axes();
    ax.requireChannels("channelMass()");
    boolean[] reduced = new boolean[sampleShape.length];
    Arrays.fill(reduced, 1, reduced.length, true);
    int[] cells = ax.cellOf(reduced);
    double[][] m = new double[values.length][];
    for (int i = 0; i < m.length; i++) {
      m[i] = Axes.reduce(values[i], cells, sampleShape[0], Axes.Op.ABS_SUM);
    }
    return new ChannelMass("Share of |" + method + "| per channel (" + explainedOutput() + ")", ax.channelNames(), m,
        targets.clone(), targetNames());
  }

  /**
   * Attribution mass (sum of |value|) in time windows of {@code length} samples starting every {@code
   * stride} samples, per row and channel of a signal attribution ({@code [channel, time]}): totals over
   * time, top-k windows per row and averaged over rows; renders as a table and plots as a heatmap.
   *
   * <pre>{@code
   * WindowMass w = gradCam.windows(64, 64);   // half-second windows at 128 Hz
   * w.shareOverTime();                        // share of the mass per window
   * w.top(0, 3);                              // row 0's three heaviest windows (channel, start, end, mass)
   * }</pre>
   *
   * @throws IllegalArgumentException when the sample is not a signal, or length or stride is out of range
   */
  public WindowMass windows(int length, int stride) {
    if (sampleShape.length != 2) {
      throw new IllegalArgumentException("windows(length, stride) needs a signal attribution with sample shape "
          + "[channel, time]; this one has " + Arrays.toString(sampleShape));
    }
    int len = sampleShape[1];
    if (length < 1 || length > len) {
      throw new IllegalArgumentException("windows: length must be 1.." + len + " samples (the signal length), got "
          + length);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("windows: stride must be >= 1 sample, got " + stride);
    }
    return new WindowMass("Heaviest " + length + "-sample windows of |" + method + "| (" + explainedOutput() + ")",
        "Mean |" + method + "| per " + length + "-sample window: " + explainedOutput(), axes().channelNames(), length,
        stride, values);
  }

  /** The attribution of its first {@code n} rows (all when {@code n} is larger); see {@link #select(int...)}. */
  public Attribution head(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("head(n): n must be >= 1, got " + n);
    }
    return select(java.util.stream.IntStream.range(0, Math.min(n, values.length)).toArray());
  }

  /**
   * The attribution of some of its rows, in the given order (rows may repeat). {@link #evaluations()} stays
   * the cost of the whole original call.
   *
   * <pre>{@code
   * Attribution pvcRows = occlusion.select(3, 7, 11);
   * }</pre>
   */
  public Attribution select(int... rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("select: no rows given; this attribution has rows 0.." + (values.length - 1));
    }
    int n = rows.length;
    double[][] v = new double[n][];
    float[][] x = new float[n][];
    double[] b = new double[n];
    double[] o = new double[n];
    int[] t = new int[n];
    double[] d = delta == null ? null : new double[n];
    double[][] se = standardErrors == null ? null : new double[n][];
    for (int k = 0; k < n; k++) {
      int i = checkRow(rows[k]);
      if (se != null) {
        se[k] = standardErrors[i].clone();
      }
      v[k] = values[i].clone();
      x[k] = inputs[i].clone();
      b[k] = base[i];
      o[k] = output[i];
      t[k] = targets[i];
      if (d != null) {
        d[k] = delta[i];
      }
    }
    Builder bl = builder(method, features).sampleShape(sampleShape).values(v).inputs(x).baseValues(b).outputs(o)
        .targets(t).classNames(classNames).evaluations(evaluations).additive(additive).outputSpace(outputSpace);
    settings.forEach(bl::setting);
    if (d != null) {
      bl.convergenceDelta(d);
    }
    if (se != null) {
      bl.standardErrors(se);
    }
    extras.forEach((name, e) -> {
      double[] sub = new double[n];
      for (int k = 0; k < n; k++) {
        sub[k] = e[rows[k]];
      }
      bl.extra(name, sub);
    });
    return bl.build();
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

  /**
   * Per row and feature, the standard error of a sampled estimate ({@code rows x features}; 0 where the value is
   * exact, {@code NaN} where the sample was too small to tell), if the method reports it (Kernel SHAP's default
   * design does).
   *
   * <pre>{@code
   * Attribution a = Explain.kernelShap(model, bg).explain(test.head(5));
   * double[][] se = a.standardErrors().orElseThrow();   // a.value(0, j) +- 2 * se[0][j]: about 95 %
   * }</pre>
   */
  public Optional<double[][]> standardErrors() {
    if (standardErrors == null) {
      return Optional.empty();
    }
    double[][] out = new double[standardErrors.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = standardErrors[i].clone();
    }
    return Optional.of(out);
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
    return new FeatureImportance("mean |" + method + "| (" + explainedOutput() + ")", s, features, mean, std, n, null,
        Double.NaN);
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
   * (target = class name, or {@code "value"}), with {@code standard_error} after {@code attribution} when the
   * method reports {@link #standardErrors()}. Long format suits grouping and beeswarm plots and stays
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
    Table t = Table.create(caption(), IntColumn.create("sample", sample), StringColumn.create("feature", feat),
        DoubleColumn.create("feature_value", fv), DoubleColumn.create("attribution", av),
        StringColumn.create("target", tgt));
    if (standardErrors != null) {
      double[] se = new double[total];
      for (int i = 0, k = 0; i < n; i++) {
        for (int j = 0; j < d; j++, k++) {
          se[k] = standardErrors[i][j];
        }
      }
      t.insertColumn(4, DoubleColumn.create("standard_error", se));
    }
    return t;
  }

  /** Wide format, one row per sample: {@code sample, target, base, output}, then one column per feature. */
  public Table toWideTable() {
    int n = values.length;
    int[] sample = new int[n];
    for (int i = 0; i < n; i++) {
      sample[i] = i;
    }
    Table t = Table.create(caption(), IntColumn.create("sample", sample),
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

  /** Table caption: the method and what it explains. */
  private String caption() {
    return method + " (" + explainedOutput() + ")";
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
    private double[][] standardErrors;
    private boolean additive;
    private String outputSpace = "output";
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

    /**
     * The units of the explained output, for titles (default {@code "output"}): {@code "probability"},
     * {@code "logit"}, {@code "log-odds"}, {@code "margin"} or {@code "value"} (regression).
     */
    public Builder outputSpace(String space) {
      if (space == null || space.isBlank()) {
        throw new IllegalArgumentException("Attribution.builder: outputSpace is blank");
      }
      this.outputSpace = space;
      return this;
    }

    /** Per-row convergence delta (optional). */
    public Builder convergenceDelta(double[] d) {
      this.delta = d;
      return this;
    }

    /** Per-row, per-feature standard errors of a sampled estimate (optional; {@code rows x features}). */
    public Builder standardErrors(double[][] se) {
      this.standardErrors = se;
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
   * coloured by the feature's value; the title names the explained output ({@link #explainedOutput()}).
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
    return Charts.beeswarm(featureNames(), values(), asDouble(inputs), ChartOptions.defaults().maxFeatures(maxFeatures)
        .title(method + ": " + explainedOutput()).xLabel("Attribution (impact on " + explainedOutput() + ")"));
  }

  /**
   * SHAP-style waterfall of one explained row: from the base value to the model output, on the axis of the
   * explained output (for TreeSHAP the log-odds of the class, for model-agnostic methods its probability).
   */
  public Figure waterfall(int row) {
    checkRowIndex(row);
    String out = explainedOutput(row);
    return Charts.waterfall(featureNames(), values(row), asDouble(new float[][] {inputs[row]})[0], base[row],
        ChartOptions.defaults().title(method + ", row " + row + ": " + out + " " + Numbers.format(output[row]) + " (base "
            + Numbers.format(base[row]) + ")").xLabel(Character.toUpperCase(out.charAt(0)) + out.substring(1)));
  }

  /** Global importance (mean |attribution|) as a sorted bar chart. */
  public Figure bar() {
    return global().plot();
  }

  /** Feature value against its attribution, coloured by a second feature (or none when null). */
  public Figure dependence(String feature, String colourBy) {
    return Charts.dependence(featureNames(), values(), asDouble(inputs), feature, colourBy,
        ChartOptions.defaults().title(method + ": dependence on " + feature + " (" + explainedOutput() + ")"));
  }

  /**
   * The explained signal of one row with its attribution as a colour band, one panel per channel (sample
   * shape {@code [channels, length]}; all channels, or the named ones), time in seconds, one colour scale
   * for all panels.
   *
   * <pre>{@code
   * occlusion.signalPlot(0, 128, "Fz", "C3", "C4");
   * }</pre>
   */
  public Figure signalPlot(int row, double sampleRate, String... channels) {
    checkRowIndex(row);
    requireSignal("signalPlot");
    List<String> names = channels.length == 0 ? axes().channelNames() : List.of(channels);
    double[][] signal = new double[names.size()][];
    double[][] attr = new double[names.size()][];
    for (int c = 0; c < signal.length; c++) {
      signal[c] = inputs(row, names.get(c));
      attr[c] = values(row, names.get(c));
    }
    return Charts.signalAttribution(signal, attr, sampleRate, names,
        ChartOptions.defaults().title(method + ", row " + row + ": " + explainedOutput(row)));
  }

  /**
   * One channel of one row under several attributions, one panel per method, each scaled to its own
   * largest |attribution| (methods differ in units: probabilities, logits, non-negative maps).
   *
   * <pre>{@code
   * Attribution.signalPlot(0, 125, "ECG", occlusion, integratedGradients, gradCam);
   * }</pre>
   */
  public static Figure signalPlot(int row, double sampleRate, String channel, Attribution method,
      Attribution... more) {
    Attribution[] methods = new Attribution[more.length + 1];
    methods[0] = method;
    System.arraycopy(more, 0, methods, 1, more.length);
    Attribution first = sameSamples("signalPlot", row, methods);
    first.requireSignal("signalPlot");
    double[] signal = first.inputs(row, channel);
    double[][] signals = new double[methods.length][];
    double[][] attr = new double[methods.length][];
    List<String> names = new ArrayList<>();
    for (int m = 0; m < methods.length; m++) {
      double[] v = methods[m].values(row, channel);
      double max = Arrays.stream(v).map(Math::abs).max().orElse(0);
      signals[m] = signal;
      attr[m] = Arrays.stream(v).map(a -> max == 0 ? 0 : a / max).toArray();
      names.add(methods[m].method);
    }
    return Charts.signalAttribution(signals, attr, sampleRate, names, ChartOptions.defaults()
        .title(channel + ", row " + row + " (" + first.className(first.targets[row]) + "), each method on its own scale")
        .valueLabel("Attribution / its max |attribution|"));
  }

  private void requireSignal(String what) {
    if (sampleShape.length != 2) {
      throw new IllegalArgumentException(what + " needs a signal attribution with sample shape [channels, length], got "
          + Arrays.toString(sampleShape));
    }
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
    Attribution first = sameSamples("imagePlot", row, methods);
    first.requireImage("imagePlot");
    int[] shape = first.sampleShape;
    double[][] image = reshape(first.reduceImage(toDouble(first.inputs[row]), Axes.Op.MEAN), shape);
    Map<String, double[][]> byMethod = new LinkedHashMap<>();
    for (Attribution a : methods) {
      byMethod.put(a.method, reshape(a.reduceImage(a.values[row], Axes.Op.SUM), shape));
    }
    // one row of square panels: the height follows their width (input + methods, colour bar on the right)
    int panel = (ChartOptions.DEFAULT_WIDTH - 74 - 14 * (methods.length + 2)) / (methods.length + 1);
    int height = Math.max(260, Math.min(ChartOptions.DEFAULT_HEIGHT, panel + 120));
    return Charts.imageAttribution(image, byMethod, ChartOptions.defaults().size(ChartOptions.DEFAULT_WIDTH, height)
        .title("Row " + row + ": " + outputsOf(row, methods)));
  }

  /**
   * The explained images in a grid, each with this attribution beside it, captioned with the row and its
   * explained class; see {@link #imageGrid(List, int, Attribution...)}.
   */
  public Figure imageGrid(int columns) {
    return imageGrid(null, columns, this);
  }

  /**
   * The explained images of several attributions of the same rows in a grid of {@code columns} cells per
   * row: each cell holds the image and one overlay per method (each on its own scale), with a caption
   * under it ({@code captions}, one per row, or null for {@code "row i: <explained class>"}). Captions
   * never overlap (they wrap, then are cut).
   *
   * <pre>{@code
   * Attribution.imageGrid(captions, 6, occlusion.head(12), saliency.head(12));
   * }</pre>
   */
  public static Figure imageGrid(List<String> captions, int columns, Attribution... methods) {
    Attribution first = sameSamples("imageGrid", 0, methods);
    first.requireImage("imageGrid");
    List<String> caps = captions;
    if (caps == null) {
      caps = new ArrayList<>();
      for (int i = 0; i < first.rows(); i++) {
        caps.add("row " + i + ": " + first.className(first.targets[i]));
      }
    }
    Map<String, double[][]> overlays = new LinkedHashMap<>();
    for (Attribution a : methods) {
      overlays.put(a.method, a.values);
    }
    return Charts.imageGrid(first.inputs, first.sampleShape, caps, overlays, columns,
        ChartOptions.defaults().title(String.join(", ", overlays.keySet()) + ": " + first.explainedOutputs(methods)));
  }

  /** The first of several attributions, after checking that all share its sample shape and have {@code row}. */
  private static Attribution sameSamples(String what, int row, Attribution... methods) {
    if (methods == null || methods.length == 0) {
      throw new IllegalArgumentException(what + " needs at least one attribution");
    }
    for (int m = 0; m < methods.length; m++) {
      if (methods[m] == null) {
        throw new IllegalArgumentException(what + ": attribution " + m + " is null");
      }
    }
    Attribution first = methods[0];
    first.checkRowIndex(row);
    for (Attribution a : methods) {
      if (!Arrays.equals(a.sampleShape, first.sampleShape) || a.rows() != first.rows()) {
        throw new IllegalArgumentException(what + ": attribution '" + a.method + "' has shape "
            + Arrays.toString(a.sampleShape) + " and " + a.rows() + " rows; expected "
            + Arrays.toString(first.sampleShape) + " and " + first.rows() + " rows, as '" + first.method + "'");
      }
    }
    return first;
  }

  /** One row's explained output, or, when the methods differ, each method's. */
  private static String outputsOf(int row, Attribution... methods) {
    List<String> outs = Arrays.stream(methods).map(a -> a.explainedOutput(row)).distinct().toList();
    return outs.size() == 1 ? outs.get(0) : methods[0].className(methods[0].targets[row])
        + ", each method on its own output ("
        + String.join(", ", Arrays.stream(methods).map(a -> a.outputSpace).distinct().toList()) + ")";
  }

  /** The explained output of all rows, or, when the methods differ in units, the explained class. */
  private String explainedOutputs(Attribution... methods) {
    List<String> outs = Arrays.stream(methods).map(Attribution::explainedOutput).distinct().toList();
    return outs.size() == 1 ? outs.get(0) : explainedClass();
  }

  private void requireImage(String what) {
    if (sampleShape.length != 3) {
      throw new IllegalArgumentException(
          what + " needs an image attribution with sample shape [c, h, w], got " + Arrays.toString(sampleShape));
    }
  }

  /** One image sample combined over its channels ({@code h * w} values). */
  private double[] reduceImage(double[] flat, Axes.Op op) {
    boolean[] reduced = {true, false, false};
    return Axes.reduce(flat, axes().cellOf(reduced), sampleShape[1] * sampleShape[2], op);
  }

  private static double[][] reshape(double[] plane, int[] shape) {
    int h = shape[1];
    int w = shape[2];
    double[][] out = new double[h][];
    for (int i = 0; i < h; i++) {
      out[i] = Arrays.copyOfRange(plane, i * w, (i + 1) * w);
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
