package io.workbench.explain;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Noise tunnel (Captum's {@code NoiseTunnel}) over a gradient method ({@link Saliency}, {@link
 * InputXGradient}, {@link IntegratedGradients}): each explained row is copied {@link #samples(int)} times
 * with Gaussian noise {@code N(0, stdev^2)} added to every raw feature, the wrapped method attributes the
 * noisy copies, and the results are aggregated per feature: {@link Type#SMOOTHGRAD} (mean, Smilkov et al.
 * 2017), {@link Type#SMOOTHGRAD_SQ} (mean of squares) or {@link Type#VARGRAD} (variance, Adebayo et al.
 * 2018). The wrapped method keeps its own settings (output, steps, baseline); target and seed start from
 * it and can be changed here.
 *
 * <p><b>Noise level.</b> As Captum, {@link #stdev(double)} is in the input's units and defaults to 1.0,
 * which suits standardised inputs or images in [0, 1] only roughly; for raw tabular features of different
 * scales give a standard deviation per feature ({@link #stdevs(double[])}) or a fraction of each feature's
 * spread in a dataset ({@link #stdevsFrom(Dataset, double)}; SmoothGrad suggests 10-20%). The noise of row
 * {@code i} comes from a generator seeded by {@code (seed, i)}: results do not depend on batching. All
 * samples of one row are attributed in the same gradient batch.
 *
 * <pre>{@code
 * Attribution sg = Explain.noiseTunnel(Explain.saliency(net)).samples(50).stdevsFrom(train, 0.15).seed(1)
 *     .explain(test.head(10));
 * Attribution vg = Explain.noiseTunnel(Explain.integratedGradients(net).steps(20)).type(NoiseTunnel.Type.VARGRAD)
 *     .explain(test.head(10));
 * }</pre>
 */
public final class NoiseTunnel extends Explainer<NoiseTunnel> {

  /** How the noisy attributions are combined (Captum's {@code nt_type}). */
  public enum Type {
    /** Mean of the attributions. */
    SMOOTHGRAD,
    /** Mean of the squared attributions. */
    SMOOTHGRAD_SQ,
    /** Variance of the attributions (mean of squares minus squared mean). */
    VARGRAD
  }

  private GradientExplainer<?> inner;
  private Type type = Type.SMOOTHGRAD;
  private int samples = 5;
  private double stdev = 1.0;
  private double[] stdevs;
  private String noiseName = "stdev 1.0";

  NoiseTunnel(GradientExplainer<?> inner) {
    super(checkInner(inner).model);
    this.inner = inner;
    this.target = inner.target;
    this.options = inner.options;
    this.sampleShape = inner.sampleShape;
  }

  @Override
  String outputSpace() {
    return inner.outputSpace();
  }

  @Override
  void bind() {
    super.bind();
    inner = inner.withModel(model);
  }

  private static GradientExplainer<?> checkInner(GradientExplainer<?> inner) {
    if (inner == null) {
      throw new IllegalArgumentException("noiseTunnel needs a gradient method (saliency, inputXGradient, "
          + "integratedGradients), got null");
    }
    if (inner instanceof GradCam || inner instanceof GradientShap) {
      throw new IllegalArgumentException("noiseTunnel wraps saliency, inputXGradient or integratedGradients, not "
          + inner.methodName() + (inner instanceof GradientShap ? " (it adds its own noise: see GradientShap.stdev)"
          : ""));
    }
    return inner;
  }

  /** Aggregation (default {@link Type#SMOOTHGRAD}). */
  public NoiseTunnel type(Type t) {
    if (t == null) {
      throw new IllegalArgumentException("type is null; valid types are " + Arrays.toString(Type.values()));
    }
    NoiseTunnel c = copy();
    c.type = t;
    return c;
  }

  /** Noisy copies per row (Captum's {@code nt_samples}, default 5); at least 1. */
  public NoiseTunnel samples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("samples (nt_samples) must be >= 1, got " + n);
    }
    NoiseTunnel c = copy();
    c.samples = n;
    return c;
  }

  /** One noise standard deviation for every raw feature, in the input's units (default 1.0); 0 adds no noise. */
  public NoiseTunnel stdev(double s) {
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("stdev must be finite and >= 0, got " + s);
    }
    NoiseTunnel c = copy();
    c.stdev = s;
    c.stdevs = null;
    c.noiseName = "stdev " + s;
    return c;
  }

  /** A noise standard deviation per raw feature. */
  public NoiseTunnel stdevs(double[] perFeature) {
    int d = model.featureNames().size();
    if (perFeature == null || perFeature.length != d) {
      throw new IllegalArgumentException("stdevs needs one value per feature (" + d + "), got "
          + (perFeature == null ? "null" : perFeature.length));
    }
    for (int j = 0; j < d; j++) {
      if (!(perFeature[j] >= 0) || Double.isInfinite(perFeature[j])) {
        throw new IllegalArgumentException("stdevs[" + j + "] (feature '" + model.featureNames().get(j)
            + "') must be finite and >= 0, got " + perFeature[j]);
      }
    }
    NoiseTunnel c = copy();
    c.stdevs = perFeature.clone();
    c.noiseName = "per-feature stdevs";
    return c;
  }

  /** Per feature, {@code fraction} times its standard deviation over a dataset (checked by feature name). */
  public NoiseTunnel stdevsFrom(Dataset data, double fraction) {
    if (!(fraction >= 0) || Double.isInfinite(fraction)) {
      throw new IllegalArgumentException("fraction must be finite and >= 0, got " + fraction);
    }
    if (data == null || data.rows() < 2) {
      throw new IllegalArgumentException("stdevsFrom needs a dataset with at least two rows");
    }
    Model.checkFeatures(model, data.features());
    float[][] x = data.x();
    int d = x[0].length;
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      double m = 0;
      for (float[] r : x) {
        m += r[j];
      }
      m /= x.length;
      double ss = 0;
      for (float[] r : x) {
        ss += (r[j] - m) * (r[j] - m);
      }
      sd[j] = fraction * Math.sqrt(ss / (x.length - 1));
    }
    NoiseTunnel c = stdevs(sd);
    c.noiseName = fraction + " x feature std over " + data.rows() + " rows";
    return c;
  }

  @Override
  String methodName() {
    return type.name().toLowerCase(Locale.ROOT) + " (" + inner.methodName() + ")";
  }

  @Override
  void validate(int[] shape) {
    inner.validate(shape);
  }

  @Override
  Attribution compute(Context ctx) {
    float[][] x = ctx.x();
    int[] t = ctx.targets();
    int n = x.length;
    int d = x[0].length;
    GradientExplainer.Pass pass = new GradientExplainer.Pass(Integer.MAX_VALUE, null);
    int perRow = samples * inner.pointsPerRow();
    int rowsPerCall = Math.max(1, inner.internalBatchSize / perRow);
    double[][] out = new double[n][];
    for (int s = 0; s < n; s += rowsPerCall) {
      ctx.work().check();
      int e = Math.min(n, s + rowsPerCall);
      float[][] noisy = new float[(e - s) * samples][];
      for (int i = s; i < e; i++) {
        SplittableRandom rnd = new SplittableRandom(Work.seedFor(seed(), ctx.rowId(i)));
        for (int k = 0; k < samples; k++) {
          float[] r = x[i].clone();
          for (int j = 0; j < d; j++) {
            double sd = stdevs != null ? stdevs[j] : stdev;
            if (sd > 0) {
              r[j] = (float) (r[j] + sd * rnd.nextGaussian());
            }
          }
          noisy[(i - s) * samples + k] = r;
        }
      }
      double[][] a = inner.attribute(noisy, GradientExplainer.repeat(t, s, e, samples), pass);
      for (int i = s; i < e; i++) {
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (int k = 0; k < samples; k++) {
          double[] ak = a[(i - s) * samples + k];
          for (int j = 0; j < d; j++) {
            mean[j] += ak[j];
            sq[j] += ak[j] * ak[j];
          }
        }
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
          double m = mean[j] / samples;
          double m2 = sq[j] / samples;
          v[j] = switch (type) {
            case SMOOTHGRAD -> m;
            case SMOOTHGRAD_SQ -> m2;
            case VARGRAD -> Math.max(0, m2 - m * m);
          };
        }
        out[i] = v;
      }
      ctx.work().advance(e - s);
    }
    double[] fx = inner.selectedOutput(x, t);
    double[] base = inner instanceof IntegratedGradients ig ? ig.baselineOutputs(t) : new double[n];
    return start(ctx).outputs(fx).values(out).baseValues(base)
        .setting("output", inner.output.name().toLowerCase(Locale.ROOT)).setting("samples", samples)
        .setting("noise", noiseName).setting("type", type.name().toLowerCase(Locale.ROOT))
        .setting("method", inner.methodName()).evaluations(pass.evaluations).build();
  }
}
