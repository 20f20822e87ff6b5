package io.workbench.fuzz;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The long fuzz run ({@code bench/fuzz}): every registered format (or those named), each execution in child JVMs
 * so that a crash, abort or native hang is observed; reader formats get {@code --reader-execs} executions, model
 * formats (those marked {@link FuzzTarget#isolated()}) {@code --model-execs}, each format at most {@code --hours}
 * hours, in the order given by {@code --formats}. Prints progress and, per format, executions and outcome counts; reproducers go to {@code --out}. Exits
 * with 1 when any execution was a bug, hang or death.
 *
 * <pre>
 * java -cp ... io.workbench.fuzz.FuzzMain --formats csv,edf --reader-execs 1000000 --model-execs 10000 \
 *     --hours 2 --seed 7 --out target/fuzz
 * </pre>
 */
public final class FuzzMain {

  private FuzzMain() {}

  /** See the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>(Map.of("formats", "all", "reader-execs", "1000000",
        "model-execs", "10000", "hours", "6", "seed", "7", "out", "target/fuzz", "reader-batch", "50000",
        "model-batch", "2500"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--") || !o.containsKey(args[i].substring(2))) {
        throw new IllegalArgumentException("Unknown option " + args[i] + "; options are " + o.keySet());
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    Path out = Files.createDirectories(Path.of(o.get("out")).toAbsolutePath());
    Path reproducers = Files.createDirectories(out.resolve("reproducers"));
    long seed = Long.parseLong(o.get("seed"));
    long budget = (long) (Double.parseDouble(o.get("hours")) * 3600e9);
    Map<String, FuzzTarget> registered = new LinkedHashMap<>();
    for (FuzzTarget t : ServiceLoader.load(FuzzTarget.class)) {
      registered.put(t.name(), t);
    }
    List<FuzzTarget> targets = new ArrayList<>();
    if (o.get("formats").equals("all")) {
      targets.addAll(registered.values());
    } else {
      for (String name : o.get("formats").split(",")) {
        if (!registered.containsKey(name)) {
          throw new IllegalArgumentException("No registered format '" + name + "'; formats are " + registered.keySet());
        }
        targets.add(registered.get(name));
      }
    }
    PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("fuzz.log")), true, StandardCharsets.UTF_8);
    List<FuzzReport> reports = new ArrayList<>();
    for (FuzzTarget t : targets) {
      long execs = Long.parseLong(o.get(t.isolated() ? "model-execs" : "reader-execs"));
      int batch = Integer.parseInt(o.get(t.isolated() ? "model-batch" : "reader-batch"));
      Path work = Files.createDirectories(out.resolve("work").resolve(t.name()));
      IsolatedFuzzer f = new IsolatedFuzzer(t, work, IsolatedFuzzer.defaultJvmOptions(work));
      FuzzReport total = new FuzzReport(t.name());
      long deadline = System.nanoTime() + budget;
      for (long from = 0; from < execs && System.nanoTime() < deadline; from += batch) {
        FuzzReport part = f.run(seed, from, Math.min(batch, execs - from), batch, deadline, reproducers,
            !t.isolated());
        total.merge(part);
        say(log, "progress " + total.summary());
        part.bugs().forEach(b -> say(log, "  " + b));
      }
      reports.add(total);
      say(log, "done     " + total.summary());
      say(log, "  most frequent rejections (of " + total.rejections().size() + " kinds):");
      total.topRejections(12).forEach(l -> say(log, "  " + l));
      IsolatedFuzzer.deleteTree(work);
    }
    say(log, "");
    say(log, "summary (seed " + seed + "):");
    long failures = 0;
    for (FuzzReport r : reports) {
      say(log, "  " + r.summary());
      failures += r.failures();
    }
    say(log, failures == 0 ? "no bugs, hangs or JVM deaths" : failures + " failing executions; reproducers in "
        + reproducers);
    System.exit(failures == 0 ? 0 : 1);
  }

  private static void say(PrintStream log, String line) {
    System.out.println(line);
    log.println(line);
  }
}
