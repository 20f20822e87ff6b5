package io.workbench.analysis.selection;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Top-k feature selection by probing a black box: the values of a feature (or of a block of adjacent
 * features) in a sample of rows are replaced by those of other sampled rows, and the mean L1 change of
 * the model's output (all classes, or the regression value) is the feature's score. This is the
 * probe-and-perturb step of the workflow in "Interpreting Black-box Machine Learning Models for High
 * Dimensional Datasets" (Karim et al., arXiv 2208.13405, 2022), ahead of a
 * {@link io.workbench.analysis.surrogate.GlobalSurrogate}.
 *
 * <p>For wide data ({@code d} up to 20,000 and more) features are probed in blocks first; then the
 * highest-scoring block is refined feature by feature, again and again, until the top-k features are
 * all scored individually and none of the unrefined blocks scores higher than the k-th of them. This
 * assumes a block changes the output at least as much as any one of its members, which holds for
 * additive effects and usually otherwise. All probes go through the model in batches of thousands of
 * rows (capped at 128 MiB of inputs per call).
 *
 * <pre>{@code
 * ProbingResult r = ProbingSelector.create().rows(100).seed(42).threads(2).rank(blackBox, train, 10);
 * List<String> top = r.top(10);
 * SurrogateTree s = GlobalSurrogate.create().features(top).fit(blackBox, train, test);
 * }</pre>
 */
public final class ProbingSelector implements RunSettings<ProbingSelector> {

  private final int rows;
  private final int blockSize;
  private final RunOptions options;

  private ProbingSelector(int rows, int blockSize, RunOptions options) {
    this.rows = rows;
    this.blockSize = blockSize;
    this.options = options;
  }

  /** 200 probe rows (drawn with the options' seed, default 42), automatic blocks, {@link RunOptions#defaults()}. */
  public static ProbingSelector create() {
    return new ProbingSelector(200, 0, RunOptions.defaults());
  }

