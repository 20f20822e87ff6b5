package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tiny seeded datasets for the contract suites, one per kind of model input: tables for binary, multi-class,
 * regression and multi-label tasks, two-channel signals, small images, and a raw table with text categories
 * and missing values for pipelines. Each is small enough that a network trains on it in well under a
 * second, and has a signal a model can learn, so that "different seed, different model" is visible. Every
 * call with the same arguments returns the same numbers.
 *
 * <pre>{@code
 * Dataset train = ContractData.binary();                    // 48 rows, features x0..x3, classes [no, yes]
 * Dataset bad = ContractData.withMissing(train, 3, "x1");   // one missing value at row 3, feature x1
 * }</pre>
 */
public final class ContractData {

  /** Rows of the table fixtures. */
  public static final int ROWS = 48;

  private ContractData() {}

  /** Feature names {@code x0..x(d-1)}. */
  public static List<String> names(int d) {
    return TestModels.names(d);
  }

  /** Binary classification, 4 Gaussian features, classes {@code [no, yes]}: yes when {@code x0 - x1/2 + noise > 0}. */
  public static Dataset binary() {
    Random r = new Random(11);
    float[][] x = gaussian(r, ROWS, 4);
    int[] y = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = x[i][0] - 0.5 * x[i][1] + 0.3 * r.nextGaussian() > 0 ? 1 : 0;
    }
    balance(y, 2);
    return Dataset.of(x, names(4), y, List.of("no", "yes"));
  }

  /** Three classes {@code [a, b, c]} over 4 Gaussian features: the class whose noisy linear score is largest. */
  public static Dataset multiclass() {
    Random r = new Random(12);
    int n = 60;
    float[][] x = gaussian(r, n, 4);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double[] s = {x[i][0], x[i][1] - x[i][0], -x[i][1] + 0.5 * x[i][2]};
      int best = 0;
      for (int k = 1; k < 3; k++) {
        if (s[k] + 0.2 * r.nextGaussian() > s[best]) {
          best = k;
        }
      }
      y[i] = best;
    }
    balance(y, 3);
    return Dataset.of(x, names(4), y, List.of("a", "b", "c"));
  }

  /**
   * {@link #multiclass()} with two concept columns that are not features (for concept bottleneck models): {@code
   * score_a} = {@code x0} (continuous) and {@code x1_positive} = 1 when {@code x1 > 0} (binary).
   */
  public static Dataset concepts() {
    Dataset d = multiclass();
    float[][] x = d.x();
    double[] score = new double[x.length];
    double[] positive = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      score[i] = x[i][0];
      positive[i] = x[i][1] > 0 ? 1 : 0;
    }
    Table t = Table.create("concepts", IntColumn.create("label", d.y()), DoubleColumn.create("score_a", score),
        DoubleColumn.create("x1_positive", positive));
    return Dataset.builder(t).featureMatrix(d.features(), x).target("label").classNames(d.classNames()).build();
  }

  /** Regression over 4 Gaussian features: {@code y = 2 x0 - x1 + x2 x3 / 2 + noise}. */
  public static Dataset regression() {
    Random r = new Random(13);
    float[][] x = gaussian(r, ROWS, 4);
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = 2 * x[i][0] - x[i][1] + 0.5 * x[i][2] * x[i][3] + 0.1 * r.nextGaussian();
    }
    return Dataset.of(x, names(4), y);
  }

  /** Two labels {@code [p, q]} over 4 Gaussian features: p when {@code x0 > 0}, q when {@code x1 + x2 > 0}. */
  public static Dataset multiLabel() {
    Random r = new Random(14);
    float[][] x = gaussian(r, ROWS, 4);
    int[][] y = new int[ROWS][2];
    for (int i = 0; i < ROWS; i++) {
      y[i][0] = x[i][0] > 0 ? 1 : 0;
      y[i][1] = x[i][1] + x[i][2] > 0 ? 1 : 0;
    }
    y[0] = new int[] {0, 0};
    y[1] = new int[] {1, 1};
    return Dataset.of(x, names(4), y, List.of("p", "q"));
  }

  /**
   * Two-channel signals of length 16 (sample shape {@code [2, 16]}, features {@code c0_t0..c1_t15}), classes
   * {@code [first, second]}: the channel that holds a short pulse.
   */
  public static Dataset signals() {
    Random r = new Random(15);
    int n = 40;
    int length = 16;
    float[][] x = new float[n][2 * length];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      int at = 3 + r.nextInt(length - 6);
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < length; t++) {
          double pulse = c == y[i] ? 2 * Math.exp(-0.5 * (t - at) * (t - at)) : 0;
          x[i][c * length + t] = (float) (pulse + 0.3 * r.nextGaussian());
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < length; t++) {
        names.add("c" + c + "_t" + t);
      }
    }
    return shaped(x, names, y, List.of("first", "second"), 2, length);
  }

  /**
   * One-channel 8 x 8 images (sample shape {@code [1, 8, 8]}, features {@code p0_0..p7_7}), classes
   * {@code [left, right]}: the half that holds a bright blob.
   */
  public static Dataset images() {
    Random r = new Random(16);
    int n = 40;
    float[][] x = new float[n][64];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      int cx = (y[i] == 0 ? 1 : 5) + r.nextInt(2);
      int cy = 1 + r.nextInt(6);
      for (int h = 0; h < 8; h++) {
        for (int w = 0; w < 8; w++) {
          double blob = Math.exp(-0.5 * ((h - cy) * (h - cy) + (w - cx) * (w - cx)));
          x[i][h * 8 + w] = (float) (blob + 0.2 * r.nextGaussian());
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      for (int w = 0; w < 8; w++) {
        names.add("p" + h + "_" + w);
      }
    }
    return shaped(x, names, y, List.of("left", "right"), 1, 8, 8);
  }

  /**
   * Raw patient-like rows for pipelines: {@code age} (numbers, every seventh missing), {@code bmi} (numbers),
   * {@code sex} (text {@code f}/{@code m}), {@code site} (text {@code a}/{@code b}/{@code c}) and the target
   * {@code outcome} ({@code no}/{@code yes}), which depends on age, bmi and sex.
   */
  public static Dataset raw() {
    Random r = new Random(17);
    int n = 60;
    DoubleColumn age = DoubleColumn.create("age");
    DoubleColumn bmi = DoubleColumn.create("bmi");
    StringColumn sex = StringColumn.create("sex");
    StringColumn site = StringColumn.create("site");
    StringColumn outcome = StringColumn.create("outcome");
    for (int i = 0; i < n; i++) {
      double a = 50 + 12 * r.nextGaussian();
      double b = 26 + 4 * r.nextGaussian();
      boolean f = r.nextBoolean();
      if (i % 7 == 3) {
        age.appendMissing();
      } else {
        age.append(a);
      }
      bmi.append(b);
      sex.append(f ? "f" : "m");
      site.append(String.valueOf((char) ('a' + r.nextInt(3))));
      double s = (a - 50) / 12 + (b - 26) / 4 + (f ? 0.8 : -0.8) + 0.5 * r.nextGaussian();
      outcome.append(s > 0 ? "yes" : "no");
    }
    Table t = Table.create("raw", age, bmi, sex, site, outcome);
    return Dataset.builder(t).target("outcome").classification().classNames("no", "yes").build();
  }

  /**
   * The same dataset with feature {@code feature} missing at row {@code row} (a table-backed copy): what a
   * trainer must refuse, naming the feature and the row, unless it imputes.
   */
  public static Dataset withMissing(Dataset data, int row, String feature) {
    Table t = data.table();
    List<Column<?>> cols = new ArrayList<>();
    for (Column<?> c : t.columns()) {
      if (c.name().equals(feature)) {
        DoubleColumn d = DoubleColumn.create(feature);
        for (int i = 0; i < c.size(); i++) {
          if (i == row) {
            d.appendMissing();
          } else {
            d.append(((tech.tablesaw.api.NumericColumn<?>) c).getDouble(i));
          }
        }
        cols.add(d);
      } else {
        cols.add(c);
      }
    }
    Table copy = Table.create(t.name(), cols.toArray(new Column<?>[0]));
    var b = Dataset.builder(copy).features(data.features()).sampleShape(data.sampleShape());
    if (data.task() == Task.MULTI_LABEL) {
      b = b.targets(data.targets());
    } else if (data.task() == Task.CLASSIFICATION) {
      b = b.target(data.target()).classification().classNames(data.classNames());
    } else {
      b = b.target(data.target()).regression();
    }
    return b.build();
  }

  /** The dataset's first row only, repeated: every row has the same class (a single-class training set). */
  public static Dataset singleClass(Dataset data) {
    int[] rows = new int[Math.min(8, data.rows())];
    int[] y = data.y();
    int first = 0;
    int k = 0;
    for (int i = 0; i < y.length && k < rows.length; i++) {
      if (y[i] == y[first]) {
        rows[k++] = i;
      }
    }
    return data.rows(java.util.Arrays.copyOf(rows, k));
  }

  /** The dataset with no rows. */
  public static Dataset empty(Dataset data) {
    return data.rows(new int[0]);
  }

  /** Rows of Gaussian features, for probing models. */
  public static float[][] gaussian(int n, int d, long seed) {
    return gaussian(new Random(seed), n, d);
  }

  private static float[][] gaussian(Random r, int n, int d) {
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  /** Makes sure every class has at least two rows (the first rows are relabelled when needed). */
  private static void balance(int[] y, int classes) {
    int[] counts = new int[classes];
    for (int v : y) {
      counts[v]++;
    }
    int i = 0;
    for (int k = 0; k < classes; k++) {
      while (counts[k] < 2) {
        counts[y[i]]--;
        y[i++] = k;
        counts[k]++;
      }
    }
  }

  private static Dataset shaped(float[][] x, List<String> names, int[] y, List<String> classes, int... shape) {
    Table t = Table.create("shaped", IntColumn.create("label", y.clone()));
    return Dataset.builder(t).target("label").classNames(classes).featureMatrix(names, x).sampleShape(shape).build();
  }
}
