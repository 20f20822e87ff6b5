package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.factory.Models;
import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Training MLPs, logistic and linear models: quality, reproducibility, early stopping, progress, errors. */
class NeuralTrainerTest {

  /** AUROC by the Mann-Whitney pair count: P(score_pos > score_neg) + 0.5 P(tie). */
  static double pairCountAuroc(float[] score, int[] y) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1) {
        continue;
      }
      for (int j = 0; j < y.length; j++) {
        if (y[j] != 0) {
          continue;
        }
        pairs++;
        if (score[i] > score[j]) {
          wins += 1;
        } else if (score[i] == score[j]) {
          wins += 0.5;
        }
      }
    }
    return wins / pairs;
  }

  static float[] column(float[][] p, int k) {
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][k];
    }
    return out;
  }

  static double accuracy(int[] pred, int[] y) {
    int c = 0;
    for (int i = 0; i < y.length; i++) {
      c += pred[i] == y[i] ? 1 : 0;
    }
    return (double) c / y.length;
  }

  @Test
  void mlpOnBreastCancerReachesHighTestAuroc() {
    Split split = Datasets.breastCancer().split(0.75, 7);
    NeuralNetModel m = Models.mlp(32, 16).epochs(40).seed(1).fit(split.train());
    float[][] p = m.predictProba(split.test());
    double auroc = pairCountAuroc(column(p, 1), split.test().y());
    assertTrue(auroc > 0.97, "test AUROC " + auroc);
    for (float[] row : p) {
      assertEquals(1.0, row[0] + row[1], 1e-5);
    }
    assertEquals(40, m.history().size());
    assertTrue(m.toString().contains("mlp"), m.toString());
    assertTrue(m.device().contains("cpu"), m.device());
  }

  @Test
  void logisticRegressionSeparatesLinearlySeparableData() {
    Random rnd = new Random(3);
    int n = 200;
    double[] a = new double[n];
    double[] b = new double[n];
    String[] label = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextGaussian() * 3;
      b[i] = rnd.nextGaussian() * 3;
      double s = 2 * a[i] - b[i] + 1;
      if (Math.abs(s) < 0.5) { // keep a margin
        a[i] += Math.signum(s) * 0.5;
        s = 2 * a[i] - b[i] + 1;
      }
      label[i] = s > 0 ? "pos" : "neg";
    }
    Table t = Table.create("toy", DoubleColumn.create("a", a), DoubleColumn.create("b", b),
        StringColumn.create("label", label));
    Dataset d = Dataset.builder(t).target("label").classNames("neg", "pos").build();
    NeuralNetModel m = Models.logistic().epochs(60).learningRate(0.05).seed(2).fit(d);
    assertEquals(1.0, accuracy(m.predict(d), d.y()), 1e-12);
    assertEquals(List.of("output"), m.layerNames());
  }

  @Test
  void regressionMlpOnDiabetesBeatsPredictingTheMean() {
    Split split = Datasets.diabetes().split(0.8, 11);
    NeuralNetModel m = Models.mlp(32).epochs(60).weightDecay(1e-4).seed(5).fit(split.train());
    double[] pred = m.predictValue(split.test().x());
    double[] y = split.test().yDouble();
    double trainMean = java.util.Arrays.stream(split.train().yDouble()).average().orElseThrow();
    double mse = 0;
    double mseMean = 0;
    for (int i = 0; i < y.length; i++) {
      mse += (pred[i] - y[i]) * (pred[i] - y[i]);
      mseMean += (trainMean - y[i]) * (trainMean - y[i]);
    }
    assertTrue(mse < 0.75 * mseMean, "MSE " + mse / y.length + " vs mean predictor " + mseMean / y.length);
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

  @Test
  void sameSeedGivesIdenticalModelsAndDifferentSeedsDiffer() throws Exception {
    Dataset d = Datasets.breastCancer().head(300);
    NeuralTrainer t = Models.mlp(16).dropout(0.2).epochs(5).validation(0.2).seed(9);
    NeuralNetModel a = t.fit(d);
    NeuralNetModel b = t.fit(d);
    NeuralNetModel c = t.seed(10).fit(d);
    float[][] x = d.x();
    float[][] pa = a.predictProba(x);
    float[][] pb = b.predictProba(x);
    for (int i = 0; i < pa.length; i++) {
      assertArrayEquals(pa[i], pb[i], "row " + i);
    }
    assertArrayEquals(a.history().valLoss(), b.history().valLoss());
    assertArrayEquals(a.history().trainLoss(), b.history().trainLoss());
    a.save(tmp.resolve("a"));
    b.save(tmp.resolve("b"));
    assertArrayEquals(java.nio.file.Files.readAllBytes(tmp.resolve("a/parameters.params")),
        java.nio.file.Files.readAllBytes(tmp.resolve("b/parameters.params")), "identical weights");
    float[][] pc = c.predictProba(x);
    boolean differs = false;
    for (int i = 0; i < pa.length && !differs; i++) {
      differs = pa[i][0] != pc[i][0];
    }
    assertTrue(differs, "another seed should give other weights");
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() {
    Split split = Datasets.breastCancer().split(0.8, 3);
    // a large network with a high learning rate overfits quickly; patience 3 stops it
    NeuralNetModel m = Models.mlp(128, 128).learningRate(0.01).epochs(60).validation(0.3).earlyStopping(3)
        .seed(4).fit(split.train());
    TrainingHistory h = m.history();
    double[] val = h.valLoss();
    int argmin = 0;
    for (int i = 1; i < val.length; i++) {
      if (val[i] < val[argmin]) {
        argmin = i;
      }
    }
    assertEquals(argmin + 1, h.bestEpoch());
    assertTrue(h.stoppedEarly(), h.toString());
    assertEquals(h.bestEpoch() + 3, h.size(), "stops patience epochs after the best");
    // the kept weights are the best epoch's: recompute the validation loss from the model itself
    Split inner = split.train().split(0.7, 4);
    float[][] p = m.predictProba(inner.test());
    int[] y = inner.test().y();
    double ll = 0;
    for (int i = 0; i < y.length; i++) {
      ll -= Math.log(Math.max(p[i][y[i]], 1e-12));
    }
    assertEquals(val[argmin], ll / y.length, 1e-4);
    Table table = h.toTable();
    assertEquals(List.of("epoch", "train_loss", "val_loss", "val_accuracy", "val_auroc", "lr", "seconds"),
        table.columnNames());
    assertTrue(h.toHtml().contains("<table>"));
  }

  @Test
  void progressEventsArriveAndCancellationStopsTraining() {
    Dataset d = Datasets.breastCancer().head(200);
    List<ProgressEvent> events = new ArrayList<>();
    Models.mlp(8).epochs(3).batchSize(50).progress(events::add).seed(1).fit(d);
    assertEquals(13, events.size(), "3 epochs x 4 batches + the final event");
    ProgressEvent first = events.get(0);
    assertEquals("train", first.task());
    assertEquals(1, first.done());
    assertEquals(12, first.total());
    assertEquals(1.0, first.value("epoch"));
    assertEquals(1.0, first.value("batch"));
    assertTrue(Double.isFinite(first.value("loss")));
    assertTrue(events.get(events.size() - 1).finished());

    Cancellation stop = new Cancellation();
    List<ProgressEvent> seen = new ArrayList<>();
    NeuralTrainer t = Models.mlp(8).epochs(100).batchSize(20).cancellation(stop).progress(e -> {
      seen.add(e);
      if (e.done() == 5) {
        stop.cancel();
      }
    });
    assertThrows(Cancellation.CancelledException.class, () -> t.fit(d));
    ProgressEvent last = seen.get(seen.size() - 1);
    assertTrue(last.finished());
    assertEquals(5, last.done(), "stops before the 6th batch");

    // a thread interrupt (the kernel's stop button) cancels too, without any Cancellation object
    NeuralTrainer interrupted = Models.mlp(8).epochs(100).batchSize(20).progress(e -> {
      if (e.done() == 3) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertThrows(Cancellation.CancelledException.class, () -> interrupted.fit(d));
    } finally {
      Thread.interrupted(); // clear the flag for the next tests
    }
  }

  @Test
  void learningRateSchedulesAndOptimisers() {
    assertEquals(0.1, LearningRateSchedule.step(10, 0.5).rate(0.1, 9, 30), 1e-15);
    assertEquals(0.05, LearningRateSchedule.step(10, 0.5).rate(0.1, 10, 30), 1e-15);
    assertEquals(0.1, LearningRateSchedule.cosine().rate(0.1, 0, 10), 1e-15);
    assertEquals(0.05, LearningRateSchedule.cosine().rate(0.1, 5, 10), 1e-12);
    Dataset d = Datasets.iris();
    NeuralNetModel m = Models.mlp(16).sgd(0.9).learningRate(0.05).schedule(LearningRateSchedule.cosine())
        .balancedClassWeights().epochs(30).seed(3).fit(d);
    double[] lr = m.history().toTable().doubleColumn("lr").asDoubleArray();
    assertEquals(0.05, lr[0], 1e-9);
    assertTrue(lr[29] < lr[15] && lr[15] < lr[1]);
    assertTrue(accuracy(m.predict(d), d.y()) > 0.9);
  }

  @Test
  void classWeightsShiftPredictionsTowardsTheRareClass() {
    Dataset bc = Datasets.breastCancer();
    int[] y = bc.y();
    // keep every benign row and one malignant row in ten: about 6% malignant
    int[] rows = java.util.stream.IntStream.range(0, bc.rows()).filter(i -> y[i] == 1 || i % 10 == 0).toArray();
    Dataset imbalanced = bc.select(rows);
    int minority = imbalanced.classCountsArray()[0] < imbalanced.classCountsArray()[1] ? 0 : 1;
    NeuralTrainer base = Models.logistic().epochs(20).seed(3);
    double plain = meanProbability(base.fit(imbalanced), imbalanced, minority);
    double balanced = meanProbability(base.balancedClassWeights().fit(imbalanced), imbalanced, minority);
    double[] w = new double[2];
    w[minority] = 20;
    w[1 - minority] = 1;
    double heavy = meanProbability(base.classWeights(w).fit(imbalanced), imbalanced, minority);
    assertTrue(balanced > plain + 0.02, "balanced " + balanced + " vs plain " + plain);
    assertTrue(heavy > plain + 0.02, "weight 20 " + heavy + " vs plain " + plain);
  }

  private static double meanProbability(NeuralNetModel m, Dataset d, int cls) {
    double s = 0;
    for (float[] row : m.predictProba(d)) {
      s += row[cls];
    }
    return s / d.rows();
  }

  @Test
  void badInputFailsWithClearMessages() {
    Dataset bc = Datasets.breastCancer();
    NeuralNetModel m = Models.mlp(4).epochs(1).fit(bc.head(100));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.predictProba(new float[][] {new float[3]}));
    assertTrue(e.getMessage().contains("Row 0 has 3 values, expected 30"), e.getMessage());
    float[][] x = bc.head(2).x();
    x[1][4] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> m.predictProba(x));
    assertTrue(e.getMessage().contains("Row 1") && e.getMessage().contains(bc.features().get(4)), e.getMessage());

    Dataset empty = Dataset.builder(Table.create("empty", DoubleColumn.create("a"), StringColumn.create("label")))
        .target("label").classNames("neg", "pos").build();
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).fit(empty));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());

    int[] y = bc.y();
    int[] onlyOne = java.util.stream.IntStream.range(0, bc.rows()).filter(i -> y[i] == 0).toArray();
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).fit(bc.select(onlyOne)));
    assertTrue(e.getMessage().contains("single class"), e.getMessage());

    Dataset iris = Datasets.iris();
    int[] twoClasses = java.util.stream.IntStream.range(0, iris.rows()).filter(i -> iris.y()[i] != 2).toArray();
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).fit(iris.select(twoClasses)));
    assertTrue(e.getMessage().contains(iris.classNames().get(2)) && e.getMessage().contains("missing"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> Models.linear().fit(iris));
    assertTrue(e.getMessage().contains("regression"), e.getMessage());
    // early stopping without a validation share holds out EarlyStopping.DEFAULT_VALIDATION (20 %)
    NeuralNetModel stopping = Models.mlp(4).epochs(2).earlyStopping(3).seed(1).fit(iris);
    assertTrue(Double.isFinite(stopping.history().valLoss()[0]), "validation loss of the 20 % held out");
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).earlyStopping(-1));
    assertTrue(e.getMessage().contains("patience"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).validation(1.0));
    assertTrue(e.getMessage().contains("validation") && e.getMessage().contains("1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).classWeights(1, 2).fit(iris));
    assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).activation("sigmoidal"));
    assertTrue(e.getMessage().contains("relu"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.cnn2d(8).fit(iris));
    assertTrue(e.getMessage().contains("sampleShape"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(0));
    assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
  }
}
