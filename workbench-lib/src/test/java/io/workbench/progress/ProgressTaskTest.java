package io.workbench.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nested work as one bar, bars that end at 100 % or say "stopped", and text bars that leave no stale characters. */
class ProgressTaskTest {

  @AfterEach
  void noTaskLeftBehind() {
    assertNull(ProgressTask.current(), "every test closes its tasks");
    Progress.reset();
  }

  /** Three outer steps, each running an inner task of four units: the CV-fitting-trainers shape. */
  @Test
  void nestedWorkIsOneBarNamingTheStep() {
    List<ProgressEvent> events = new ArrayList<>();
    int[] bars = {0};
    Progress.install(() -> {
      bars[0]++;
      return events::add;
    });
    try (ProgressTask outer = ProgressTask.start("cross-validation", 3, null, null)) {
      for (int f = 0; f < 3; f++) {
        outer.step("fold " + (f + 1) + "/3");
        try (ProgressTask inner = ProgressTask.start("train", 4, null, null)) {
          assertTrue(inner.nested());
          assertSame(inner, ProgressTask.current());
          for (int e = 0; e < 4; e++) {
            inner.advance(1, "epoch " + (e + 1) + "/4", Map.of("epoch", e + 1.0));
          }
          inner.done("done, 4 epochs");
        }
        assertSame(outer, ProgressTask.current(), "closing the inner task makes the outer one current again");
        outer.advance(1, "fold " + (f + 1) + "/3 accuracy 0.9");
      }
      outer.done("3 folds");
    }
    assertEquals(1, bars[0], "one bar for the whole nested work");
    assertEquals(3 * 4 + 3 + 3 + 1, events.size(), "inner steps, inner ends, outer steps, the end");
    double last = -1;
    for (ProgressEvent e : events) {
      assertEquals("cross-validation", e.task(), "every event belongs to the outermost task");
      assertTrue(e.fraction() >= last - 1e-12, "the bar never moves back: " + events);
      last = e.fraction();
    }
    long finished = events.stream().filter(ProgressEvent::finished).count();
    assertEquals(1, finished, "only the outermost task finishes the bar");
    // fold 2 (one fold done), epoch 2 of 4: (1 + 2/4) / 3
    ProgressEvent mid = events.get(4 + 1 + 1 + 1);
    assertEquals("fold 2/3: epoch 2/4", mid.detail());
    assertEquals(0.5, mid.fraction(), 1e-12);
    assertEquals(2.0, mid.value("epoch"));
    ProgressEvent end = events.get(events.size() - 1);
    assertTrue(end.finished() && !end.stopped());
    assertEquals(1.0, end.fraction());
  }

  @Test
  void aBarEndsAtFullOrSaysStopped() {
    List<ProgressEvent> events = new ArrayList<>();
    // work that finishes with fewer units than planned (probing refines 14 of 141 blocks) ends at 100 %
    try (ProgressTask t = ProgressTask.start("probing", 141, events::add, null)) {
      t.advance(14, "refined 14 blocks");
      t.done("done");
    }
    ProgressEvent end = events.get(events.size() - 1);
    assertTrue(end.finished());
    assertEquals(141, end.done());
    assertEquals(1.0, end.fraction());
    assertFalse(end.stopped());
    assertFalse(TextProgressBar.render(end).contains("stopped"), TextProgressBar.render(end));
    // work that ends early without done() says where it stopped
    events.clear();
    assertThrows(IllegalStateException.class, () -> {
      try (ProgressTask t = ProgressTask.start("fit", 5, events::add, null)) {
        t.advance(2);
        throw new IllegalStateException("boom");
      }
    });
    end = events.get(events.size() - 1);
    assertTrue(end.finished() && end.stopped(), end.toString());
    assertEquals("stopped at 2/5", end.detail());
    assertTrue(TextProgressBar.render(end).contains("stopped at 2/5"), TextProgressBar.render(end));
    // an event finished short by someone else's loop is marked too
    String foreign = TextProgressBar.render(new ProgressEvent("probing", 14, 141, "done", Map.of(), true));
    assertTrue(foreign.endsWith("(stopped)"), foreign);
  }

