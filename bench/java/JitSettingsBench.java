import io.workbench.data.Dataset;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.TreeShap;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What the kernel's JIT settings cost sustained Java code: the work of a cell right after start, run in a JVM
 * started with the options under test (bench/suites/startup.sh passes the kernelspec's, and those plus
 * {@code --fast-start}'s {@code -XX:TieredStopAtLevel=1}). An XGBoost model (100 rounds, depth 6, one thread) on a
 * seeded 12000 x 30 binary task, then four rounds of Fast TreeSHAP (Java) of 2000 rows and interventional TreeSHAP
 * of 200 rows against 100 background rows, each on one thread, timed by the thread's CPU time.
 * Prints {@code treeshap_fast_ms FIRST STEADY} and {@code treeshap_interventional_ms FIRST STEADY} (steady: the
 * median of rounds 2-4).
 *
 * <p>Usage: java OPTIONS -cp CP bench/java/JitSettingsBench.java
 */
public class JitSettingsBench {

  public static void main(String[] args) throws Exception {
    int n = 12_000;
    int d = 30;
    Random rnd = new Random(42);
    double[][] x = new double[d][n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[j][i] = rnd.nextGaussian();
      }
      double s = x[0][i] + 0.8 * x[1][i] * x[2][i] - 0.6 * x[3][i] * x[3][i] + 0.5 * Math.sin(2 * x[4][i])
          + 0.7 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    List<Column<?>> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
      cols.add(DoubleColumn.create("f" + j, x[j]));
    }
    cols.add(IntColumn.create("y", y));
    Dataset data = Dataset.builder(Table.create("t", cols.toArray(new Column<?>[0]))).target("y").features(names)
        .classNames("0", "1").build();
    XGBoostModel m = Models.xgboost().rounds(100).maxDepth(6).eta(0.3).threads(1).seed(0).progress(e -> {})
        .fit(data);
    float[][] xs = data.x();
    float[][] rows = Arrays.copyOfRange(xs, 0, 2000);
    float[][] some = Arrays.copyOf(rows, 200);
    TreeShap fast = Explain.treeShap(m).algorithm(TreeShap.Algorithm.FAST).threads(1).progress(e -> {});
    TreeShap inter = Explain.treeShap(m).background(Background.of(Arrays.copyOfRange(xs, 10_000, 10_100)))
        .output(TreeShap.Output.PROBABILITY).threads(1).progress(e -> {});
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    double[] f = new double[4];
    double[] v = new double[4];
    for (int r = 0; r < 4; r++) {
      long c0 = tm.getCurrentThreadCpuTime();
      fast.explain(rows);
      long c1 = tm.getCurrentThreadCpuTime();
      inter.explain(some);
      long c2 = tm.getCurrentThreadCpuTime();
      f[r] = (c1 - c0) / 1e6;
      v[r] = (c2 - c1) / 1e6;
    }
    System.out.printf("treeshap_fast_ms %.0f %.0f%n", f[0], steady(f));
    System.out.printf("treeshap_interventional_ms %.0f %.0f%n", v[0], steady(v));
  }

  private static double steady(double[] t) {
    double[] s = Arrays.copyOfRange(t, 1, t.length);
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
