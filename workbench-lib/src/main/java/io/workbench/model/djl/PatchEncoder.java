package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.io.CheckedJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The encoder of the interpretable-by-design networks ({@link ProtoNet}, {@link ConceptBottleneck}): it maps
 * one standardised sample to a {@code positions x latent} grid of patch vectors. Signals ({@code [channels,
 * length]}) go through blocks of a same-padded 1D convolution, ReLU and a max pool of 2 (while the length
 * allows), then a 1x1 convolution with a sigmoid (ProtoPNet's add-on layer), so each position is a patch of the
 * input whose span {@link #span(int)} gives; small images ({@code [channels, height, width]}) go the same way
 * through same-padded {@code k x k} convolutions and 2 x 2 max pools (while both sides are at least 8, so an
 * 8 x 8 digit keeps a 4 x 4 grid of patches), positions numbered row by row over the latent grid, and
 * {@link #span(int)} gives the image region {@code [top, bottom, left, right)} a patch sees; tabular rows
 * ({@code [d]}) go through dense layers and give one position that covers the whole row.
 *
 * <p>Two forward passes share the weights: a DJL one for training (autograd) and a plain Java one for
 * prediction, which makes predictions independent of batching and thread count, bit for bit.
 */
final class PatchEncoder {

  final int[] sampleShape;
  final boolean conv;
  /** Whether samples are images {@code [channels, height, width]}. */
  final boolean image;
  final int[] widths;
  final int kernel;
  final int latent;
  /** Conv: whether block b pools. */
  final boolean[] pools;
  /** Parameters in order: per block weight and bias, then the add-on weight and bias. */
  final List<float[]> params;
  final List<long[]> shapes;

  private PatchEncoder(int[] sampleShape, int[] widths, int kernel, int latent, List<float[]> params) {
    if (sampleShape.length < 1 || sampleShape.length > 3) {
      throw new IllegalArgumentException("Interpretable-by-design networks take tabular rows (sample shape [d]),"
          + " 1D signals ([channels, length]) or small images ([channels, height, width]); got sample shape "
          + java.util.Arrays.toString(sampleShape));
    }
    this.sampleShape = sampleShape.clone();
    this.conv = sampleShape.length >= 2;
    this.image = sampleShape.length == 3;
    this.widths = widths.clone();
    this.kernel = kernel;
    this.latent = latent;
    this.pools = new boolean[widths.length];
    this.shapes = new ArrayList<>();
    int in = conv ? sampleShape[0] : sampleShape[0];
    int len = conv ? sampleShape[1] : 1;
    int wide = image ? sampleShape[2] : 1;
    for (int b = 0; b < widths.length; b++) {
      shapes.add(image ? new long[] {widths[b], in, kernel, kernel}
          : conv ? new long[] {widths[b], in, kernel} : new long[] {widths[b], in});
      shapes.add(new long[] {widths[b]});
      in = widths[b];
      if (image ? len >= 8 && wide >= 8 : conv && len >= 4) {
        pools[b] = true;
        len /= 2;
        wide /= 2;
      }
    }
    shapes.add(image ? new long[] {latent, in, 1, 1} : conv ? new long[] {latent, in, 1} : new long[] {latent, in});
    shapes.add(new long[] {latent});
    this.params = params;
  }

  /** A fresh encoder with He-initialised weights drawn from {@code seed}. */
  static PatchEncoder create(int[] sampleShape, int[] widths, int kernel, int latent, long seed) {
    PatchEncoder shape = new PatchEncoder(sampleShape, widths, kernel, latent, List.of());
    Random r = new Random(seed);
    List<float[]> ps = new ArrayList<>();
    for (int i = 0; i < shape.shapes.size(); i += 2) {
      long[] ws = shape.shapes.get(i);
      int fanIn = size(ws) / (int) ws[0];
      float[] w = new float[size(ws)];
      double sd = Math.sqrt(2.0 / fanIn);
      for (int k = 0; k < w.length; k++) {
        w[k] = (float) (sd * r.nextGaussian());
      }
      ps.add(w);
      ps.add(new float[size(shape.shapes.get(i + 1))]);
    }
    return new PatchEncoder(sampleShape, widths, kernel, latent, ps);
  }

  /** The same architecture with other weights. */
  PatchEncoder withParams(List<float[]> newParams) {
    return new PatchEncoder(sampleShape, widths, kernel, latent, newParams);
  }

  static int size(long[] shape) {
    long s = 1;
    for (long d : shape) {
      s *= d;
    }
    return (int) s;
  }

  /** Number of patch positions of one sample. */
  int positions() {
    return conv ? gridSide(sampleShape[1]) * (image ? gridSide(sampleShape[2]) : 1) : 1;
  }

  /** The latent grid's size along an input axis of {@code size} samples (pools halve it). */
  private int gridSide(int size) {
    int len = size;
    for (boolean p : pools) {
      if (p) {
        len /= 2;
      }
    }
    return len;
  }

  /**
   * What patch {@code position} sees (its receptive field, clipped to the input): samples {@code [from, to)}
   * of a signal ({@code [0, 1)} for a tabular row), or the image region {@code [top, bottom, left, right)}.
   */
  int[] span(int position) {
    if (!conv) {
      return new int[] {0, 1};
    }
    if (image) {
      int gw = gridSide(sampleShape[2]);
      int[] rows = axisSpan(position / gw, sampleShape[1]);
      int[] cols = axisSpan(position % gw, sampleShape[2]);
      return new int[] {rows[0], rows[1], cols[0], cols[1]};
    }
    return axisSpan(position, sampleShape[1]);
  }

  private int[] axisSpan(int position, int size) {
    int rf = 1;
    int jump = 1;
    int offset = 0;
    for (boolean p : pools) {
      rf += (kernel - 1) * jump;
      offset -= (kernel / 2) * jump;
      if (p) {
        rf += jump;
        jump *= 2;
      }
    }
    int from = position * jump + offset;
    return new int[] {Math.max(0, from), Math.min(size, from + rf)};
  }

  // ------------------------------------------------------------------ plain Java forward

  /** The patch grid {@code [positions][latent]} of one standardised sample (flattened channel-major). */
  float[][] encode(float[] x) {
    if (!conv) {
      float[] h = x;
      for (int b = 0; b < widths.length; b++) {
        h = dense(h, params.get(2 * b), params.get(2 * b + 1), true);
      }
      float[] z = dense(h, params.get(2 * widths.length), params.get(2 * widths.length + 1), false);
      sigmoid(z);
      return new float[][] {z};
    }
    if (image) {
      return encodeImage(x);
    }
    int c = sampleShape[0];
    int len = sampleShape[1];
    float[][] h = new float[c][len];
    for (int ch = 0; ch < c; ch++) {
      System.arraycopy(x, ch * len, h[ch], 0, len);
    }
    for (int b = 0; b < widths.length; b++) {
      h = conv(h, params.get(2 * b), params.get(2 * b + 1), kernel);
      relu(h);
      if (pools[b]) {
        h = pool(h);
      }
    }
    float[][] z = conv(h, params.get(2 * widths.length), params.get(2 * widths.length + 1), 1);
    return latentGrid(z);
  }

  private float[][] encodeImage(float[] x) {
    int c = sampleShape[0];
    int hh = sampleShape[1];
    int ww = sampleShape[2];
    float[][] h = new float[c][hh * ww];
    for (int ch = 0; ch < c; ch++) {
      System.arraycopy(x, ch * hh * ww, h[ch], 0, hh * ww);
    }
    for (int b = 0; b < widths.length; b++) {
      h = conv2d(h, hh, ww, params.get(2 * b), params.get(2 * b + 1), kernel);
      relu(h);
      if (pools[b]) {
        h = pool2d(h, hh, ww);
        hh /= 2;
        ww /= 2;
      }
    }
    float[][] z = conv2d(h, hh, ww, params.get(2 * widths.length), params.get(2 * widths.length + 1), 1);
    return latentGrid(z);
  }

  /** {@code [latent][positions]} pre-activations to the {@code [positions][latent]} grid, through a sigmoid. */
  private float[][] latentGrid(float[][] z) {
    int p = z[0].length;
    float[][] out = new float[p][latent];
    for (int d = 0; d < latent; d++) {
      for (int j = 0; j < p; j++) {
        out[j][d] = (float) (1 / (1 + Math.exp(-z[d][j])));
      }
    }
    return out;
  }

  /** Same-padded {@code k x k} convolution of {@code [in][h * w]} planes (weights {@code [out, in, k, k]}). */
  private static float[][] conv2d(float[][] x, int h, int w, float[] wt, float[] b, int k) {
    int in = x.length;
    int out = b.length;
    int pad = k / 2;
    float[][] y = new float[out][h * w];
    for (int o = 0; o < out; o++) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          double s = b[o];
          for (int i = 0; i < in; i++) {
            float[] xi = x[i];
            int base = (o * in + i) * k * k;
            for (int qr = 0; qr < k; qr++) {
              int u = r + qr - pad;
              if (u < 0 || u >= h) {
                continue;
              }
              for (int qc = 0; qc < k; qc++) {
                int v = c + qc - pad;
                if (v >= 0 && v < w) {
                  s += (double) wt[base + qr * k + qc] * xi[u * w + v];
                }
              }
            }
          }
          y[o][r * w + c] = (float) s;
        }
      }
    }
    return y;
  }

  /** 2 x 2 max pool with stride 2 of {@code [channels][h * w]} planes (an odd last row or column is dropped). */
  private static float[][] pool2d(float[][] x, int h, int w) {
    int oh = h / 2;
    int ow = w / 2;
    float[][] out = new float[x.length][oh * ow];
    for (int ch = 0; ch < x.length; ch++) {
      float[] p = x[ch];
      for (int r = 0; r < oh; r++) {
        for (int c = 0; c < ow; c++) {
          int a = 2 * r * w + 2 * c;
          out[ch][r * ow + c] = Math.max(Math.max(p[a], p[a + 1]), Math.max(p[a + w], p[a + w + 1]));
        }
      }
    }
    return out;
  }

  private static float[] dense(float[] x, float[] w, float[] b, boolean relu) {
    int out = b.length;
    int in = x.length;
    float[] y = new float[out];
    for (int o = 0; o < out; o++) {
      double s = b[o];
      int base = o * in;
      for (int i = 0; i < in; i++) {
        s += (double) w[base + i] * x[i];
      }
      y[o] = relu && s < 0 ? 0 : (float) s;
    }
    return y;
  }

  private static float[][] conv(float[][] x, float[] w, float[] b, int k) {
    int in = x.length;
    int len = x[0].length;
    int out = b.length;
    int pad = k / 2;
    float[][] y = new float[out][len];
    for (int o = 0; o < out; o++) {
      for (int t = 0; t < len; t++) {
        double s = b[o];
        for (int i = 0; i < in; i++) {
          int base = (o * in + i) * k;
          float[] xi = x[i];
          for (int q = 0; q < k; q++) {
            int u = t + q - pad;
            if (u >= 0 && u < len) {
              s += (double) w[base + q] * xi[u];
            }
          }
        }
        y[o][t] = (float) s;
      }
    }
    return y;
  }

  private static void relu(float[][] h) {
    for (float[] row : h) {
      for (int i = 0; i < row.length; i++) {
        if (row[i] < 0) {
          row[i] = 0;
        }
      }
    }
  }

  private static float[][] pool(float[][] h) {
    float[][] out = new float[h.length][h[0].length / 2];
    for (int c = 0; c < h.length; c++) {
      for (int t = 0; t < out[c].length; t++) {
        out[c][t] = Math.max(h[c][2 * t], h[c][2 * t + 1]);
      }
    }
    return out;
  }

  private static void sigmoid(float[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (1 / (1 + Math.exp(-z[i])));
    }
  }

  // ------------------------------------------------------------------ DJL forward (training)

  /**
   * The patch grid of a batch for training: {@code x} is {@code [n, features]} standardised, {@code p} the
   * parameters as arrays that record gradients; returns {@code [n, positions, latent]}.
   */
  NDArray forward(NDArray x, List<NDArray> p) {
    long n = x.getShape().get(0);
    int last = 2 * widths.length;
    if (!conv) {
      NDArray h = x;
      for (int b = 0; b < widths.length; b++) {
        h = Activation.relu(h.matMul(p.get(2 * b).transpose()).add(p.get(2 * b + 1)));
      }
      NDArray z = Activation.sigmoid(h.matMul(p.get(last).transpose()).add(p.get(last + 1)));
      return z.reshape(n, 1, latent);
    }
    if (image) {
      NDArray h = x.reshape(n, sampleShape[0], sampleShape[1], sampleShape[2]);
      for (int b = 0; b < widths.length; b++) {
        h = Conv2d.conv2d(h, p.get(2 * b), p.get(2 * b + 1), new Shape(1, 1), new Shape(kernel / 2, kernel / 2),
            new Shape(1, 1), 1).singletonOrThrow();
        h = Activation.relu(h);
        if (pools[b]) {
          h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
      }
      NDArray z = Conv2d.conv2d(h, p.get(last), p.get(last + 1), new Shape(1, 1), new Shape(0, 0),
          new Shape(1, 1), 1).singletonOrThrow();
      return Activation.sigmoid(z).reshape(n, latent, positions()).transpose(0, 2, 1);
    }
    NDArray h = x.reshape(n, sampleShape[0], sampleShape[1]);
    for (int b = 0; b < widths.length; b++) {
      h = Conv1d.conv1d(h, p.get(2 * b), p.get(2 * b + 1), new Shape(1), new Shape(kernel / 2), new Shape(1), 1)
          .singletonOrThrow();
      h = Activation.relu(h);
      if (pools[b]) {
        h = Pool.maxPool1d(h, new Shape(2), new Shape(2), new Shape(0), false);
      }
    }
    NDArray z = Conv1d.conv1d(h, p.get(last), p.get(last + 1), new Shape(1), new Shape(0), new Shape(1), 1)
        .singletonOrThrow();
    return Activation.sigmoid(z).transpose(0, 2, 1);
  }

  // ------------------------------------------------------------------ saving

  void write(ObjectNode o) {
    ArrayNode s = o.putArray("sampleShape");
    for (int v : sampleShape) {
      s.add(v);
    }
    ArrayNode w = o.putArray("widths");
    for (int v : widths) {
      w.add(v);
    }
    o.put("kernel", kernel);
    o.put("latent", latent);
    ArrayNode ps = o.putArray("params");
    for (float[] p : params) {
      JsonWeights.put(ps.addArray(), p);
    }
  }

  static PatchEncoder read(CheckedJson o) {
    int[] shape = o.integers("sampleShape");
    int[] widths = o.integers("widths");
    int kernel = o.integer("kernel");
    int latent = o.integer("latent");
    if (kernel < 1 || kernel % 2 == 0 || latent < 1 || widths.length == 0) {
      throw o.error("kernel", "expected an odd kernel >= 1, a latent size >= 1 and at least one layer; got kernel "
          + kernel + ", latent " + latent + ", " + widths.length + " layers");
    }
    if (shape.length < 1 || shape.length > 3) {
      throw o.error("sampleShape", "expected [d], [channels, length] or [channels, height, width], got "
          + java.util.Arrays.toString(shape));
    }
    for (int v : shape) {
      if (v < 1) {
        throw o.error("sampleShape", "expected positive sizes, got " + java.util.Arrays.toString(shape));
      }
    }
    for (int v : widths) {
      if (v < 1) {
        throw o.error("widths", "expected positive layer widths, got " + java.util.Arrays.toString(widths));
      }
    }
    PatchEncoder empty = new PatchEncoder(shape, widths, kernel, latent, List.of());
    List<float[]> ps = JsonWeights.list(o, "params", empty.shapes);
    return empty.withParams(ps);
  }
}
