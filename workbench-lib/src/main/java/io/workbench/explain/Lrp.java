package io.workbench.explain;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Differentiable;
import io.workbench.model.Model;
import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import java.util.Arrays;
import java.util.List;

/**
 * Layer-wise relevance propagation (Bach et al. 2015; Montavon et al. 2019, "Layer-wise relevance propagation:
 * an overview"; zennit's composites): the target's logit is handed backwards through the network stage by
 * stage, each dense or convolution stage redistributing its outputs' relevance over its inputs by a {@link
 * RelevanceRule} (batch norm folded into the stage before it), activations passing it on, max pools giving it to
 * each window's maximum. Which rule goes where is an {@link LrpComposite} (default {@link
 * LrpComposite#epsilonPlus()}: epsilon on dense stages, z+ on convolutions). Relevance reaches the
 * standardised input and is reported per raw feature (the standardisation passes it on unchanged).
 *
 * <p>Rules conserve relevance except where biases and stabilisers absorb some: the attribution is not additive
 * in the Shapley sense; its base value is 0 (the training target's mean for regression) and {@code
 * extra("absorbed")} holds, per row, the part of the logit no feature received. {@link #conservation} shows the
 * relevance entering every stage. On a bias-free ReLU network LRP-0 ({@code LrpComposite.epsilon(0)}) equals
 * gradient x input. LRP explains the logit (the pre-softmax score of the target class); it costs about two
 * forward and one backward pass per row.
 *
 * <pre>{@code
 * Attribution r = Explain.lrp(cnn).composite(LrpComposite.epsilonGammaBox(-4, 4)).explain(test.head(8));
 * Explain.lrp(cnn).conservation(test.head(8));     // relevance stage by stage
 * }</pre>
 */
public final class Lrp extends GradientExplainer<Lrp> {

  private transient Propagation propagation;
  private LrpComposite composite = LrpComposite.epsilonPlus();

  Lrp(Model model) {
    super(model, "lrp");
    this.propagation = DeepLift.propagation(model, "lrp");
  }

  @Override
  void bind() {
    super.bind();
    propagation = DeepLift.propagation(model, "lrp");
  }

  /** The rules per stage (default {@link LrpComposite#epsilonPlus()}). */
  public Lrp composite(LrpComposite c) {
    if (c == null) {
      throw new IllegalArgumentException("composite is null; for example LrpComposite.epsilonPlus()");
    }
    c.rules(propagation.stages());
    Lrp copy = copy();
    copy.composite = c;
    return copy;
  }

  /**
   * Only {@link Differentiable.Output#LOGIT}: relevance starts from the target's logit.
   *
   * @throws IllegalArgumentException for {@link Differentiable.Output#PROBABILITY}
   */
  @Override
  public Lrp output(Differentiable.Output o) {
    if (o == Differentiable.Output.PROBABILITY && model.task() != Task.REGRESSION) {
      throw new IllegalArgumentException("LRP starts from the target's logit (the softmax does not conserve relevance);"
          + " use Explain.deepLift(model).output(Differentiable.Output.PROBABILITY) to explain probabilities");
    }
    return super.output(o);
  }

  @Override
  String methodName() {
    return "LRP";
  }

  @Override
  int pointsPerRow() {
    return 1;
  }

  private Propagation.Relevance run(float[][] x, int[] targets, Pass pass) {
    List<RelevanceRule> rules = composite.rules(propagation.stages());
    int n = x.length;
    int per = pass.rowsPerCall(2);
    float[][] values = new float[n][];
    double[][] totals = new double[n][];
    double[] outputs = new double[n];
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      Propagation.Relevance r = propagation.relevance(Arrays.copyOfRange(x, s, e), Arrays.copyOfRange(targets, s, e),
          rules);
      System.arraycopy(r.values(), 0, values, s, e - s);
      System.arraycopy(r.stageTotals(), 0, totals, s, e - s);
      System.arraycopy(r.outputs(), 0, outputs, s, e - s);
      pass.evaluations += e - s;
      pass.advance(e - s);
    }
    return new Propagation.Relevance(values, totals, outputs);
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    float[][] v = run(x, targets, pass).values();
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = DeepLift.toDouble(v[i]);
    }
    return out;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    Propagation.Relevance r = run(ctx.x(), ctx.targets(), pass);
    int n = ctx.x().length;
    double[][] v = new double[n][];
    double[] fx = selectedOutput(ctx.x(), ctx.targets());
    double[] base = new double[n];
    double[] absorbed = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = DeepLift.toDouble(r.values()[i]);
      base[i] = fx[i] - r.outputs()[i];
      double sum = 0;
      for (double a : v[i]) {
        sum += a;
      }
      absorbed[i] = r.outputs()[i] - sum;
    }
    return startGradient(ctx, fx).values(v).baseValues(base).extra("absorbed", absorbed)
        .setting("composite", composite).evaluations(pass.evaluations).build();
  }

  /** The relevance entering every stage, for the rows of a dataset (checked against the model by name). */
  public LrpConservation conservation(Dataset rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows is null");
    }
    Model.checkFeatures(model, rows.features());
    return conservation(rows.x());
  }

  /** The relevance entering every stage, for raw rows. */
  public LrpConservation conservation(float[][] rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("rows: nothing to propagate (0 rows)");
    }
    float[][] x = new float[rows.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = rows[i].clone();
    }
    int[] t = target.resolve(model, predict(model, x, batchRows()));
    Propagation.Relevance r = run(x, t, new Pass(internalBatchSize, null));
    return new LrpConservation(propagation.stages(), composite.rules(propagation.stages()), r.stageTotals());
  }
}
