package io.workbench.analysis.shortcut;

import io.workbench.data.Dataset;
import io.workbench.eval.Evaluation;
import io.workbench.eval.Metric;
import io.workbench.explain.Baseline;
import io.workbench.model.Model;

/**
 * The "mask of truth": a model's score on the test rows as they are, with only a region of interest kept
 * (everything outside it replaced by the baseline), and with only the region removed (the region replaced).
 * A model that reads the lesion, the QRS complex or the informative features scores well on the first and
 * near chance on the second; one that reads a shortcut outside the region does the opposite. The region is
 * given over the flattened sample (for a signal {@code channel * length + t}, for an image {@code row * width
 * + column}), once for all rows or per row.
 *
 * <pre>{@code
 * boolean[] roi = new boolean[test.numFeatures()];   // true inside the region
 * MaskResult m = MaskOfTruth.create().baseline(Baseline.mean(train)).run(model, test, roi);
 * m.roiOnly(); m.roiRemoved();
 * }</pre>
 */
public final class MaskOfTruth {

  private final Metric metric;
  private final Baseline baseline;

  private MaskOfTruth(Metric metric, Baseline baseline) {
    this.metric = metric;
    this.baseline = baseline;
  }

  /** Accuracy, baseline the constant 0. */
  public static MaskOfTruth create() {
    return new MaskOfTruth(Metric.ACCURACY, Baseline.constant(0));
  }

  /** The score. */
  public MaskOfTruth metric(Metric m) {
    if (m == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new MaskOfTruth(m, baseline);
  }

  /** What replaces masked values (one value per feature, or per row). */
  public MaskOfTruth baseline(Baseline b) {
    if (b == null) {
      throw new IllegalArgumentException("baseline must not be null");
    }
    return new MaskOfTruth(metric, b);
  }

  /** One region for every row ({@code roi[j]}: feature j is in the region). */
  public MaskResult run(Model model, Dataset test, boolean[] roi) {
    if (roi == null) {
      throw new IllegalArgumentException("roi must not be null");
    }
    boolean[][] all = new boolean[test.rows()][];
    java.util.Arrays.fill(all, roi);
    return run(model, test, all);
  }

  /**
   * A region per row.
   *
   * @throws IllegalArgumentException when the masks do not match the rows and features, or a region is empty
   *     for every row
   */
  public MaskResult run(Model model, Dataset test, boolean[][] roi) {
    int n = test.rows();
    int d = test.numFeatures();
    if (roi == null || roi.length != n) {
      throw new IllegalArgumentException("roi must have one mask per test row (" + n + "), got "
          + (roi == null ? "null" : roi.length));
    }
    int inside = 0;
    for (int i = 0; i < n; i++) {
      if (roi[i] == null || roi[i].length != d) {
        throw new IllegalArgumentException("roi[" + i + "] has " + (roi[i] == null ? "no" : roi[i].length)
            + " entries, expected one per feature (" + d + ")");
      }
      for (boolean b : roi[i]) {
        inside += b ? 1 : 0;
      }
    }
    if (inside == 0) {
      throw new IllegalArgumentException("roi is empty for every row; expected at least one feature inside");
    }
    float[][] x = test.x();
    float[][] ref = baseline.resolve(model, n);
    float[][] kept = new float[n][d];
    float[][] removed = new float[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        kept[i][j] = roi[i][j] ? x[i][j] : ref[i][j];
        removed[i][j] = roi[i][j] ? ref[i][j] : x[i][j];
      }
    }
    double full = metric.compute(Evaluation.predictions(model, test));
    double onlyRoi = metric.compute(Evaluation.predictions(model, test.withFeatures(kept)));
    double noRoi = metric.compute(Evaluation.predictions(model, test.withFeatures(removed)));
    return new MaskResult(metric.name(), full, onlyRoi, noRoi, (double) inside / ((double) n * d));
  }
}
