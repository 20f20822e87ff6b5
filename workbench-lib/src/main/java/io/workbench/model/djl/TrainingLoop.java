package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.workbench.data.Task;
import io.workbench.model.EarlyStopping;
import io.workbench.progress.ProgressTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One training run of a network: mini-batches in a seeded shuffled order, the loss (weighted cross-entropy,
 * mean squared error, binary cross-entropy over labels, plus ELR), the optimiser step, per-epoch validation
 * ({@link ValidationScores}) and early stopping; reports at most {@value #REPORTS_PER_EPOCH} progress events per
 * epoch (always the epoch's last batch) and checks cancellation between batches. Holds the native state
 * between batches; the caller holds the engine's gradient lock.
 *
 * <pre>{@code
 * TrainingLoop.Trained t = new TrainingLoop(data, schedule, optimizer, regularization, stopping, seed, device).run(task);
 * }</pre>
 */
final class TrainingLoop {

  /** At most this many progress events per epoch (plus the epoch's last batch). */
  static final int REPORTS_PER_EPOCH = 50;

  /** A trained network and its history. */
  record Trained(Network network, TrainingHistory history) {}

  private final TrainingData p;
  private final TrainingSchedule schedule;
  private final OptimizerSettings optimizer;
  private final Regularization regularization;
  private final EarlyStopping stopping;
  private final long seed;
  private final Device dev;
  private final boolean classification;
  private final boolean multiLabel;
  private final int n;
  private final int k;
  private double currentRate;
  // the run in progress (a loop runs once): its network, optimiser steps, row order and progress counters
  private Network net;
  private ParameterStore ps;
  private GradientSteps steps;
  private int[] order;
  private float[] elrTargets;
  private long done;
  private long reported;
  private double lastLoss = Double.NaN;

  TrainingLoop(TrainingData data, TrainingSchedule schedule, OptimizerSettings optimizer,
      Regularization regularization, EarlyStopping stopping, long seed, Device dev) {
    this.p = data;
    this.schedule = schedule;
    this.optimizer = optimizer;
    this.regularization = regularization;
    this.stopping = stopping;
    this.seed = seed;
    this.dev = dev;
    this.classification = data.task == Task.CLASSIFICATION;
    this.multiLabel = data.task == Task.MULTI_LABEL;
    this.n = data.xFit.length;
    this.k = classification || multiLabel ? data.outputs() : 1;
  }

  /** Batches per epoch: a final batch of one row cannot be batch-normalised and is skipped. */
  int batchesPerEpoch() {
    int bs = Math.min(schedule.batchSize(), n);
    int batches = (n + bs - 1) / bs;
    if (p.architecture.batchNorm() && n % bs == 1 && batches > 1) {
      batches--;
    }
    return batches;
  }

  /**
   * Trains, reporting batches to {@code progress} (whose total is {@code batchesPerEpoch() * epochs}); a loop
   * runs once.
   */
  Trained run(ProgressTask progress) {
    if (net != null) {
      throw new IllegalStateException("a TrainingLoop runs once; make a new one for another fit");
    }
    Architecture arch = p.architecture;
    int d = arch.inputSize();
    int epochs = schedule.epochs();
    int bs = Math.min(schedule.batchSize(), n);
    List<TrainingHistory.Epoch> history = new ArrayList<>();
    byte[] best = null;
    boolean stoppedEarly = false;
    Random shuffle = new Random(seed * 0x9E3779B97F4A7C15L + 1);
    order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    long[] perm = new long[n];
    float[] yBuf = new float[n * k];
    elrTargets = regularization.elr() ? new float[n * k] : null;
    EarlyStopping.Watch watch = stopping.enabled() ? stopping.watch() : null;
    net = Network.initialised(arch, dev, seed);
    try {
      Tracker lr = numUpdate -> (float) currentRate;
      Optimizer opt = optimizer.build(lr, regularization.weightDecay());
      steps = new GradientSteps(net.manager, net.trainableParameters(), opt);
      ps = new ParameterStore(net.manager, false);
      long[] cuts = new long[(n - 1) / bs];
      for (int c = 0; c < cuts.length; c++) {
        cuts[c] = (long) (c + 1) * bs;
      }
      // the standardised training matrix goes to the device once; each epoch gathers it in shuffled order
      float[] flat = new float[n * d];
      for (int i = 0; i < n; i++) {
        System.arraycopy(p.xFit[i], 0, flat, i * d, d);
      }
      NDArray xAll = net.manager.create(flat, net.inputShape(n));
      for (int epoch = 0; epoch < epochs; epoch++) {
        long t0 = System.nanoTime();
        currentRate = schedule.rate(optimizer.learningRate(), epoch);
        for (int i = n - 1; i > 0; i--) {
          int j = shuffle.nextInt(i + 1);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
        }
        fillTargets(order, yBuf, bs);
        for (int i = 0; i < n; i++) {
          perm[i] = order[i];
        }
        double epochLoss = epoch(epoch, epochs, xAll, perm, yBuf, cuts, progress);
        if (!Double.isFinite(epochLoss)) {
          throw new IllegalStateException(
              "Training diverged at epoch " + (epoch + 1) + " (loss " + epochLoss + "); lower the learning rate ("
                  + optimizer.learningRate() + ")");
        }
        ValidationScores val = p.validated() ? validate(net) : null;
        double seconds = (System.nanoTime() - t0) / 1e9;
        history.add(new TrainingHistory.Epoch(epoch + 1, epochLoss,
            val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(),
            val == null ? Double.NaN : val.auroc(), val == null ? Double.NaN : val.rmse(), currentRate, seconds));
        if (watch != null) {
          if (watch.observe(val.monitored(stopping.monitor()))) {
            best = net.parameterBytes();
          } else if (watch.exhausted()) {
            stoppedEarly = epoch + 1 < epochs;
            break;
          }
        }
      }
      progress.check(); // cancelled during the last batch: no model
      byte[] finalParams = best != null ? best : net.parameterBytes();
      int kept = best != null ? watch.bestStep() + 1 : history.size();
      TrainingHistory h = new TrainingHistory(history, kept, stopping.monitorName(), stoppedEarly);
      Network inference = Network.fromBytes(arch, dev, finalParams);
      progress.done("done, " + history.size() + " epochs", Map.of("loss", lastLoss));
      return new Trained(inference, h);
    } finally {
      net.close();
    }
  }

  /**
   * One epoch over the rows of {@code xAll} in the order {@code perm} and the targets {@code yBuf} (in that
   * order), in batches cut at {@code cuts}; returns the epoch's mean batch loss. Kept apart from {@link
   * #run} (and the batch apart from the epoch) so that the JIT compiles small hot methods instead of one long
   * loop.
   */
  private double epoch(int epoch, int epochs, NDArray xAll, long[] perm, float[] yBuf, long[] cuts,
      ProgressTask progress) {
    int bs = Math.min(schedule.batchSize(), n);
    int batches = batchesPerEpoch();
    try (NDManager em = net.manager.newSubManager()) {
      // the epoch's rows gathered in shuffled order, then cut into its batches by one split (views, no copies)
      NDArray xe = xAll.get(em.create(perm));
      xe.attach(em);
      NDList xBatches = xe.split(cuts);
      NDList yBatches = em.create(yBuf, new Shape(n, k)).split(cuts);
      NDArray lossSum = em.zeros(new Shape());
      int reportEvery = Math.max(1, batches / REPORTS_PER_EPOCH);
      for (int b = 0; b < batches; b++) {
        progress.check();
        batch(em, xBatches.get(b), yBatches.get(b), b * bs, Math.min(n, b * bs + bs), lossSum);
        done++;
        if (b % reportEvery == 0 || b == batches - 1) {
          lastLoss = lossSum.getFloat() / (b + 1);
          Map<String, Double> values = new LinkedHashMap<>();
          values.put("epoch", (double) (epoch + 1));
          values.put("batch", (double) (b + 1));
          values.put("loss", lastLoss);
          progress.advance(done - reported,
              String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch + 1, epochs, lastLoss), values);
          reported = done;
        }
      }
      return lossSum.getFloat() / batches;
    }
  }

  /** One optimiser step on the batch of rows {@code start..end} of the epoch; adds its loss to {@code lossSum}. */
  private void batch(NDManager em, NDArray xb, NDArray yb, int start, int end, NDArray lossSum) {
    try (NDManager bm = em.newSubManager()) {
      xb.attach(bm);
      yb.attach(bm);
      NDArray loss;
      try (GradientCollector gc = Djl.engine().newGradientCollector()) {
        NDArray out = net.forward(ps, xb, true);
        loss = loss(bm, out, yb, order, start, end, elrTargets);
        steps.backward(loss);
      }
      steps.update();
      lossSum.addi(loss);
    }
  }

  /**
   * Writes the targets of the shuffled rows into the epoch buffer. Classification targets are one-hot rows
   * holding {@code -weight / (sum of the weights in the row's batch)}, so a batch's weighted mean
   * cross-entropy is one multiply-and-sum with the log-probabilities; multi-label targets are the signs
   * {@code 1 - 2y} of the labels.
   */
  private void fillTargets(int[] order, float[] yBuf, int bs) {
    if (multiLabel) {
      // the sign 1 - 2y of each 0/1 label (see loss)
      int[][] y = p.lFit;
      for (int i = 0; i < n; i++) {
        int[] row = y[order[i]];
        for (int c = 0; c < k; c++) {
          yBuf[i * k + c] = 1 - 2 * row[c];
        }
      }
      return;
    }
    if (!classification) {
      for (int i = 0; i < n; i++) {
        yBuf[i] = (float) ((p.rFit[order[i]] - p.targetMean) / p.targetScale);
      }
      return;
    }
    Arrays.fill(yBuf, 0f);
    int[] y = p.yFit;
    double[] w = p.weights;
    for (int start = 0; start < n; start += bs) {
      int end = Math.min(n, start + bs);
      double denom = 0;
      for (int i = start; i < end; i++) {
        denom += w[y[order[i]]];
      }
      for (int i = start; i < end; i++) {
        int c = y[order[i]];
        yBuf[i * k + c] = (float) (-w[c] / denom);
      }
    }
  }

  private NDArray loss(NDManager bm, NDArray out, NDArray yb, int[] order, int start, int end,
      float[] elrTargets) {
    if (multiLabel) {
      // binary cross-entropy on logits z with 0/1 labels y: softplus(z) - z * y = softplus(z * (1 - 2y)), and yb
      // holds 1 - 2y; libtorch's softplus is the stable log(1 + exp(.)). Two kernels before the reductions
      NDArray bce = ai.djl.nn.Activation.softPlus(out.mul(yb));
      return bce.sum(new int[] {1}).mean();
    }
    if (!classification) {
      return out.sub(yb).square().mean();
    }
    NDArray lsm = out.logSoftmax(1);
    NDArray ce = lsm.mul(yb).sum();
    if (elrTargets == null) {
      return ce;
    }
    int m = end - start;
    NDArray prob = lsm.exp().clip(1e-4f, 1 - 1e-4f);
    float[] pv = prob.toFloatArray();
    float[] tb = new float[m * k];
    float beta = (float) regularization.elrBeta();
    for (int i = 0; i < m; i++) {
      int r = order[start + i];
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += pv[i * k + c];
      }
      for (int c = 0; c < k; c++) {
        float t = beta * elrTargets[r * k + c] + (1 - beta) * (float) (pv[i * k + c] / s);
        elrTargets[r * k + c] = t;
        tb[i * k + c] = t;
      }
    }
    NDArray reg = prob.mul(bm.create(tb, new Shape(m, k))).sum(new int[] {1}).neg().add(1f).log().mean();
    return ce.add(reg.mul((float) regularization.elrLambda()));
  }

  /** Validation scores of the current weights (probabilities, logits for multi-label, or the prediction). */
  private ValidationScores validate(Network net) {
    float[][] xv = p.xVal;
    int m = xv.length;
    int d = xv[0].length;
    float[] out;
    try (NDManager vm = net.manager.newSubManager()) {
      float[] buf = new float[m * d];
      for (int i = 0; i < m; i++) {
        System.arraycopy(xv[i], 0, buf, i * d, d);
      }
      NDArray o = net.forward(new ParameterStore(vm, false), vm.create(buf, net.inputShape(m)), false);
      out = (classification ? o.softmax(1) : o).toFloatArray();
    }
    return ValidationScores.of(p, out);
  }
}
