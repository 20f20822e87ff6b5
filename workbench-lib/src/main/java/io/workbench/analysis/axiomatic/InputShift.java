package io.workbench.analysis.axiomatic;

import io.workbench.model.WeightArray;
import io.workbench.model.djl.NeuralNetModel;
import java.util.Arrays;
import java.util.List;

/**
 * The shifted twin of a DJL network (Kindermans et al. 2019): the first layer's bias absorbs a constant shift of the
 * input, so that {@code twin(x + shift) = net(x)} for every {@code x}. The network sees standardised inputs {@code
 * (x - mean) / scale}, so the raw shift {@code c} arrives as {@code s = c / scale}; a dense first layer gets {@code
 * b' = b - W s}, a convolution {@code b'_k = b_k - sum_{c, taps} W[k][c][taps] s_c} (which needs the same {@code s}
 * at every position of a channel, and is exact only where the kernel does not reach into zero padding).
 */
final class InputShift {

  private InputShift() {}

  /** The twin of {@code net} for inputs shifted by {@code shift} (one value per feature). */
  static NeuralNetModel twin(NeuralNetModel net, float[] shift) {
    int d = net.featureNames().size();
    if (shift.length != d) {
      throw new IllegalArgumentException("shift has " + shift.length + " values, the model has " + d + " features");
    }
    double[] scale = net.standardizer().scale();
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      s[j] = shift[j] / scale[j];
    }
    List<WeightArray> w = net.weights();
    if (w.size() < 2) {
      throw new IllegalArgumentException("input invariance: the network has " + w.size() + " parameters; its first "
          + "layer needs a weight and a bias");
    }
    WeightArray weight = w.get(0);
    WeightArray bias = w.get(1);
    String prefix = weight.name().endsWith(".weight")
        ? weight.name().substring(0, weight.name().length() - ".weight".length()) : null;
    int[] ws = weight.shape();
    if (prefix == null || !bias.name().equals(prefix + ".bias") || ws.length < 2 || ws.length > 4
        || !bias.sameShape(new int[] {ws[0]})) {
      throw new IllegalArgumentException("input invariance needs a first layer (dense or convolution) with a bias; "
          + "the network's first parameters are " + weight + " and " + bias);
    }
    float[] wv = weight.values();
    float[] b = bias.values();
    int out = ws[0];
    int in = ws[1];
    int taps = wv.length / (out * in);
    double[] perInput = new double[in];
    if (ws.length == 2) {
      if (in != d) {
        throw new IllegalArgumentException("input invariance: the first dense layer " + weight + " takes " + in
            + " inputs, the model has " + d + " features");
      }
      perInput = s;
    } else {
      if (d % in != 0) {
        throw new IllegalArgumentException("input invariance: the first convolution " + weight + " has " + in
            + " input channels, which do not divide the " + d + " features");
      }
      int positions = d / in;
      for (int c = 0; c < in; c++) {
        double first = s[c * positions];
        for (int p = 1; p < positions; p++) {
          double v = s[c * positions + p];
          if (Math.abs(v - first) > 1e-9 * Math.max(1, Math.abs(first))) {
            throw new IllegalArgumentException("shift: a convolution's bias can absorb only a shift that is the same "
                + "at every position of a channel (after standardisation); channel " + c + " gets " + first
                + " at position 0 and " + v + " at position " + p);
          }
        }
        perInput[c] = first;
      }
    }
    float[] nb = new float[out];
    for (int k = 0; k < out; k++) {
      double sum = 0;
      for (int c = 0; c < in; c++) {
        for (int t = 0; t < taps; t++) {
          sum += (double) wv[(k * in + c) * taps + t] * perInput[c];
        }
      }
      nb[k] = (float) (b[k] - sum);
    }
    return net.withWeights(List.of(new WeightArray(bias.name(), bias.shape(), nb)));
  }

  /** Rows plus the shift, as the twin sees them. */
  static float[][] shifted(float[][] x, float[] shift) {
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = Arrays.copyOf(x[i], x[i].length);
      for (int j = 0; j < shift.length; j++) {
        out[i][j] += shift[j];
      }
    }
    return out;
  }
}
