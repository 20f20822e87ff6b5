package io.workbench.labels;

import io.workbench.data.Dataset;
import io.workbench.data.LabelNoise;
import io.workbench.data.NoisyLabels;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Does cleaning noisy labels pay off? Splits a dataset (stratified), corrupts the training labels on
 * purpose, finds label issues on the noisy training part by out-of-fold confident learning, then trains
 * the same trainer on the noisy, the cleaned and the true training labels and compares test accuracy
 * (on the untouched test labels) with paired bootstrap confidence intervals over the test rows.
 *
 * <p>Seeds: everything derives from the run options' seed s (default {@value RunOptions#DEFAULT_SEED}): the
 * train/test split uses s, the noise injection s + 1, the cross-validation folds s + 2 and the bootstrap
 * resampling s + 3. The trainer's own randomness is the trainer's setting; thread counts set here are handed
 * on to it. Progress is one bar over the four fits (out-of-fold issues, then noisy, cleaned and true labels)
 * with the cross-validation and the trainers nested in it.
 *
 * <pre>{@code
 * NoiseExperimentResult r = NoiseExperiment.symmetric(0.2)
 *     .trainer(trainer).folds(5).seed(42)
 *     .run(Datasets.digits());
 * r.toTable();   // noisy / cleaned / true: accuracy with 95 % interval
 * }</pre>
 */
public final class NoiseExperiment implements RunSettings<NoiseExperiment> {

  private final double rate;
  private final double[][] transition;
  private final Trainer trainer;
  private final int folds;
  private final double trainFraction;
  private final int bootstrap;
  private final double confidence;
  private final RunOptions options;
  private final LabelIssueFinder finder;

  private NoiseExperiment(
      double rate, double[][] transition, Trainer trainer, int folds, double trainFraction, int bootstrap,
      double confidence, RunOptions options, LabelIssueFinder finder) {
    this.rate = rate;
    this.transition = transition;
    this.trainer = trainer;
    this.folds = folds;
    this.trainFraction = trainFraction;
    this.bootstrap = bootstrap;
    this.confidence = confidence;
    this.options = options;
    this.finder = finder;
  }

