package io.workbench.analysis.agreement;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.factory.Models;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The models of a Rashomon set and the spread of each feature's importance over the accepted ones.
 *
 * <pre>{@code
 * RashomonResult r = RashomonSet.create().fit(trainers, data);
 * r.acceptedCount();
 * r.min(); r.max(); r.mean(); r.std();   // per feature, in dataset order
 * r.toTable();                           // feature spread, by mean importance
 * r.modelsTable();                       // score and acceptance per trainer
 * }</pre>
 */
public final class RashomonResult implements Displayable {

  private final List<String> features;
  private final String score;
  private final double tolerance;
  private final double[] scores;
  private final boolean[] accepted;
  private final double[][] importances;

  RashomonResult(List<String> features, String score, double tolerance, double[] scores, boolean[] accepted,
      List<double[]> importances) {
    this.features = List.copyOf(features);
    this.score = score;
    this.tolerance = tolerance;
    this.scores = scores.clone();
    this.accepted = accepted.clone();
    this.importances = importances.toArray(new double[0][]);
  }

  /** Feature names, in dataset order. */
  public List<String> features() {
    return features;
  }

  /** Validation score of every trainer. */
  public double[] scores() {
    return scores.clone();
  }

  /** Whether each trainer's model was accepted. */
  public boolean[] accepted() {
    return accepted.clone();
  }

  /** Number of accepted models. */
  public int acceptedCount() {
    return importances.length;
  }

  /** Importances of the accepted models, [model][feature]. */
  public double[][] importances() {
    double[][] out = new double[importances.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = importances[i].clone();
    }
    return out;
  }

  /** Smallest importance per feature over the accepted models. */
  public double[] min() {
    return reduce(0);
  }

  /** Largest importance per feature. */
  public double[] max() {
    return reduce(1);
  }

  /** Mean importance per feature. */
  public double[] mean() {
    return reduce(2);
  }

  /** Sample standard deviation per feature (0 with one model). */
  public double[] std() {
    return reduce(3);
  }

  private double[] reduce(int what) {
    int d = features.size();
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      double[] v = new double[importances.length];
      for (int m = 0; m < v.length; m++) {
        v[m] = importances[m][j];
      }
      out[j] = switch (what) {
        case 0 -> java.util.Arrays.stream(v).min().orElse(Double.NaN);
        case 1 -> java.util.Arrays.stream(v).max().orElse(Double.NaN);
        case 2 -> Stats.mean(v);
        default -> Stats.std(v);
      };
    }
    return out;
  }

  /**
   * The mean importances as a {@link FeatureImportance} value, the spread (and the 95 % interval) over the
   * accepted models.
   */
  public FeatureImportance meanImportances() {
    return FeatureImportance.of("mean importance over " + acceptedCount() + " near-optimal models", features, mean(),
        std(), acceptedCount());
  }

  /** feature, min, max, mean, std, range; by mean importance, largest first. */
  public Table toTable() {
    double[] lo = min();
    double[] hi = max();
    double[] mu = mean();
    double[] sd = std();
    int[] order = RankAgreement.topK(mu, mu.length);
    StringColumn f = StringColumn.create("feature");
    DoubleColumn a = DoubleColumn.create("min");
    DoubleColumn b = DoubleColumn.create("max");
    DoubleColumn c = DoubleColumn.create("mean");
    DoubleColumn e = DoubleColumn.create("std");
    DoubleColumn r = DoubleColumn.create("range");
    for (int j : order) {
      f.append(features.get(j));
      a.append(lo[j]);
      b.append(hi[j]);
      c.append(mu[j]);
      e.append(sd[j]);
      r.append(hi[j] - lo[j]);
    }
    return Table.create(caption(), f, a, b, c, e, r);
  }

  /** model (trainer position), score, accepted. */
  public Table modelsTable() {
    IntColumn m = IntColumn.create("model");
    DoubleColumn s = DoubleColumn.create(score);
    BooleanColumn a = BooleanColumn.create("accepted");
    for (int i = 0; i < scores.length; i++) {
      m.append(i);
      s.append(scores[i]);
      a.append(accepted[i]);
    }
    return Table.create("Rashomon set models", m, s, a);
  }

  private String caption() {
    return String.format(Locale.ROOT, "importance spread over %d of %d models within %s %s of the best",
        acceptedCount(), scores.length, Numbers.format(tolerance), score);
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), caption()) + Tables.html(modelsTable(), "Models");
  }

  @Override
  public String toText() {
    return Tables.text(toTable()) + "\n" + Tables.text(modelsTable());
  }

  @Override
  public String toString() {
    List<String> top = new ArrayList<>(meanImportances().topFeatures(Math.min(5, features.size())));
    return "RashomonResult(" + caption() + ", top " + top + ")";
  }

  /**
   * Each feature's importance range over the accepted models: the bar ends at the middle of the range and the
   * error bar spans min to max (the mean is in {@link #toTable()}).
   */
  public Figure plot() {
    double[] lo = min();
    double[] hi = max();
    double[] mean = new double[lo.length];
    double[] half = new double[lo.length];
    for (int j = 0; j < lo.length; j++) {
      mean[j] = (lo[j] + hi[j]) / 2;
      half[j] = (hi[j] - lo[j]) / 2;
    }
    return Charts.importance(features(), mean, half, ChartOptions.defaults()
        .title("Rashomon set: importance range over " + acceptedCount() + " models"));
  }
}
