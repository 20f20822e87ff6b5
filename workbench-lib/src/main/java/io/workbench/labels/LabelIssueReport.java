package io.workbench.labels;

import io.workbench.data.Dataset;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The label issues found in one dataset: flagged rows ranked worst first, the confident-learning
 * estimates behind them, and the cleaned or relabelled dataset.
 *
 * <pre>{@code
 * LabelIssueReport r = LabelIssues.find(data, trainer, 5, 42);
 * r.issuesTable();               // row, given, suggested, quality
 * r.noiseMatrixTable();          // P(given | true)
 * Dataset clean = r.cleaned(data);
 * Dataset fixed = r.relabelled(data);
 * }</pre>
 */
public final class LabelIssueReport implements Displayable {

  private final List<String> classNames;
  private final int[] given;
  private final int[] suggested;
  private final double[] quality;
  private final int[] ranked;
  private final ConfidentJoint joint;
  private final FilterBy filterBy;
  private final RankBy rankBy;

  LabelIssueReport(
      List<String> classNames, int[] given, int[] suggested, double[] quality, int[] ranked, ConfidentJoint joint,
      FilterBy filterBy, RankBy rankBy) {
    this.classNames = List.copyOf(classNames);
    this.given = given;
    this.suggested = suggested;
    this.quality = quality;
    this.ranked = ranked;
    this.joint = joint;
    this.filterBy = filterBy;
    this.rankBy = rankBy;
  }

  /** Number of flagged rows. */
  public int count() {
    return ranked.length;
  }

  /** Number of rows examined. */
  public int rows() {
    return given.length;
  }

  /** Flagged row indices, worst label quality first (ties by row index). */
  public int[] issueRows() {
    return ranked.clone();
  }

  /** Per row: whether it is flagged. */
  public boolean[] isIssue() {
    boolean[] m = new boolean[given.length];
    for (int r : ranked) {
      m[r] = true;
    }
    return m;
  }

  /** The flagged rows, worst first. */
  public List<LabelIssue> issues() {
    List<LabelIssue> out = new ArrayList<>(ranked.length);
    for (int r : ranked) {
      out.add(new LabelIssue(
          r, given[r], classNames.get(given[r]), suggested[r], classNames.get(suggested[r]), quality[r]));
    }
    return Collections.unmodifiableList(out);
  }

  /** Label-quality score of every row (not only the flagged ones), by {@link #rankBy()}. */
  public double[] qualityScores() {
    return quality.clone();
  }

  /** The predicted class of every row (argmax of its out-of-fold probabilities). */
  public int[] suggestedLabels() {
    return suggested.clone();
  }

  /** The given labels the report was computed from. */
  public int[] givenLabels() {
    return given.clone();
  }

  /** Class names in index order. */
  public List<String> classNames() {
    return classNames;
  }

  /** Thresholds, confident joint, noise matrices and true-label prior. */
  public ConfidentJoint confidentJoint() {
    return joint;
  }

  /** The filter that flagged the rows. */
  public FilterBy filterBy() {
    return filterBy;
  }

  /** The score that ranks the rows. */
  public RankBy rankBy() {
    return rankBy;
  }

