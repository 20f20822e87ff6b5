package io.workbench.analysis.selection;

import io.workbench.display.Tabular;
import io.workbench.explain.FeatureImportance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores from {@link ProbingSelector}: the mean output change when a feature (or its block) is
 * perturbed. Features of blocks that were never refined carry their block's score.
 *
 * <pre>{@code
 * ProbingResult r = ProbingSelector.create().rank(model, data, 10);
 * r.top(10);            // most influential first (individually scored ones win ties)
 * r.modelRows();        // rows sent to the model in all
 * r.toTable();
 * }</pre>
 */
public final class ProbingResult implements Tabular {

  private final List<String> features;
  private final double[] scores;
  private final boolean[] individual;
  private final int blockSize;
  private final int probeRows;
  private final long modelRows;
  private final int modelCalls;

  ProbingResult(List<String> features, double[] scores, boolean[] individual, int blockSize, int probeRows,
      long modelRows, int modelCalls) {
    this.features = List.copyOf(features);
    this.scores = scores.clone();
    this.individual = individual.clone();
    this.blockSize = blockSize;
    this.probeRows = probeRows;
    this.modelRows = modelRows;
    this.modelCalls = modelCalls;
  }

  /** Score per feature, in dataset order. */
  public double[] scores() {
    return scores.clone();
  }

  /** Whether each feature was scored on its own (false: its block's score). */
  public boolean[] scoredIndividually() {
    return individual.clone();
  }

  /** Features per block in the first pass (1 = no blocks). */
  public int blockSize() {
    return blockSize;
  }

  /** Rows sent to the model in all. */
  public long modelRows() {
    return modelRows;
  }

  /** Number of model calls. */
  public int modelCalls() {
    return modelCalls;
  }

  /** Number of probe rows. */
  public int probeRows() {
    return probeRows;
  }

  /** Dataset positions ordered by score, largest first; ties: individually scored first, then position. */
  public int[] order() {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(scores[b], scores[a]);
      if (c != 0) {
        return c;
      }
      c = Boolean.compare(individual[b], individual[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  /** Positions of the {@code k} top features. */
  public int[] topIndices(int k) {
    if (k < 1 || k > scores.length) {
      throw new IllegalArgumentException("k must be between 1 and the " + scores.length + " features, got " + k);
    }
    return Arrays.copyOf(order(), k);
  }

  /** Names of the {@code k} top features. */
  public List<String> top(int k) {
    List<String> out = new ArrayList<>();
    for (int j : topIndices(k)) {
      out.add(features.get(j));
    }
    return out;
  }

  /** The scores as a {@link FeatureImportance} value (no spread). */
  public FeatureImportance toImportance() {
    return FeatureImportance.of("probing score (mean L1 output change)", features, scores, null, 1);
  }

  /** rank, feature, score, scored_as, for the individually scored features; the caption counts the rest. */
  @Override
  public Table toTable() {
    int[] o = order();
    IntColumn rank = IntColumn.create("rank");
    StringColumn f = StringColumn.create("feature");
    DoubleColumn s = DoubleColumn.create("score");
    StringColumn lvl = StringColumn.create("scored_as");
    int shown = 0;
    for (int j : o) {
      if (individual[j]) {
        rank.append(++shown);
        f.append(features.get(j));
        s.append(scores[j]);
        lvl.append("feature");
      }
    }
    long blockLevel = scores.length - shown;
    return Table.create("probing scores of " + shown + " features" + (blockLevel > 0 ? " (" + blockLevel
        + " more scored only by block)" : "") + ", " + probeRows + " probe rows, " + modelRows + " model rows",
        rank, f, s, lvl);
  }

  @Override
  public String toString() {
    return "ProbingResult(top " + top(Math.min(5, scores.length)) + ", " + modelRows + " model rows in " + modelCalls
        + " calls)";
  }
}
