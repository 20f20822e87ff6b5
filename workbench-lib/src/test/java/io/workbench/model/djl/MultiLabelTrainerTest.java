package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.data.Task;
import io.workbench.eval.Evaluation;
import io.workbench.eval.MultiLabelReport;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.model.Differentiable;
import io.workbench.model.factory.Models;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-label networks on a seeded synthetic set whose three labels are different linear rules of six
 * features (plus label noise): sigmoid outputs, BCE, early stopping, save/load, gradients and bad input.
 */
class MultiLabelTrainerTest {

  static final List<String> LABELS = List.of("sum01", "diff23", "mix045");

  /** Three labels, each a different linear rule of the features, about 3% of the cells flipped. */
  static Dataset synthetic(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][6];
    int[][] y = new int[n][3];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 6; j++) {
      names.add("x" + j);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        x[i][j] = (float) (r.nextGaussian() * (j + 1) + j);
      }
      double[] z = new double[6];
      for (int j = 0; j < 6; j++) {
        z[j] = (x[i][j] - j) / (j + 1);
      }
      y[i][0] = z[0] + z[1] > 0 ? 1 : 0;
      y[i][1] = z[2] - z[3] > 0.5 ? 1 : 0;
      y[i][2] = z[0] - z[4] + 0.5 * z[5] > -0.3 ? 1 : 0;
      for (int l = 0; l < 3; l++) {
        if (r.nextDouble() < 0.03) {
          y[i][l] = 1 - y[i][l];
        }
      }
    }
    return Dataset.of(x, names, y, LABELS);
  }

  static Split split;
  static NeuralNetModel mlp;

  @BeforeAll
  static void train() {
    split = synthetic(1500, 11).split(0.7, 3);
    mlp = Models.mlp(32).epochs(60).batchSize(32).learningRate(3e-3).validation(0.2).earlyStopping(8).seed(5)
        .fit(split.train());
  }

  @Test
  void mlpLearnsEveryLabel() {
    assertEquals(Task.MULTI_LABEL, mlp.task());
    assertEquals(LABELS, mlp.classNames());
    MultiLabelReport r = Evaluation.multiLabel(mlp, split.test());
    double[] auc = r.auroc();
    for (int l = 0; l < 3; l++) {
      assertTrue(auc[l] > 0.9, LABELS.get(l) + " AUROC " + auc[l] + "\n" + r);
    }
    assertTrue(r.value("hamming_loss") < 0.12, r.toString());
    assertTrue(mlp.describe().contains("3 labels"), mlp.describe());
    System.out.println("MLP(32) multi-label, " + mlp.history().size() + " epochs, kept " + mlp.history().bestEpoch()
        + "\n" + r);
  }

  @Test
  void probabilitiesAreIndependentSigmoidsAndPredictLabelsThresholdsThem() {
    float[][] x = split.test().x();
    float[][] p = mlp.predictProba(x);
    assertEquals(x.length, p.length);
    boolean sumDiffersFromOne = false;
    for (float[] row : p) {
      assertEquals(3, row.length);
      double s = 0;
      for (float v : row) {
        assertTrue(v >= 0 && v <= 1, "probability " + v);
        s += v;
      }
      sumDiffersFromOne |= Math.abs(s - 1) > 0.2;
    }
    assertTrue(sumDiffersFromOne, "rows of independent label probabilities should not all sum to 1");
    // probabilities are the logistic function of the logits
    float[][] logits = mlp.output(x, Differentiable.Output.LOGIT);
    for (int i = 0; i < 20; i++) {
      for (int l = 0; l < 3; l++) {
        assertEquals(1 / (1 + Math.exp(-logits[i][l])), p[i][l], 1e-5);
      }
    }
    int[][] labels = mlp.predictLabels(x, 0.3);
    for (int i = 0; i < p.length; i++) {
      for (int l = 0; l < 3; l++) {
        assertEquals(p[i][l] >= 0.3 ? 1 : 0, labels[i][l]);
      }
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> mlp.predict(x));
    assertTrue(e.getMessage().contains("predictLabels"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> mlp.predictLabels(x, 1.0));
    IllegalArgumentException ev = assertThrows(IllegalArgumentException.class, () -> Evaluation.of(mlp, split.test()));
    assertTrue(ev.getMessage().contains("Evaluation.multiLabel"), ev.getMessage());
  }

  @Test
  void trainingLossIsBinaryCrossEntropyOfTheLogits() {
    // one batch holding every row and a vanishing learning rate: the epoch's training loss is the loss of the
    // initial weights, which the fitted model still has (to ~1e-9), recomputed here in double precision from
    // its logits: sum over labels of log(1 + e^z) - z * y, mean over rows
    Dataset d = synthetic(120, 23);
    NeuralNetModel m = Models.mlp(8).epochs(1).batchSize(120).learningRate(1e-9).seed(9).fit(d);
    float[][] z = m.output(d.x(), Differentiable.Output.LOGIT);
    int[][] y = d.yMulti();
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      for (int l = 0; l < 3; l++) {
        double v = z[i][l];
        loss += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - v * y[i][l];
      }
    }
    loss /= y.length;
    assertEquals(loss, m.history().epochs().get(0).trainLoss(), 1e-5 * loss, "epoch 1 training loss");
  }

  @Test
  void validationLossIsBinaryCrossEntropySummedOverLabelsAveragedOverRows() {
    // the kept epoch's weights are the model's, so its recorded validation loss can be recomputed from
    // predictProba on the validation rows (the trainer's validation split is Splits.trainTest(train, 0.8, seed))
    Dataset val = Splits.trainTest(split.train(), 0.8, 5).test();
    float[][] p = mlp.predictProba(val.x());
    int[][] y = val.yMulti();
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      for (int l = 0; l < 3; l++) {
        double q = p[i][l];
        loss -= y[i][l] == 1 ? Math.log(q) : Math.log(1 - q);
      }
    }
    loss /= y.length;
    TrainingHistory h = mlp.history();
    assertTrue(h.size() >= h.bestEpoch());
    TrainingHistory.Epoch kept = h.epochs().get(h.bestEpoch() - 1);
    assertEquals(loss, kept.valLoss(), 1e-3 * loss);
    // the history's accuracy is label-wise (1 - Hamming loss) and its AUROC the macro mean over labels
    MultiLabelReport r = Evaluation.multiLabel(y, p, LABELS);
    assertEquals(1 - r.value("hamming_loss"), kept.valAccuracy(), 1e-9);
    assertEquals(r.value("macro_auroc"), kept.valAuroc(), 2e-3);
  }

  @Test
  void saveAndLoadGiveIdenticalPredictionsAndKeepTheTask(@TempDir Path dir) {
    mlp.save(dir);
    NeuralNetModel again = NeuralNetModel.load(dir);
    assertEquals(Task.MULTI_LABEL, again.task());
    assertEquals(LABELS, again.classNames());
    float[][] x = split.test().x();
    float[][] a = mlp.predictProba(x);
    float[][] b = again.predictProba(x);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i]);
    }
  }

  @Test
  void gradientsTargetALabelAndMatchFiniteDifferencesOfItsSigmoid() {
    float[][] x = split.test().head(3).x();
    int[] targets = {0, 1, 2};
    float[][] g = mlp.inputGradients(x, targets, Differentiable.Output.PROBABILITY);
    double h = 1e-2;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 6; j++) {
        float[][] up = {x[i].clone()};
        float[][] down = {x[i].clone()};
        up[0][j] += h;
        down[0][j] -= h;
        double fd = (mlp.predictProba(up)[0][targets[i]] - mlp.predictProba(down)[0][targets[i]]) / (2 * h);
        assertEquals(fd, g[i][j], 2e-3 + 0.05 * Math.abs(fd), "row " + i + " feature " + j);
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mlp.inputGradients(x, new int[] {0, 3, 1}, Differentiable.Output.LOGIT));
    assertTrue(e.getMessage().contains("targets[1] = 3") && e.getMessage().contains("label index")
        && e.getMessage().contains("sum01"), e.getMessage());
  }

  @Test
  void explainersExplainOneLabelsProbability() {
    float[][] x = split.test().head(4).x();
    Attribution a = Explain.integratedGradients(mlp).output(Differentiable.Output.PROBABILITY).steps(64)
        .target(Target.of("diff23")).explain(x);
    Attribution logit = Explain.integratedGradients(mlp).steps(16).target(Target.of(1)).explain(x);
    float[][] p = mlp.predictProba(x);
    float[][] z = mlp.output(x, Differentiable.Output.LOGIT);
    for (int i = 0; i < x.length; i++) {
      assertEquals(z[i][1], logit.outputs()[i], 1e-4);
      assertEquals(1, a.targets()[i]);
      assertEquals(p[i][1], a.outputs()[i], 1e-5);
      double sum = a.baseValues()[i];
      for (double v : a.values(i)) {
        sum += v;
      }
      assertEquals(p[i][1], sum, 0.01, "completeness of row " + i);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(mlp).target(Target.of(3)).explain(x));
    assertTrue(e.getMessage().contains("label index 3 is out of range; valid labels are 0..2"), e.getMessage());
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> Explain.saliency(mlp).target(Target.of("sneeze")).explain(x));
    assertTrue(name.getMessage().contains("unknown label") && name.getMessage().contains("mix045"), name.getMessage());
  }

  @Test
  void logisticFitsOneLogisticRegressionPerLabel() {
    NeuralNetModel m = Models.logistic().epochs(15).batchSize(128).learningRate(0.03).seed(2).fit(split.train());
    assertEquals(Task.MULTI_LABEL, m.task());
    double[] auc = Evaluation.multiLabel(m, split.test()).auroc();
    for (int l = 0; l < 3; l++) {
      assertTrue(auc[l] > 0.9, LABELS.get(l) + " AUROC " + auc[l]);
    }
  }

  @Test
  void cnn1dTrainsSigmoidOutputsOnMultiLabelSignals() {
    // two channels of length 8; label 0 = channel 0 has a bump, label 1 = channel 1 has a bump
    Random r = new Random(4);
    int n = 300;
    float[][] x = new float[n][16];
    int[][] y = new int[n][2];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 16; j++) {
      names.add("s" + j);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 16; j++) {
        x[i][j] = (float) (r.nextGaussian() * 0.3);
      }
      for (int c = 0; c < 2; c++) {
        y[i][c] = r.nextBoolean() ? 1 : 0;
        if (y[i][c] == 1) {
          int at = c * 8 + 2 + r.nextInt(4);
          x[i][at] += 2;
          x[i][at + 1] += 2;
        }
      }
    }
    Dataset d = Dataset.builder(Dataset.of(x, names, y, List.of("bump0", "bump1")).table())
        .targets("bump0", "bump1").sampleShape(2, 8).build();
    Split s = d.split(0.7, 1);
    NeuralNetModel m = Models.cnn1d(8).kernelSize(3).hidden(16).epochs(15).learningRate(5e-3).seed(3).fit(s.train());
    assertEquals(Task.MULTI_LABEL, m.task());
    double[] auc = Evaluation.multiLabel(m, s.test()).auroc();
    assertTrue(auc[0] > 0.9 && auc[1] > 0.9, java.util.Arrays.toString(auc));
  }

  @Test
  void badSettingsAndDataFailFast() {
    Dataset train = split.train();
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
        () -> Models.mlp(4).classWeights(1, 2, 3).fit(train));
    assertTrue(w.getMessage().contains("multi-label"), w.getMessage());
    IllegalArgumentException elr = assertThrows(IllegalArgumentException.class,
        () -> Models.mlp(4).elr().fit(train));
    assertTrue(elr.getMessage().contains("ELR"), elr.getMessage());
    // a label that is 0 in every training row cannot be learnt
    int[][] y = train.yMulti();
    for (int[] row : y) {
      row[1] = 0;
    }
    Dataset constant = Dataset.of(train.x(), train.features(), y, LABELS);
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> Models.mlp(4).epochs(1).fit(constant));
    assertTrue(c.getMessage().contains("'diff23' is 0 in every row"), c.getMessage());
    IllegalArgumentException xgb = assertThrows(IllegalArgumentException.class,
        () -> Models.xgboost().fit(train));
    assertTrue(xgb.getMessage().contains("XGBoost multi-label is not supported")
        && xgb.getMessage().contains("sum01"), xgb.getMessage());
    IllegalArgumentException lin = assertThrows(IllegalArgumentException.class,
        () -> Models.linear().fit(train));
    assertTrue(lin.getMessage().contains("linear() is for regression")
        && lin.getMessage().contains("'sum01, diff23, mix045' is multi_label"), lin.getMessage());
  }
}
