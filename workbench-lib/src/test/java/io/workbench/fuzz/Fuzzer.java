package io.workbench.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs one target in this JVM: executions {@code from .. from + count - 1}, each a mutant of a seed or of an
 * earlier interesting mutant (one that read as valid, or was rejected by a check not seen before), chosen and
 * mutated by a generator seeded from the run's seed, the format and the execution's index. Deterministic for a
 * given seed and range (the time budget only stops a run early). Each execution runs on a worker thread and
 * counts as a hang after {@link #HANG_MILLIS} of CPU time or {@link #BLOCKED_MILLIS} of wall-clock time.
 */
public final class Fuzzer {

  /**
   * An execution using more CPU time than this is a hang. CPU time, not wall-clock time, so that a busy shared
   * machine does not make slow executions look like hangs.
   */
  public static final long HANG_MILLIS = 5000;
  /** An execution blocked (using no CPU) for longer than this wall-clock time is a hang too. */
  public static final long BLOCKED_MILLIS = 60_000;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final int CORPUS_LIMIT = 256;

  private final FuzzTarget target;
  private final List<FuzzInput> seeds;
  private final Path work;
  private ExecutorService worker = newWorker();
  private boolean warm;

  /** A fuzzer of {@code target} using {@code work} (an empty folder) for seeds and inputs. */
  public Fuzzer(FuzzTarget target, Path work) throws Exception {
    this.target = target;
    this.work = work;
    Path seedDir = Files.createDirectories(work.resolve("seeds"));
    this.seeds = List.copyOf(target.seeds(seedDir));
    if (seeds.isEmpty()) {
      throw new IllegalStateException("Fuzz target " + target.name() + " has no seeds");
    }
  }

  /** A fuzzer of {@code target} with given seeds (as written by {@link #saveSeeds}), using {@code work}. */
  public Fuzzer(FuzzTarget target, List<FuzzInput> seeds, Path work) {
    this.target = target;
    this.work = work;
    this.seeds = List.copyOf(seeds);
  }

  /** Writes the seeds into {@code dir}, one numbered folder each, in order (read back by {@link #loadSeeds}). */
  public static void saveSeeds(List<FuzzInput> seeds, Path dir) throws IOException {
    for (int i = 0; i < seeds.size(); i++) {
      Path d = Files.createDirectories(dir.resolve(String.format(java.util.Locale.ROOT, "%04d", i)));
      seeds.get(i).writeTo(d);
    }
  }

  /** The seeds written by {@link #saveSeeds}, in order. */
  public static List<FuzzInput> loadSeeds(Path dir) throws IOException {
    List<FuzzInput> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
        out.add(FuzzInput.readFrom(d));
      }
    }
    return out;
  }

  private FuzzInput mutant(List<FuzzInput> corpus, SplittableRandom rnd) {
    FuzzInput parent = corpus.get(rnd.nextInt(corpus.size()));
    return Mutator.mutate(parent, target.mutationWeights(parent), rnd);
  }

  /** The seeds. */
  public List<FuzzInput> seeds() {
    return seeds;
  }

  /** The generator of execution {@code index} of a run with {@code seed}. */
  static SplittableRandom random(long seed, String format, long index) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ format.hashCode() * 0xC2B2AE3D27D4EB4FL ^ index);
  }

  /**
   * Runs executions {@code from} to {@code from + count - 1} (or until {@code deadlineNanos}, a {@link
   * System#nanoTime()} value), saving failing inputs under {@code reproducers} (may be null).
   */
  public FuzzReport run(long seed, long from, long count, long deadlineNanos, Path reproducers, Progress progress)
      throws IOException {
    return run(seed, from, count, deadlineNanos, reproducers, progress, true);
  }

  /**
   * As {@link #run(long, long, long, long, Path, Progress)}; without {@code feedback} every execution mutates a
   * seed (never an earlier mutant), so execution {@code i} depends only on the seeds, the run's seed and {@code i}.
   */
  public FuzzReport run(long seed, long from, long count, long deadlineNanos, Path reproducers, Progress progress,
      boolean feedback) throws IOException {
    FuzzReport report = new FuzzReport(target.name());
    List<FuzzInput> corpus = new ArrayList<>(seeds);
    Set<String> signatures = new HashSet<>();
    Path dir = Files.createDirectories(work.resolve("input"));
    long start = System.nanoTime();
    try {
      warmUp(seeds.get(0), dir);
      for (long i = from; i < from + count && System.nanoTime() < deadlineNanos; i++) {
        SplittableRandom rnd = random(seed, target.name(), i);
        FuzzInput input = mutant(corpus, rnd);
        if (progress != null) {
          progress.starting(i);
        }
        Result r = execute(input, dir);
        report.record(i, r.outcome, r.detail, input, reproducers);
        if (progress != null) {
          progress.finished(i, r.outcome, r.detail);
        }
        // valid mutants are good parents (half of them kept); inputs rejected by a check not seen before are kept
        // now and then (a broken parent mostly yields broken children)
        boolean keep = r.outcome == Outcome.VALID ? rnd.nextInt(2) == 0
            : r.outcome == Outcome.REJECTED && signatures.add(r.detail) && rnd.nextInt(4) == 0;
        if (feedback && keep) {
          if (corpus.size() < CORPUS_LIMIT) {
            corpus.add(input);
          } else {
            corpus.set(seeds.size() + rnd.nextInt(CORPUS_LIMIT - seeds.size()), input);
          }
        }
        if (r.outcome == Outcome.HANG) {
          break;
        }
      }
    } finally {
      report.addTime(System.nanoTime() - start);
    }
    return report;
  }

  /**
   * Reads {@code input} once on the worker, untimed and unrecorded (once per fuzzer), so that loading classes and
   * native engines is not counted in the CPU time of the first execution: on a busy machine that start-up alone
   * passed {@link #HANG_MILLIS} and the first execution of a child JVM was reported as a hang.
   */
  void warmUp(FuzzInput input, Path dir) throws IOException {
    if (warm) {
      return;
    }
    warm = true;
    clear(dir);
    input.writeTo(dir);
    Future<?> f = worker.submit(() -> {
      target.read(dir);
      return null;
    });
    try {
      f.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("fuzzing interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      // a seed that fails or stalls here is judged again, timed, when an execution reads it
      f.cancel(true);
    }
  }

  /** Reads one input (laid out in {@code dir}, emptied first) and classifies what happened. */
  Result execute(FuzzInput input, Path dir) throws IOException {
    clear(dir);
    input.writeTo(dir);
    // the worker's id and its CPU time when this execution started (the worker thread lives on between runs)
    long[] thread = {-1, 0};
    Future<?> f = worker.submit(() -> {
      thread[1] = THREADS.getCurrentThreadCpuTime();
      thread[0] = Thread.currentThread().getId();
      target.read(dir);
      return null;
    });
    long start = System.nanoTime();
    try {
      while (true) {
        try {
          f.get(50, TimeUnit.MILLISECONDS);
          return new Result(Outcome.VALID, "");
        } catch (TimeoutException e) {
          long cpu = thread[0] < 0 ? 0 : THREADS.getThreadCpuTime(thread[0]) - thread[1];
          long wall = System.nanoTime() - start;
          if (cpu > HANG_MILLIS * 1_000_000L || wall > BLOCKED_MILLIS * 1_000_000L) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Result(Outcome.HANG, String.format(java.util.Locale.ROOT,
                "no result after %.1f s of CPU time (%.1f s wall clock)", cpu / 1e9, wall / 1e9));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("fuzzing interrupted", e);
    } catch (ExecutionException e) {
      return classify(e.getCause(), dir);
    }
  }


  /** The documented rejection names the input's folder; anything else is a bug (with its stack trace). */
  static Result classify(Throwable t, Path dir) {
    if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains(dir.toString())) {
      return new Result(Outcome.REJECTED, signature(t.getMessage(), dir));
    }
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return new Result(Outcome.BUG, trace.toString());
  }

  /** A rejection message with the folder and the numbers taken out, so similar rejections count as one check. */
  static String signature(String message, Path dir) {
    String s = message.replace(dir.toString(), "<dir>").replaceAll("[0-9]+", "#");
    s = s.replaceAll("'[^']*'", "'.'");
    return s.length() > 100 ? s.substring(0, 100) : s;
  }

  private static void clear(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Closes the worker thread. */
  public void close() {
    worker.shutdownNow();
  }

  /** The outcome of one execution with its detail (rejection signature or stack trace). */
  record Result(Outcome outcome, String detail) {}

  /** Told before and after each execution (a child JVM prints it for its parent). */
  public interface Progress {
    /** Execution {@code index} starts. */
    void starting(long index);

    /** Execution {@code index} ended. */
    void finished(long index, Outcome outcome, String detail);
  }
}
