package io.workbench.explain;

import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Grad-CAM (Selvaraju et al. 2017) and Grad-CAM++ (Chattopadhay et al. 2018) for 1D (signals) and 2D
 * (images) convolutional networks. On a convolution layer with activations {@code A_k} (channel {@code k}),
 * and gradients {@code g_k} of the explained output with respect to them:
 *
 * <ul>
 *   <li>Grad-CAM: channel weights {@code w_k = mean over positions of g_k};
 *   <li>Grad-CAM++: {@code w_k = sum over positions of alpha_k * relu(g_k)} with {@code alpha_k = g_k^2 /
 *       (2 g_k^2 + sum_positions(A_k) g_k^3)} (0 where the denominator is 0);
 * </ul>
 *
 * then the map {@code relu(sum_k w_k A_k)} (the ReLU can be turned off with {@link #relu(boolean)}) is
 * upsampled by linear (1D) or bilinear (2D) interpolation to the input length or size (half-pixel centres,
 * as PyTorch's {@code interpolate(align_corners=False)}) and the same per-position value is given to every
 * input channel: the attribution has the input's shape ({@code [channels, length]} or {@code [c, h, w]}); with
 * {@link #upsample(boolean) upsample(false)} it is the map at the layer's own resolution. Any convolution layer
 * can be chosen with {@link #layer(String)}.
 * The layer defaults to the last convolution; base value 0, not additive; outputs are in the explained
 * output's units (logit by default).
 *
 * <pre>{@code
 * Attribution cam = Explain.gradCam(cnn).explain(test.head(8));                 // last conv layer
 * Attribution pp = Explain.gradCamPlusPlus(cnn).layer("conv1").explain(test.head(8));
 * Attribution raw = Explain.gradCam(cnn).layer("conv1").upsample(false).explain(test.head(8));  // conv1's positions
 * }</pre>
 */
public final class GradCam extends GradientExplainer<GradCam> {

  private final boolean plusPlus;
  private String layer;
  private boolean relu = true;
  private boolean upsample = true;

  GradCam(Model model, boolean plusPlus) {
    super(model, plusPlus ? "gradCamPlusPlus" : "gradCam");
    this.plusPlus = plusPlus;
    List<String> conv = convolutionLayers();
    if (conv.isEmpty()) {
      throw new IllegalArgumentException(methodName() + " needs a convolutional network; the model's layers "
          + net.layerNames() + " have no convolution. Use Explain.integratedGradients or Explain.saliency instead");
    }
    int[] shape = net.sampleShape();
    if (shape.length != 2 && shape.length != 3) {
      throw new IllegalArgumentException(methodName() + " needs inputs of shape [channels, length] or [c, h, w], "
          + "the model takes " + Arrays.toString(shape));
    }
    this.layer = conv.get(conv.size() - 1);
    this.sampleShape = shape;
  }

  private List<String> convolutionLayers() {
    List<String> out = new ArrayList<>();
    for (String l : net.layerNames()) {
      if (net.isConvolution(l)) {
        out.add(l);
      }
    }
    return out;
  }

  /** The convolution layer to explain (default: the last one). */
  public GradCam layer(String name) {
    List<String> conv = convolutionLayers();
    if (name == null || !net.layerNames().contains(name)) {
      throw new IllegalArgumentException("Unknown layer '" + name + "'; the model's layers are " + net.layerNames()
          + ", convolution layers are " + conv);
    }
    if (!net.isConvolution(name)) {
      throw new IllegalArgumentException("Layer '" + name + "' is not a convolution; " + methodName()
          + " needs one of the convolution layers " + conv);
    }
    GradCam c = copy();
    c.layer = name;
    return c;
  }

  /** Whether to keep only positive evidence (ReLU on the map; default true, as the papers). */
  public GradCam relu(boolean on) {
    GradCam c = copy();
    c.relu = on;
    return c;
  }

  /**
   * Whether to upsample the map to the input and repeat it over the input channels (default true). Off, the
   * attribution is the map at the layer's own resolution (Captum's {@code LayerGradCam}): sample shape {@code
   * [length]} or {@code [h, w]} of the layer, names such as {@code conv1[17]}, and the layer's activations
   * averaged over its channels as the inputs.
   */
  public GradCam upsample(boolean on) {
    GradCam c = copy();
    c.upsample = on;
    return c;
  }

  @Override
  String methodName() {
    return plusPlus ? "Grad-CAM++" : "Grad-CAM";
  }

  @Override
  int pointsPerRow() {
    return 1;
  }

  @Override
  void validate(int[] shape) {
    if (!Arrays.equals(shape, net.sampleShape())) {
      throw new IllegalArgumentException(methodName() + " explains inputs of the model's shape "
          + Arrays.toString(net.sampleShape()) + ", got sampleShape " + Arrays.toString(shape));
    }
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    return maps(x, targets, pass).values;
  }

  /** The attributions, the map's shape at the layer and the layer's channel-mean activations per row. */
  private record Maps(double[][] values, int[] mapSize, float[][] meanActivations) {}

  private Maps maps(float[][] x, int[] targets, Pass pass) {
    int[] in = net.sampleShape();
    int channels = in[0];
    int[] size = Arrays.copyOfRange(in, 1, in.length);
    int n = x.length;
    double[][] out = new double[n][];
    float[][] means = new float[n][];
    int[] mapSize = null;
    int per = pass.rowsPerCall(1);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      LayerGradients lg = net.layerGradients(layer, Arrays.copyOfRange(x, s, e), Arrays.copyOfRange(targets, s, e),
          output);
      pass.evaluations += e - s;
      int[] ls = lg.shape();
      if (ls.length != in.length + 1) {
        throw new IllegalStateException("Layer '" + layer + "' has activations of shape " + Arrays.toString(ls)
            + "; expected [rows, channels" + (in.length == 2 ? ", length]" : ", h, w]"));
      }
      int k = ls[1];
      mapSize = Arrays.copyOfRange(ls, 2, ls.length);
      for (int i = s; i < e; i++) {
        float[] act = lg.activationsOfRow(i - s);
        double[] map = map(act, lg.gradientsOfRow(i - s), k);
        means[i] = channelMean(act, k);
        if (!upsample) {
          out[i] = map;
          continue;
        }
        double[] up = mapSize.length == 1 ? upsample1d(map, size[0])
            : upsample2d(map, mapSize[0], mapSize[1], size[0], size[1]);
        double[] v = new double[channels * up.length];
        for (int c = 0; c < channels; c++) {
          System.arraycopy(up, 0, v, c * up.length, up.length);
        }
        out[i] = v;
      }
      pass.advance(e - s);
    }
    return new Maps(out, mapSize, means);
  }

  private static float[] channelMean(float[] act, int k) {
    int p = act.length / k;
    float[] m = new float[p];
    for (int c = 0; c < k; c++) {
      for (int q = 0; q < p; q++) {
        m[q] += act[c * p + q] / k;
      }
    }
    return m;
  }

  /** The class activation map of one row over the layer's positions. */
  double[] map(float[] act, float[] grad, int k) {
    int p = act.length / k;
    double[] weights = new double[k];
    for (int c = 0; c < k; c++) {
      int off = c * p;
      if (!plusPlus) {
        double s = 0;
        for (int q = 0; q < p; q++) {
          s += grad[off + q];
        }
        weights[c] = s / p;
      } else {
        double sumA = 0;
        for (int q = 0; q < p; q++) {
          sumA += act[off + q];
        }
        double w = 0;
        for (int q = 0; q < p; q++) {
          double g = grad[off + q];
          double g2 = g * g;
          double denom = 2 * g2 + sumA * g2 * g;
          double alpha = denom != 0 ? g2 / denom : 0;
          w += alpha * Math.max(0, g);
        }
        weights[c] = w;
      }
    }
    double[] map = new double[p];
    for (int c = 0; c < k; c++) {
      int off = c * p;
      for (int q = 0; q < p; q++) {
        map[q] += weights[c] * act[off + q];
      }
    }
    if (relu) {
      for (int q = 0; q < p; q++) {
        map[q] = Math.max(0, map[q]);
      }
    }
    return map;
  }

  /** Linear interpolation from {@code v.length} to {@code len} points with half-pixel centres. */
  static double[] upsample1d(double[] v, int len) {
    double[] out = new double[len];
    int m = v.length;
    for (int i = 0; i < len; i++) {
      double src = Math.max(0, (i + 0.5) * m / len - 0.5);
      int i0 = Math.min((int) src, m - 1);
      int i1 = Math.min(i0 + 1, m - 1);
      double f = src - i0;
      out[i] = v[i0] * (1 - f) + v[i1] * f;
    }
    return out;
  }

  /** Bilinear interpolation of an {@code h x w} map (row-major) to {@code outH x outW}. */
  static double[] upsample2d(double[] v, int h, int w, int outH, int outW) {
    double[][] rows = new double[h][];
    for (int r = 0; r < h; r++) {
      rows[r] = upsample1d(Arrays.copyOfRange(v, r * w, (r + 1) * w), outW);
    }
    double[] out = new double[outH * outW];
    double[] col = new double[h];
    for (int c = 0; c < outW; c++) {
      for (int r = 0; r < h; r++) {
        col[r] = rows[r][c];
      }
      double[] up = upsample1d(col, outH);
      for (int r = 0; r < outH; r++) {
        out[r * outW + c] = up[r];
      }
    }
    return out;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    Maps m = maps(ctx.x(), ctx.targets(), pass);
    Attribution.Builder b = startGradient(ctx, selectedOutput(ctx.x(), ctx.targets()));
    if (!upsample) {
      b.renamed(LayerExplainer.unitNames(layer, m.mapSize), m.mapSize, m.meanActivations);
    }
    return b.values(m.values).baseValues(new double[ctx.x().length]).setting("layer", layer).setting("relu", relu)
        .setting("upsample", upsample).evaluations(pass.evaluations).build();
  }
}
