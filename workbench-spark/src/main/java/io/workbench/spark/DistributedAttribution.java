package io.workbench.spark;

import io.workbench.display.Displayable;
import io.workbench.explain.Attribution;
import io.workbench.explain.FeatureImportance;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The result of a distributed explanation: the DataFrame with attribution columns ({@link #frame()}), and the
 * library's values computed from it on the cluster: {@link #global()} (mean |attribution| per feature with its
 * spread, by Spark aggregation: the same numbers as {@code Attribution.global()} on the collected rows), {@link
 * #sample(int, long)} (a seeded sample of rows, chosen by row id so the same whatever the partitioning: what a
 * beeswarm shows) and {@link #collect()} (every row, for small results). The frame is computed when an action
 * first runs; {@code frame().cache()} or writing it to Parquet keeps it.
 *
 * <pre>{@code
 * DistributedAttribution shap = DistributedExplainer.of(Explain.treeShap(model)).explain(rows);
 * shap.global().plot();                     // importance bars with 95 % intervals
 * shap.sample(2000, 42).beeswarm();          // beeswarm of a sample
 * }</pre>
 */
public final class DistributedAttribution implements Displayable {

  private final Dataset<Row> frame;
  /** The explained rows, for counting without computing attributions. */
  private final Dataset<Row> input;
  private final Attribution probe;
  private final List<String> modelFeatures;
  private final String idColumn;
  private final boolean delta;
  private final boolean ownInputs;

  DistributedAttribution(Dataset<Row> frame, Dataset<Row> input, Attribution probe, List<String> modelFeatures, String idColumn,
      boolean delta, boolean ownInputs) {
    this.frame = frame;
    this.input = input;
    this.probe = probe;
    this.modelFeatures = modelFeatures;
    this.idColumn = idColumn;
    this.delta = delta;
    this.ownInputs = ownInputs;
  }

  /** The input DataFrame with the attribution columns (see {@link DistributedExplainer}). */
  public Dataset<Row> frame() {
    return frame;
  }

  /** The method, for example {@code "kernel SHAP"}. */
  public String method() {
    return probe.method();
  }

  /** Names of the attributed features (or groups), the order of the {@code attribution} array. */
  public List<String> featureNames() {
    return probe.featureNames();
  }

  /** The column that identifies rows (the named row-id column, or {@code row_id}). */
  public String idColumn() {
    return idColumn;
  }

  /**
   * Global importance by Spark aggregation: per feature the mean |value| over every row, with the sample standard
   * deviation (for the 95 % intervals of {@link FeatureImportance#plot()}); equal to {@code collect().global()}.
   */
  public FeatureImportance global() {
    int d = featureNames().size();
    JavaRDD<Row> rows = frame.select(DistributedExplainer.ATTRIBUTION).javaRDD();
    double[] zero = new double[2 * d + 1];
    double[] sums = SparkJobs.run(frame.sparkSession(), "workbench: mean |" + method() + "|", () -> rows.treeAggregate(
        zero, (acc, r) -> {
          double[] a = acc.clone();
          List<Double> v = r.getList(0);
          for (int j = 0; j < d; j++) {
            double x = Math.abs(v.get(j));
            a[j] += x;
            a[d + j] += x * x;
          }
          a[2 * d] += 1;
          return a;
        }, (a, b) -> {
          double[] c = a.clone();
          for (int k = 0; k < c.length; k++) {
            c[k] += b[k];
          }
          return c;
        }));
    long n = (long) sums[2 * d];
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = sums[j] / Math.max(1, n);
      std[j] = n < 2 ? 0 : Math.sqrt(Math.max(0, (sums[d + j] - n * mean[j] * mean[j]) / (n - 1)));
    }
    FeatureImportance named = probe.global();
    Map<String, String> settings = new LinkedHashMap<>(named.settings());
    settings.put("aggregate", "mean |" + method() + "| over " + n + " rows (Spark)");
    return new FeatureImportance(named.method(), settings, featureNames(), mean, std, (int) Math.min(n,
        Integer.MAX_VALUE), null, Double.NaN);
  }

  /**
   * A seeded sample of {@code rows} rows as an {@link Attribution} (rows ordered by id): the rows whose ids hash
   * lowest under {@code seed}, so the sample does not depend on the partitioning. All rows when there are fewer.
   *
   * @throws IllegalArgumentException when {@code rows < 1}
   */
  public Attribution sample(int rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("sample: rows must be >= 1, got " + rows);
    }
    JavaRDD<Row> all = frame.javaRDD();
    int id = frame.schema().fieldIndex(idColumn);
    List<Tuple2<Long, Row>> taken = SparkJobs.run(frame.sparkSession(), "workbench: sample " + rows + " rows",
        () -> all.map(r -> new Tuple2<>(mix(seed, ((Number) r.get(id)).longValue()), r))
            .takeOrdered(rows, new ByKey()));
    List<Row> chosen = new ArrayList<>();
    for (Tuple2<Long, Row> t : taken) {
      chosen.add(t._2());
    }
    return assemble(chosen, "sample of " + rows + " rows, seed " + seed);
  }

  /**
   * Every row as one {@link Attribution}, ordered by row id (small results only: the values travel to the driver).
   *
   * @throws IllegalArgumentException when there are more than {@code maxRows} rows
   */
  public Attribution collect(int maxRows) {
    long n = SparkJobs.run(frame.sparkSession(), "workbench: count rows", input::count);
    if (n > maxRows) {
      throw new IllegalArgumentException("collect: " + n + " rows is more than maxRows " + maxRows
          + "; use sample(rows, seed) for charts and global() for importance");
    }
    List<Row> rows = SparkJobs.run(frame.sparkSession(), "workbench: collect attribution", frame::collectAsList);
    return assemble(rows, null);
  }

  /** Every row (at most 1,000,000) as one {@link Attribution}, ordered by row id. */
  public Attribution collect() {
    return collect(1_000_000);
  }

  private Attribution assemble(List<Row> rows, String note) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the DataFrame has no rows to assemble into an attribution");
    }
    int idIdx = frame.schema().fieldIndex(idColumn);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(r -> ((Number) r.get(idIdx)).longValue()));
    int n = sorted.size();
    int valIdx = frame.schema().fieldIndex(DistributedExplainer.ATTRIBUTION);
    int baseIdx = frame.schema().fieldIndex(DistributedExplainer.BASE_VALUE);
    int outIdx = frame.schema().fieldIndex(DistributedExplainer.OUTPUT);
    int clsIdx = frame.schema().fieldIndex(DistributedExplainer.CLASS);
    int deltaIdx = delta ? frame.schema().fieldIndex(DistributedExplainer.DELTA) : -1;
    int inIdx = ownInputs ? frame.schema().fieldIndex(DistributedExplainer.INPUTS) : -1;
    int[] featIdx = new int[modelFeatures.size()];
    for (int j = 0; j < featIdx.length; j++) {
      featIdx[j] = frame.schema().fieldIndex(modelFeatures.get(j));
    }
    double[][] values = new double[n][];
    float[][] inputs = new float[n][];
    double[] base = new double[n];
    double[] out = new double[n];
    int[] cls = new int[n];
    double[] dl = delta ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      Row r = sorted.get(i);
      values[i] = doubles(r.getList(valIdx));
      base[i] = r.getDouble(baseIdx);
      out[i] = r.getDouble(outIdx);
      cls[i] = r.getInt(clsIdx);
      if (dl != null) {
        dl[i] = r.isNullAt(deltaIdx) ? Double.NaN : r.getDouble(deltaIdx);
      }
      if (ownInputs) {
        List<Float> in = r.getList(inIdx);
        inputs[i] = new float[in.size()];
        for (int j = 0; j < inputs[i].length; j++) {
          inputs[i][j] = in.get(j);
        }
      } else {
        inputs[i] = new float[featIdx.length];
        for (int j = 0; j < featIdx.length; j++) {
          inputs[i][j] = ((Number) r.get(featIdx[j])).floatValue();
        }
      }
    }
    Attribution.Builder b = Attribution.builder(probe.method(), probe.featureNames())
        .sampleShape(probe.sampleShape()).values(values).inputs(inputs).baseValues(base).outputs(out).targets(cls)
        .classNames(probe.classNames()).additive(probe.additive());
    b.outputSpace(outputSpace());
    for (Map.Entry<String, String> e : probe.settings().entrySet()) {
      b.setting(e.getKey(), e.getValue());
    }
    b.setting("distributed", "Spark" + (note == null ? "" : ", " + note));
    if (dl != null) {
      b.convergenceDelta(dl);
    }
    return b.build();
  }

  private String outputSpace() {
    return probe.outputSpace();
  }

  private static double[] doubles(List<Double> v) {
    double[] out = new double[v.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = v.get(j);
    }
    return out;
  }

  /** SplitMix64 of (seed, id): the sample's order key. */
  static long mix(long seed, long id) {
    long z = seed + (id + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Orders (key, row) pairs by key, then row id tie-break is unnecessary (ids are unique, keys almost so). */
  private static final class ByKey implements Comparator<Tuple2<Long, Row>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<Long, Row> a, Tuple2<Long, Row> b) {
      return Long.compare(a._1(), b._1());
    }
  }

  @Override
  public String toText() {
    return "distributed " + method() + " over a Spark DataFrame: " + featureNames().size() + " features "
        + FeatureColumns.abbreviate(featureNames()) + ", columns " + Arrays.toString(frame.columns())
        + "; global() for importance, sample(rows, seed) for a beeswarm";
  }

  @Override
  public String toHtml() {
    return "<pre>" + toText().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre>";
  }

  @Override
  public String toString() {
    return toText();
  }
}
