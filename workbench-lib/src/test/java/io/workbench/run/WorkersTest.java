package io.workbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.progress.ProgressListener;
import io.workbench.progress.ProgressTask;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one worker pool: every task once, the first failure rethrown, and no pool inside a pool. */
class WorkersTest {

  private static final RunOptions OPTIONS = RunOptions.defaults();

  @Test
  void everyTaskRunsOnceAndNestedRunsStayOnTheirWorkersThread() {
    int outer = 6;
    int inner = 50;
    long[][] out = new long[outer][inner];
    Set<String> innerThreadMismatch = ConcurrentHashMap.newKeySet();
    Set<Thread> outerThreads = ConcurrentHashMap.newKeySet();
    try (ProgressTask task = ProgressTask.start("outer", outer, ProgressListener.silent(), null)) {
      CountDownLatch twoThreads = new CountDownLatch(2);
      Workers.run(outer, 3, OPTIONS, task, (i, w) -> {
        Thread mine = Thread.currentThread();
        if (outerThreads.add(mine)) {
          twoThreads.countDown();
        }
        await(twoThreads); // the first tasks wait until a second worker has one too
        try (ProgressTask in = ProgressTask.start("inner", inner, ProgressListener.silent(), null)) {
          Workers.run(inner, 3, OPTIONS, in, (k, w2) -> {
            if (Thread.currentThread() != mine || w2 != 0) {
              innerThreadMismatch.add(i + "/" + k);
            }
            out[i][k] = Workers.seedFor(i, k);
          });
        }
      });
    }
    assertTrue(outerThreads.size() > 1, "the outer run used several threads: " + outerThreads);
    assertTrue(innerThreadMismatch.isEmpty(), "inner tasks left their outer worker's thread: " + innerThreadMismatch);
    for (int i = 0; i < outer; i++) {
      long[] want = new long[inner];
      for (int k = 0; k < inner; k++) {
        want[k] = Workers.seedFor(i, k);
      }
      assertArrayEquals(want, out[i], "outer task " + i);
    }
    // after the nested runs, a run from the test thread is parallel again
    Set<Thread> again = ConcurrentHashMap.newKeySet();
    CountDownLatch twoAgain = new CountDownLatch(2);
    try (ProgressTask task = ProgressTask.start("again", 4, ProgressListener.silent(), null)) {
      Workers.run(4, 2, OPTIONS, task, (i, w) -> {
        if (again.add(Thread.currentThread())) {
          twoAgain.countDown();
        }
        await(twoAgain);
      });
    }
    assertEquals(2, again.size(), "two threads after the nested runs ended");
  }

  @Test
  void theFirstFailureIsRethrown() {
    try (ProgressTask task = ProgressTask.start("failing", 20, ProgressListener.silent(), null)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.run(20, 2, OPTIONS, task,
          (i, w) -> {
            if (i == 7) {
              throw new IllegalStateException("task 7 broke");
            }
          }));
      assertEquals("task 7 broke", e.getMessage());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(60, TimeUnit.SECONDS), "a second worker took a task within 60 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
