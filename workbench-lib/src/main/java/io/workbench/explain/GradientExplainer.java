package io.workbench.explain;

import io.workbench.model.Differentiable;
import io.workbench.model.Model;

/**
 * Common settings of the gradient methods ({@link Saliency}, {@link InputXGradient}, {@link
 * IntegratedGradients}, {@link GradientShap}, {@link GradCam}): they need a model offering {@link
 * Differentiable} (the DJL networks of {@code Models.mlp/cnn1d/cnn2d/logistic/linear}); gradients are with
 * respect to the <em>raw</em> features the model takes.
 *
 * <p><b>Which output is explained.</b> Captum attributes whatever the model's forward returns; the natural
 * forward of our networks ends in the logits, so the default is {@link Differentiable.Output#LOGIT}: the
 * pre-softmax score of the target class (for regression, the predicted value). Logits do not saturate, so
 * gradients stay informative for confident predictions. {@link #output(Differentiable.Output)} switches to
 * the class probability (what the model-agnostic explainers explain). {@link Attribution#outputs()} and
 * {@link Attribution#baseValues()} are in the chosen output's units.
 *
 * <p>Gradients are taken in batches of up to {@link #internalBatchSize(int)} model rows (all points of one
 * explained row stay in one batch), one gradient computation at a time (the model serialises them; the
 * {@code threads} setting does not apply).
 *
 * <pre>{@code
 * Attribution ig = Explain.integratedGradients(net).output(Differentiable.Output.PROBABILITY)
 *     .internalBatchSize(2048).explain(test.head(10));
 * }</pre>
 *
 * @param <B> the concrete explainer type
 */
public abstract class GradientExplainer<B extends GradientExplainer<B>> extends Explainer<B> {

  transient Differentiable net;
  Differentiable.Output output = Differentiable.Output.LOGIT;
  int internalBatchSize = 4096;

  GradientExplainer(Model model, String method) {
    super(checkModel(model, method));
    this.net = differentiable(model, method);
  }

  @Override
  void bind() {
    net = differentiable(model, methodName());
  }

  private static Model checkModel(Model model, String method) {
    if (model == null) {
      throw new IllegalArgumentException(method + " needs a model, got null");
    }
    return model;
  }

  /** The model's {@link Differentiable} view, or an error naming the method and model-agnostic alternatives. */
  static Differentiable differentiable(Model model, String method) {
    return checkModel(model, method).as(Differentiable.class).orElseThrow(() -> new IllegalArgumentException(
        method + " needs gradients, but the model (" + model.getClass().getSimpleName() + ") does not offer "
            + "model.Differentiable (the DJL networks of Models.mlp/cnn1d/cnn2d/logistic/linear do). Use a "
            + "model-agnostic method instead: Explain.kernelShap, Explain.samplingShapley, Explain.lime or "
            + "Explain.occlusion (and TreeSHAP for tree ensembles)"));
  }

  /** The differentiated output (default {@link Differentiable.Output#LOGIT}, see the class comment). */
  public B output(Differentiable.Output o) {
    if (o == null) {
      throw new IllegalArgumentException("output is null; use Differentiable.Output.LOGIT or PROBABILITY");
    }
    B c = copy();
    c.output = o;
    return c;
  }

