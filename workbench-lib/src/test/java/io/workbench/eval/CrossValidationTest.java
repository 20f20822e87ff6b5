package io.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.model.factory.Models;
import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CrossValidationTest {

  /** A trainer whose model predicts the training class frequencies for every row. */
  static final Trainer PRIOR = train -> {
    int[] counts = train.classCountsArray();
    float[] prior = new float[counts.length];
    for (int c = 0; c < counts.length; c++) {
      prior[c] = (float) counts[c] / train.rows();
    }
    List<String> features = train.features();
    List<String> classes = train.classNames();
    return new Model() {
      @Override
      public Task task() {
        return Task.CLASSIFICATION;
      }

      @Override
      public List<String> featureNames() {
        return features;
      }

      @Override
      public List<String> classNames() {
        return classes;
      }

      @Override
      public float[][] predictProba(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
          out[i] = prior.clone();
        }
        return out;
      }
    };
  };

  @Test
  void outOfFoldPredictionsComeFromTheOtherFolds() {
    Dataset data = Datasets.iris();
    List<ProgressEvent> events = new ArrayList<>();
    CrossValidationResult cv = CrossValidation.of(PRIOR).folds(4).seed(3).progress(events::add).run(data);
    int[] foldOf = cv.foldOf();
    double[][] oof = cv.outOfFold();
    int[] y = data.y();
    assertEquals(150, oof.length);
    for (int i = 0; i < oof.length; i++) {
      // frequencies of the rows outside row i's fold, counted here
      int[] counts = new int[3];
      int rows = 0;
      for (int j = 0; j < y.length; j++) {
        if (foldOf[j] != foldOf[i]) {
          counts[y[j]]++;
          rows++;
        }
      }
      for (int c = 0; c < 3; c++) {
        assertEquals((float) counts[c] / rows, oof[i][c], 1e-7);
      }
    }
    assertEquals(5, events.size());
    assertTrue(events.get(4).finished());
    assertEquals(2, events.get(1).done());
    assertEquals(4, events.get(1).total());
    Table per = cv.perFold();
    assertEquals(4, per.rowCount());
    assertEquals(150, per.intColumn("test_rows").sum(), 0);
    Table summary = cv.summary();
    double meanAcc = per.doubleColumn("accuracy").mean();
    assertEquals(meanAcc, cv.mean("accuracy"), 1e-12);
    double sd = per.doubleColumn("accuracy").standardDeviation();
    int row = summary.stringColumn("metric").asList().indexOf("accuracy");
    assertEquals(sd, summary.doubleColumn("std").get(row), 1e-12);
    assertTrue(cv.toHtml().contains("stratified"));
  }

  @Test
  void xgboostCrossValidationOnBreastCancer() {
    Dataset data = Datasets.breastCancer();
    CrossValidationResult cv = CrossValidation.of(Models.xgboost().rounds(30).maxDepth(3).threads(1).seed(1))
        .folds(3).seed(7).progress(e -> {}).run(data);
    assertTrue(cv.mean("auroc") > 0.95, cv.toString());
    double[][] oof = cv.outOfFold();
    int[] foldOf = cv.foldOf();
    // each row's out-of-fold probability is what its fold's model predicts for it
    for (int f = 0; f < 3; f++) {
      final int fold = f;
      int[] rows = java.util.stream.IntStream.range(0, data.rows()).filter(i -> foldOf[i] == fold).toArray();
      float[][] p = cv.models().get(f).predictProba(data.x(rows));
      for (int i = 0; i < rows.length; i++) {
        assertEquals(p[i][1], oof[rows[i]][1], 1e-7);
      }
    }
    assertEquals(ClassificationMetrics.auroc(data.y(), oof), cv.pooled().value("auroc"), 1e-12);
  }

  @Test
  void regressionCrossValidation() {
    Dataset data = Datasets.diabetes();
    CrossValidationResult cv = CrossValidation.of(Models.xgboost().rounds(40).maxDepth(2).eta(0.1).threads(1))
        .folds(3).seed(1).progress(e -> {}).run(data);
    assertEquals(1, cv.outOfFold()[0].length);
    assertTrue(cv.pooled().value("r2") > 0.2, cv.pooled().toString());
    assertEquals(List.of("mae", "rmse", "r2"), cv.summary().stringColumn("metric").asList());
  }

  static Dataset grouped(int groups, int perGroup, long seed) {
    Random rnd = new Random(seed);
    int n = groups * perGroup;
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] label = new String[n];
    String[] patient = new String[n];
    for (int i = 0; i < n; i++) {
      patient[i] = "p" + (i / perGroup);
      label[i] = i % 2 == 0 ? "yes" : "no";
      x1[i] = rnd.nextGaussian() + (i % 2);
      x2[i] = rnd.nextGaussian();
    }
    Table t = Table.create("g", DoubleColumn.create("x1", x1), DoubleColumn.create("x2", x2),
        StringColumn.create("label", label), StringColumn.create("patient", patient));
    return Dataset.builder(t).target("label").group("patient").build();
  }

  @Test
  void groupedFoldsKeepEachGroupTogether() {
    Dataset data = grouped(10, 6, 1);
    CrossValidationResult cv = CrossValidation.of(PRIOR).folds(5).seed(2).progress(e -> {}).run(data);
    assertTrue(cv.grouped());
    String[] groups = data.groups();
    int[] foldOf = cv.foldOf();
    Map<String, Integer> foldOfGroup = new HashMap<>();
    for (int i = 0; i < groups.length; i++) {
      Integer f = foldOfGroup.putIfAbsent(groups[i], foldOf[i]);
      assertTrue(f == null || f == foldOf[i], "group " + groups[i] + " is in two folds");
    }
    assertTrue(cv.toHtml().contains("group"));
  }

  @Test
  void sameSeedSameFolds() {
    Dataset data = Datasets.wine();
    int[] a = CrossValidation.of(PRIOR).folds(5).seed(9).progress(e -> {}).run(data).foldOf();
    int[] b = CrossValidation.of(PRIOR).folds(5).seed(9).progress(e -> {}).run(data).foldOf();
    assertArrayEquals(a, b);
  }

  @Test
  void cancellationStopsBetweenFolds() {
    Cancellation stop = new Cancellation();
    List<ProgressEvent> events = new ArrayList<>();
    assertThrows(Cancellation.CancelledException.class, () -> CrossValidation.of(PRIOR).folds(5).cancellation(stop)
        .progress(e -> {
          events.add(e);
          stop.cancel();
        }).run(Datasets.iris()));
    assertEquals(2, events.size(), "one fold, then the finishing event");
    assertTrue(events.get(1).finished());
  }

  @Test
  void badInputFailsClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CrossValidation.of(PRIOR).folds(5).run(Datasets.iris().head(3)));
    assertTrue(e.getMessage().contains("3 rows") && e.getMessage().contains("5 folds"), e.getMessage());
    // one 'virginica' row only: its fold's training part lacks the class
    Dataset iris = Datasets.iris();
    int[] y = iris.y();
    int firstVirginica = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == 2).findFirst().orElseThrow();
    int[] keep = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] != 2 || i == firstVirginica).toArray();
    e = assertThrows(IllegalArgumentException.class,
        () -> CrossValidation.of(PRIOR).folds(3).run(iris.select(keep)));
    assertTrue(e.getMessage().contains("'virginica'") && e.getMessage().contains("fold"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CrossValidation.of(PRIOR).folds(5).run(grouped(3, 4, 1)));
    assertTrue(e.getMessage().contains("3 groups"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.of(PRIOR).folds(1));
    assertTrue(e.getMessage().contains("folds"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.of(null));
    assertTrue(e.getMessage().contains("trainer"), e.getMessage());
  }
}
