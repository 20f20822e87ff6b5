package io.workbench.explain;

import io.workbench.model.Model;

/**
 * Input x gradient (Shrikumar et al. 2016, Captum's {@code InputXGradient}): each raw feature value times
 * the gradient of the explained output with respect to it. For a linear logit {@code w . x + b} it is
 * {@code w_j x_j}, summing to {@code f(x) - b}; in general it is not additive (base value 0). Its
 * reference is the all-zero input, so it suits features whose zero means "absent" (pixels, centred
 * signals).
 *
 * <pre>{@code
 * Attribution a = Explain.inputXGradient(net).explain(test.head(20));
 * }</pre>
 */
public final class InputXGradient extends GradientExplainer<InputXGradient> {

  InputXGradient(Model model) {
    super(model, "input x gradient");
  }

  @Override
  String methodName() {
    return "input x gradient";
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
          v[j] = (double) x[i][j] * gi[j];
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
        .baseValues(new double[ctx.x().length]).evaluations(pass.evaluations).build();
  }
}