  /** Model rows (path points, noisy copies) per gradient call (default 4096). */
  public B internalBatchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("internalBatchSize must be >= 1, got " + rows);
    }
    B c = copy();
    c.internalBatchSize = rows;
    return c;
  }

  @Override
  String outputSpace() {
    return output == Differentiable.Output.LOGIT && model.task() != io.workbench.data.Task.REGRESSION
        ? "logit" : super.outputSpace();
  }

  /** Gradient methods report the output they differentiate ({@link #startGradient}), not the probabilities. */
  @Override
  boolean readsModelOutputs() {
    return false;
  }

  /** Gradient evaluations (model rows) per explained row. */
  abstract int pointsPerRow();

  /**
   * Attributions of {@code x} for {@code targets}, evaluated in calls of at most {@code pointsPerCall} model
   * rows (never splitting one row's points); counts the evaluated model rows into {@code pass}.
   */
  abstract double[][] attribute(float[][] x, int[] targets, Pass pass);

  /** Bookkeeping of one attribution pass. */
  static final class Pass {
    final int pointsPerCall;
    final Work work;
    long evaluations;
    /** Identities of the rows for seeding (null: their positions), see {@link Explainer#explain(float[][], long[])}. */
    long[] rowIds;

    Pass(int pointsPerCall, Work work) {
      this.pointsPerCall = pointsPerCall;
      this.work = work;
    }

    /** Rows per call for a method with {@code pointsPerRow} points per row. */
    int rowsPerCall(int pointsPerRow) {
      return Math.max(1, pointsPerCall / Math.max(1, pointsPerRow));
    }

    long rowId(int i) {
      return rowIds == null ? i : rowIds[i];
    }

    void check() {
      if (work != null) {
        work.check();
      }
    }

    void advance(int rows) {
      if (work != null) {
        work.advance(rows);
      }
    }
  }

  /**
   * One gradient per row, batched, each combined with its input value: {@code out[i][j] = f(x[i][j],
   * gradient[i][j])} (saliency, input x gradient).
   */
  double[][] pointwise(float[][] x, int[] targets, Pass pass, java.util.function.DoubleBinaryOperator f) {
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
          v[j] = f.applyAsDouble(x[i][j], gi[j]);
        }
        out[i] = v;
      }
      pass.advance(e - s);
    }
    return out;
  }

  /** Input gradients of the chosen output (one call). */
  float[][] gradients(float[][] points, int[] targets, Pass pass) {
    pass.check();
    float[][] g = net.inputGradients(points, targets, output);
    pass.evaluations += points.length;
    return g;
  }

  /** The chosen output of each row's target class, {@code f(x)} in the explained units. */
  double[] selectedOutput(float[][] x, int[] targets) {
    double[] out = new double[x.length];
    for (int s = 0; s < x.length; s += internalBatchSize) {
      int e = Math.min(x.length, s + internalBatchSize);
      float[][] o = net.output(java.util.Arrays.copyOfRange(x, s, e), output);
      for (int i = s; i < e; i++) {
        out[i] = o[i - s][targets[i]];
      }
    }
    return out;
  }

  /** The chosen output at a baseline for each row's target (one network call per distinct baseline row). */
  double[] baselineOutputs(Baseline baseline, int[] targets) {
    if (targets.length == 0) {
      return new double[0];
    }
    float[][] base = baseline.resolve(model, targets.length);
    float[][] fb = net.output(baseline.isPerRow() ? base : new float[][] {base[0]}, output);
    double[] out = new double[targets.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = fb[baseline.isPerRow() ? i : 0][targets[i]];
    }
    return out;
  }

  /** {@code sum_j v[i][j] - (fx[i] - fb[i])} per row: the completeness gap (Captum's convergence delta). */
  static double[] completenessGap(double[][] v, double[] fx, double[] fb) {
    double[] delta = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double sum = 0;
      for (double a : v[i]) {
        sum += a;
      }
      delta[i] = sum - (fx[i] - fb[i]);
    }
    return delta;
  }

  /** A builder with the common fields, outputs in the chosen output's units. */
  Attribution.Builder startGradient(Context ctx, double[] fx) {
    return start(ctx).outputs(fx).setting("output", output.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Gradients at a batch of path points for their (repeated) targets. */
  @FunctionalInterface
  interface PointGradients {
    float[][] at(float[][] points, int[] targets);
  }

  /**
   * Integrated gradients of whatever {@code gradient} differentiates, on the straight path from {@code base[i]}
   * to {@code x[i]}: {@code (x_j - b_j) * sum_k w_k g_j(b + a_k (x - b))} with the quadrature's nodes and weights;
   * all points of as many rows as a call holds go into one call. The points of every call are written into one
   * buffer of rows allocated once (the gradient function must not keep them), each row's start and span computed
   * once in double precision: the same numbers as {@code (float) (b_j + a_k ((double) x_j - b_j))} point by point.
   */
  static double[][] pathIntegral(float[][] x, float[][] base, int[] targets, Pass pass,
      IntegratedGradients.Method method, int steps, PointGradients gradient) {
    double[][] q = IntegratedGradients.quadrature(method, steps);
    double[] alpha = q[0];
    double[] weight = q[1];
    int n = x.length;
    int d = x[0].length;
    double[][] out = new double[n][];
    int per = pass.rowsPerCall(steps);
    float[][] buffer = new float[Math.min(per, n) * steps][d];
    int[] repeated = new int[buffer.length];
    double[] from = new double[d];
    double[] span = new double[d];
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      int m = (e - s) * steps;
      float[][] pts = m == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, m);
      int[] t = m == repeated.length ? repeated : new int[m];
      for (int i = s; i < e; i++) {
        span(x[i], base[i], from, span);
        int first = (i - s) * steps;
        for (int k = 0; k < steps; k++) {
          float[] p = pts[first + k];
          double a = alpha[k];
          for (int j = 0; j < d; j++) {
            p[j] = (float) (from[j] + a * span[j]);
          }
        }
        java.util.Arrays.fill(t, first, first + steps, targets[i]);
      }
      float[][] g = gradient.at(pts, t);
      for (int i = s; i < e; i++) {
        span(x[i], base[i], from, span);
        double[] v = new double[d];
        int first = (i - s) * steps;
        for (int k = 0; k < steps; k++) {
          float[] gk = g[first + k];
          double w = weight[k];
          for (int j = 0; j < d; j++) {
            v[j] += w * gk[j];
          }
        }
        for (int j = 0; j < d; j++) {
          v[j] *= span[j];
        }
        out[i] = v;
      }
      pass.advance(e - s);
    }
    return out;
  }

  /** {@code from[j] = b[j]} and {@code span[j] = x[j] - b[j]}, in double precision. */
  private static void span(float[] x, float[] b, double[] from, double[] span) {
    for (int j = 0; j < from.length; j++) {
      from[j] = b[j];
      span[j] = (double) x[j] - b[j];
    }
  }

  /** Target indices repeated {@code times} times each. */
  static int[] repeat(int[] targets, int from, int to, int times) {
    int[] t = new int[(to - from) * times];
    for (int i = from; i < to; i++) {
      java.util.Arrays.fill(t, (i - from) * times, (i - from + 1) * times, targets[i]);
    }
    return t;
  }
}