  /** Probe rows drawn without replacement from the data, at least 2. */
  public ProbingSelector rows(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("rows must be >= 2, got " + n);
    }
    return new ProbingSelector(n, blockSize, options);
  }

  /**
   * Features per block in the first pass: 1 probes every feature on its own; 0 (default) picks 1 up to
   * 500 features and {@code ceil(sqrt(d))} beyond.
   */
  public ProbingSelector blockSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("blockSize must be >= 0 (0 = automatic), got " + size);
    }
    return new ProbingSelector(rows, size, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /** A copy with other run options; the seed draws the probe rows and the donor rows. */
  @Override
  public ProbingSelector withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new ProbingSelector(rows, blockSize, o);
  }

  /**
   * Scores the features; with blocks, refines until the top {@code k} are scored individually.
   *
   * @param k how many top features must be exact, between 1 and the number of features
   */
  public ProbingResult rank(Model model, Dataset data, int k) {
    Model.checkFeatures(model, data.features());
    int d = data.numFeatures();
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("k must be between 1 and the " + d + " features, got " + k);
    }
    if (data.rows() < 2) {
      throw new IllegalArgumentException("Probing needs at least 2 data rows, got " + data.rows());
    }
    int block = blockSize > 0 ? Math.min(blockSize, d) : (d <= 500 ? 1 : (int) Math.ceil(Math.sqrt(d)));
    int[] sample = Stats.sampleIndices(data.rows(), rows, options.seed());
    float[][] x = data.x(sample);
    int m = x.length;
    int[] donor = donors(m, new Random(options.seed() ^ 0x5DEECE66DL));
    try (AnalysisRun run = AnalysisRun.start("probing", -1, options)) {
      return rank(run, model, data, k, block, x, donor);
    }
  }

  private ProbingResult rank(AnalysisRun run, Model model, Dataset data, int k, int block, float[][] x, int[] donor) {
    int d = data.numFeatures();
    int m = x.length;
    long[] counters = new long[2];
    float[][] base = model.predictProba(x);
    counters[0] += m;
    counters[1]++;

    int blocks = (d + block - 1) / block;
    double[] blockScore = new double[blocks];
    int[][] blockCols = new int[blocks][];
    for (int b = 0; b < blocks; b++) {
      int from = b * block;
      int to = Math.min(d, from + block);
      blockCols[b] = java.util.stream.IntStream.range(from, to).toArray();
    }
    double[] score = new double[d];
    boolean[] individual = new boolean[d];
    if (block == 1) {
      double[] s = probe(run, model, x, base, donor, blockCols, counters);
      System.arraycopy(s, 0, score, 0, d);
      Arrays.fill(individual, true);
      return new ProbingResult(data.features(), score, individual, block, m, counters[0], (int) counters[1]);
    }
    double[] bs = probe(run, model, x, base, donor, blockCols, counters);
    System.arraycopy(bs, 0, blockScore, 0, blocks);
    for (int b = 0; b < blocks; b++) {
      for (int j : blockCols[b]) {
        score[j] = blockScore[b];
      }
    }
    boolean[] refined = new boolean[blocks];
    int refinedCount = 0;
    while (true) {
      int bestBlock = -1;
      for (int b = 0; b < blocks; b++) {
        if (!refined[b] && (bestBlock < 0 || blockScore[b] > blockScore[bestBlock])) {
          bestBlock = b;
        }
      }
      if (bestBlock < 0) {
        break;
      }
      List<Double> ind = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        if (individual[j]) {
          ind.add(score[j]);
        }
      }
      if (ind.size() >= k) {
        ind.sort((a, b) -> Double.compare(b, a));
        if (ind.get(k - 1) >= blockScore[bestBlock]) {
          break;
        }
      }
      int[] cols = blockCols[bestBlock];
      int[][] singles = new int[cols.length][];
      for (int c = 0; c < cols.length; c++) {
        singles[c] = new int[] {cols[c]};
      }
      double[] s = probe(run, model, x, base, donor, singles, counters);
      for (int c = 0; c < cols.length; c++) {
        score[cols[c]] = s[c];
        individual[cols[c]] = true;
      }
      refined[bestBlock] = true;
      refinedCount++;
    }
    return new ProbingResult(data.features(), score, individual, block, m, counters[0], (int) counters[1]);
  }

  /** Mean L1 output change per column set, over all probe rows, in batched calls. */
  private static double[] probe(AnalysisRun run, Model model, float[][] x, float[][] base, int[] donor, int[][] sets,
      long[] counters) {
    int m = x.length;
    int d = x[0].length;
    double[][] change = new double[sets.length][m];
    long total = (long) sets.length * m;
    int calls = run.evaluate(model, total, d, m, (v, dest, prev) -> {
      int s = (int) (v / m);
      int i = (int) (v % m);
      if (prev >= 0 && prev % m == i) {
        for (int j : sets[(int) (prev / m)]) {
          dest[j] = x[i][j];
        }
      } else {
        System.arraycopy(x[i], 0, dest, 0, d);
      }
      float[] src = x[donor[i]];
      for (int j : sets[s]) {
        dest[j] = src[j];
      }
    }, (v, o) -> {
      int i = (int) (v % m);
      float[] b = base[i];
      double diff = 0;
      for (int c = 0; c < o.length; c++) {
        diff += Math.abs(o[c] - b[c]);
      }
      change[(int) (v / m)][i] = diff;
    });
    double[] out = new double[sets.length];
    for (int q = 0; q < sets.length; q++) {
      for (int i = 0; i < m; i++) {
        out[q] += change[q][i] / m;
      }
    }
    counters[0] += total;
    counters[1] += calls;
    return out;
  }

  /** A random permutation with no fixed point (every row gets another row's values). */
  static int[] donors(int m, Random rnd) {
    int[] p = new int[m];
    for (int i = 0; i < m; i++) {
      p[i] = i;
    }
    for (int i = m - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    for (int i = 0; i < m; i++) {
      if (p[i] == i) {
        int j = (i + 1) % m;
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
    }
    return p;
  }
}
