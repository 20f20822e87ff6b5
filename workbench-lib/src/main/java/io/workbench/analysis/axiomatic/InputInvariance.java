package io.workbench.analysis.axiomatic;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.explain.Attribution;
import io.workbench.model.Differentiable;
import io.workbench.model.djl.NeuralNetModel;
import java.util.Arrays;

/**
 * Input invariance (Kindermans et al. 2019, "The (un)reliability of saliency methods"): shift every input by a
 * constant {@code c} and subtract {@code W c} from the first layer's bias; the shifted twin network gives on {@code x +
 * c} exactly the outputs the original gives on {@code x}, so an input-invariant method must give the twin's
 * attribution of {@code x + c} equal to the original's attribution of {@code x}. The score of a row is the largest
 * absolute difference of the two attributions relative to the largest |attribution| of the original row: 0 for an
 * invariant method; the row passes when it is at most {@code tolerance} ({@link #check} reports pass or fail). Lower
 * is better. Needs a DJL network ({@link NeuralNetModel}) whose first layer is dense, or a convolution over a shift
 * that is constant per channel and without zero padding (the twin's outputs are checked on the explained rows).
 *
 * <p>The paper's findings, which the tests reproduce: gradients (saliency) are invariant, gradient x input is not,
 * and integrated gradients are invariant only when the baseline moves with the input. The metric re-explains with the
 * method as configured; to score a method whose reference point moves with the shift, give a re-explainer that
 * chooses it by model:
 *
 * <pre>{@code
 * double[] diff = new InputInvariance().shift(1).score(in);          // per row, 0 = invariant
 * InvarianceResult r = new InputInvariance().check(in);               // r.passed(), r.toTable()
 * MetricInput moving = in.withExplainer((m, x, t) -> Explain.integratedGradients(m)
 *     .baseline(Baseline.constant(m == net ? 0 : 1)).target(Target.perRow(t)).explain(x));
 * }</pre>
 */
public final class InputInvariance extends MetricBase {

  private final float[] shift;
  private final double value;
  private final double tolerance;

  /** A shift of 1 on every feature, tolerance 1e-3. */
  public InputInvariance() {
    this(null, 1, 1e-3);
  }

  private InputInvariance(float[] shift, double value, double tolerance) {
    super("input invariance", "axiomatic", false);
    this.shift = shift;
    this.value = value;
    this.tolerance = tolerance;
  }

  /** The same shift {@code c} on every feature (finite, not 0). */
  public InputInvariance shift(double c) {
    if (!Double.isFinite(c) || c == 0) {
      throw new IllegalArgumentException("shift must be finite and not 0, got " + c);
    }
    return new InputInvariance(null, c, tolerance);
  }

  /** One shift per feature (finite; a convolutional first layer needs the same shift at every position). */
  public InputInvariance shift(float[] perFeature) {
    Checks.notNull(perFeature, "shift");
    for (int j = 0; j < perFeature.length; j++) {
      if (!Float.isFinite(perFeature[j])) {
        throw new IllegalArgumentException("shift[" + j + "] must be finite, got " + perFeature[j]);
      }
    }
    return new InputInvariance(perFeature.clone(), 0, tolerance);
  }

  /** Largest relative difference that still passes, {@code >= 0}. */
  public InputInvariance tolerance(double t) {
    if (!(t >= 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + t);
    }
    return new InputInvariance(shift, value, t);
  }

  /**
   * The shifted twin of a DJL network: {@code twin.output(x + shift) = net.output(x)} (up to float rounding).
   *
   * <pre>{@code
   * NeuralNetModel twin = InputInvariance.twin(net, shift);
   * }</pre>
   *
   * @throws IllegalArgumentException when the first layer has no bias, the shift does not match the features, or a
   *     convolution would need different shifts along a channel
   */
  public static NeuralNetModel twin(NeuralNetModel net, float[] shift) {
    Checks.notNull(net, "net");
    Checks.notNull(shift, "shift");
    return InputShift.twin(net, shift);
  }

  @Override
  public double[] score(MetricInput in) {
    return check(in).differences();
  }

  /** The per-row differences and the verdict. */
  public InvarianceResult check(MetricInput in) {
    if (!(in.model() instanceof NeuralNetModel net)) {
      throw new IllegalArgumentException(name() + " needs a DJL network (NeuralNetModel) to build the shifted twin; "
          + "got " + in.model().getClass().getSimpleName());
    }
    Attribution a = in.attribution();
    int d = a.numFeatures();
    float[] c = shift != null ? shift : filled(d, (float) value);
    if (c.length != d) {
      throw new IllegalArgumentException("shift has " + c.length + " values, the model has " + d + " features");
    }
    NeuralNetModel twin = InputShift.twin(net, c);
    float[][] x = a.inputs();
    float[][] xs = InputShift.shifted(x, c);
    float[][] before = net.output(x, Differentiable.Output.LOGIT);
    float[][] after = twin.output(xs, Differentiable.Output.LOGIT);
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < before[i].length; k++) {
        double gap = Math.abs(before[i][k] - after[i][k]);
        if (gap > 1e-4 * (1 + Math.abs(before[i][k]))) {
          throw new IllegalArgumentException(name() + ": the first layer cannot absorb the shift exactly (a "
              + "convolution with zero padding?): row " + i + " output " + k + " is " + before[i][k]
              + " on the network and " + after[i][k] + " on its shifted twin");
        }
      }
    }
    double[][] phi = a.values();
    double[][] psi = in.explain(twin, xs, a.targets(), name()).values();
    double[] diff = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double max = 0;
      double gap = 0;
      for (int j = 0; j < d; j++) {
        max = Math.max(max, Math.abs(phi[i][j]));
        gap = Math.max(gap, Math.abs(phi[i][j] - psi[i][j]));
      }
      diff[i] = gap == 0 ? 0 : gap / Math.max(max, Double.MIN_NORMAL);
    }
    return new InvarianceResult(diff, tolerance);
  }

  private static float[] filled(int d, float v) {
    float[] c = new float[d];
    Arrays.fill(c, v);
    return c;
  }
}
