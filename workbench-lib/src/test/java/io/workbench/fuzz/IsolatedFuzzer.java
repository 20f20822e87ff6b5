package io.workbench.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a target's executions in child JVMs ({@link FuzzChild}), in batches, so that a native crash, an abort or a
 * hang in native code is observed and recorded as a {@link Outcome#DEATH} or {@link Outcome#HANG} of the execution
 * that caused it (its input saved as a reproducer), and the run goes on in a new child from the next execution.
 */
public final class IsolatedFuzzer {

  /** A child silent for this long is stuck (native code ignoring interrupts); it is killed. */
  private static final long SILENCE_MILLIS = Fuzzer.BLOCKED_MILLIS + 30_000;

  private final FuzzTarget target;
  private final java.util.List<FuzzInput> seeds;
  private final Path seedDir;
  private final Path work;
  private final List<String> jvmOptions;

  /** Writes the seeds (made in this JVM) for the children to read. */
  public IsolatedFuzzer(FuzzTarget target, Path work, List<String> jvmOptions) throws Exception {
    this.target = target;
    this.work = work;
    this.seedDir = Files.createDirectories(work.resolve("child-seeds"));
    this.seeds = List.copyOf(target.seeds(Files.createDirectories(work.resolve("seed-work"))));
    Fuzzer.saveSeeds(seeds, seedDir);
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** The seeds the children mutate. */
  public List<FuzzInput> seeds() {
    return seeds;
  }

  /**
   * The options a child JVM gets: this JVM's own options (which come from {@code jvm.options}, through Surefire or
   * {@code bench/fuzz}) without its heap size, crash-log path or debugging agents, plus a 1 GiB heap, a crash log
   * in the work folder and no core dump.
   */
  public static List<String> defaultJvmOptions(Path work) {
    List<String> o = new ArrayList<>();
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx") && !a.startsWith("-XX:ErrorFile") && !a.startsWith("-agentlib")
          && !a.startsWith("-javaagent") && !a.startsWith("-Djdk.internal")) {
        o.add(a);
      }
    }
    o.addAll(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-CreateCoredumpOnCrash",
        "-XX:ErrorFile=" + work.resolve("hs_err_%p.log")));
    return o;
  }


  /**
   * Runs executions {@code from .. from + count - 1} in children of at most {@code batch} executions each, until
   * {@code deadlineNanos}; failing inputs are saved under {@code reproducers} (may be null).
   */
  public FuzzReport run(long seed, long from, long count, int batch, long deadlineNanos, Path reproducers,
      boolean feedback) throws IOException, InterruptedException {
    FuzzReport report = new FuzzReport(target.name());
    long next = from;
    long end = from + count;
    while (next < end && System.nanoTime() < deadlineNanos) {
      long n = Math.min(batch, end - next);
      next = runChild(seed, next, n, report, reproducers, feedback);
    }
    return report;
  }

  /** One child; returns the first execution it did not finish (after a death or hang: the one after it). */
  private long runChild(long seed, long from, long n, FuzzReport report, Path reproducers, boolean feedback)
      throws IOException, InterruptedException {
    Path childWork = Files.createDirectories(work.resolve("child"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FuzzChild.class.getName(), target.name(),
        Long.toString(seed), Long.toString(from), Long.toString(n), seedDir.toString(), childWork.toString(),
        reproducers == null ? "-" : reproducers.toString(), Boolean.toString(feedback)));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(work.resolve("child-stderr.txt").toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      } catch (IOException e) {
        // the child is gone; its exit code tells why
      }
      lines.add("EOF");
    }, "fuzz-child-pump");
    pump.setDaemon(true);
    pump.start();
    long started = -1;
    long next = from;
    boolean done = false;
    try {
      while (true) {
        String l = lines.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS);
        if (l == null) {
          p.destroyForcibly().waitFor();
          long at = started >= 0 ? started : next;
          stopped(report, at, Outcome.HANG, "the child JVM printed nothing for " + SILENCE_MILLIS
              + " ms during this execution (killed)", childWork, reproducers);
          return at + 1;
        }
        if (l.equals("EOF")) {
          break;
        }
        if (l.equals("DONE")) {
          done = true;
        } else if (l.startsWith("S ")) {
          started = Long.parseLong(l.substring(2).trim());
        } else if (l.startsWith("E ")) {
          String[] parts = l.split(" ", 4);
          long index = Long.parseLong(parts[1]);
          Outcome o = Outcome.valueOf(parts[2]);
          String detail = parts.length > 3 ? parts[3].replace("\\n", "\n").replace("\\\\", "\\") : "";
          if (o == Outcome.HANG) {
            p.destroyForcibly().waitFor();
            stopped(report, index, o, detail, childWork, reproducers);
            return index + 1;
          }
          report.record(index, o, detail + (o.ok() ? "" : " (reproducer saved by the child JVM)"), null, null);
          started = -1;
          next = index + 1;
        }
      }
      int code = p.waitFor();
      if (!done || code != 0) {
        long at = started >= 0 ? started : next;
        if (at >= from + n) {
          return at;
        }
        stopped(report, at, Outcome.DEATH, "the child JVM died with exit code " + code + " during this execution"
            + crashLog(), childWork, reproducers);
        return at + 1;
      }
      return next;
    } finally {
      p.destroyForcibly();
      report.addTime(System.nanoTime() - t0);
    }
  }

  /** Records a death or hang with the input the child was reading (still in its work folder). */
  private static void stopped(FuzzReport report, long index, Outcome o, String detail, Path childWork,
      Path reproducers) throws IOException {
    Path input = childWork.resolve("input");
    report.record(index, o, detail, Files.isDirectory(input) ? FuzzInput.readFrom(input) : null, reproducers);
  }

  private String crashLog() throws IOException {
    try (Stream<Path> s = Files.list(work)) {
      for (Path p : s.filter(f -> f.getFileName().toString().startsWith("hs_err_")).toList()) {
        String first = Files.readAllLines(p, StandardCharsets.ISO_8859_1).stream()
            .filter(x -> x.contains("SIG") || x.contains("Problematic frame") || x.startsWith("C  ["))
            .limit(4).reduce("", (a, b) -> a + "\n" + b);
        Files.delete(p);
        return first;
      }
    }
    return "";
  }

  static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // temporary files of a fuzz run; what stays is in the temporary folder
    }
  }
}
