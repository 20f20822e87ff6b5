package io.workbench.analysis.representation;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.Figure;
import io.workbench.plot.Theme;
import io.workbench.plot.XChartFigure;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * TCAV scores of several concepts for one class at one layer, each over many CAVs, with the random-CAV
 * scores they are tested against, the two-sided Welch t-test p-values and their Bonferroni correction
 * (times the number of concepts, capped at 1).
 *
 * <pre>{@code
 * TcavResult t = Tcav.create().layer("dense1").target(1).run(net, concepts, pool, inputs);
 * t.score("stripes"); t.correctedPValue("stripes"); t.significant("stripes");
 * }</pre>
 */
public final class TcavResult implements Displayable {

  /** Significance level for {@link #significant(String)}, after the Bonferroni correction. */
  public static final double ALPHA = 0.05;

  private final String layer;
  private final String target;
  private final List<String> concepts;
  private final double[][] scores;
  private final double[] randomScores;
  private final double[] pValues;
  private final int inputs;
  private final long seed;

  TcavResult(String layer, String target, List<String> concepts, double[][] scores, double[] randomScores,
      double[] pValues, int inputs, long seed) {
    this.layer = layer;
    this.target = target;
    this.concepts = List.copyOf(concepts);
    this.scores = Matrices.copy(scores);
    this.randomScores = randomScores.clone();
    this.pValues = pValues.clone();
    this.inputs = inputs;
    this.seed = seed;
  }

  /** The layer of the CAVs. */
  public String layer() {
    return layer;
  }

  /** The class whose logit was differentiated. */
  public String target() {
    return target;
  }

  /** The concepts, in the order given. */
  public List<String> concepts() {
    return concepts;
  }

  /** Mean TCAV score of a concept over its CAVs. */
  public double score(String concept) {
    return Tcav.mean(scores[index(concept)]);
  }

  /** The TCAV score of each CAV of a concept (a copy). */
  public double[] scores(String concept) {
    return scores[index(concept)].clone();
  }

  /** The scores of the random CAVs (a copy). */
  public double[] randomScores() {
    return randomScores.clone();
  }

  /** Mean score of the random CAVs. */
  public double randomScore() {
    return Tcav.mean(randomScores);
  }

  /** Uncorrected two-sided Welch t-test p-value of a concept against the random CAVs. */
  public double pValue(String concept) {
    return pValues[index(concept)];
  }

  /** Bonferroni-corrected p-value: {@code min(1, p x concepts)}. */
  public double correctedPValue(String concept) {
    return Math.min(1, pValue(concept) * concepts.size());
  }

  /** Whether the corrected p-value is below {@value #ALPHA}. */
  public boolean significant(String concept) {
    return correctedPValue(concept) < ALPHA;
  }

  private int index(String concept) {
    int i = concepts.indexOf(concept);
    if (i < 0) {
      throw new IllegalArgumentException("Unknown concept '" + concept + "'; concepts are " + concepts);
    }
    return i;
  }

  /** One row per concept: mean and sd of the score, random mean, p-values, significance. */
  public Table toTable() {
    DoubleColumn mean = DoubleColumn.create("tcav_score");
    DoubleColumn sd = DoubleColumn.create("sd");
    DoubleColumn rnd = DoubleColumn.create("random_score");
    DoubleColumn p = DoubleColumn.create("p_value");
    DoubleColumn pc = DoubleColumn.create("p_bonferroni");
    BooleanColumn sig = BooleanColumn.create("significant");
    for (String c : concepts) {
      double[] s = scores[index(c)];
      mean.append(Tcav.mean(s));
      sd.append(Math.sqrt(Tcav.variance(s)));
      rnd.append(randomScore());
      p.append(pValue(c));
      pc.append(correctedPValue(c));
      sig.append(significant(c));
    }
    return Table.create("TCAV", StringColumn.create("concept", concepts), mean, sd, rnd, p, pc, sig);
  }

  /** Bars of the mean TCAV score per concept (error bars: one sd over the CAVs), random CAVs last. */
  public Figure plot() {
    CategoryChart c = Theme.style(new CategoryChartBuilder().width(700).height(420)
        .title("TCAV for class '" + target + "' at layer " + layer).yAxisTitle("TCAV score").build());
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setLegendVisible(false);
    List<String> names = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> sds = new ArrayList<>();
    for (String k : concepts) {
      double[] s = scores[index(k)];
      names.add(k + (significant(k) ? " *" : ""));
      means.add(Tcav.mean(s));
      sds.add(Math.sqrt(Tcav.variance(s)));
    }
    names.add("random");
    means.add(randomScore());
    sds.add(Math.sqrt(Tcav.variance(randomScores)));
    c.addSeries("TCAV score", names, means, sds).setFillColor(Theme.categorical(0));
    return XChartFigure.of(c);
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "TCAV, class '" + target + "', layer " + layer + ": " + scores[0].length
        + " CAVs per concept, " + inputs + " inputs, seed " + seed + "; two-sided Welch t-test against random CAVs"
        + " (mean " + Numbers.format(randomScore()) + "), Bonferroni over " + concepts.size() + " concepts");
  }

  @Override
  public String toText() {
    return Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "TcavResult(" + layer + ", " + target + ", " + concepts + ")";
  }
}
