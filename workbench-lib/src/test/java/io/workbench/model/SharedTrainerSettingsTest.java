package io.workbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One EarlyStopping and one ClassWeights type, understood alike by the network and XGBoost trainers. */
class SharedTrainerSettingsTest {

  @Test
  void watchStopsPatienceStepsAfterTheBest() {
    // brute force over a fixed series: best = first minimum; stop = first step at best + patience
    double[] loss = {0.9, 0.7, 0.72, 0.69, 0.7, 0.71, 0.75, 0.5};
    EarlyStopping.Watch w = EarlyStopping.after(3).watch();
    int stoppedAt = -1;
    for (int i = 0; i < loss.length; i++) {
      boolean improved = w.observe(loss[i]);
      assertEquals(i == 0 || i == 1 || i == 3, improved, "step " + i);
      if (w.exhausted()) {
        stoppedAt = i;
        break;
      }
    }
    assertEquals(3, w.bestStep());
    assertEquals(6, stoppedAt, "three steps after the best");
    // higher is better for AUROC and accuracy; ties are no improvement
    EarlyStopping.Watch auc = EarlyStopping.after(1).monitor(EarlyStopping.Monitor.AUROC).watch();
    assertTrue(auc.observe(0.8));
    assertTrue(auc.observe(0.9));
    assertFalse(auc.observe(0.9));
    assertTrue(auc.exhausted());
    assertEquals(1, auc.bestStep());
    assertEquals("none", EarlyStopping.off().monitorName());
    assertEquals("val_auroc", EarlyStopping.after(2).monitor(EarlyStopping.Monitor.AUROC).monitorName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EarlyStopping.after(0));
    assertTrue(e.getMessage().contains("patience") && e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void classWeightsResolveAgainstTheTrainingPart() {
    Dataset iris = Datasets.iris();
    int[] keep = java.util.stream.IntStream.range(0, 120).toArray(); // 50, 50, 20 rows
    Dataset part = iris.select(keep);
    int[] counts = part.classCountsArray();
    double[] balanced = ClassWeights.balanced().resolve(part);
    for (int c = 0; c < 3; c++) {
      assertEquals(120.0 / (3 * counts[c]), balanced[c], 1e-15, "n / (k * n_c)");
    }
    assertArrayEquals(new double[] {1, 1, 1}, ClassWeights.none().resolve(part));
    assertArrayEquals(new double[] {1, 2, 3}, ClassWeights.of(1, 2, 3).resolve(part));
    String virginica = iris.classNames().get(2);
    assertArrayEquals(new double[] {1, 1, 4}, ClassWeights.of(Map.of(virginica, 4.0)).resolve(part));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassWeights.of(Map.of("setosaa", 2.0)).resolve(part));
    assertTrue(e.getMessage().contains("'setosaa'") && e.getMessage().contains(virginica), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, 2).resolve(part));
    assertTrue(e.getMessage().contains("3 classes") && e.getMessage().contains("got 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, -2));
    assertTrue(e.getMessage().contains("-2.0") && e.getMessage().contains("position 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced().resolve(Datasets.diabetes()));
    assertTrue(e.getMessage().contains("regression"), e.getMessage());
    assertEquals(ClassWeights.of(1, 2), ClassWeights.of(1, 2));
    assertEquals("balanced", ClassWeights.balanced().toString());
  }

  @Test
  void bothTrainersTakeTheSameValues() {
    Split split = Datasets.breastCancer().split(0.75, 2);
    EarlyStopping stopping = EarlyStopping.after(2).monitor(EarlyStopping.Monitor.AUROC);
    ClassWeights weights = ClassWeights.of(Map.of("malignant", 2.0));
    ProgressListener quiet = ProgressListener.silent();
    NeuralNetModel net = Models.mlp(8).epochs(30).validation(0.25).earlyStopping(stopping).classWeights(weights)
        .seed(3).progress(quiet).fit(split.train());
    assertEquals("val_auroc", net.history().monitor());
    double[] auroc = net.history().toTable().doubleColumn("val_auroc").asDoubleArray();
    int best = 0;
    for (int i = 1; i < auroc.length; i++) {
      if (auroc[i] > auroc[best]) {
        best = i;
      }
    }
    assertEquals(best + 1, net.history().bestEpoch(), "the kept epoch has the highest validation AUROC");
    assertEquals("{malignant=2.0}", net.trainingSettings().get("classWeights"));

    List<ProgressEvent> events = new ArrayList<>();
    XGBoostModel xgb = Models.xgboost().rounds(200).eta(0.3).validation(0.25).earlyStopping(stopping)
        .classWeights(weights).seed(3).progress(events::add).fit(split.train());
    assertEquals("auc", xgb.params().get("eval_metric"));
    double max = events.stream().filter(e -> !e.finished()).mapToDouble(e -> e.value("val_auroc")).max().orElseThrow();
    assertEquals(max, events.get(xgb.bestRound() - 1).value("val_auroc"), 0, "kept round has the best AUROC");
    assertEquals(xgb.bestRound(), xgb.rounds());
    ProgressEvent last = events.get(events.size() - 1);
    assertTrue(last.finished() && last.fraction() == 1.0, "an early stop still ends the bar at 100 %: " + last);

    // accuracy for XGBoost is 1 - error; a regression target refuses classification monitors in both trainers
    assertEquals("error", Models.xgboost().earlyStopping(EarlyStopping.after(2).monitor(EarlyStopping.Monitor.ACCURACY))
        .params(io.workbench.data.Task.CLASSIFICATION, 2).get("eval_metric"));
    for (Trainer t : List.of(Models.mlp(4).earlyStopping(stopping), Models.xgboost().earlyStopping(stopping))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(Datasets.diabetes()));
      assertTrue(e.getMessage().contains("AUROC") && e.getMessage().contains("regression"), e.getMessage());
    }
  }

  @Test
  void trainingChecksNameWhatIsWrong() {
    Dataset bc = Datasets.breastCancer();
    int[] y = bc.y();
    Dataset one = bc.select(java.util.stream.IntStream.range(0, bc.rows()).filter(i -> y[i] == 1).toArray());
    for (Trainer t : List.<Trainer>of(Models.mlp(4), Models.xgboost())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(one));
      assertTrue(e.getMessage().contains("single class"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> t.fit(null));
      assertTrue(e.getMessage().contains("null"), e.getMessage());
    }
  }
}
