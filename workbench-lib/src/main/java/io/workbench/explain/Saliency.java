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
    return pointwise(x, targets, pass, (xv, g) -> abs ? Math.abs(g) : g);
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    return startGradient(ctx, selectedOutput(ctx.x(), ctx.targets())).values(v)
        .baseValues(new double[ctx.x().length]).setting("abs", abs).evaluations(pass.evaluations).build();
  }
}