  /** Symmetric noise: {@code rate} of the training rows get a uniformly drawn other label. */
  public static NoiseExperiment symmetric(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("Noise rate must be in [0, 1], got " + rate);
    }
    return new NoiseExperiment(rate, null, null, 5, 0.75, 1000, 0.95, RunOptions.defaults(), LabelIssues.finder());
  }

  /**
   * Class-conditional noise: a training row of true class i gets label j with probability {@code
   * transition[i][j]} (rows sum to 1; checked against the dataset when run).
   */
  public static NoiseExperiment classConditional(double[][] transition) {
    if (transition == null) {
      throw new IllegalArgumentException("transition is null; expected a classes x classes matrix");
    }
    double[][] copy = new double[transition.length][];
    for (int i = 0; i < transition.length; i++) {
      if (transition[i] == null) {
        throw new IllegalArgumentException("transition row " + i + " is null");
      }
      copy[i] = transition[i].clone();
    }
    return new NoiseExperiment(Double.NaN, copy, null, 5, 0.75, 1000, 0.95, RunOptions.defaults(),
        LabelIssues.finder());
  }

  /** The trainer used for the out-of-fold probabilities and for the three compared models (required). */
  public NoiseExperiment trainer(Trainer t) {
    return new NoiseExperiment(rate, transition, Objects.requireNonNull(t, "trainer"), folds, trainFraction, bootstrap,
        confidence, options, finder);
  }

  /** Folds of the out-of-fold cross-validation (default 5). */
  public NoiseExperiment folds(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + k);
    }
    return new NoiseExperiment(rate, transition, trainer, k, trainFraction, bootstrap, confidence, options, finder);
  }

  /** Share of rows for training (default 0.75); the rest is the clean test set. */
  public NoiseExperiment trainFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException("trainFraction must be strictly between 0 and 1, got " + f);
    }
    return new NoiseExperiment(rate, transition, trainer, folds, f, bootstrap, confidence, options, finder);
  }

  /** Bootstrap resamples of the test rows for the intervals (default 1000). */
  public NoiseExperiment bootstrap(int resamples) {
    if (resamples < 10) {
      throw new IllegalArgumentException("bootstrap needs at least 10 resamples, got " + resamples);
    }
    return new NoiseExperiment(rate, transition, trainer, folds, trainFraction, resamples, confidence, options, finder);
  }

  /** Coverage of the percentile intervals (default 0.95). */
  public NoiseExperiment confidence(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence must be strictly between 0 and 1, got " + level);
    }
    return new NoiseExperiment(rate, transition, trainer, folds, trainFraction, bootstrap, level, options, finder);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /** A copy with other run options; the seed is the master seed (see the class comment). */
  @Override
  public NoiseExperiment withOptions(RunOptions o) {
    return new NoiseExperiment(rate, transition, trainer, folds, trainFraction, bootstrap, confidence,
        Objects.requireNonNull(o, "options"), finder);
  }

  /** Settings of the issue finder (default {@link LabelIssues#finder()}). */
  public NoiseExperiment finder(LabelIssueFinder f) {
    return new NoiseExperiment(rate, transition, trainer, folds, trainFraction, bootstrap, confidence, options,
        Objects.requireNonNull(f, "finder"));
  }

  /** Runs the experiment on a classification dataset. */
  public NoiseExperimentResult run(Dataset data) {
    Objects.requireNonNull(data, "data");
    if (trainer == null) {
      throw new IllegalStateException("No trainer set; call trainer(...) before run()");
    }
    LabelIssues.requireClassification(data);
    long seed = options.seed();
    Split split = Splits.trainTest(data, trainFraction, seed);
    Dataset train = split.train();
    if (train.rows() < folds) {
      throw new IllegalArgumentException(
          "folds = " + folds + " need at least " + folds + " training rows, but the training part has " + train.rows());
    }
    NoisyLabels noisy = transition == null
        ? LabelNoise.symmetric(train, rate, seed + 1)
        : LabelNoise.classConditional(train, transition, seed + 1);
    Trainer fitter = options.passThreads(trainer);
    Dataset test = split.test();
    int[] y = test.y();
    List<String> names = List.of("noisy", "cleaned", "true");
    boolean[][] correct = new boolean[3][];
    LabelIssueReport report;
    Dataset[] trainings;
    try (ProgressTask progress = options.start("noise experiment", 4)) {
      progress.step("out-of-fold label issues");
      report = options.passThreads(finder).find(noisy.noisy(), fitter, folds, seed + 2);
      progress.advance(1, "found " + report.count() + " label issues");
      trainings = new Dataset[] {noisy.noisy(), report.cleaned(noisy.noisy()), noisy.clean()};
      for (int a = 0; a < 3; a++) {
        progress.check();
        progress.step("train on " + names.get(a) + " labels");
        Model m = fitter.fit(trainings[a]);
        int[] pred = m.predict(test);
        correct[a] = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
          correct[a][i] = pred[i] == y[i];
        }
        progress.advance(1, "trained on " + names.get(a) + " labels");
      }
      progress.done("3 models compared");
    }
    double[][] boot = bootstrapAccuracies(correct, bootstrap, new Random(seed + 3));
    double alpha = (1 - confidence) / 2;
    NoiseExperimentResult.Arm[] arms = new NoiseExperimentResult.Arm[3];
    for (int a = 0; a < 3; a++) {
      double acc = mean(correct[a]);
      double[] sorted = boot[a].clone();
      Arrays.sort(sorted);
      arms[a] = new NoiseExperimentResult.Arm(
          names.get(a), trainings[a].rows(), acc, quantile(sorted, alpha), quantile(sorted, 1 - alpha));
    }
    double[] diff = new double[bootstrap];
    for (int b = 0; b < bootstrap; b++) {
      diff[b] = boot[1][b] - boot[0][b];
    }
    Arrays.sort(diff);
    double gain = mean(correct[1]) - mean(correct[0]);
    return new NoiseExperimentResult(
        noiseDescription(), List.of(arms), gain, quantile(diff, alpha), quantile(diff, 1 - alpha),
        report.detection(noisy.flipped()), train.rows(), test.rows(), confidence, bootstrap, seed);
  }

  /**
   * Accuracy of each arm on {@code resamples} bootstrap resamples of the test rows; the same resampled
   * rows for every arm (paired), drawn with {@code rnd}.
   */
  static double[][] bootstrapAccuracies(boolean[][] correct, int resamples, Random rnd) {
    int n = correct[0].length;
    double[][] out = new double[correct.length][resamples];
    int[] hits = new int[correct.length];
    for (int b = 0; b < resamples; b++) {
      Arrays.fill(hits, 0);
      for (int i = 0; i < n; i++) {
        int r = rnd.nextInt(n);
        for (int a = 0; a < correct.length; a++) {
          if (correct[a][r]) {
            hits[a]++;
          }
        }
      }
      for (int a = 0; a < correct.length; a++) {
        out[a][b] = (double) hits[a] / n;
      }
    }
    return out;
  }

  /** Percentile of sorted values with linear interpolation between order statistics. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double mean(boolean[] v) {
    int c = 0;
    for (boolean b : v) {
      c += b ? 1 : 0;
    }
    return (double) c / v.length;
  }

  private String noiseDescription() {
    if (transition == null) {
      return String.format(java.util.Locale.ROOT, "symmetric %.0f %%", rate * 100);
    }
    return "class-conditional " + transition.length + "x" + transition.length;
  }

  @Override
  public String toString() {
    return "NoiseExperiment[" + noiseDescription() + ", folds=" + folds + ", trainFraction=" + trainFraction
        + ", bootstrap=" + bootstrap + ", confidence=" + confidence + ", seed=" + options.seed() + ", " + finder + "]";
  }
}