  /** Flagged rows as a table: {@code row, given, suggested, quality}, worst first. */
  public Table issuesTable() {
    int[] rows = ranked.clone();
    String[] g = new String[rows.length];
    String[] s = new String[rows.length];
    double[] q = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      g[i] = classNames.get(given[rows[i]]);
      s[i] = classNames.get(suggested[rows[i]]);
      q[i] = quality[rows[i]];
    }
    return Table.create(
        "label issues (" + filterBy.name().toLowerCase(Locale.ROOT) + ", ranked by "
            + rankBy.name().toLowerCase(Locale.ROOT) + ")",
        IntColumn.create("row", rows),
        StringColumn.create("given", g),
        StringColumn.create("suggested", s),
        DoubleColumn.create("quality", q));
  }

  /** The estimated noise matrix {@code P(given | true)}: one row per given class, one column per true class. */
  public Table noiseMatrixTable() {
    return joint.noiseMatrixTable();
  }

  /**
   * Per class: rows given that label, rows flagged among them, the flagged share, and the estimated
   * number of rows truly of that class (calibrated confident-joint column sum).
   */
  public Table perClassTable() {
    int k = classNames.size();
    int[] givenCounts = joint.givenCounts();
    int[] flagged = new int[k];
    for (int r : ranked) {
      flagged[given[r]]++;
    }
    double[] share = new double[k];
    int[] trueEstimate = new int[k];
    int[][] cal = joint.calibrated();
    for (int c = 0; c < k; c++) {
      share[c] = givenCounts[c] == 0 ? 0 : (double) flagged[c] / givenCounts[c];
      for (int i = 0; i < k; i++) {
        trueEstimate[c] += cal[i][c];
      }
    }
    return Table.create(
        "issues per class",
        StringColumn.create("class", classNames),
        IntColumn.create("given", givenCounts),
        IntColumn.create("issues", flagged),
        DoubleColumn.create("issue share", share),
        IntColumn.create("estimated true", trueEstimate));
  }

  /** The dataset without the flagged rows (row order kept). */
  public Dataset cleaned(Dataset data) {
    checkSame(data);
    boolean[] flagged = isIssue();
    return data.select(IntStream.range(0, given.length).filter(i -> !flagged[i]).toArray());
  }

  /** The dataset with each flagged row's label replaced by the suggested (predicted) class. */
  public Dataset relabelled(Dataset data) {
    checkSame(data);
    int[] y = given.clone();
    for (int r : ranked) {
      y[r] = suggested[r];
    }
    return data.withLabels(y);
  }

  /** Precision and recall of the flagged rows against rows known to be mislabelled. */
  public Detection detection(boolean[] mislabelled) {
    if (mislabelled == null || mislabelled.length != given.length) {
      throw new IllegalArgumentException(
          "mislabelled needs one entry per row: the report has " + given.length + " rows, got "
              + (mislabelled == null ? "null" : mislabelled.length));
    }
    int actual = 0;
    int hits = 0;
    for (int i = 0; i < mislabelled.length; i++) {
      actual += mislabelled[i] ? 1 : 0;
    }
    for (int r : ranked) {
      hits += mislabelled[r] ? 1 : 0;
    }
    return new Detection(ranked.length, actual, hits);
  }

  private void checkSame(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("data is null; pass the dataset the report was computed on");
    }
    LabelIssues.requireClassification(data);
    if (data.rows() != given.length) {
      throw new IllegalArgumentException(
          "This report covers " + given.length + " rows but the dataset has " + data.rows()
              + "; pass the dataset the report was computed on");
    }
    if (data.numClasses() != classNames.size()) {
      throw new IllegalArgumentException(
          "The dataset has classes " + data.classNames() + " but the report has " + classNames);
    }
    int[] y = data.y();
    for (int i = 0; i < y.length; i++) {
      if (y[i] != given[i]) {
        throw new IllegalArgumentException(
            "The dataset's label at row " + i + " is " + y[i] + " but the report was computed with " + given[i]
                + "; pass the dataset the report was computed on");
      }
    }
  }

  @Override
  public String toHtml() {
    StringBuilder b = new StringBuilder("<div class=\"wb-label-issues\">");
    b.append("<p><b>").append(count()).append(" label issues</b> in ").append(rows()).append(" rows (")
        .append(String.format(Locale.ROOT, "%.1f", 100.0 * count() / rows())).append(" %); confident learning estimates ")
        .append(joint.estimatedIssueCount()).append(" mislabelled rows.</p>");
    b.append(Tables.html(issuesTable(), 20));
    b.append(Tables.html(perClassTable(), 100));
    b.append(Tables.html(noiseMatrixTable(), 100));
    return b.append("</div>").toString();
  }

  @Override
  public String toText() {
    StringBuilder b = new StringBuilder(toString()).append('\n');
    Table issues = issuesTable();
    b.append(Tables.text(issues, 20)).append('\n');
    b.append(Tables.text(perClassTable())).append('\n');
    b.append(Tables.text(noiseMatrixTable()));
    return b.toString();
  }

  @Override
  public String toString() {
    return "LabelIssueReport[" + count() + " of " + rows() + " rows flagged by " + filterBy + ", ranked by " + rankBy
        + ", estimated mislabelled " + joint.estimatedIssueCount() + "]";
  }

  /** The calibrated confident joint as a heatmap: given label (rows) against estimated true label. */
  public Figure noiseMatrixPlot() {
    return Charts.confusionMatrix(confidentJoint().calibrated(), classNames(), ChartOptions.defaults()
        .title("Confident joint: given label (rows) vs estimated true label").yLabel("given label")
        .xLabel("estimated true label"));
  }
}
