package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.Propagation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DeepLIFT (Shrikumar, Greenside and Kundaje 2017, "Learning important features through propagating activation
 * differences"; Captum's {@code DeepLift}): the difference {@code f(x) - f(x')} of the explained output between
 * a row and its reference is split over the raw features by propagating multipliers backwards through the
 * network, one stage at a time: the stages' own linear maps (dense, convolution, batch norm folded in,
 * standardisation, average pool), the <em>rescale</em> rule {@code (g(z) - g(z')) / (z - z')} at every
 * activation (its derivative where {@code z = z'}), and at max pools each window's difference assigned to the
 * maxima of the row and of the reference. The contributions {@code m_j (x_j - x'_j)} sum to {@code f(x) -
 * f(x')} row by row ("summation-to-delta"; {@link Attribution#convergenceDelta()} holds the float error), at the
 * cost of about two forward passes and one backward pass per row.
 *
 * <p>{@link Rule#REVEAL_CANCEL} tracks the positive and negative parts of every difference separately and uses
 * the paper's reveal-cancel rule at the activations of dense layers (rescale at those of convolutions, as the
 * paper recommends), which keeps inputs that cancel each other out from hiding behind a saturated unit.
 *
 * <p>The reference defaults to all zeros of the raw features, as Captum's; pass a {@link Baseline} (training
 * means, one row per explained row). {@link DeepLiftShap} averages over a background instead. Works on the DJL
 * networks ({@link Propagation}: dense, 1D and 2D convolutions, max and average pools, batch norm,
 * ReLU/tanh/GELU, dropout); the explained output is the target's logit by default, or its probability with
 * {@code output(Differentiable.Output.PROBABILITY)} (the softmax or sigmoid treated as one more rescaled stage).
 *
 * <pre>{@code
 * Attribution dl = Explain.deepLift(cnn).baseline(Baseline.mean(train)).explain(test.head(20));
 * dl.convergenceDelta().orElseThrow();          // ~1e-7: contributions sum to f(x) - f(x')
 * Explain.deepLift(mlp).rule(DeepLift.Rule.REVEAL_CANCEL).explain(test.head(20));
 * }</pre>
 */
public final class DeepLift extends GradientExplainer<DeepLift> {

  /** How activations hand multipliers back. */
  public enum Rule {
    /** The rescale rule at every activation. */
    RESCALE,
    /** Reveal-cancel at the activations of dense layers, rescale at those of convolutions. */
    REVEAL_CANCEL
  }

  transient Propagation propagation;
  private Baseline baseline = Baseline.constant(0);
  Rule rule = Rule.RESCALE;

  DeepLift(Model model) {
    super(model, "deepLift");
    this.propagation = propagation(model, "deepLift");
  }

  @Override
  void bind() {
    super.bind();
    propagation = propagation(model, "deepLift");
  }

  /** The model's {@link Propagation} view, or an error naming the method and what offers it. */
  static Propagation propagation(Model model, String method) {
    return model.as(Propagation.class).orElseThrow(() -> new IllegalArgumentException(method + " propagates through "
        + "the network's layers, but the model (" + model.getClass().getSimpleName() + ") does not offer "
        + "model.Propagation (the DJL networks of Models.mlp/cnn1d/cnn2d/logistic/linear do; the signal networks of "
        + "Models.eegNet/shallowFbcspNet/deep4Net/resNet1d do not: their ELU, square and log, grouped (depthwise) "
        + "convolutions, residual sums and concatenated pooling have no propagation rules). Use a gradient or "
        + "model-agnostic method instead: Explain.integratedGradients, Explain.kernelShap or Explain.occlusion"));
  }

  /**
   * The reference the differences are taken from (default {@code Baseline.constant(0)}): a constant, one value
   * per feature, a dataset's means, or one reference row per explained row.
   *
   * @throws IllegalArgumentException when the baseline does not have one value per feature of the model
   */
  public DeepLift baseline(Baseline b) {
    if (b == null) {
      throw new IllegalArgumentException("baseline is null; use Baseline.constant(0) for zeros");
    }
    b.check(model);
    DeepLift c = copy();
    c.baseline = b;
    return c;
  }

  /** The rule at activations (default {@link Rule#RESCALE}). */
  public DeepLift rule(Rule r) {
    if (r == null) {
      throw new IllegalArgumentException("rule is null; valid rules are " + Arrays.toString(Rule.values()));
    }
    DeepLift c = copy();
    c.rule = r;
    return c;
  }

  @Override
  String methodName() {
    return "DeepLIFT";
  }

  @Override
  int pointsPerRow() {
    return 1;
  }

  /** The activation stages that take the reveal-cancel rule under {@code rule}: those right after a dense stage. */
  static Set<Integer> revealCancelStages(Propagation p, Rule rule) {
    Set<Integer> out = new HashSet<>();
    if (rule != Rule.REVEAL_CANCEL) {
      return out;
    }
    List<Propagation.Stage> st = p.stages();
    for (int s = 1; s < st.size(); s++) {
      if (st.get(s).kind() == Propagation.Kind.ACTIVATION && st.get(s - 1).kind() == Propagation.Kind.DENSE) {
        out.add(s);
      }
    }
    return out;
  }

  /** Contributions of every row against its reference, in engine calls of at most {@code per} rows. */
  static Propagation.Contributions contributions(Propagation p, float[][] x, float[][] ref, int[] targets,
      io.workbench.model.Differentiable.Output output, Set<Integer> rc, Pass pass, int per) {
    int n = x.length;
    float[][] values = new float[n][];
    double[] fx = new double[n];
    double[] fr = new double[n];
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      Propagation.Contributions c = p.deepLift(Arrays.copyOfRange(x, s, e), Arrays.copyOfRange(ref, s, e),
          Arrays.copyOfRange(targets, s, e), output, rc);
      System.arraycopy(c.values(), 0, values, s, e - s);
      System.arraycopy(c.outputs(), 0, fx, s, e - s);
      System.arraycopy(c.referenceOutputs(), 0, fr, s, e - s);
      pass.evaluations += 2L * (e - s);
    }
    return new Propagation.Contributions(values, fx, fr);
  }

  private Propagation.Contributions run(float[][] x, int[] targets, Pass pass) {
    return contributions(propagation, x, baseline.resolve(model, x.length), targets, output,
        revealCancelStages(propagation, rule), pass, pass.rowsPerCall(2));
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    float[][] v = run(x, targets, pass).values();
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = toDouble(v[i]);
    }
    pass.advance(v.length);
    return out;
  }

  static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = v[j];
    }
    return out;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    Propagation.Contributions c = run(ctx.x(), ctx.targets(), pass);
    double[][] v = new double[c.values().length][];
    for (int i = 0; i < v.length; i++) {
      v[i] = toDouble(c.values()[i]);
    }
    pass.advance(v.length);
    return startGradient(ctx, c.outputs()).values(v).baseValues(c.referenceOutputs())
        .convergenceDelta(completenessGap(v, c.outputs(), c.referenceOutputs())).additive(true)
        .setting("rule", rule.name().toLowerCase(Locale.ROOT)).setting("baseline", baseline.toString())
        .evaluations(pass.evaluations).build();
  }
}
