package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.workbench.data.Standardizer;
import io.workbench.data.Task;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Untrained DJL networks with known, seeded weights for tests of the propagation methods: any architecture,
 * biases and batch-norm statistics drawn from the same seeded generator (so that folding and bias handling are
 * exercised), weights readable for cross-checks in other libraries and replaceable by hand.
 */
public final class NetworkFixtures {

  private NetworkFixtures() {}

  /** One parameter in layer order: {@code layer}, DJL's key, shape and values. */
  public record Param(String layer, String key, long[] shape, float[] values) {}

  /**
   * A network of architecture {@code a} on inputs standardised with {@code mean} and {@code scale} (one per
   * feature), weights Glorot-uniform, biases {@code N(0, biasSd)}, batch-norm gamma in [0.5, 1.5], beta, running
   * mean {@code N(0, 0.3)} and running variance in [0.5, 2], all from {@code seed}.
   */
  public static NeuralNetModel random(Architecture a, Task task, double[] mean, double[] scale, long seed,
      double biasSd) {
    Network net = Network.initialised(a, Device.cpu(), seed);
    Random rnd = new Random(seed * 31 + 7);
    for (Pair<String, Parameter> p : net.block.getParameters()) {
      Parameter param = p.getValue();
      NDArray arr = param.getArray();
      float[] v = arr.toFloatArray();
      String key = p.getKey();
      for (int i = 0; i < v.length; i++) {
        if (key.endsWith("gamma")) {
          v[i] = (float) (0.5 + rnd.nextDouble());
        } else if (key.endsWith("runningVar")) {
          v[i] = (float) (0.5 + 1.5 * rnd.nextDouble());
        } else if (key.endsWith("runningMean")) {
          v[i] = (float) (0.3 * rnd.nextGaussian());
        } else if (key.endsWith("beta") || key.endsWith("bias")) {
          v[i] = (float) (biasSd * rnd.nextGaussian());
        }
      }
      arr.set(v);
    }
    int d = a.inputSize();
    List<String> names = TestModels.names(d);
    List<String> classes = new ArrayList<>();
    if (task != Task.REGRESSION) {
      for (int k = 0; k < a.outputs(); k++) {
        classes.add("c" + k);
      }
    }
    NeuralNetModel.Spec spec = NeuralNetModel.spec(task, a, new Standardizer(names, mean.clone(), scale.clone()),
        task == Task.REGRESSION ? 0.5 : 0, task == Task.REGRESSION ? 2 : 1, names, classes, Map.of(), seed,
        Device.cpu(), null);
    return new NeuralNetModel(net, spec, 64);
  }

  /** {@code n x d} values {@code N(0, sd^2)} from {@code seed}. */
  public static float[][] gaussian(int n, int d, long seed, double sd) {
    Random r = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (sd * r.nextGaussian());
      }
    }
    return x;
  }

  /** A network on unstandardised inputs (mean 0, scale 1). */
  public static NeuralNetModel random(Architecture a, Task task, long seed, double biasSd) {
    int d = a.inputSize();
    double[] mean = new double[d];
    double[] scale = new double[d];
    java.util.Arrays.fill(scale, 1);
    return random(a, task, mean, scale, seed, biasSd);
  }

  /** The parameters in layer order. */
  public static List<Param> parameters(NeuralNetModel m) {
    List<Param> out = new ArrayList<>();
    for (Architecture.Layer l : m.net.layers) {
      for (Pair<String, Parameter> p : l.block.getParameters()) {
        NDArray a = p.getValue().getArray();
        out.add(new Param(l.name, p.getKey(), a.getShape().getShape(), a.toFloatArray()));
      }
    }
    return out;
  }

  /** Overwrites one parameter (in place): layer name and a suffix of DJL's key, such as {@code weight}. */
  public static void set(NeuralNetModel m, String layer, String keySuffix, float[] values) {
    for (Architecture.Layer l : m.net.layers) {
      if (!l.name.equals(layer)) {
        continue;
      }
      for (Pair<String, Parameter> p : l.block.getParameters()) {
        if (p.getKey().endsWith(keySuffix)) {
          p.getValue().getArray().set(values);
          return;
        }
      }
    }
    throw new IllegalArgumentException("no parameter " + layer + "." + keySuffix);
  }
}
