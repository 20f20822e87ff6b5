package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicContainer;

/**
 * The contract every {@link io.workbench.model.Trainer} keeps, as rules run over every registered trainer:
 * the same seed gives the same model; another seed another model where the trainer makes random choices
 * (and the same model where it makes none); cancellation stops the fit; progress events arrive and finish;
 * bad training data (null, empty, a single class, a missing value, a task the trainer does not do) fails with
 * an {@link IllegalArgumentException} that names the problem.
 *
 * <p><b>Adding a trainer</b> is one line in {@link Contracts#trainers()}: a {@link TrainerCase} with the trainer
 * (kept small: a few epochs or rounds) and one of the {@link ContractData} sets.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicContainer> trainers() {
 *   return Contracts.trainers().stream().map(TrainerContract::suite);
 * }
 * }</pre>
 */
public final class TrainerContract {

  private TrainerContract() {}

  /** The same seed gives the same model (bit-identical predictions). */
  public static final Rule<TrainerCase> SAME_SEED = Rule.of(
      "the same seed gives the same model",
      c -> {
        Dataset d = c.data();
        float[][] a = fit(c, 5).predictProba(d);
        float[][] b = fit(c, 5).predictProba(d);
        Expect.same(a, b, 0, "predictions of two models fitted with seed 5");
      });

  /** Another seed gives another model, where the trainer makes random choices. */
  public static final Rule<TrainerCase> OTHER_SEED = Rule.of(
      "another seed gives another model (the trainer makes random choices)",
      (TrainerCase c) -> {
        Dataset d = c.data();
        if (!Expect.differ(fit(c, 5).predictProba(d), fit(c, 6).predictProba(d))) {
          throw new AssertionError("seeds 5 and 6 gave the same model: the seed does not reach the random choices");
        }
      }).when(TrainerCase::random);

  /** Every seed gives the same model, where the trainer makes no random choice. */
  public static final Rule<TrainerCase> NO_RANDOMNESS = Rule.of(
      "every seed gives the same model (the trainer makes no random choice)",
      (TrainerCase c) -> {
        Dataset d = c.data();
        Expect.same(fit(c, 5).predictProba(d), fit(c, 6).predictProba(d), 0, "models fitted with seeds 5 and 6");
      }).when(c -> !c.random());

  /** Progress events arrive, never go back, and end with one finished, complete event. */
  public static final Rule<TrainerCase> PROGRESS = Rule.of(
      "progress events arrive, never go back, and end with one finished event at 100 %",
      c -> {
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        c.trainer(o -> o.withProgress(events::add)).fit(c.data());
        if (events.isEmpty()) {
          throw new AssertionError("no progress event");
        }
        long finished = events.stream().filter(ProgressEvent::finished).count();
        ProgressEvent last = events.get(events.size() - 1);
        if (finished != 1 || !last.finished()) {
          throw new AssertionError(finished + " finished events; the last event must be the only finished one: " + last);
        }
        if (last.stopped() || (last.total() > 0 && last.fraction() < 1)) {
          throw new AssertionError("the fit ended but its progress stopped at " + last.done() + "/" + last.total());
        }
        double before = 0;
        for (ProgressEvent e : events) {
          double f = e.fraction();
          if (!Double.isNaN(f) && f + 1e-12 < before) {
            throw new AssertionError("progress went back from " + before + " to " + f + " at " + e);
          }
          before = Double.isNaN(f) ? before : f;
        }
      });

  /** Cancelling during the fit stops it with a CancelledException, and the progress ends "stopped". */
  public static final Rule<TrainerCase> CANCELLATION = Rule.of(
      "cancelling during the fit stops it",
      c -> {
        Cancellation stop = new Cancellation();
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        ProgressListener cancelAtFirst = e -> {
          events.add(e);
          if (!e.finished()) {
            stop.cancel();
          }
        };
        Model m;
        try {
          m = c.trainer(o -> o.withProgress(cancelAtFirst).withCancellation(stop)).fit(c.data());
        } catch (Cancellation.CancelledException expected) {
          if (events.isEmpty() || !events.get(events.size() - 1).finished()) {
            throw new AssertionError("the cancelled fit left its progress open: " + events);
          }
          return;
        }
        throw new AssertionError("cancelled at the first progress event (" + (events.isEmpty() ? "none came"
            : events.get(0)) + ") but the fit went on and returned " + m);
      });

