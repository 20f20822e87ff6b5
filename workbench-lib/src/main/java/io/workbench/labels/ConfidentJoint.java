package io.workbench.labels;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The confident-learning estimates of one labelled dataset, from out-of-fold probabilities (Northcutt
 * et al. 2021, sections 3.1 and 3.2):
 *
 * <ol>
 *   <li>threshold {@code t[j]}: the mean probability of class j over the rows labelled j (its expected
 *       self-confidence); a class nobody is labelled with gets an infinite threshold, and thresholds are
 *       at least 2e-6 so a zero probability never counts as confident;
 *   <li>a row is <em>confidently</em> of class j when {@code p[j] >= t[j] - 1e-6} (the slack absorbs
 *       rounding of a mean equal to the value); with several confident classes the row goes to the one
 *       with the largest probability <em>among them</em> (the paper's argmax over the confident set;
 *       cleanlab's code takes the argmax over all classes, which differs only when the overall argmax is
 *       not itself confident), equal probabilities to the lowest index; rows with no confident class are
 *       not counted;
 *   <li>the confident joint {@code C[i][j]}: rows given label i confidently of class j; each diagonal
 *       cell is raised to at least 1 (as cleanlab does) so every class keeps a correctly labelled row;
 *   <li>calibration: each row i is rescaled to the number of rows labelled i, then rounded to integers
 *       keeping the row totals exactly as cleanlab 2.5 rounds them (nearest integer, halves to even, then the
 *       missing or surplus units moved on the entries with the largest {@code value - rounded}, ties to the
 *       <em>higher</em> class; earlier workbench versions gave leftover units to the largest fractional parts,
 *       ties to the lower class, which differs in ties and when rounding overshoots), so the calibrated joint
 *       sums to n and equals cleanlab's;
 *   <li>{@code noiseMatrix()[i][j] = P(given = i | true = j)} (columns of the calibrated joint
 *       normalised), {@code inverseNoiseMatrix()[j][i] = P(true = j | given = i)} (rows normalised, then
 *       transposed; both use cleanlab's orientation, columns sum to 1) and the true-label prior {@code
 *       P(true = j)} = column sums / n (cleanlab's {@code py_method="cnt"} for a calibrated joint).
 * </ol>
 *
 * <p>No iterative "converge latent estimates" step and no clipping of noise rates are applied; a true
 * class that no row is counted into gets an identity column in the noise matrix (no evidence of noise).
 *
 * <pre>{@code
 * ConfidentJoint cj = ConfidentJoint.compute(probs, labels);
 * int[][] c = cj.calibrated();        // given x true counts, rows sum to the class counts
 * double[][] nm = cj.noiseMatrix();   // P(given | true)
 * }</pre>
 */
public final class ConfidentJoint implements Displayable {

  /** Slack in the confident test {@code p >= t - EPS}. */
  static final double EPS = 1e-6;

  /** Lower bound of a threshold. */
  static final double MIN_THRESHOLD = 2e-6;

  private final double[] thresholds;
  private final int[][] counts;
  private final int[][] calibrated;
  private final int[] givenCounts;
  private final int[] confidentClass;
  private final List<String> classNames;

  private ConfidentJoint(
      double[] thresholds, int[][] counts, int[][] calibrated, int[] givenCounts, int[] confidentClass,
      List<String> classNames) {
    this.thresholds = thresholds;
    this.counts = counts;
    this.calibrated = calibrated;
    this.givenCounts = givenCounts;
    this.confidentClass = confidentClass;
    this.classNames = classNames;
  }

  /**
   * Computes the estimates.
   *
   * @param probs out-of-fold probabilities, rows x classes, each row summing to 1 (tolerance 1e-3)
   * @param labels given class index per row
   * @throws IllegalArgumentException naming the row when a probability row or label is invalid
   */
  public static ConfidentJoint compute(double[][] probs, int[] labels) {
    int k = Inputs.check(probs, labels);
    return compute(probs, labels, defaultNames(k));
  }

  /** {@link #compute(double[][], int[])} for float probabilities (as {@code Model.predictProba}). */
  public static ConfidentJoint compute(float[][] probs, int[] labels) {
    return compute(Inputs.toDouble(probs), labels);
  }

  static ConfidentJoint compute(double[][] probs, int[] labels, List<String> classNames) {
    int k = Inputs.check(probs, labels);
    if (classNames.size() != k) {
      throw new IllegalArgumentException(
          "probs has " + k + " columns but there are " + classNames.size() + " class names " + classNames);
    }
    int n = labels.length;
    int[] givenCounts = new int[k];
    double[] sums = new double[k];
    for (int i = 0; i < n; i++) {
      givenCounts[labels[i]]++;
      sums[labels[i]] += probs[i][labels[i]];
    }
    double[] t = new double[k];
    for (int j = 0; j < k; j++) {
      t[j] = givenCounts[j] == 0 ? Double.POSITIVE_INFINITY : Math.max(MIN_THRESHOLD, sums[j] / givenCounts[j]);
    }
    int[][] c = new int[k][k];
    int[] confident = new int[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      for (int j = 0; j < k; j++) {
        if (probs[i][j] >= t[j] - EPS && (best < 0 || probs[i][j] > probs[i][best])) {
          best = j;
        }
      }
      confident[i] = best;
      if (best >= 0) {
        c[labels[i]][best]++;
      }
    }
    for (int j = 0; j < k; j++) {
      c[j][j] = Math.max(1, c[j][j]);
    }
    return new ConfidentJoint(t, c, calibrate(c, givenCounts), givenCounts, confident, List.copyOf(classNames));
  }

  /** Rows of {@code c} rescaled to {@code givenCounts}, rounded keeping the row totals. */
  static int[][] calibrate(int[][] c, int[] givenCounts) {
    int k = c.length;
    double[][] scaled = new double[k][k];
    for (int i = 0; i < k; i++) {
      long rowSum = 0;
      for (int v : c[i]) {
        rowSum += v;
      }
      for (int j = 0; j < k; j++) {
        scaled[i][j] = rowSum == 0 ? 0 : (double) c[i][j] / rowSum * givenCounts[i];
      }
    }
    return Inputs.roundPreservingRowTotals(scaled);
  }

  static List<String> defaultNames(int k) {
    List<String> names = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      names.add(Integer.toString(j));
    }
    return names;
  }

  /** Number of classes. */
  public int numClasses() {
    return thresholds.length;
  }

  /** Number of rows. */
  public int rows() {
    return confidentClass.length;
  }

  /** Class names in index order ("0", "1", ... when computed from bare arrays). */
  public List<String> classNames() {
    return classNames;
  }

  /** Per-class thresholds: mean self-confidence of each given class (infinite for an absent class). */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** Rows labelled with each class. */
  public int[] givenCounts() {
    return givenCounts.clone();
  }

  /** The confident joint before calibration: {@code [given][true]} counts, diagonal at least 1. */
  public int[][] counts() {
    return copy(counts);
  }

  /** The calibrated confident joint: {@code [given][true]} counts, row i sums to the rows labelled i. */
  public int[][] calibrated() {
    return copy(calibrated);
  }

  /** The estimated joint distribution {@code P(given = i, true = j)}: the calibrated joint / n. */
  public double[][] joint() {
    int k = numClasses();
    double[][] q = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        q[i][j] = (double) calibrated[i][j] / rows();
      }
    }
    return q;
  }

  /** {@code [i][j] = P(given = i | true = j)}; every column sums to 1. */
  public double[][] noiseMatrix() {
    int k = numClasses();
    double[][] m = new double[k][k];
    for (int j = 0; j < k; j++) {
      long col = 0;
      for (int i = 0; i < k; i++) {
        col += calibrated[i][j];
      }
      for (int i = 0; i < k; i++) {
        m[i][j] = col == 0 ? (i == j ? 1 : 0) : (double) calibrated[i][j] / col;
      }
    }
    return m;
  }

  /** {@code [j][i] = P(true = j | given = i)}; every column sums to 1 (cleanlab's orientation). */
  public double[][] inverseNoiseMatrix() {
    int k = numClasses();
    double[][] m = new double[k][k];
    for (int i = 0; i < k; i++) {
      long row = 0;
      for (int j = 0; j < k; j++) {
        row += calibrated[i][j];
      }
      for (int j = 0; j < k; j++) {
        m[j][i] = row == 0 ? (i == j ? 1 : 0) : (double) calibrated[i][j] / row;
      }
    }
    return m;
  }

  /** Estimated prior of the true labels, {@code P(true = j)}: calibrated column sums / n. */
  public double[] truePrior() {
    int k = numClasses();
    double[] py = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        py[j] += (double) calibrated[i][j] / rows();
      }
    }
    return py;
  }

  /** Estimated number of mislabelled rows: n minus the trace of the calibrated joint. */
  public int estimatedIssueCount() {
    int trace = 0;
    for (int j = 0; j < numClasses(); j++) {
      trace += calibrated[j][j];
    }
    return rows() - trace;
  }

  /** The class each row was confidently counted into, or -1 when it has no confident class. */
  public int[] confidentClasses() {
    return confidentClass.clone();
  }

  /**
   * Rows counted in an off-diagonal cell of the (uncalibrated) confident joint, ascending.
   *
   * @param labels the given labels the joint was computed from
   */
  int[] offDiagonalRows(int[] labels) {
    return java.util.stream.IntStream.range(0, labels.length)
        .filter(i -> confidentClass[i] >= 0 && confidentClass[i] != labels[i])
        .toArray();
  }

  /** The noise matrix as a table: one row per given class, one column per true class. */
  public Table noiseMatrixTable() {
    return matrixTable("noise matrix P(given | true)", "given \\ true", noiseMatrix());
  }

  /** The calibrated joint as a table of counts: one row per given class, one column per true class. */
  public Table calibratedTable() {
    int k = numClasses();
    List<Column<?>> cols = new ArrayList<>();
    cols.add(StringColumn.create("given \\ true", classNames));
    for (int j = 0; j < k; j++) {
      int[] v = new int[k];
      for (int i = 0; i < k; i++) {
        v[i] = calibrated[i][j];
      }
      cols.add(IntColumn.create(classNames.get(j), v));
    }
    return Table.create("calibrated confident joint", cols.toArray(new Column<?>[0]));
  }

  private Table matrixTable(String title, String corner, double[][] m) {
    int k = numClasses();
    List<Column<?>> cols = new ArrayList<>();
    cols.add(StringColumn.create(corner, classNames));
    for (int j = 0; j < k; j++) {
      double[] v = new double[k];
      for (int i = 0; i < k; i++) {
        v[i] = m[i][j];
      }
      cols.add(DoubleColumn.create(classNames.get(j), v));
    }
    return Table.create(title, cols.toArray(new Column<?>[0]));
  }

  private static int[][] copy(int[][] m) {
    int[][] out = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  /** Thresholds, the calibrated joint and the noise matrix as HTML tables. */
  @Override
  public String toHtml() {
    StringBuilder b = new StringBuilder("<div class=\"wb-confident-joint\"><p>");
    b.append(rows()).append(" rows, ").append(numClasses()).append(" classes; estimated mislabelled rows: ")
        .append(estimatedIssueCount()).append("</p>");
    b.append(Tables.html(Table.create("per-class thresholds (mean self-confidence)",
        StringColumn.create("class", classNames), DoubleColumn.create("threshold", thresholds)), 1000));
    b.append(Tables.html(calibratedTable(), 1000));
    b.append(Tables.html(noiseMatrixTable(), 1000));
    return b.append("</div>").toString();
  }

  @Override
  public String toText() {
    return toString() + "\n" + Tables.text(calibratedTable()) + "\n" + Tables.text(noiseMatrixTable());
  }

  @Override
  public String toString() {
    return "ConfidentJoint[" + numClasses() + " classes, " + rows() + " rows, thresholds="
        + Arrays.toString(thresholds) + ", estimated issues=" + estimatedIssueCount() + "]";
  }
}
