package io.workbench.explain;

import io.workbench.display.Tabular;
import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How much relevance LRP carries through each stage of a network: per stage, its rule, the mean total relevance
 * leaving it downwards (at its input) and arriving from above (at its output), and the largest share of a row's
 * relevance the stage absorbed or created. Conserving rules on bias-free stages leave {@code max_leak} at float
 * error; biases, epsilon and the dropped negative part of z+ show up here.
 *
 * <pre>{@code
 * LrpConservation c = Explain.lrp(mlp).composite(LrpComposite.epsilon(0)).conservation(test.head(20));
 * c.toTable();           // stage, layer, kind, rule, relevance_in, relevance_out, max_leak
 * c.totals()[0];         // row 0: relevance at each stage's input, then the starting logit
 * }</pre>
 *
 * @param stages the network's stages
 * @param rules the rule of each stage
 * @param totals per row, the relevance at each stage's input and (last) the starting logit
 */
public record LrpConservation(List<Propagation.Stage> stages, List<RelevanceRule> rules, double[][] totals)
    implements Tabular {

  /** Copies the lists. */
  public LrpConservation {
    stages = List.copyOf(stages);
    rules = List.copyOf(rules);
  }

  /** The largest {@code |in - out| / max(|out|, 1e-12)} of stage {@code s} over the rows. */
  public double maxLeak(int s) {
    double worst = 0;
    for (double[] row : totals) {
      worst = Math.max(worst, Math.abs(row[s] - row[s + 1]) / Math.max(Math.abs(row[s + 1]), 1e-12));
    }
    return worst;
  }

  @Override
  public Table toTable() {
    IntColumn idx = IntColumn.create("stage");
    StringColumn layer = StringColumn.create("layer");
    StringColumn kind = StringColumn.create("kind");
    StringColumn rule = StringColumn.create("rule");
    DoubleColumn in = DoubleColumn.create("relevance_in");
    DoubleColumn out = DoubleColumn.create("relevance_out");
    DoubleColumn leak = DoubleColumn.create("max_leak");
    for (int s = 0; s < stages.size(); s++) {
      Propagation.Stage st = stages.get(s);
      idx.append(s);
      layer.append(st.layer());
      kind.append(st.kind() == Propagation.Kind.ACTIVATION ? st.function() : st.kind().name().toLowerCase(
          java.util.Locale.ROOT));
      rule.append(rules.get(s).toString());
      double a = 0;
      double b = 0;
      for (double[] row : totals) {
        a += row[s] / totals.length;
        b += row[s + 1] / totals.length;
      }
      in.append(a);
      out.append(b);
      leak.append(maxLeak(s));
    }
    return Table.create("LRP relevance by stage (" + totals.length + " rows)", idx, layer, kind, rule, in, out, leak);
  }

  @Override
  public String toString() {
    return "LrpConservation(" + stages.size() + " stages, " + totals.length + " rows)";
  }
}
