package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.Propagation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * DeepLIFT averaged over a background distribution (Lundberg and Lee 2017, "DeepSHAP"; Captum's {@code
 * DeepLiftShap}): every explained row is explained by {@link DeepLift} against each background row as its
 * reference, and the contributions are averaged with the background's weights. They sum to {@code f(x) - E_b
 * f(b)} row by row (the base value is {@code E_b f(b)} over the weighted background; {@link
 * Attribution#convergenceDelta()} holds the float error). The cost is one DeepLIFT pass per (row, background
 * row) pair: summarise large backgrounds with {@link Background#kmeans} or {@link Background#sample}.
 *
 * <pre>{@code
 * Attribution ds = Explain.deepLiftShap(cnn, Background.sample(train, 50, 1)).explain(test.head(10));
 * ds.baseValues()[0];     // E_b f(b), in logits by default
 * }</pre>
 */
public final class DeepLiftShap extends GradientExplainer<DeepLiftShap> {

  private transient Propagation propagation;
  private final Background background;
  private DeepLift.Rule rule = DeepLift.Rule.RESCALE;

  DeepLiftShap(Model model, Background background) {
    super(model, "deepLiftShap");
    this.propagation = DeepLift.propagation(model, "deepLiftShap");
    if (background == null) {
      throw new IllegalArgumentException("deepLiftShap needs a background (reference rows), got null");
    }
    background.checkAgainst(model);
    this.background = background;
  }

  @Override
  void bind() {
    super.bind();
    propagation = DeepLift.propagation(model, "deepLiftShap");
  }

  /** The rule at activations (default {@link DeepLift.Rule#RESCALE}). */
  public DeepLiftShap rule(DeepLift.Rule r) {
    if (r == null) {
      throw new IllegalArgumentException("rule is null; valid rules are " + Arrays.toString(DeepLift.Rule.values()));
    }
    DeepLiftShap c = copy();
    c.rule = r;
    return c;
  }

  @Override
  String methodName() {
    return "DeepLIFT SHAP";
  }

  @Override
  int pointsPerRow() {
    return background.size();
  }

  /** The weighted mean contributions and {@code E_b f(b)} per row. */
  private double[][][] run(float[][] x, int[] targets, Pass pass) {
    float[][] bg = background.rowsView();
    double[] w = background.weightsView();
    int k = bg.length;
    int n = x.length;
    int d = x[0].length;
    Set<Integer> rc = DeepLift.revealCancelStages(propagation, rule);
    double[][] out = new double[n][d];
    double[][] base = new double[n][1];
    int per = pass.rowsPerCall(2 * k);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      float[][] px = new float[(e - s) * k][];
      float[][] pr = new float[(e - s) * k][];
      int[] pt = repeat(targets, s, e, k);
      for (int i = s; i < e; i++) {
        for (int b = 0; b < k; b++) {
          px[(i - s) * k + b] = x[i];
          pr[(i - s) * k + b] = bg[b];
        }
      }
      Propagation.Contributions c = DeepLift.contributions(propagation, px, pr, pt, output, rc, pass, px.length);
      for (int i = s; i < e; i++) {
        for (int b = 0; b < k; b++) {
          int r = (i - s) * k + b;
          float[] v = c.values()[r];
          for (int j = 0; j < d; j++) {
            out[i][j] += w[b] * v[j];
          }
          base[i][0] += w[b] * c.referenceOutputs()[r];
        }
      }
      pass.advance(e - s);
    }
    return new double[][][] {out, base};
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    return run(x, targets, pass)[0];
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][][] r = run(ctx.x(), ctx.targets(), pass);
    double[] base = new double[r[1].length];
    for (int i = 0; i < base.length; i++) {
      base[i] = r[1][i][0];
    }
    double[] fx = selectedOutput(ctx.x(), ctx.targets());
    return startGradient(ctx, fx).values(r[0]).baseValues(base).convergenceDelta(completenessGap(r[0], fx, base))
        .additive(true).setting("rule", rule.name().toLowerCase(Locale.ROOT))
        .setting("background", background.size() + " rows").evaluations(pass.evaluations).build();
  }
}
