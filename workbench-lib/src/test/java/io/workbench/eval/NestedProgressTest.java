package io.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.labels.LabelIssues;
import io.workbench.model.factory.Models;
import io.workbench.progress.Cancellation;
import io.workbench.progress.Progress;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cross-validation fitting trainers, and label issues running cross-validation, show one bar. */
class NestedProgressTest {

  @AfterEach
  void reset() {
    Progress.reset();
  }

  @Test
  void crossValidationOfANetworkIsOneBarNamingFoldAndEpoch() {
    Dataset d = Datasets.breastCancer().head(150);
    List<ProgressEvent> events = new ArrayList<>();
    int[] bars = {0};
    Progress.install(() -> {
      bars[0]++;
      return events::add;
    });
    CrossValidation.of(Models.mlp(4).epochs(3).batchSize(50)).folds(3).seed(1).run(d);
    assertEquals(1, bars[0], "one bar, not one per fold");
    assertTrue(events.stream().allMatch(e -> e.task().equals("cross-validation")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.detail().startsWith("fold 2/3: epoch 2/3 loss ")), events.toString());
    assertEquals(1, events.stream().filter(ProgressEvent::finished).count());
    ProgressEvent end = events.get(events.size() - 1);
    assertTrue(end.finished() && end.fraction() == 1.0 && !end.stopped(), end.toString());
    double last = 0;
    for (ProgressEvent e : events) {
      assertTrue(e.fraction() >= last - 1e-12, "monotone: " + events);
      last = e.fraction();
    }

    // label issues run cross-validation: still one bar
    events.clear();
    bars[0] = 0;
    LabelIssues.find(d, Models.xgboost().rounds(5), 3, 2);
    assertEquals(1, bars[0]);
    assertTrue(events.stream().anyMatch(e -> e.detail().startsWith("fold 3/3: round ")), events.toString());
  }

  @Test
  void cancellingCrossValidationStopsTheTrainerInsideAFold() {
    Dataset d = Datasets.breastCancer().head(150);
    Cancellation stop = new Cancellation();
    List<ProgressEvent> events = new ArrayList<>();
    CrossValidation cv = CrossValidation.of(Models.mlp(4).epochs(500).batchSize(10)).folds(3).cancellation(stop)
        .progress(e -> {
          events.add(e);
          if (e.detail().startsWith("fold 1/3: epoch 2/")) {
            stop.cancel();
          }
        });
    assertThrows(Cancellation.CancelledException.class, () -> cv.run(d));
    ProgressEvent end = events.get(events.size() - 1);
    assertTrue(end.finished() && end.stopped(), end.toString());
    assertEquals("stopped at 0/3", end.detail());
    assertTrue(events.size() < 40, "stopped within the first fold's second epoch, not after 500 epochs: "
        + events.size());
    assertEquals(null, ProgressTask.current(), "no task left running on this thread");
  }
}
