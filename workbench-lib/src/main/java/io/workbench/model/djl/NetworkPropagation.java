package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.workbench.data.Task;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.LayerGradients;
import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import io.workbench.run.NativeThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Propagation} for the workbench's DJL networks: the layers read as stages (batch norm folded into the
 * dense or convolution stage before it, the input standardisation as the first stage), DeepLIFT and LRP run
 * stage by stage on PyTorch tensors (one batch of {@link NeuralNetModel#batchSize()} rows at a time, linear maps
 * transposed by their own backward pass), and hidden layers entered and read through the network's blocks. The
 * stages are checked against the network once, on seeded random rows, before first use.
 */
final class NetworkPropagation implements Propagation {

  private final NeuralNetModel model;
  private final List<StageOp> ops;
  private final List<Stage> stages;
  private final NDManager weights;
  private final String unsupported;
  private final Map<String, int[]> layerShapes = new ConcurrentHashMap<>();

  private NetworkPropagation(NeuralNetModel model, List<StageOp> ops, NDManager weights, String unsupported) {
    this.model = model;
    this.ops = ops;
    this.weights = weights;
    this.unsupported = unsupported;
    List<Stage> s = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      StageOp op = ops.get(i);
      s.add(new Stage(i, op.layer, op.kind, op.function, op.inShape, op.outShape));
    }
    this.stages = List.copyOf(s);
  }

  /** The stages of a network, or an unsupported view naming why (a network kind whose layers are unknown). */
  static NetworkPropagation of(NeuralNetModel model) {
    Architecture a = model.architecture();
    if (!List.of("linear", "mlp", "cnn1d", "cnn2d").contains(a.kind())) {
      return new NetworkPropagation(model, List.of(), null, "network kind '" + a.kind() + "' (layers "
          + a.layerNames() + ": no propagation rules for its ELU, square and log, grouped convolutions, residual "
          + "sums or concatenated pooling)");
    }
    Djl.lockGradients();
    try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
      Djl.noGrad();
      NDManager mgr = model.net.manager.newSubManager();
      List<StageOp> ops = build(model, mgr);
      NetworkPropagation p = new NetworkPropagation(model, ops, mgr, null);
      p.selfCheck();
      return p;
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }

  boolean supported() {
    return unsupported == null;
  }

  // ------------------------------------------------------------------ building the stages

  private static List<StageOp> build(NeuralNetModel model, NDManager mgr) {
    Network net = model.net;
    Architecture a = model.architecture();
    int[] in = a.inputShape();
    int d = model.mean.length;
    float[] scale = new float[d];
    float[] shift = new float[d];
    for (int j = 0; j < d; j++) {
      scale[j] = (float) (1 / model.scale[j]);
      shift[j] = (float) (-model.mean[j] / model.scale[j]);
    }
    Shape one = StageOp.batchShape(1, in);
    List<StageOp> ops = new ArrayList<>();
    ops.add(new StageOp.Affine("input", mgr.create(scale, one), mgr.create(shift, one)));
    for (Architecture.Layer layer : net.layers) {
      List<Block> children = new ArrayList<>();
      if (layer.block instanceof SequentialBlock seq) {
        children.addAll(seq.getChildren().values());
      } else {
        children.add(layer.block);
      }
      for (Block b : children) {
        if (b instanceof Linear lin) {
          ops.add(new StageOp.Dense(layer.name, copy(mgr, lin.getParameters().get("weight").getArray()),
              copy(mgr, lin.getParameters().get("bias").getArray())));
        } else if (b instanceof Conv1d || b instanceof Conv2d) {
          ops.add(new StageOp.Conv(layer.name, copy(mgr, b.getParameters().get("weight").getArray()),
              copy(mgr, b.getParameters().get("bias").getArray()), b instanceof Conv2d));
        } else if (b instanceof BatchNorm bn) {
          fold(mgr, ops, bn, layer.name);
        } else if (b instanceof Dropout) {
          ops.add(new StageOp.Identity(layer.name));
        } else if (b instanceof LambdaBlock) {
          ops.add(lambda(layer.name, a));
        } else {
          throw new IllegalStateException("Layer '" + layer.name + "' has a block DeepLIFT and LRP do not know: "
              + b.getClass().getSimpleName());
        }
      }
    }
    try (NDManager sub = mgr.newSubManager()) {
      NDArray probe = sub.zeros(one);
      for (StageOp op : ops) {
        op.inShape = shapeOf(probe);
        probe = op.forward(probe);
        op.outShape = shapeOf(probe);
      }
    }
    return ops;
  }

  /** What a parameter-free block of a built-in network kind computes, from its layer's name. */
  private static StageOp lambda(String layer, Architecture a) {
    if (layer.startsWith("pool")) {
      return new StageOp.MaxPool(layer, a.kind().equals("cnn2d"));
    }
    if (layer.equals("global_pool")) {
      return new StageOp.AvgPool(layer);
    }
    if (layer.equals("flatten")) {
      return new StageOp.Flatten(layer);
    }
    if (layer.startsWith("dense") || layer.startsWith("conv")) {
      return new StageOp.Act(layer, a.activation());
    }
    throw new IllegalStateException("Layer '" + layer + "' has a parameter-free block DeepLIFT and LRP do not know");
  }

  /**
   * Folds an inference-time batch norm into the dense or convolution stage before it: its per-channel map {@code
   * y = s x + t} is read off the block itself at inputs 0 and 1, then {@code W' = s W}, {@code b' = s b + t}.
   */
  private static void fold(NDManager mgr, List<StageOp> ops, BatchNorm bn, String layer) {
    StageOp last = ops.get(ops.size() - 1);
    if (!(last instanceof StageOp.Dense) && !(last instanceof StageOp.Conv)) {
      throw new IllegalStateException("Layer '" + layer + "': batch norm that does not follow a dense or convolution");
    }
    StageOp.Weighted w = (StageOp.Weighted) last;
    long channels = w.weight.getShape().get(0);
    long[] dims = new long[(int) w.weight.getShape().dimension()];
    Arrays.fill(dims, 1);
    dims[0] = 2;
    dims[1] = channels;
    if (last instanceof StageOp.Dense) {
      dims = new long[] {2, channels};
    }
    try (NDManager sub = mgr.newSubManager()) {
      NDArray probe = sub.zeros(new Shape(dims));
      probe.set(new ai.djl.ndarray.index.NDIndex("1"), 1f);
      float[] out = bn.forward(new ParameterStore(sub, false), new NDList(probe), false).singletonOrThrow()
          .toFloatArray();
      int c = Math.toIntExact(channels);
      float[] wf = w.weight.toFloatArray();
      float[] bf = w.bias.toFloatArray();
      int per = wf.length / c;
      for (int k = 0; k < c; k++) {
        double s = (double) out[c + k] - out[k];
        for (int q = 0; q < per; q++) {
          wf[k * per + q] = (float) (s * wf[k * per + q]);
        }
        bf[k] = (float) (s * bf[k] + out[k]);
      }
      StageOp folded = last instanceof StageOp.Dense
          ? new StageOp.Dense(w.layer, mgr.create(wf, w.weight.getShape()), mgr.create(bf, w.bias.getShape()))
          : new StageOp.Conv(w.layer, mgr.create(wf, w.weight.getShape()), mgr.create(bf, w.bias.getShape()),
              ((StageOp.Conv) w).twoD);
      ops.set(ops.size() - 1, folded);
    }
  }

  private static NDArray copy(NDManager mgr, NDArray a) {
    return mgr.create(a.toFloatArray(), a.getShape());
  }

  private static int[] shapeOf(NDArray a) {
    long[] s = a.getShape().getShape();
    int[] out = new int[s.length - 1];
    for (int i = 1; i < s.length; i++) {
      out[i - 1] = Math.toIntExact(s[i]);
    }
    return out;
  }

  /** Compares the stages' logits with the network's own on seeded random rows; a mismatch is a bug. */
  private void selfCheck() {
    int d = model.mean.length;
    Random rnd = new Random(1);
    float[][] x = new float[3][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (model.mean[j] + model.scale[j] * rnd.nextGaussian());
      }
    }
    try (NDManager sub = model.net.manager.newSubManager()) {
      NDArray expected = model.net.forward(new ParameterStore(sub, false),
          sub.create(model.standardise(x, 0, x.length), model.net.inputShape(x.length)), false);
      NDArray got = forward(raw(sub, x, 0, x.length), null);
      float[] e = expected.toFloatArray();
      float[] g = got.toFloatArray();
      double scale = 1;
      double worst = 0;
      for (int i = 0; i < e.length; i++) {
        scale = Math.max(scale, Math.abs(e[i]));
        worst = Math.max(worst, Math.abs(e[i] - g[i]));
      }
      if (e.length != g.length || worst > 1e-4 * scale) {
        throw new IllegalStateException("The propagation stages of " + model.architecture().describe()
            + " do not reproduce the network (largest logit difference " + worst + "); stages: " + stages);
      }
    }
  }

  // ------------------------------------------------------------------ Propagation

  @Override
  public List<Stage> stages() {
    return stages;
  }

  /** Raw rows {@code start .. start+m} as a batch of the input shape. */
  private NDArray raw(NDManager sub, float[][] x, int start, int m) {
    int d = model.mean.length;
    float[] buf = new float[m * d];
    for (int i = 0; i < m; i++) {
      System.arraycopy(x[start + i], 0, buf, i * d, d);
    }
    return sub.create(buf, model.net.inputShape(m));
  }

  /** Runs the stages, collecting each stage's input into {@code inputs} when it is not null; returns the logits. */
  private NDArray forward(NDArray x, List<NDArray> inputs) {
    NDArray h = x;
    for (StageOp op : ops) {
      if (inputs != null) {
        inputs.add(h);
      }
      h = op.forward(h);
    }
    return h;
  }

  private void check(float[][] x, int[] targets) {
    if (!supported()) {
      throw new IllegalArgumentException("Propagation is not available for the " + unsupported);
    }
    model.checkInput(x);
    model.checkTargets(x.length, targets);
  }

  /** Runs {@code body} with the gradient lock, the caller's native threads and one open gradient collector. */
  private <T> T locked(java.util.function.Function<StageOp.Autograd, T> body) {
    Djl.lockGradients();
    try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
      Djl.noGrad();
      try (GradientCollector gc = Djl.engine().newGradientCollector()) {
        return body.apply(new StageOp.Autograd(gc));
      }
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }

  @Override
  public Contributions deepLift(float[][] x, float[][] reference, int[] targets, Output output,
      Set<Integer> revealCancel) {
    check(x, targets);
    if (reference == null || reference.length != x.length) {
      throw new IllegalArgumentException("reference needs one row per row of x (" + x.length + "), got "
          + (reference == null ? "null" : reference.length));
    }
    model.checkInput(reference);
    if (output == null) {
      throw new IllegalArgumentException("output is null; use Differentiable.Output.LOGIT or PROBABILITY");
    }
    Set<Integer> rc = revealCancel == null ? Set.of() : Set.copyOf(revealCancel);
    for (int s : rc) {
      if (s < 0 || s >= ops.size() || ops.get(s).kind != Kind.ACTIVATION) {
        throw new IllegalArgumentException("revealCancel lists stage " + s + ", which is not an activation stage; "
            + "stages are " + stages);
      }
    }
    int n = x.length;
    int d = model.mean.length;
    float[][] values = new float[n][];
    double[] fx = new double[n];
    double[] fr = new double[n];
    int batch = model.batchSize();
    return locked(ag -> {
      for (int start = 0; start < n; start += batch) {
        int m = Math.min(batch, n - start);
        try (NDManager sub = model.net.manager.newSubManager()) {
          NDArray xa = raw(sub, x, start, m);
          NDArray ra = raw(sub, reference, start, m);
          // rows and references in one forward pass: every stage's input holds both, split once per stage
          List<NDArray> both = new ArrayList<>();
          float[] z = forward(xa.concat(ra), both).toFloatArray();
          List<NDArray> xin = new ArrayList<>(both.size());
          List<NDArray> rin = new ArrayList<>(both.size());
          for (NDArray h : both) {
            xin.add(h.get(new NDIndex("0:" + m)));
            rin.add(h.get(new NDIndex(m + ":")));
          }
          float[] zx = Arrays.copyOfRange(z, 0, z.length / 2);
          float[] zr = Arrays.copyOfRange(z, z.length / 2, z.length);
          float[] startM = startMultipliers(zx, zr, targets, start, m, output, fx, fr);
          NDArray top = sub.create(startM, new Shape(m, startM.length / m));
          NDArray delta = xa.sub(ra);
          NDArray contrib;
          if (rc.isEmpty()) {
            StageOp.Local[] local = new StageOp.Local[ops.size()];
            for (int s = 0; s < ops.size(); s++) {
              if (!ops.get(s).linear()) {
                local[s] = ops.get(s).local(xin.get(s), rin.get(s), null, null, false, ag);
              }
            }
            NDArray mult = top;
            for (int s = ops.size() - 1; s >= 0; s--) {
              mult = ops.get(s).back(mult, local[s], ag);
            }
            contrib = mult.mul(delta);
          } else {
            StageOp.Local[] local = new StageOp.Local[ops.size()];
            NDArray[] parts = {delta.maximum(0), delta.minimum(0)};
            NDArray[] first = parts;
            for (int s = 0; s < ops.size(); s++) {
              StageOp op = ops.get(s);
              if (!op.linear()) {
                local[s] = op.local(xin.get(s), rin.get(s), parts[0], parts[1], rc.contains(s), ag);
              }
              parts = op.pushParts(parts[0], parts[1], local[s]);
            }
            NDArray[] mult = {top, top};
            for (int s = ops.size() - 1; s >= 0; s--) {
              mult = ops.get(s).backParts(mult[0], mult[1], local[s], ag);
            }
            contrib = mult[0].mul(first[0]).add(mult[1].mul(first[1]));
          }
          float[] c = contrib.toFloatArray();
          for (int i = 0; i < m; i++) {
            values[start + i] = Arrays.copyOfRange(c, i * d, (i + 1) * d);
          }
        }
      }
      return new Contributions(values, fx, fr);
    });
  }

  /**
   * The explained output's multipliers with respect to the logits, and the outputs themselves. For a linear
   * output (logits, regression values) they are its gradient; for probabilities, the gradient {@code g} at the
   * logits' midpoint rescaled so that {@code m . (z - z') = f(z) - f(z')} (for a binary softmax or a sigmoid this
   * is exactly the rescale rule).
   */
  private float[] startMultipliers(float[] zx, float[] zr, int[] targets, int start, int m, Output output,
      double[] fx, double[] fr) {
    int k = zx.length / m;
    float[] out = new float[zx.length];
    Task task = model.task();
    for (int i = 0; i < m; i++) {
      int t = task == Task.REGRESSION ? 0 : targets[start + i];
      double[] z = new double[k];
      double[] zRef = new double[k];
      double[] mid = new double[k];
      for (int c = 0; c < k; c++) {
        z[c] = zx[i * k + c];
        zRef[c] = zr[i * k + c];
        mid[c] = (z[c] + zRef[c]) / 2;
      }
      double[] g = new double[k];
      if (task == Task.REGRESSION) {
        double s = model.spec.targetScale();
        g[0] = s;
        fx[start + i] = z[0] * s + model.spec.targetMean();
        fr[start + i] = zRef[0] * s + model.spec.targetMean();
      } else if (output == Output.LOGIT) {
        g[t] = 1;
        fx[start + i] = z[t];
        fr[start + i] = zRef[t];
      } else if (task == Task.MULTI_LABEL) {
        double p = sigmoid(mid[t]);
        g[t] = p * (1 - p);
        fx[start + i] = sigmoid(z[t]);
        fr[start + i] = sigmoid(zRef[t]);
      } else {
        double[] p = softmax(mid);
        for (int c = 0; c < k; c++) {
          g[c] = p[t] * ((c == t ? 1 : 0) - p[c]);
        }
        fx[start + i] = softmax(z)[t];
        fr[start + i] = softmax(zRef)[t];
      }
      double ratio = 1;
      if (output == Output.PROBABILITY && task != Task.REGRESSION) {
        double gd = 0;
        for (int c = 0; c < k; c++) {
          gd += g[c] * (z[c] - zRef[c]);
        }
        double r = (fx[start + i] - fr[start + i]) / gd;
        ratio = Math.abs(gd) > 1e-12 && Double.isFinite(r) ? r : 1;
      }
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) (g[c] * ratio);
      }
    }
    return out;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp(z[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  @Override
  public Relevance relevance(float[][] x, int[] targets, List<RelevanceRule> rules) {
    check(x, targets);
    if (rules == null || rules.size() != ops.size()) {
      throw new IllegalArgumentException("relevance needs one rule per stage (" + ops.size() + "), got "
          + (rules == null ? "null" : rules.size()) + "; stages are " + stages);
    }
    for (int s = 0; s < ops.size(); s++) {
      RelevanceRule r = rules.get(s);
      if (r == null || !ops.get(s).accepts(r)) {
        throw new IllegalArgumentException("Stage " + stages.get(s) + " takes " + ops.get(s).acceptedRules()
            + ", not " + r);
      }
      if (r.kind() == RelevanceRule.Kind.Z_BOX) {
        boundsStage(s, r);
      }
    }
    int n = x.length;
    int d = model.mean.length;
    int sCount = ops.size();
    float[][] values = new float[n][];
    double[][] totals = new double[n][sCount + 1];
    double[] outputs = new double[n];
    int batch = model.batchSize();
    return locked(ag -> {
      for (int start = 0; start < n; start += batch) {
        int m = Math.min(batch, n - start);
        try (NDManager sub = model.net.manager.newSubManager()) {
          List<NDArray> xin = new ArrayList<>();
          float[] z = forward(raw(sub, x, start, m), xin).toFloatArray();
          int k = z.length / m;
          float[] r0 = new float[z.length];
          for (int i = 0; i < m; i++) {
            int t = model.task() == Task.REGRESSION ? 0 : targets[start + i];
            double v = model.task() == Task.REGRESSION ? z[i * k] * model.spec.targetScale() : z[i * k + t];
            r0[i * k + t] = (float) v;
            outputs[start + i] = v;
            totals[start + i][sCount] = v;
          }
          NDArray r = sub.create(r0, new Shape(m, k));
          for (int s = sCount - 1; s >= 0; s--) {
            RelevanceRule rule = rules.get(s);
            NDArray[] bounds = rule.kind() == RelevanceRule.Kind.Z_BOX ? bounds(sub, s, rule) : null;
            r = ops.get(s).relevance(r, xin.get(s), rule, bounds, ag);
            float[] flat = r.toFloatArray();
            int per = flat.length / m;
            for (int i = 0; i < m; i++) {
              double sum = 0;
              for (int q = 0; q < per; q++) {
                sum += flat[i * per + q];
              }
              totals[start + i][s] = sum;
              if (s == 0) {
                values[start + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
              }
            }
          }
        }
      }
      return new Relevance(values, totals, outputs);
    });
  }

  /** Checks that the z^B rule sits on a stage whose input is the standardised input; returns the raw width. */
  private void boundsStage(int s, RelevanceRule rule) {
    for (int q = 0; q < s; q++) {
      Kind k = ops.get(q).kind;
      if (k != Kind.STANDARDIZE && k != Kind.FLATTEN && k != Kind.IDENTITY) {
        throw new IllegalArgumentException("The zB rule is for the first dense or convolution stage (its input must be"
            + " the network's input), but stage " + stages.get(s) + " follows " + stages.get(q));
      }
    }
    int d = model.mean.length;
    if (rule.low().length != 1 && rule.low().length != d) {
      throw new IllegalArgumentException("zB bounds need one value per feature (" + d + ") or one for all, got "
          + rule.low().length);
    }
  }

  /** The z^B bounds mapped from raw units through the stages before stage {@code s}. */
  private NDArray[] bounds(NDManager sub, int s, RelevanceRule rule) {
    NDArray[] out = new NDArray[2];
    float[][] raw = {rule.low(), rule.high()};
    int d = model.mean.length;
    for (int b = 0; b < 2; b++) {
      float[] v = new float[d];
      for (int j = 0; j < d; j++) {
        v[j] = raw[b].length == 1 ? raw[b][0] : raw[b][j];
      }
      NDArray h = sub.create(v, model.net.inputShape(1));
      for (int q = 0; q < s; q++) {
        h = ops.get(q).forward(h);
      }
      out[b] = h;
    }
    return out;
  }

  // ------------------------------------------------------------------ layers

  @Override
  public int[] layerShape(String layer) {
    int li = model.net.layerIndex(layer);
    return layerShapes.computeIfAbsent(layer, l -> {
      try (NDManager sub = model.net.manager.newSubManager(); Djl.Threads t = Djl.threads(NativeThreads.current())) {
        Djl.noGrad();
        NDArray a = model.net.forward(new ParameterStore(sub, false), sub.zeros(model.net.inputShape(1)), 0, li + 1,
            false);
        return shapeOf(a);
      }
    }).clone();
  }

  @Override
  public float[][] layerActivations(String layer, float[][] x) {
    int li = model.net.layerIndex(layer);
    model.checkInput(x);
    int n = x.length;
    float[][] out = new float[n][];
    int batch = model.batchSize();
    try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
      Djl.noGrad();
      for (int start = 0; start < n; start += batch) {
        int m = Math.min(batch, n - start);
        try (NDManager sub = model.net.manager.newSubManager()) {
          NDArray in = sub.create(padded(model.standardise(x, start, m), batch), model.net.inputShape(batch));
          float[] flat = model.net.forward(new ParameterStore(sub, false), in, 0, li + 1, false).toFloatArray();
          rows(Arrays.copyOf(flat, flat.length / batch * m), out, start, m);
        }
      }
    }
    return out;
  }

  /**
   * Standardised rows followed by zero rows up to {@code batch} rows: every native call has the model's batch
   * size, so a row's numbers do not depend on how many rows share its call (as in {@link NeuralNetModel}).
   */
  private float[] padded(float[] standardised, int batch) {
    return Arrays.copyOf(standardised, batch * model.mean.length);
  }

  private static void rows(float[] flat, float[][] out, int start, int m) {
    int per = flat.length / m;
    for (int i = 0; i < m; i++) {
      out[start + i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
    }
  }

  @Override
  public LayerGradients gradientsFromLayer(String layer, float[][] activations, int[] targets, Output output) {
    int li = model.net.layerIndex(layer);
    int[] shape = layerShape(layer);
    int per = Layers.size(shape);
    if (activations == null) {
      throw new IllegalArgumentException("activations is null");
    }
    for (int i = 0; i < activations.length; i++) {
      if (activations[i] == null || activations[i].length != per) {
        throw new IllegalArgumentException("activations row " + i + " has " + (activations[i] == null ? "no"
            : activations[i].length) + " values, layer '" + layer + "' has " + per + " " + Arrays.toString(shape));
      }
      for (float v : activations[i]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("activations row " + i + " holds " + v + "; expected finite values");
        }
      }
    }
    model.checkTargets(activations.length, targets);
    int n = activations.length;
    float[] acts = new float[n * per];
    float[] grads = new float[n * per];
    int batch = model.batchSize();
    locked(ag -> {
      for (int start = 0; start < n; start += batch) {
        int m = Math.min(batch, n - start);
        float[] buf = new float[batch * per];
        for (int i = 0; i < m; i++) {
          System.arraycopy(activations[start + i], 0, buf, i * per, per);
        }
        try (NDManager sub = model.net.manager.newSubManager()) {
          NDArray a = sub.create(buf, StageOp.batchShape(batch, shape));
          a.setRequiresGradient(true);
          NDArray o = model.transform(model.net.forward(new ParameterStore(sub, false), a, li + 1,
              model.net.layers.size(), false), output);
          ag.gc.backward(model.selected(sub, o, targets, start, m));
          System.arraycopy(buf, 0, acts, start * per, m * per);
          System.arraycopy(a.getGradient().toFloatArray(), 0, grads, start * per, m * per);
        }
      }
      return null;
    });
    int[] s = new int[shape.length + 1];
    s[0] = n;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return new LayerGradients(layer, s, acts, grads);
  }

  @Override
  public float[][] neuronGradients(String layer, float[] unitWeights, float[][] x) {
    int li = model.net.layerIndex(layer);
    int[] shape = layerShape(layer);
    int per = Layers.size(shape);
    if (unitWeights == null || unitWeights.length != per) {
      throw new IllegalArgumentException("unitWeights needs one weight per unit of layer '" + layer + "' (" + per + " = "
          + Arrays.toString(shape) + "), got " + (unitWeights == null ? "null" : unitWeights.length));
    }
    model.checkInput(x);
    int n = x.length;
    int d = model.mean.length;
    float[][] out = new float[n][];
    int batch = model.batchSize();
    locked(ag -> {
      for (int start = 0; start < n; start += batch) {
        int m = Math.min(batch, n - start);
        try (NDManager sub = model.net.manager.newSubManager()) {
          NDArray in = sub.create(padded(model.standardise(x, start, m), batch), model.net.inputShape(batch));
          in.setRequiresGradient(true);
          NDArray a = model.net.forward(new ParameterStore(sub, false), in, 0, li + 1, false);
          ag.gc.backward(a.mul(sub.create(unitWeights, StageOp.batchShape(1, shape))).sum());
          float[] g = in.getGradient().toFloatArray();
          for (int i = 0; i < m; i++) {
            float[] row = new float[d];
            for (int j = 0; j < d; j++) {
              row[j] = (float) (g[i * d + j] / model.scale[j]);
            }
            out[start + i] = row;
          }
        }
      }
      return null;
    });
    return out;
  }

  @Override
  public String toString() {
    return "Propagation" + stages;
  }
}
