import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.Split;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.explain.LrpComposite;
import io.workbench.model.Differentiable;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.signal.EcgGenerator;
import java.util.Arrays;
import java.util.Locale;

/**
 * The propagation methods' cost per row (issue 20): DeepLIFT (rescale, zero reference) and LRP (EpsilonPlus)
 * against the bare cost of one forward plus one backward pass of the same network over the same rows (one call of
 * {@code Differentiable.inputGradients}, which is what gradient x input costs), and against integrated gradients
 * with 50 steps. Two networks: a DJL MLP 100-64-64-2 on the high-dimensional generator (400 rows) and the ECG CNN
 * of notebook 04 ({@code Models.cnn1d(16, 32)}, kernel 7, one lead of 375 samples; 54 rows), both trained
 * briefly with seeds. Medians of paired alternating runs. Goal: DeepLIFT and LRP at most 2x the bare pass.
 * Prints {@code MEDIAN name ms} and {@code RATIO name ours/reference} lines. Arguments: none needed.
 */
public final class PropagationBench {

  static final int RUNS = 5;

  interface Run {
    void run() throws Exception;
  }

  /** Medians of workloads run round-robin (a, b, c, a, b, c, ...) after one warm-up each. */
  static double[] medians(Run... runs) throws Exception {
    for (Run r : runs) {
      r.run();
    }
    double[][] t = new double[runs.length][RUNS];
    for (int k = 0; k < RUNS; k++) {
      for (int r = 0; r < runs.length; r++) {
        long s = System.nanoTime();
        runs[r].run();
        t[r][k] = (System.nanoTime() - s) / 1e6;
      }
    }
    double[] out = new double[runs.length];
    for (int r = 0; r < runs.length; r++) {
      Arrays.sort(t[r]);
      out[r] = t[r][RUNS / 2];
    }
    return out;
  }

  static void compare(String name, Model net, float[][] x) throws Exception {
    Differentiable dn = net.as(Differentiable.class).orElseThrow();
    int[] targets = new int[x.length];
    Arrays.fill(targets, 1); // the default target of a binary model; class 1 for the ECG CNN as well
    var deepLift = Explain.deepLift(net).target(io.workbench.explain.Target.of(1));
    var lrp = Explain.lrp(net).composite(LrpComposite.epsilonPlus()).target(io.workbench.explain.Target.of(1));
    var ig = Explain.integratedGradients(net).steps(50).target(io.workbench.explain.Target.of(1));
    Attribution check = deepLift.explain(x);
    double delta = Arrays.stream(check.convergenceDelta().orElseThrow()).map(Math::abs).max().orElse(0);
    double[] t = medians(() -> deepLift.explain(x), () -> lrp.explain(x), () -> ig.explain(x),
        () -> dn.inputGradients(x, targets, Differentiable.Output.LOGIT));
    int n = x.length;
    System.out.printf(Locale.ROOT, "%s, %d rows: DeepLIFT %.1f ms (%.3f ms/row, max |delta| %.1e), LRP %.1f ms, "
        + "IG 50 steps %.1f ms, one forward + backward %.1f ms%n", name, n, t[0], t[0] / n, delta, t[1], t[2], t[3]);
    System.out.printf(Locale.ROOT, "MEDIAN %s_deeplift_ms %.3f%nMEDIAN %s_lrp_ms %.3f%nMEDIAN %s_ig50_ms %.3f%n"
        + "MEDIAN %s_forward_backward_ms %.3f%n", name, t[0], name, t[1], name, t[2], name, t[3]);
    System.out.printf(Locale.ROOT, "RATIO %s_deeplift_vs_forward_backward %.3f%n", name, t[0] / t[3]);
    System.out.printf(Locale.ROOT, "RATIO %s_lrp_vs_forward_backward %.3f%n", name, t[1] / t[3]);
    System.out.printf(Locale.ROOT, "RATIO %s_deeplift_vs_ig50 %.3f%n", name, t[0] / t[2]);
    System.out.printf(Locale.ROOT, "RATIO %s_lrp_vs_ig50 %.3f%n", name, t[1] / t[2]);
  }

  public static void main(String[] args) throws Exception {
    var syn = Generators.highDimensional(2000, 100, 10, 0, 7);
    Split sp = syn.data().split(0.8, 1);
    Model mlp = Models.mlp(64, 64).epochs(3).seed(1).progress(e -> {}).fit(sp.train());
    compare("mlp_100_64_64_2", mlp, sp.test().head(400).x());
    Dataset ecg = EcgGenerator.defaults().samplesPerClass(60).samplingRate(125).seed(7).generate().data();
    Split es = ecg.split(0.7, 42);
    Model cnn = Models.cnn1d(16, 32).kernelSize(7).epochs(2).batchSize(16).seed(1).progress(e -> {}).fit(es.train());
    compare("ecg_cnn1d_16_32", cnn, es.test().head(54).x());
  }
}
