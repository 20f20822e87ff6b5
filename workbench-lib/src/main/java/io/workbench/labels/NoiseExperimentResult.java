package io.workbench.labels;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a {@link NoiseExperiment}: test accuracy of models trained on noisy, cleaned and true
 * labels with bootstrap intervals, the accuracy gain of cleaning with its paired interval, and how well
 * the flagged rows match the rows that were corrupted.
 *
 * <pre>{@code
 * NoiseExperimentResult r = NoiseExperiment.symmetric(0.2).trainer(t).seed(42).run(data);
 * r.arm("cleaned").accuracy();
 * r.detection().precision();
 * }</pre>
 *
 * @param noise what noise was injected
 * @param arms the three compared trainings, in the order noisy, cleaned, true
 * @param gain accuracy of cleaned minus accuracy of noisy
 * @param gainLow lower end of the paired bootstrap interval of the gain
 * @param gainHigh upper end of the paired bootstrap interval of the gain
 * @param detection flagged rows against corrupted rows of the training part
 * @param trainRows rows in the training part
 * @param testRows rows in the test part
 * @param confidence coverage of the intervals
 * @param resamples bootstrap resamples
 * @param seed the experiment's master seed
 */
public record NoiseExperimentResult(
    String noise, List<Arm> arms, double gain, double gainLow, double gainHigh, Detection detection, int trainRows,
    int testRows, double confidence, int resamples, long seed) implements Displayable {

  /**
   * One training variant.
   *
   * @param name {@code noisy}, {@code cleaned} or {@code true}
   * @param trainRows rows it was trained on
   * @param accuracy test accuracy
   * @param low lower end of the bootstrap interval
   * @param high upper end of the bootstrap interval
   */
  public record Arm(String name, int trainRows, double accuracy, double low, double high) {}

  /** Copies the arms. */
  public NoiseExperimentResult {
    arms = List.copyOf(arms);
  }

  /** The arm with this name ({@code noisy}, {@code cleaned}, {@code true}). */
  public Arm arm(String name) {
    for (Arm a : arms) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("No arm '" + name + "'; arms are noisy, cleaned, true");
  }

  /** One row per arm: training labels, rows, accuracy, interval. */
  public Table toTable() {
    int k = arms.size();
    String[] names = new String[k];
    int[] rows = new int[k];
    double[] acc = new double[k];
    double[] lo = new double[k];
    double[] hi = new double[k];
    for (int i = 0; i < k; i++) {
      Arm a = arms.get(i);
      names[i] = a.name();
      rows[i] = a.trainRows();
      acc[i] = a.accuracy();
      lo[i] = a.low();
      hi[i] = a.high();
    }
    String pct = String.format(Locale.ROOT, "%.0f%%", confidence * 100);
    return Table.create(
        "test accuracy, " + noise + " label noise (" + pct + " bootstrap intervals, " + testRows + " test rows)",
        StringColumn.create("training labels", names),
        IntColumn.create("training rows", rows),
        DoubleColumn.create("accuracy", acc),
        DoubleColumn.create("low " + pct, lo),
        DoubleColumn.create("high " + pct, hi));
  }

  private String summary() {
    return String.format(
        Locale.ROOT,
        "cleaning changed accuracy by %+.4f (%.0f%% interval %+.4f .. %+.4f); flagged %d rows, %d of %d corrupted"
            + " rows found: precision %.3f, recall %.3f",
        gain, confidence * 100, gainLow, gainHigh, detection.flagged(), detection.truePositives(), detection.actual(),
        detection.precision(), detection.recall());
  }

  @Override
  public String toHtml() {
    return "<div class=\"wb-noise-experiment\">" + Tables.html(toTable(), 10) + "<p>" + Tables.escape(summary())
        + "</p></div>";
  }

  @Override
  public String toText() {
    return Tables.text(toTable()) + "\n" + summary();
  }
}
