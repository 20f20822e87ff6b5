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
    return pointwise(x, targets, pass, (xv, g) -> xv * g);
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    return startGradient(ctx, selectedOutput(ctx.x(), ctx.targets())).values(v)
        .baseValues(new double[ctx.x().length]).evaluations(pass.evaluations).build();
  }
}
