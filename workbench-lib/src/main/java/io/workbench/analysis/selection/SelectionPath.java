package io.workbench.analysis.selection;

import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.display.Tabular;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The path of a forward selection: the feature added at each step and the cross-validated score of the
 * features selected so far.
 *
 * <pre>{@code
 * SelectionPath p = ForwardSelection.create(trainer).run(data);
 * p.selected();        // features in the order they were added
 * p.bestSize();        // number of features with the best mean CV score
 * p.bestAtCap();       // true when that is the last step of a search stopped by maxFeatures
 * p.summary();         // "best size 5 of the 8 sizes tried (mean AUROC 0.98)", saying when the cap was reached
 * p.toTable();         // step, added, mean, std
 * }</pre>
 */
public final class SelectionPath implements Tabular {

  private final String score;
  private final boolean higherIsBetter;
  private final String mode;
  private final List<String> added;
  private final List<double[]> foldScores;
  private final int candidates;

  SelectionPath(String score, boolean higherIsBetter, String mode, List<String> added, List<double[]> foldScores,
      int candidates) {
    this.candidates = candidates;
    this.score = score;
    this.higherIsBetter = higherIsBetter;
    this.mode = mode;
    this.added = List.copyOf(added);
    this.foldScores = new ArrayList<>();
    for (double[] f : foldScores) {
      this.foldScores.add(f.clone());
    }
  }

  /** Features in the order they were added. */
  public List<String> selected() {
    return added;
  }

  /** Mean CV score after each step. */
  public double[] means() {
    return foldScores.stream().mapToDouble(Stats::mean).toArray();
  }

  /** Standard deviation over folds after each step. */
  public double[] stds() {
    return foldScores.stream().mapToDouble(Stats::std).toArray();
  }

  /** Per-fold scores of step {@code step} (0-based). */
  public double[] foldScores(int step) {
    return foldScores.get(step).clone();
  }

  /** The number of features whose mean CV score is best (the smallest such set). */
  public int bestSize() {
    double[] m = means();
    int best = 0;
    for (int i = 1; i < m.length; i++) {
      if (higherIsBetter ? m[i] > m[best] : m[i] < m[best]) {
        best = i;
      }
    }
    return best + 1;
  }

  /** How many features the search could choose from. */
  public int candidates() {
    return candidates;
  }

  /** Whether the search stopped at its cap ({@code maxFeatures}) with candidates left untried. */
  public boolean stoppedAtCap() {
    return added.size() < candidates;
  }

  /**
   * Whether the best size is the cap itself: the score was still at its best on the last step, so more
   * features might score better still (raise {@code maxFeatures} to find out).
   */
  public boolean bestAtCap() {
    return stoppedAtCap() && bestSize() == added.size();
  }

  /**
   * One sentence: the best size, its mean CV score, and whether the search cap was reached, e.g. "best size 8
   * of the 8 sizes tried (mean AUROC 0.991): the search cap maxFeatures(8) was reached with 22 candidates left, so more
   * features may score better".
   */
  public String summary() {
    int best = bestSize();
    String s = "best size " + best + " of the " + added.size() + " sizes tried (mean " + score + " "
        + Numbers.format(means()[best - 1]) + ")";
    if (bestAtCap()) {
      return s + ": the search cap maxFeatures(" + added.size() + ") was reached with " + (candidates - added.size())
          + " candidates left, so more features may score better";
    }
    if (stoppedAtCap()) {
      return s + "; the search stopped at maxFeatures(" + added.size() + ") with " + (candidates - added.size())
          + " candidates left";
    }
    return s + "; every candidate was tried";
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), toTable().name() + ": " + summary());
  }

  @Override
  public String toText() {
    return Tables.text(toTable(), toTable().name() + ": " + summary());
  }

  /** step, feature added, number of features, CV mean and std. */
  @Override
  public Table toTable() {
    double[] m = means();
    double[] s = stds();
    IntColumn step = IntColumn.create("step");
    StringColumn f = StringColumn.create("added");
    DoubleColumn mean = DoubleColumn.create(score + "_mean", m);
    DoubleColumn std = DoubleColumn.create(score + "_std", s);
    for (int i = 0; i < added.size(); i++) {
      step.append(i + 1);
      f.append(added.get(i));
    }
    return Table.create("forward selection (" + mode + ", " + foldScores.get(0).length + "-fold CV " + score + ")",
        step, f, mean, std);
  }

  @Override
  public String toString() {
    return "SelectionPath(" + mode + ", " + added + "; " + summary() + ")";
  }
}