  /** A null training set fails naming it. */
  public static final Rule<TrainerCase> NULL_DATA = Rule.of(
      "a null training set fails naming it",
      c -> Expect.rejects("fit(null)", () -> c.trainer(o -> o).fit(null), "null"));

  /** An empty training set fails saying so. */
  public static final Rule<TrainerCase> EMPTY = Rule.of(
      "an empty training set fails saying it has 0 rows",
      c -> Expect.rejects("0 training rows", () -> c.trainer(o -> o).fit(ContractData.empty(c.data())), "0 rows"));

  /** A training set with a single class fails saying so. */
  public static final Rule<TrainerCase> SINGLE_CLASS = Rule.of(
      "a classification training set with a single class fails saying so",
      (TrainerCase c) -> Expect.rejects("one class only",
          () -> c.trainer(o -> o).fit(ContractData.singleClass(c.data())), "single class"))
      .when(c -> c.data().task() == Task.CLASSIFICATION);

  /** A missing value fails naming feature and row, unless the trainer fills it. */
  public static final Rule<TrainerCase> MISSING_VALUE = Rule.of(
      "a missing feature value fails naming the feature and the row (unless the trainer imputes it)",
      c -> {
        Dataset d = c.data();
        String f = firstNumeric(d);
        Dataset bad = ContractData.withMissing(d, 3, f);
        if (c.imputes()) {
          Model m = c.trainer(o -> o).fit(bad);
          for (float[] row : m.predictProba(bad)) {
            for (float v : row) {
              if (!Float.isFinite(v)) {
                throw new AssertionError("a model trained with a filled missing value predicts " + v);
              }
            }
          }
        } else {
          Expect.rejectsRow("a missing '" + f + "' at row 3", 3, () -> c.trainer(o -> o).fit(bad), "'" + f + "'");
        }
      });

  /** Data of a task the trainer does not do fails naming the task. */
  public static final Rule<TrainerCase> WRONG_TASK = Rule.of(
      "data of a task the trainer does not do fails naming the task",
      (TrainerCase c) -> {
        Dataset other = c.wrongTask();
        String task = other.task().name().toLowerCase(Locale.ROOT).replace('_', '-');
        Expect.rejects(task + " data", () -> c.trainer(o -> o).fit(other), task);
      }).when(c -> c.wrongTask() != null);

  /** Every rule, in the order the suite runs them. */
  public static final List<Rule<TrainerCase>> RULES = List.of(SAME_SEED, OTHER_SEED, NO_RANDOMNESS, PROGRESS,
      CANCELLATION, NULL_DATA, EMPTY, SINGLE_CLASS, MISSING_VALUE, WRONG_TASK);

  /** The rules that apply to {@code c}, as one JUnit container named after the case. */
  public static DynamicContainer suite(TrainerCase c) {
    return DynamicContainer.dynamicContainer(c.name(), RULES.stream().filter(r -> r.applies(c)).map(r -> r.test(c)));
  }

  /** Runs every applicable rule on {@code c}, failing at the first broken one. */
  public static void check(TrainerCase c) {
    for (Rule<TrainerCase> r : RULES) {
      if (r.applies(c)) {
        r.check(c);
      }
    }
  }

  private static Model fit(TrainerCase c, long seed) {
    return c.trainer(o -> o.withSeed(seed).withProgress(ProgressListener.silent())).fit(c.data());
  }

  /** The first feature held as numbers (a pipeline's raw data also has text features). */
  private static String firstNumeric(Dataset d) {
    tech.tablesaw.api.Table t = d.table();
    for (String f : d.features()) {
      if (t.column(f) instanceof tech.tablesaw.api.NumericColumn<?> num && num.countMissing() == 0) {
        return f;
      }
    }
    throw new AssertionError("the training data of " + d + " has no numeric feature without missing values");
  }
}