  @Test
  void cancellingTheOuterTaskStopsTheInnerWork() {
    Cancellation stop = new Cancellation();
    List<String> seen = new ArrayList<>();
    assertThrows(Cancellation.CancelledException.class, () -> {
      try (ProgressTask outer = ProgressTask.start("cv", 3, e -> seen.add(e.detail()), stop)) {
        outer.step("fold 1/3");
        try (ProgressTask inner = ProgressTask.start("train", 100, null, null)) {
          for (int b = 0; b < 100; b++) {
            inner.check();
            inner.advance(1, "batch " + (b + 1));
            if (b == 4) {
              stop.cancel();
            }
          }
          inner.done("done");
        }
      }
    });
    assertEquals("fold 1/3: batch 5", seen.get(seen.size() - 2), "the inner loop stopped at its next check");
    assertEquals("stopped at 0/3", seen.get(seen.size() - 1));
  }

  @Test
  void workOnPoolThreadsNestsAfterEnter() throws Exception {
    List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ProgressTask outer = ProgressTask.start("rashomon", 2, events::add, null)) {
      List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
      for (int m = 0; m < 2; m++) {
        int model = m;
        fs.add(pool.submit(() -> {
          try (ProgressTask.Scope s = outer.enter();
              ProgressTask inner = ProgressTask.start("train", 2, null, null)) {
            inner.advance(1, "model " + model);
            inner.done("done");
          }
          outer.advance(1);
        }));
      }
      for (var f : fs) {
        f.get();
      }
      outer.done("2 models");
    } finally {
      pool.shutdownNow();
    }
    assertTrue(events.stream().allMatch(e -> e.task().equals("rashomon")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.detail().equals("train: model 1")), events.toString());
    assertEquals(1, events.stream().filter(ProgressEvent::finished).count());
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProgressTask.start(" ", 3, null, null));
    assertTrue(e.getMessage().contains("name"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProgressTask.start("x", -2, null, null));
    assertTrue(e.getMessage().contains("total") && e.getMessage().contains("-2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ProgressEvent("x", 1, 2, "", Map.of(), false, 1.5));
    assertTrue(e.getMessage().contains("share"), e.getMessage());
  }

  /** What a terminal shows after the bar's output: carriage returns move to the line start, text overwrites. */
  static List<String> terminal(String output) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int cursor = 0;
    for (char c : output.toCharArray()) {
      if (c == '\r') {
        cursor = 0;
      } else if (c == '\n') {
        lines.add(line.toString());
        line.setLength(0);
        cursor = 0;
      } else {
        if (cursor < line.length()) {
          line.setCharAt(cursor, c);
        } else {
          line.append(c);
        }
        cursor++;
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  @Test
  void textBarLeavesNoStaleCharacters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextProgressBar bar = new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
    ProgressEvent longer = new ProgressEvent("fit", 112, 113, "112/113 loss 0.123456", Map.of(), false);
    ProgressEvent shorter = new ProgressEvent("fit", 113, 113, "done", Map.of(), true);
    bar.onProgress(longer);
    bar.onProgress(shorter);
    List<String> shown = terminal(bytes.toString(StandardCharsets.UTF_8));
    assertEquals(1, shown.size(), shown.toString());
    assertEquals(TextProgressBar.render(shorter), shown.get(0).stripTrailing(),
        "the last line is exactly the final bar, no '113' left over: " + shown);
    // the next bar starts a fresh line and does not pad to the old one's width
    bar.onProgress(new ProgressEvent("next", 1, 2, "", Map.of(), false));
    List<String> after = terminal(bytes.toString(StandardCharsets.UTF_8));
    assertEquals(TextProgressBar.render(new ProgressEvent("next", 1, 2, "", Map.of(), false)), after.get(1));
  }
}
