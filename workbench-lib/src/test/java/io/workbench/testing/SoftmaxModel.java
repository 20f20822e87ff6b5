package io.workbench.testing;

import io.workbench.data.Task;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The one hand-written softmax test model: multinomial logistic {@code logits = W x + c} with analytic
 * gradients (double precision), a fixture independent of DJL whose attributions have closed forms. With zero
 * weights it predicts the same probabilities for every row. It can also pose as a network with one fixed
 * "conv" layer whose activations and gradients are given ({@link #layerActs}, {@link #layerGrads}, {@link
 * #layerShape}), for checking Grad-CAM's arithmetic. It keeps the {@link Model} contract (width, NaN and
 * infinity rules; thread-safe).
 *
 * <pre>{@code
 * SoftmaxModel net = SoftmaxModel.random(3, 4, 7);            // 3 classes c0..c2, features x0..x3
 * SoftmaxModel flat = SoftmaxModel.of(new double[3][2], new double[3], List.of("a", "b", "c"));  // 1/3 each
 * }</pre>
 */
public final class SoftmaxModel implements Differentiable {

  /** The weights, {@code classes x features}. */
  public final double[][] w;
  /** The intercepts, one per class. */
  public final double[] c;
  private final List<String> features;
  private final List<String> classes;
  private final int[] shape;
  /** Optional fixed layer for Grad-CAM checks: values per row (the same for all rows). */
  public float[] layerActs;
  /** Gradients of the fixed layer, per row. */
  public float[] layerGrads;
  /** Shape of the fixed layer per row, {@code [channels, positions...]}; null: no such layer. */
  public int[] layerShape;
  /** How many gradient calls were made. */
  public int gradientCalls;
  /** The most rows one gradient call had. */
  public int largestCall;
  /** How many {@link #predictProba} calls were made (not counting {@link #output}). */
  public int predictCalls;

  /** Weights {@code w} ({@code classes x features}), intercepts {@code c}, classes {@code c0..}, sample shape. */
  public SoftmaxModel(double[][] w, double[] c, int... shape) {
    this(w, c, TestModels.names(w[0].length), defaultClasses(w.length), shape);
  }

  private SoftmaxModel(double[][] w, double[] c, List<String> features, List<String> classes, int... shape) {
    this.w = w;
    this.c = c;
    this.features = List.copyOf(features);
    this.classes = List.copyOf(classes);
    this.shape = shape.length == 0 ? new int[] {w[0].length} : shape.clone();
  }

  /** A softmax model with the given class names. */
  public static SoftmaxModel of(double[][] w, double[] c, List<String> classNames) {
    return new SoftmaxModel(w, c, TestModels.names(w[0].length), classNames);
  }

  /** A softmax model with the given feature and class names. */
  public static SoftmaxModel of(double[][] w, double[] c, List<String> featureNames, List<String> classNames) {
    return new SoftmaxModel(w, c, featureNames, classNames);
  }

  private static List<String> defaultClasses(int k) {
    List<String> cls = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      cls.add("c" + i);
    }
    return cls;
  }

  /** Gaussian weights and intercepts from {@code seed}. */
  public static SoftmaxModel random(int classes, int d, long seed) {
    Random r = new Random(seed);
    double[][] w = new double[classes][d];
    double[] c = new double[classes];
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < d; j++) {
        w[k][j] = r.nextGaussian();
      }
      c[k] = r.nextGaussian();
    }
    return new SoftmaxModel(w, c);
  }

  /** The logits of one row, in double precision. */
  public double[] logits(float[] x) {
    double[] z = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      double s = c[k];
      for (int j = 0; j < x.length; j++) {
        s += w[k][j] * x[j];
      }
      z[k] = s;
    }
    return z;
  }

  /** The softmax of a vector, in double precision. */
  public static double[] softmax(double[] z) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      m = Math.max(m, v);
    }
    double s = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - m);
      s += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= s;
    }
    return p;
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  public List<String> featureNames() {
    return features;
  }

  @Override
  public List<String> classNames() {
    return classes;
  }

  @Override
  public synchronized float[][] predictProba(float[][] x) {
    predictCalls++;
    return output(x, Output.PROBABILITY);
  }

  @Override
  public float[][] output(float[][] x, Output output) {
    Model.checkInput(this, x);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] z = logits(x[i]);
      double[] o = output == Output.LOGIT ? z : softmax(z);
      out[i] = new float[o.length];
      for (int k = 0; k < o.length; k++) {
        out[i][k] = (float) o[k];
      }
    }
    return out;
  }

  @Override
  public synchronized float[][] inputGradients(float[][] x, int[] targets, Output output) {
    gradientCalls++;
    largestCall = Math.max(largestCall, x.length);
    Model.checkInput(this, x);
    if (targets == null || targets.length != x.length) {
      throw new IllegalArgumentException("targets needs one class per row");
    }
    int d = features.size();
    float[][] g = new float[x.length][d];
    for (int i = 0; i < x.length; i++) {
      int t = targets[i];
      if (output == Output.LOGIT) {
        for (int j = 0; j < d; j++) {
          g[i][j] = (float) w[t][j];
        }
      } else {
        double[] p = softmax(logits(x[i]));
        for (int j = 0; j < d; j++) {
          double mix = 0;
          for (int k = 0; k < w.length; k++) {
            mix += p[k] * w[k][j];
          }
          g[i][j] = (float) (p[t] * (w[t][j] - mix));
        }
      }
    }
    return g;
  }

  @Override
  public List<String> layerNames() {
    return layerShape == null ? List.of("output") : List.of("conv", "pool", "output");
  }

  @Override
  public boolean isConvolution(String layer) {
    return layer.equals("conv") && layerShape != null;
  }

  @Override
  public int[] sampleShape() {
    return shape.clone();
  }

  @Override
  public LayerGradients layerGradients(String layer, float[][] x, int[] targets, Output output) {
    if (!layer.equals("conv") || layerShape == null) {
      throw new IllegalArgumentException("Unknown layer '" + layer + "'; layers are " + layerNames());
    }
    int per = layerActs.length;
    float[] a = new float[x.length * per];
    float[] g = new float[x.length * per];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(layerActs, 0, a, i * per, per);
      System.arraycopy(layerGrads, 0, g, i * per, per);
    }
    int[] s = new int[layerShape.length + 1];
    s[0] = x.length;
    System.arraycopy(layerShape, 0, s, 1, layerShape.length);
    return new LayerGradients(layer, s, a, g);
  }

  @Override
  public Differentiable withRandomizedLayers(List<String> layers, long seed) {
    SoftmaxModel r = random(w.length, w[0].length, seed);
    return layers.contains("output") ? new SoftmaxModel(r.w, r.c, features, classes, shape) : this;
  }
}
