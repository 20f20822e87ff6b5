package io.workbench.labels;

import io.workbench.data.Dataset;
import io.workbench.model.Trainer;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings for finding label issues (immutable; each option returns a new finder). Defaults follow
 * cleanlab's {@code find_label_issues}: {@link FilterBy#PRUNE_BY_NOISE_RATE}, ranked by {@link
 * RankBy#SELF_CONFIDENCE}, at least 1 row kept per class, {@code fracNoise = 1}. The run options ({@link
 * RunSettings}) govern the out-of-fold cross-validation of {@link #find(Dataset, Trainer, int)}: its seed (default
 * {@value RunOptions#DEFAULT_SEED}) assigns the folds, thread counts are handed on to the trainer, and progress
 * is one bar with the trainers' progress nested in it.
 *
 * <pre>{@code
 * LabelIssueReport r = LabelIssues.finder()
 *     .filterBy(FilterBy.BOTH)
 *     .rankBy(RankBy.NORMALIZED_MARGIN)
 *     .find(probs, labels);
 * }</pre>
 */
public final class LabelIssueFinder implements RunSettings<LabelIssueFinder> {

  private final FilterBy filterBy;
  private final RankBy rankBy;
  private final int minExamplesPerClass;
  private final double fracNoise;
  private final int[] numToRemovePerClass;
  private final RunOptions options;

  LabelIssueFinder() {
    this(FilterBy.PRUNE_BY_NOISE_RATE, RankBy.SELF_CONFIDENCE, 1, 1.0, null, RunOptions.defaults());
  }

  private LabelIssueFinder(
      FilterBy filterBy, RankBy rankBy, int minExamplesPerClass, double fracNoise, int[] numToRemovePerClass,
      RunOptions options) {
    this.filterBy = filterBy;
    this.rankBy = rankBy;
    this.minExamplesPerClass = minExamplesPerClass;
    this.fracNoise = fracNoise;
    this.numToRemovePerClass = numToRemovePerClass;
    this.options = options;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public LabelIssueFinder withOptions(RunOptions o) {
    return new LabelIssueFinder(filterBy, rankBy, minExamplesPerClass, fracNoise, numToRemovePerClass,
        Objects.requireNonNull(o, "options"));
  }

  /** Which rows count as issues (default {@link FilterBy#PRUNE_BY_NOISE_RATE}). */
  public LabelIssueFinder filterBy(FilterBy f) {
    return new LabelIssueFinder(
        Objects.requireNonNull(f, "filterBy"), rankBy, minExamplesPerClass, fracNoise, numToRemovePerClass, options);
  }

  /** How issues are ordered and scored (default {@link RankBy#SELF_CONFIDENCE}). */
  public LabelIssueFinder rankBy(RankBy r) {
    return new LabelIssueFinder(
        filterBy, Objects.requireNonNull(r, "rankBy"), minExamplesPerClass, fracNoise, numToRemovePerClass, options);
  }

  /**
   * Rows each class keeps at least (pruning filters only; default 1). A class with this many rows or
   * fewer is not pruned at all.
   */
  public LabelIssueFinder minExamplesPerClass(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("minExamplesPerClass must be >= 0, got " + n);
    }
    return new LabelIssueFinder(filterBy, rankBy, n, fracNoise, numToRemovePerClass, options);
  }

  /**
   * Keep only this share of the estimated off-diagonal counts before pruning (pruning filters only;
   * default 1 = every confidently estimated issue).
   */
  public LabelIssueFinder fracNoise(double f) {
    if (!(f >= 0 && f <= 1)) {
      throw new IllegalArgumentException("fracNoise must be in [0, 1], got " + f);
    }
    return new LabelIssueFinder(filterBy, rankBy, minExamplesPerClass, f, numToRemovePerClass, options);
  }

  /**
   * Flag exactly this many rows of each given class ({@link FilterBy#PRUNE_BY_CLASS}); for {@link
   * FilterBy#PRUNE_BY_NOISE_RATE} the number for class i is spread over the true classes in proportion to
   * row i of the confident joint, so the union may be slightly smaller when a row ranks high for two
   * true classes. Not allowed with the other filters.
   */
  public LabelIssueFinder numToRemovePerClass(int... counts) {
    int[] c = counts == null ? null : counts.clone();
    if (c != null) {
      for (int i = 0; i < c.length; i++) {
        if (c[i] < 0) {
          throw new IllegalArgumentException("numToRemovePerClass[" + i + "] is " + c[i] + "; expected >= 0");
        }
      }
    }
    return new LabelIssueFinder(filterBy, rankBy, minExamplesPerClass, fracNoise, c, options);
  }

  /** The filter in use. */
  public FilterBy filterBy() {
    return filterBy;
  }

  /** The ranking in use. */
  public RankBy rankBy() {
    return rankBy;
  }

  /** Label issues from a probability matrix and given labels (classes named "0", "1", ...). */
  public LabelIssueReport find(double[][] probs, int[] labels) {
    int k = Inputs.check(probs, labels);
    return find(probs, labels, ConfidentJoint.defaultNames(k));
  }

  /** {@link #find(double[][], int[])} for float probabilities (as {@code Model.predictProba}). */
  public LabelIssueReport find(float[][] probs, int[] labels) {
    return find(Inputs.toDouble(probs), labels);
  }

  /**
   * Label issues of a dataset from its out-of-fold probabilities (for example from cross-validation);
   * the given labels and class names come from the dataset.
   */
  public LabelIssueReport find(Dataset data, double[][] probs) {
    Objects.requireNonNull(data, "data");
    LabelIssues.requireClassification(data);
    if (probs != null && probs.length != data.rows()) {
      throw new IllegalArgumentException(
          "probs has " + probs.length + " rows but the dataset has " + data.rows() + "; expected one row per example");
    }
    if (probs != null && probs.length > 0 && probs[0] != null && probs[0].length != data.numClasses()) {
      throw new IllegalArgumentException(
          "probs has " + probs[0].length + " columns but the dataset has " + data.numClasses() + " classes "
              + data.classNames());
    }
    return find(probs, data.y(), data.classNames());
  }

  /** {@link #find(Dataset, double[][])} for float probabilities. */
  public LabelIssueReport find(Dataset data, float[][] probs) {
    return find(data, Inputs.toDouble(probs));
  }

  /**
   * Label issues of a dataset: out-of-fold probabilities from {@code k}-fold stratified cross-validation
   * of {@code trainer} (folds seeded by {@code seed}), then confident learning.
   */
  public LabelIssueReport find(Dataset data, Trainer trainer, int k, long seed) {
    double[][] probs = LabelIssues.outOfFoldProbabilities(data, trainer, k, options.withSeed(seed));
    return find(data, probs);
  }

  /** {@link #find(Dataset, Trainer, int, long)} with the folds seeded by the run options' seed. */
  public LabelIssueReport find(Dataset data, Trainer trainer, int k) {
    return find(data, trainer, k, options.seed());
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Label issues from a probability matrix, given labels and the class names in column order.
   *
   * <pre>{@code
   * LabelIssueReport r = LabelIssues.finder().find(outOfFold, labels, List.of("benign", "malignant"));
   * }</pre>
   */
  public LabelIssueReport find(double[][] probs, int[] labels, List<String> names) {
    int k = Inputs.check(probs, labels);
    if (numToRemovePerClass != null) {
      if (filterBy != FilterBy.PRUNE_BY_CLASS && filterBy != FilterBy.PRUNE_BY_NOISE_RATE && filterBy != FilterBy.BOTH) {
        throw new IllegalArgumentException(
            "numToRemovePerClass works with PRUNE_BY_CLASS, PRUNE_BY_NOISE_RATE or BOTH, not " + filterBy);
      }
      if (numToRemovePerClass.length != k) {
        throw new IllegalArgumentException(
            "numToRemovePerClass has " + numToRemovePerClass.length + " entries; expected " + k + " (one per class)");
      }
    }
    ConfidentJoint cj = ConfidentJoint.compute(probs, labels, names);
    int n = labels.length;
    int[] givenCounts = cj.givenCounts();
    if (numToRemovePerClass != null) {
      for (int c = 0; c < k; c++) {
        if (numToRemovePerClass[c] > givenCounts[c]) {
          throw new IllegalArgumentException(
              "numToRemovePerClass[" + c + "] is " + numToRemovePerClass[c] + " but only " + givenCounts[c]
                  + " rows are labelled '" + names.get(c) + "'");
        }
      }
    }
    boolean[] mask;
    switch (filterBy) {
      case CONFIDENT_LEARNING:
        mask = new boolean[n];
        for (int r : cj.offDiagonalRows(labels)) {
          mask[r] = true;
        }
        break;
      case PREDICTED_NOT_GIVEN:
        mask = new boolean[n];
        for (int i = 0; i < n; i++) {
          mask[i] = Stats.argmax(probs[i]) != labels[i];
        }
        break;
      default:
        int[][] prune = pruneCounts(cj, givenCounts);
        int[][] members = members(labels, k);
        boolean[] byNoise = filterBy == FilterBy.PRUNE_BY_CLASS ? null : pruneByNoiseRate(probs, members, prune, n);
        boolean[] byClass = filterBy == FilterBy.PRUNE_BY_NOISE_RATE ? null : pruneByClass(probs, members, prune, n);
        mask = byNoise == null ? byClass : byNoise;
        if (byNoise != null && byClass != null) {
          for (int i = 0; i < n; i++) {
            mask[i] = byNoise[i] && byClass[i];
          }
        }
    }
    int[] suggested = new int[n];
    double[] quality = new double[n];
    int flaggedCount = 0;
    for (int i = 0; i < n; i++) {
      suggested[i] = Stats.argmax(probs[i]);
      quality[i] = rankBy.score(probs[i], labels[i]);
      // the model agrees with the given label (ties count as agreement): not an issue
      if (probs[i][labels[i]] >= probs[i][suggested[i]]) {
        mask[i] = false;
      }
      flaggedCount += mask[i] ? 1 : 0;
    }
    int[] flaggedRows = new int[flaggedCount];
    double[] key = new double[flaggedCount];
    for (int i = 0, f = 0; i < n; i++) {
      if (mask[i]) {
        flaggedRows[f] = i;
        key[f++] = quality[i];
      }
    }
    int[] order = Inputs.ascending(key);
    int[] ranked = new int[flaggedCount];
    for (int f = 0; f < flaggedCount; f++) {
      ranked[f] = flaggedRows[order[f]];
    }
    return new LabelIssueReport(names, labels.clone(), suggested, quality, ranked, cj, filterBy, rankBy);
  }

  /**
   * The number of rows to prune per (given, true) cell: the calibrated joint with each diagonal raised to
   * {@code minExamplesPerClass} (taken evenly from the non-zero off-diagonals of that row), off-diagonals
   * scaled by {@code fracNoise}, or rescaled to {@code numToRemovePerClass}; rounded keeping row totals.
   */
  private int[][] pruneCounts(ConfidentJoint cj, int[] givenCounts) {
    int[][] cal = cj.calibrated();
    int k = cal.length;
    double[][] m = new double[k][k];
    for (int i = 0; i < k; i++) {
      double diag = Math.max(cal[i][i], minExamplesPerClass);
      double raise = diag - cal[i][i];
      int nonZero = 0;
      for (int j = 0; j < k; j++) {
        if (j != i && cal[i][j] > 0) {
          nonZero++;
        }
      }
      double removed = 0;
      for (int j = 0; j < k; j++) {
        if (j == i) {
          continue;
        }
        double v = cal[i][j];
        if (v > 0 && nonZero > 0) {
          v = Math.max(0, v - raise / nonZero);
        }
        double kept = v * fracNoise;
        removed += cal[i][j] - kept;
        m[i][j] = kept;
      }
      m[i][i] = cal[i][i] + removed;
      if (numToRemovePerClass != null) {
        double off = 0;
        for (int j = 0; j < k; j++) {
          off += j == i ? 0 : m[i][j];
        }
        for (int j = 0; j < k; j++) {
          if (j != i) {
            m[i][j] = off > 0 ? m[i][j] / off * numToRemovePerClass[i] : (double) numToRemovePerClass[i] / (k - 1);
          }
        }
        m[i][i] = givenCounts[i] - numToRemovePerClass[i];
      }
    }
    return Inputs.roundPreservingRowTotals(m);
  }

  private boolean[] pruneByNoiseRate(double[][] probs, int[][] members, int[][] prune, int n) {
    boolean[] mask = new boolean[n];
    int k = members.length;
    for (int given = 0; given < k; given++) {
      int[] rows = members[given];
      if (rows.length <= minExamplesPerClass) {
        continue;
      }
      for (int t = 0; t < k; t++) {
        int count = Math.min(prune[given][t], rows.length);
        if (t == given || count <= 0) {
          continue;
        }
        double[] key = new double[rows.length];
        for (int q = 0; q < rows.length; q++) {
          key[q] = -(probs[rows[q]][t] - probs[rows[q]][given]);
        }
        for (int q : Inputs.smallest(key, count)) {
          mask[rows[q]] = true;
        }
      }
    }
    return mask;
  }

  private boolean[] pruneByClass(double[][] probs, int[][] members, int[][] prune, int n) {
    boolean[] mask = new boolean[n];
    for (int c = 0; c < members.length; c++) {
      int[] rows = members[c];
      if (rows.length <= minExamplesPerClass) {
        continue;
      }
      int count = numToRemovePerClass != null ? numToRemovePerClass[c] : rows.length - prune[c][c];
      count = Math.min(count, rows.length);
      if (count <= 0) {
        continue;
      }
      double[] key = new double[rows.length];
      for (int q = 0; q < rows.length; q++) {
        key[q] = probs[rows[q]][c];
      }
      for (int q : Inputs.smallest(key, count)) {
        mask[rows[q]] = true;
      }
    }
    return mask;
  }

  private static int[][] members(int[] labels, int k) {
    int[] counts = new int[k];
    for (int y : labels) {
      counts[y]++;
    }
    int[][] out = new int[k][];
    for (int c = 0; c < k; c++) {
      out[c] = new int[counts[c]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < labels.length; i++) {
      out[labels[i]][fill[labels[i]]++] = i;
    }
    return out;
  }

  @Override
  public String toString() {
    return "LabelIssueFinder[filterBy=" + filterBy + ", rankBy=" + rankBy + ", minExamplesPerClass="
        + minExamplesPerClass + ", fracNoise=" + fracNoise
        + (numToRemovePerClass == null ? "" : ", numToRemovePerClass=" + Arrays.toString(numToRemovePerClass)) + "]";
  }
}
