package io.workbench.model.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import io.workbench.model.factory.Models;
import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressEvent;
import io.workbench.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class XGBoostModelTest {

  static Split bc;
  static XGBoostModel bcModel;

  @BeforeAll
  static void fitBreastCancer() {
    bc = Datasets.breastCancer().split(0.8, 42);
    bcModel = Models.xgboost().rounds(100).maxDepth(3).eta(0.1).seed(7).threads(1).fit(bc.train());
  }

  /** AUROC by counting concordant (positive, negative) pairs; ties count one half. Independent of eval. */
  static double bruteAuroc(int[] y, double[] score, int positive) {
    double concordant = 0;
    long pairs = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != positive) {
        continue;
      }
      for (int j = 0; j < y.length; j++) {
        if (y[j] == positive) {
          continue;
        }
        pairs++;
        concordant += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
      }
    }
    return concordant / pairs;
  }

  static double[] column(float[][] p, int k) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][k];
    }
    return out;
  }

  @Test
  void aBoosterTrainedElsewhereBecomesTheSameModelAndBadBytesAreRefused(@TempDir Path tmp) throws Exception {
    bcModel.save(tmp.resolve("m"));
    byte[] booster = Files.readAllBytes(tmp.resolve("m").resolve(XGBoostModel.BOOSTER_FILE));
    XGBoostModel again = XGBoostModel.fromBooster(booster, bcModel.task(), bcModel.featureNames(),
        bcModel.classNames(), bcModel.params(), 1, 10);
    float[][] x = bc.test().x();
    float[][] a = bcModel.predictProba(x);
    float[][] b = again.predictProba(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(a[i], b[i], 0f, "row " + i);
    }
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> XGBoostModel.fromBooster(
        new byte[] {'{', 1, 2}, bcModel.task(), bcModel.featureNames(), bcModel.classNames(), bcModel.params(), 1, 10));
    assertTrue(bad.getMessage().contains("booster"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> XGBoostModel.fromBooster(booster, bcModel.task(),
        bcModel.featureNames().subList(0, 3), bcModel.classNames(), bcModel.params(), 1, 10));
  }

  @Test
  void breastCancerTestAurocAbove097AndSeeded() {
    float[][] p = bcModel.predictProba(bc.test());
    assertEquals(bc.test().rows(), p.length);
    for (float[] row : p) {
      assertEquals(2, row.length);
      assertEquals(1.0, row[0] + row[1], 1e-6);
    }
    double auc = bruteAuroc(bc.test().y(), column(p, 1), 1);
    assertTrue(auc > 0.97, "test AUROC " + auc);
    XGBoostModel again = Models.xgboost().rounds(100).maxDepth(3).eta(0.1).seed(7).threads(1).fit(bc.train());
    assertArrayEquals(p, again.predictProba(bc.test()));
    assertEquals(List.of("malignant", "benign"), bcModel.classNames());
  }

  @Test
  void binaryContributionsSumToMarginForBothTargets() {
    float[][] x = bc.test().x();
    TreeEnsemble trees = bcModel.as(TreeEnsemble.class).orElseThrow();
    assertEquals(1, trees.numOutputs());
    float[][] p = bcModel.predictProba(x);
    for (int target = 0; target < 2; target++) {
      double[][] phi = trees.predictContrib(x, target);
      double[] margin = trees.predictMargin(x, target);
      int d = x[0].length;
      for (int i = 0; i < x.length; i++) {
        assertEquals(d + 1, phi[i].length);
        double sum = 0;
        for (double v : phi[i]) {
          sum += v;
        }
        assertEquals(margin[i], sum, 1e-4, "row " + i + " target " + target);
        assertEquals(trees.baseValue(target), phi[i][d], 1e-6);
        // margin is the log-odds of the target class
        assertEquals(p[i][target], 1 / (1 + Math.exp(-margin[i])), 1e-5);
      }
    }
    assertEquals(-trees.baseValue(1), trees.baseValue(0), 0);
  }

  @Test
  void multiClassContributionsSumToSoftmaxInputs() {
    Split s = Datasets.iris().split(0.7, 3);
    XGBoostModel m = Models.xgboost().rounds(20).maxDepth(2).seed(1).threads(1).fit(s.train());
    float[][] x = s.test().x();
    float[][] p = m.predictProba(x);
    assertEquals(3, m.numOutputs());
    assertEquals(60, m.numTrees());
    double[][] margins = new double[3][];
    for (int k = 0; k < 3; k++) {
      margins[k] = m.predictMargin(x, k);
      double[][] phi = m.predictContrib(x, k);
      for (int i = 0; i < x.length; i++) {
        double sum = 0;
        for (double v : phi[i]) {
          sum += v;
        }
        assertEquals(margins[k][i], sum, 1e-4);
      }
    }
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int k = 0; k < 3; k++) {
        z += Math.exp(margins[k][i]);
      }
      for (int k = 0; k < 3; k++) {
        assertEquals(Math.exp(margins[k][i]) / z, p[i][k], 1e-5);
      }
    }
    assertTrue(bruteAccuracy(s.test().y(), m.predict(x)) > 0.9);
  }

  static double bruteAccuracy(int[] y, int[] pred) {
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      ok += y[i] == pred[i] ? 1 : 0;
    }
    return (double) ok / y.length;
  }

  @Test
  void regressionOnDiabetesBeatsTheMeanAndContributionsAdd() {
    Dataset data = Datasets.diabetes();
    Split s = data.split(0.8, 11);
    XGBoostModel m = Models.xgboost().rounds(150).maxDepth(2).eta(0.05).subsample(0.8).seed(5).threads(1)
        .fit(s.train());
    double[] pred = m.predictValue(s.test().x());
    double[] y = s.test().yDouble();
    double mean = 0;
    for (double v : s.train().yDouble()) {
      mean += v;
    }
    mean /= s.train().rows();
    double mseModel = 0;
    double mseMean = 0;
    for (int i = 0; i < y.length; i++) {
      mseModel += (y[i] - pred[i]) * (y[i] - pred[i]);
      mseMean += (y[i] - mean) * (y[i] - mean);
    }
    assertTrue(mseModel < 0.75 * mseMean, "model MSE " + mseModel / y.length + " vs mean " + mseMean / y.length);
    double[][] phi = m.predictContrib(s.test().x(), 0);
    for (int i = 0; i < y.length; i++) {
      double sum = 0;
      for (double v : phi[i]) {
        sum += v;
      }
      assertEquals(pred[i], sum, 1e-3 * Math.max(1, Math.abs(pred[i])));
    }
    assertThrows(IllegalArgumentException.class, () -> m.predictContrib(s.test().x(), 1));
  }

  @Test
  void saveAndLoadGivesIdenticalPredictions(@TempDir Path dir) throws Exception {
    Path d = dir.resolve("bc");
    bcModel.save(d);
    assertTrue(Files.isRegularFile(d.resolve("booster.ubj")));
    JsonNode meta = new ObjectMapper().readTree(d.resolve("model.json").toFile());
    assertEquals("xgboost", meta.get("type").asText());
    assertEquals(30, meta.get("featureNames").size());
    assertEquals("binary:logistic", meta.get("params").get("objective").asText());
    assertEquals(7, meta.get("seed").asLong());
    XGBoostModel loaded = XGBoostModel.load(d);
    float[][] x = bc.test().x();
    assertArrayEquals(bcModel.predictProba(x), loaded.predictProba(x));
    assertArrayEquals(bcModel.predictContrib(x, 1), loaded.predictContrib(x, 1));
    assertEquals(bcModel.featureNames(), loaded.featureNames());
    assertEquals(bcModel.classNames(), loaded.classNames());
    assertEquals(bcModel.task(), loaded.task());

    Split s = Datasets.iris().split(0.7, 3);
    XGBoostModel multi = Models.randomForest().parallelTrees(10).seed(2).threads(1).fit(s.train());
    multi.save(dir.resolve("iris"));
    assertArrayEquals(multi.predictProba(s.test().x()), XGBoostModel.load(dir.resolve("iris")).predictProba(s.test().x()));
  }

  @Test
  void savedBoosterGivesTheSamePredictionsInPythonXgboost(@TempDir Path dir) throws Exception {
    String python = Python.with("xgboost, numpy");
    assumeTrue(python != null, "python3 with xgboost not installed (Debian: apt-get install python3-xgboost)");
    bcModel.save(dir.resolve("m"));
    float[][] x = bc.test().x();
    StringBuilder csv = new StringBuilder();
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        csv.append(j == 0 ? "" : ",").append(row[j]);
      }
      csv.append('\n');
    }
    Files.writeString(dir.resolve("x.csv"), csv);
    String script = "import sys, numpy as np, xgboost as xgb\n"
        + "b = xgb.Booster(); b.load_model(sys.argv[1])\n"
        + "x = np.loadtxt(sys.argv[2], delimiter=',', dtype=np.float32, ndmin=2)\n"
        + "print(' '.join(repr(float(v)) for v in b.predict(xgb.DMatrix(x))))\n";
    Python.Result r = Python.run(python,
        List.of("-c", script, dir.resolve("m/booster.ubj").toString(), dir.resolve("x.csv").toString()), 120);
    assertEquals(0, r.exit(), r.out());
    String[] values = r.out().strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
    float[][] p = bcModel.predictProba(x);
    assertEquals(x.length, values.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(p[i][1], Float.parseFloat(values[i]), 1e-6, "row " + i);
    }
  }

  @Test
  void loadFailsClearly(@TempDir Path dir) throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XGBoostModel.load(dir));
    assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    Files.writeString(dir.resolve("model.json"), "{\"type\":\"mlp\"}");
    e = assertThrows(IllegalArgumentException.class, () -> XGBoostModel.load(dir));
    assertTrue(e.getMessage().contains("'mlp'") && e.getMessage().contains("'xgboost'"), e.getMessage());
    bcModel.save(dir);
    Files.delete(dir.resolve("booster.ubj"));
    e = assertThrows(IllegalArgumentException.class, () -> XGBoostModel.load(dir));
    assertTrue(e.getMessage().contains("booster.ubj"), e.getMessage());
  }

  @Test
  void randomForestAndDecisionTree() {
    XGBoostModel rf = Models.randomForest().parallelTrees(50).seed(3).threads(1).fit(bc.train());
    assertEquals(50, rf.numTrees());
    double auc = bruteAuroc(bc.test().y(), column(rf.predictProba(bc.test()), 1), 1);
    assertTrue(auc > 0.95, "random forest AUROC " + auc);
    assertEquals(1, rf.rounds());

    XGBoostModel tree = Models.decisionTree().maxDepth(2).seed(3).threads(1).fit(bc.train());
    assertEquals(1, tree.numTrees());
    String dump = tree.treeDumpJson().get(0);
    assertTrue(dump.contains("\"depth\": 1") && !dump.contains("\"depth\": 2"), dump);
    // a depth-2 tree has at most 4 leaves, so at most 4 distinct probabilities
    long distinct = java.util.Arrays.stream(column(tree.predictProba(bc.test()), 1)).distinct().count();
    assertTrue(distinct >= 2 && distinct <= 4, "distinct leaf outputs " + distinct);
    assertTrue(bruteAccuracy(bc.test().y(), tree.predict(bc.test())) > 0.85);
  }

  @Test
  void earlyStoppingKeepsBestRoundAndReportsProgress() {
    List<ProgressEvent> events = new ArrayList<>();
    XGBoostModel m = Models.xgboost().rounds(400).eta(0.3).earlyStopping(5, 0.25).seed(9).threads(1)
        .progress(events::add).fit(bc.train());
    assertTrue(m.bestRound() >= 1 && m.bestRound() < 400, "best " + m.bestRound());
    assertEquals(m.bestRound(), m.rounds());
    assertEquals(m.bestRound(), m.numTrees());
    ProgressEvent last = events.get(events.size() - 1);
    assertTrue(last.finished());
    // the last training round is exactly patience rounds after the best one
    ProgressEvent lastRound = events.get(events.size() - 2);
    assertEquals(m.bestRound() + 5, (int) lastRound.value("round"));
    // the kept validation loss is the minimum over all reported rounds
    double min = events.stream().filter(e -> !e.finished()).mapToDouble(e -> e.value("val_loss")).min().orElseThrow();
    assertEquals(min, events.get(m.bestRound() - 1).value("val_loss"), 0);
  }

  @Test
  void importanceTableMatchesTreeDump() {
    Table imp = bcModel.importance();
    assertEquals(30, imp.rowCount());
    assertEquals(List.of("feature", "gain", "weight", "cover", "total_gain", "total_cover"), imp.columnNames());
    double splits = imp.doubleColumn("weight").sum();
    long dumpSplits = 0;
    for (String tree : bcModel.treeDumpJson()) {
      dumpSplits += tree.split("\"split\":", -1).length - 1;
    }
    assertEquals(dumpSplits, (long) splits);
    for (int i = 0; i < imp.rowCount(); i++) {
      double w = imp.doubleColumn("weight").get(i);
      assertEquals(imp.doubleColumn("total_gain").get(i), imp.doubleColumn("gain").get(i) * w,
          1e-6 * Math.max(1, imp.doubleColumn("total_gain").get(i)));
    }
  }

  @Test
  void concurrentPredictionsAgree() throws Exception {
    float[][] x = bc.test().x();
    float[][] expected = bcModel.predictProba(x);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][]>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> bcModel.predictProba(x)));
      }
      for (Future<float[][]> f : futures) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void trainerIsImmutableAndEmptyBatchesAreFine() {
    XGBoostTrainer base = Models.xgboost();
    XGBoostTrainer changed = base.rounds(7).maxDepth(2).balancedClassWeights();
    assertTrue(base.toString().contains("rounds=100") && base.toString().contains("maxDepth=6"), base.toString());
    assertTrue(changed.toString().contains("rounds=7") && changed.toString().contains("balanced"), changed.toString());
    assertEquals(0, bcModel.predictProba(new float[0][]).length);
    assertEquals(0, bcModel.predictContrib(new float[0][], 1).length);
  }

  @Test
  void earlyStoppingForRegressionWatchesRmse() {
    List<ProgressEvent> events = new ArrayList<>();
    XGBoostModel m = Models.xgboost().rounds(300).eta(0.3).earlyStopping(5, 0.2).seed(2).threads(1)
        .progress(events::add).fit(Datasets.diabetes());
    assertTrue(m.bestRound() >= 1 && m.bestRound() < 300, "best " + m.bestRound());
    assertEquals("rmse", m.params().get("eval_metric"));
    assertTrue(events.get(0).detail().contains("rmse"), events.get(0).detail());
  }

  @Test
  void missingValuesAreHandledNatively() {
    float[][] x = bc.test().x();
    x[0][0] = Float.NaN;
    float[][] p = bcModel.predictProba(x);
    assertEquals(1.0, p[0][0] + p[0][1], 1e-6);
  }

  @Test
  void classWeightsShiftPredictions() {
    XGBoostModel plain = Models.xgboost().rounds(20).seed(1).threads(1).fit(bc.train());
    XGBoostModel heavy = Models.xgboost().rounds(20).seed(1).threads(1)
        .classWeights(Map.of("malignant", 10.0)).fit(bc.train());
    double[] a = column(plain.predictProba(bc.test()), 0);
    double[] b = column(heavy.predictProba(bc.test()), 0);
    double meanA = java.util.Arrays.stream(a).average().orElseThrow();
    double meanB = java.util.Arrays.stream(b).average().orElseThrow();
    assertTrue(meanB > meanA, "up-weighting malignant raises its mean probability: " + meanA + " -> " + meanB);
    // balanced weights up-weight the minority class (malignant) too
    Model balanced = Models.xgboost().rounds(20).balancedClassWeights().seed(1).threads(1).fit(bc.train());
    double meanC = java.util.Arrays.stream(column(balanced.predictProba(bc.test()), 0)).average().orElseThrow();
    assertTrue(meanC > meanA, "balanced weights raise the minority mean probability: " + meanA + " -> " + meanC);
  }

  /**
   * Predictions go through XGBoost's in-place prediction (and {@link io.workbench.model.FlatInput}); the reference is
   * XGBoost's prediction through a native matrix, on the saved booster loaded by XGBoost itself: equal bit for bit,
   * for probabilities and margins, binary and multi-class, with missing values.
   */
  @Test
  void inPlaceAndFlatPredictionsEqualTheNativeMatrixPathBitForBit(@TempDir Path dir) throws Exception {
    Split iris = Datasets.iris().split(0.7, 3);
    XGBoostModel multi = Models.xgboost().rounds(10).maxDepth(2).seed(1).threads(2).fit(iris.train());
    for (XGBoostModel m : List.of(bcModel, multi)) {
      float[][] x = (m == bcModel ? bc.test() : iris.test()).x();
      x[3][1] = Float.NaN;
      int n = x.length;
      int d = m.featureNames().size();
      m.save(dir.resolve("m" + d));
      ml.dmlc.xgboost4j.java.Booster ref = ml.dmlc.xgboost4j.java.XGBoost.loadModel(
          Files.newInputStream(dir.resolve("m" + d).resolve(XGBoostModel.BOOSTER_FILE)));
      ml.dmlc.xgboost4j.java.DMatrix dm = XGBoostModel.dmatrix(x, d);
      float[][] refP = ref.predict(dm, false);
      float[][] refM = ref.predict(dm, true);
      dm.dispose();
      ref.dispose();
      float[][] p = m.predictProba(x);
      int k = m.outputWidth();
      // the flat batch: rows packed, values past rows * d ignored
      float[] flat = new float[n * d + 5];
      Arrays.fill(flat, Float.POSITIVE_INFINITY);
      for (int i = 0; i < n; i++) {
        System.arraycopy(x[i], 0, flat, i * d, d);
      }
      float[] f = m.predictProbaFlat(flat, n);
      assertEquals(n * k, f.length);
      for (int i = 0; i < n; i++) {
        float[] want = k == 2 ? new float[] {1f - refP[i][0], refP[i][0]} : refP[i];
        assertArrayEquals(want, p[i], 0f, "row " + i);
        assertArrayEquals(want, Arrays.copyOfRange(f, i * k, i * k + k), 0f, "flat row " + i);
      }
      for (int c = 0; c < m.numOutputs(); c++) {
        double[] margin = m.predictMargin(x, k == 2 ? 1 : c);
        for (int i = 0; i < n; i++) {
          assertEquals(refM[i][c], margin[i], 0.0, "margin row " + i);
        }
      }
      assertEquals(0, m.predictProbaFlat(new float[0], 0).length);
    }
  }

  @Test
  void flatInputRefusesBadBatchesNamingRowAndFeature() {
    int d = bcModel.featureNames().size();
    float[] flat = new float[3 * d];
    flat[2 * d + 4] = Float.NEGATIVE_INFINITY;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictProbaFlat(flat, 3));
    assertTrue(e.getMessage().contains("Row 2, feature '" + bcModel.featureNames().get(4) + "'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictProbaFlat(flat, 4));
    assertTrue(e.getMessage().contains("4 rows of 30 features") && e.getMessage().contains("90 values"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictProbaFlat(null, 1));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictProbaFlat(flat, -1));
    assertTrue(e.getMessage().contains("rows >= 0"), e.getMessage());
  }

  @Test
  void badInputFailsClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> bcModel.predictProba(new float[][] {new float[3]}));
    assertTrue(e.getMessage().contains("Row 0") && e.getMessage().contains("30"), e.getMessage());
    float[][] inf = bc.test().head(2).x();
    inf[1][4] = Float.POSITIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictProba(inf));
    assertTrue(e.getMessage().contains("Row 1, feature '" + bc.test().features().get(4) + "'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictContrib(bc.test().x(), 2));
    assertTrue(e.getMessage().contains("targetClass 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.xgboost().rounds(0));
    assertTrue(e.getMessage().contains("rounds"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.xgboost().eta(1.5));
    assertTrue(e.getMessage().contains("eta"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.xgboost().earlyStopping(5, 1.0));
    assertTrue(e.getMessage().contains("validationFraction"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Models.xgboost().classWeights(Map.of("cancer", 2.0)).fit(bc.train()));
    assertTrue(e.getMessage().contains("'cancer'") && e.getMessage().contains("benign"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.randomForest().earlyStopping(3, 0.2).fit(bc.train()));
    assertTrue(e.getMessage().contains("earlyStopping"), e.getMessage());
    int[] benign = java.util.stream.IntStream.range(0, bc.train().rows())
        .filter(i -> bc.train().y()[i] == 1).toArray();
    Dataset oneClass = bc.train().select(benign);
    e = assertThrows(IllegalArgumentException.class, () -> Models.xgboost().fit(oneClass));
    assertTrue(e.getMessage().contains("single class"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Models.xgboost().balancedClassWeights().fit(Datasets.diabetes()));
    assertTrue(e.getMessage().contains("regression"), e.getMessage());
    Dataset unlabelled = Dataset.builder(bc.test().table().removeColumns("diagnosis")).build();
    e = assertThrows(IllegalArgumentException.class, () -> Models.xgboost().fit(unlabelled));
    assertTrue(e.getMessage().contains("no target"), e.getMessage());
    Dataset fewer = Dataset.builder(bc.test().table()).target("diagnosis")
        .features(bc.test().features().subList(0, 29)).classNames(bc.test().classNames()).build();
    e = assertThrows(IllegalArgumentException.class, () -> bcModel.predictProba(fewer));
    assertTrue(e.getMessage().contains("30 features"), e.getMessage());
  }

  @Test
  void cancellationStopsTraining() {
    Cancellation stop = new Cancellation();
    stop.cancel();
    assertThrows(Cancellation.CancelledException.class,
        () -> Models.xgboost().cancellation(stop).fit(bc.train()));
  }
}
