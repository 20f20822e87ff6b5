package io.workbench.analysis.agreement;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Pairwise agreement of several importance methods over the same features. Values are compared as
 * magnitudes ({@code |v|}) when {@code absolute} is set, which suits signed attributions.
 *
 * <pre>{@code
 * Map<String, double[]> m = Map.of("shap", shap, "lime", lime, "permutation", perm);
 * AgreementMatrix am = AgreementMatrix.compute(names, m, 10, true);
 * am.toTable();              // one row per pair of methods
 * am.matrix("spearman");     // methods x methods
 * }</pre>
 */
public final class AgreementMatrix implements Displayable {

  /** The statistics {@link #matrix(String)} knows. */
  public static final List<String> STATISTICS = List.of("spearman", "kendall", "top_k_overlap", "jaccard");

  private final List<String> methods;
  private final Agreement[][] pairs;
  private final int k;

  private AgreementMatrix(List<String> methods, Agreement[][] pairs, int k) {
    this.methods = methods;
    this.pairs = pairs;
    this.k = k;
  }

  /**
   * Compares every pair of methods.
   *
   * @param names feature names, one per value of every vector
   * @param methods method name to importance vector, in display order (at least two)
   * @param k size of the top-k sets
   * @param absolute compare magnitudes instead of signed values
   */
  public static AgreementMatrix compute(List<String> names, Map<String, double[]> methods, int k, boolean absolute) {
    if (methods.size() < 2) {
      throw new IllegalArgumentException("An agreement matrix needs at least 2 methods, got " + methods.keySet());
    }
    List<String> m = new ArrayList<>(methods.keySet());
    Map<String, double[]> v = new LinkedHashMap<>();
    for (String name : m) {
      double[] x = methods.get(name);
      if (x.length != names.size()) {
        throw new IllegalArgumentException("Method '" + name + "' has " + x.length + " values but there are "
            + names.size() + " feature names");
      }
      v.put(name, absolute ? RankAgreement.abs(x) : x.clone());
    }
    Agreement[][] pairs = new Agreement[m.size()][m.size()];
    for (int i = 0; i < m.size(); i++) {
      for (int j = 0; j < m.size(); j++) {
        pairs[i][j] = RankAgreement.compare(names, v.get(m.get(i)), v.get(m.get(j)), k);
      }
    }
    return new AgreementMatrix(List.copyOf(m), pairs, k);
  }

  /** The method names in order. */
  public List<String> methods() {
    return methods;
  }

  /** The agreement of two methods by name. */
  public Agreement get(String a, String b) {
    return pairs[index(a)][index(b)];
  }

  private int index(String method) {
    int i = methods.indexOf(method);
    if (i < 0) {
      throw new IllegalArgumentException("Unknown method '" + method + "'; methods are " + methods);
    }
    return i;
  }

  /** One row per unordered pair: spearman, kendall, top-k overlap, jaccard, shared top-k names. */
  public Table toTable() {
    StringColumn a = StringColumn.create("method_a");
    StringColumn b = StringColumn.create("method_b");
    DoubleColumn rho = DoubleColumn.create("spearman");
    DoubleColumn tau = DoubleColumn.create("kendall");
    DoubleColumn ov = DoubleColumn.create("top" + k + "_overlap");
    DoubleColumn jac = DoubleColumn.create("jaccard");
    StringColumn shared = StringColumn.create("shared_top" + k);
    for (int i = 0; i < methods.size(); i++) {
      for (int j = i + 1; j < methods.size(); j++) {
        Agreement g = pairs[i][j];
        a.append(methods.get(i));
        b.append(methods.get(j));
        rho.append(g.spearman());
        tau.append(g.kendall());
        ov.append(g.topKOverlap());
        jac.append(g.jaccard());
        shared.append(String.join(", ", g.shared()));
      }
    }
    return Table.create("pairwise agreement", a, b, rho, tau, ov, jac, shared);
  }

  /** A methods x methods table of one statistic (see {@link #STATISTICS}). */
  public Table matrix(String statistic) {
    if (!STATISTICS.contains(statistic)) {
      throw new IllegalArgumentException("Unknown statistic '" + statistic + "'; statistics are " + STATISTICS);
    }
    StringColumn rows = StringColumn.create("method", methods);
    Table t = Table.create(statistic, rows);
    for (int j = 0; j < methods.size(); j++) {
      DoubleColumn c = DoubleColumn.create(methods.get(j));
      for (int i = 0; i < methods.size(); i++) {
        Agreement g = pairs[i][j];
        c.append(switch (statistic) {
          case "spearman" -> g.spearman();
          case "kendall" -> g.kendall();
          case "top_k_overlap" -> g.topKOverlap();
          default -> g.jaccard();
        });
      }
      t.addColumns(c);
    }
    return t;
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Pairwise agreement of " + methods.size() + " methods");
  }

  @Override
  public String toText() {
    return Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "AgreementMatrix(" + methods + ", k = " + k + ")";
  }

  /**
   * Heatmap of one statistic ({@code spearman}, {@code kendall}, ...) between every pair of importance vectors
   * (methods, models or anything else compared), titled with the statistic's name, e.g. "Spearman's ρ between
   * importance rankings".
   */
  public Figure plot(String statistic) {
    Table t = matrix(statistic);
    double[][] m = new double[methods.size()][methods.size()];
    for (int j = 0; j < methods.size(); j++) {
      double[] col = t.doubleColumn(methods.get(j)).asDoubleArray();
      for (int i = 0; i < methods.size(); i++) {
        m[i][j] = col[i];
      }
    }
    return Charts.correlationMatrix(methods, m, ChartOptions.defaults().title(title(statistic)));
  }

  /** The chart title naming what a statistic measures. */
  private String title(String statistic) {
    return switch (statistic) {
      case "spearman" -> "Spearman's \u03c1 between importance rankings";
      case "kendall" -> "Kendall's \u03c4 between importance rankings";
      case "top_k_overlap" -> "Top-" + k + " overlap between importance rankings";
      default -> "Jaccard index of the top-" + k + " feature sets";
    };
  }
}
