package io.workbench.model.djl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A network written out for an independent rebuild in PyTorch: the layer sequence read from its {@link
 * Architecture} (not from the propagation stages under test), the raw weights and batch-norm statistics (eps
 * 1e-5, DJL's default), the standardisation, and the rows to explain. The operation that ends a named layer of
 * the DJL network carries that name in {@code "ends"} (for the layer attributions' rebuild). Read by the test scripts under {@code
 * src/test/resources/io/workbench/explain}.
 */
public final class TorchSpec {

  private TorchSpec() {}

  /** The JSON text of {@code net} with rows, references and targets. */
  public static String json(NeuralNetModel net, float[][] x, float[][] ref, int[] targets) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    Architecture a = net.architecture();
    ArrayNode shape = root.putArray("input_shape");
    for (int s : a.inputShape()) {
      shape.add(s);
    }
    ArrayNode layers = root.putArray("layers");
    ObjectNode std = layers.addObject().put("type", "standardize");
    ArrayNode mean = std.putArray("mean");
    ArrayNode scale = std.putArray("scale");
    for (int j = 0; j < net.mean.length; j++) {
      mean.add(net.mean[j]);
      scale.add(net.scale[j]);
    }
    List<NetworkFixtures.Param> params = NetworkFixtures.parameters(net);
    boolean conv = a.kind().startsWith("cnn");
    boolean twoD = a.kind().equals("cnn2d");
    if (conv) {
      int[] spatial = java.util.Arrays.copyOfRange(a.inputShape(), 1, a.inputShape().length);
      for (int i = 0; i < a.filters().length; i++) {
        String name = "conv" + (i + 1);
        weighted(layers.addObject().put("type", twoD ? "conv2d" : "conv1d").put("pad", a.kernelSize() / 2), params,
            name);
        if (a.batchNorm()) {
          batchNorm(layers.addObject(), params, name);
        }
        layers.addObject().put("type", "act").put("f", a.activation()).put("ends", name);
        boolean canPool = true;
        for (int s : spatial) {
          canPool &= s >= 2;
        }
        if (canPool) {
          layers.addObject().put("type", twoD ? "maxpool2d" : "maxpool1d").put("ends", "pool" + (i + 1));
          for (int d = 0; d < spatial.length; d++) {
            spatial[d] /= 2;
          }
        }
      }
      layers.addObject().put("type", twoD ? "flatten" : "gap").put("ends", twoD ? "flatten" : "global_pool");
    } else if (a.inputShape().length > 1) {
      layers.addObject().put("type", "flatten").put("ends", "flatten");
    }
    if (!a.kind().equals("linear")) {
      for (int i = 0; i < a.hidden().length; i++) {
        String name = "dense" + (i + 1);
        weighted(layers.addObject().put("type", "dense"), params, name);
        if (a.batchNorm()) {
          batchNorm(layers.addObject(), params, name);
        }
        layers.addObject().put("type", "act").put("f", a.activation()).put("ends", name);
      }
    }
    weighted(layers.addObject().put("type", "dense").put("ends", "output"), params, "output");
    root.set("x", om.valueToTree(x));
    root.set("ref", om.valueToTree(ref));
    root.set("targets", om.valueToTree(targets));
    return root.toString();
  }

  private static NetworkFixtures.Param find(List<NetworkFixtures.Param> params, String layer, String suffix) {
    List<NetworkFixtures.Param> found = new ArrayList<>();
    for (NetworkFixtures.Param p : params) {
      if (p.layer().equals(layer) && p.key().endsWith(suffix)) {
        found.add(p);
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException(layer + "." + suffix + ": " + found.size() + " matches");
    }
    return found.get(0);
  }

  private static void weighted(ObjectNode node, List<NetworkFixtures.Param> params, String layer) {
    NetworkFixtures.Param w = find(params, layer, "weight");
    NetworkFixtures.Param b = find(params, layer, "bias");
    ArrayNode shape = node.putArray("shape");
    for (long s : w.shape()) {
      shape.add(s);
    }
    ArrayNode wv = node.putArray("w");
    for (float v : w.values()) {
      wv.add(v);
    }
    ArrayNode bv = node.putArray("b");
    for (float v : b.values()) {
      bv.add(v);
    }
  }

  private static void batchNorm(ObjectNode node, List<NetworkFixtures.Param> params, String layer) {
    node.put("type", "bn").put("eps", 1e-5);
    String[][] keys = {{"gamma", "gamma"}, {"beta", "beta"}, {"runningMean", "mean"}, {"runningVar", "var"}};
    for (String[] k : keys) {
      ArrayNode arr = node.putArray(k[1]);
      for (float v : find(params, layer, k[0]).values()) {
        arr.add(v);
      }
    }
  }
}
