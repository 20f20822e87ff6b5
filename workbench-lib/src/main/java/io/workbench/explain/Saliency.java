package io.workbench.explain;

import io.workbench.model.Model;

/**
 * Saliency (Simonyan et al. 2014, Captum's {@code Saliency}): the gradient of the explained output with
 * respect to each raw input feature, by default its absolute value ({@link #abs(boolean)}). One gradient
 * per row; no reference point, so the base value is 0 and the values are not additive.
 *
 * <pre>{@code
 * Attribution s = Explain.saliency(net).explain(test.head(20));           // |d logit_t / d x|
 * Attribution signed = Explain.saliency(net).abs(false).explain(test.head(20));
 * }</pre>
 */
public final class Saliency extends GradientExplainer<Saliency> {

  private boolean abs = true;

  Saliency(Model model) {
    super(model, "saliency");
  }

  /** Whether to take |gradient| (default true, as Captum). */
  public Saliency abs(boolean on) {
    Saliency c = copy();
    c.abs = on;
    return c;
  }

  @Override
  String methodName() {
    return "saliency";
  }

  @Override
  int pointsPerRow() {
    return 1;
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    int n = x.length;
    double[][] out = new double[n][];
    int per = pass.rowsPerCall(1);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      float[][] g = gradients(java.util.Arrays.copyOfRange(x, s, e), java.util.Arrays.copyOfRange(targets, s, e), pass);
      for (int i = s; i < e; i++) {
        float[] gi = g[i - s];
        double[] v = new double[gi.length];
        for (int j = 0; j < v.length; j++) {
          v[j] = abs ? Math.abs(gi[j]) : gi[j];
        }
        out[i] = v;
      }
      pass.advance(e - s);
    }
    return out;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    return startGradient(ctx, selectedOutput(ctx.x(), ctx.targets())).values(v)
        .baseValues(new double[ctx.x().length]).setting("abs", abs).evaluations(pass.evaluations).build();
  }
}
