package io.workbench.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzz run of one format did: executions per outcome, the bugs with their reproducers, the time taken. */
public final class FuzzReport {

  /** Name of the note saved beside a reproducer's files. */
  public static final String REPRODUCER_NOTE = "REPRODUCER.txt";
  private static final int MAX_SAVED = 25;

  private final String format;
  private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
  private final Map<String, Long> rejections = new TreeMap<>();
  private final List<String> bugs = new ArrayList<>();
  private long nanos;

  /** An empty report for a format. */
  public FuzzReport(String format) {
    this.format = format;
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0L);
    }
  }

  /** The format's name. */
  public String format() {
    return format;
  }

  /** Executions that ended with the outcome. */
  public long count(Outcome o) {
    return counts.get(o);
  }

  /** All executions. */
  public long executions() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Executions that were not valid or rejected. */
  public long failures() {
    return executions() - count(Outcome.VALID) - count(Outcome.REJECTED);
  }

  /** One line per bug found (outcome, index, what happened, where the reproducer is). */
  public List<String> bugs() {
    return List.copyOf(bugs);
  }

  /** Rejection messages (normalised) with their counts: which checks the mutants reached. */
  public Map<String, Long> rejections() {
    return Map.copyOf(rejections);
  }

  /** The {@code n} most frequent rejections, one line each with its count. */
  public List<String> topRejections(int n) {
    return rejections.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(n)
        .map(e -> String.format(java.util.Locale.ROOT, "%,9d  %s", e.getValue(), e.getKey()))
        .toList();
  }

  /** Seconds spent. */
  public double seconds() {
    return nanos / 1e9;
  }

  void addTime(long ns) {
    nanos += ns;
  }

  /** Records one execution; a failing one is saved as a reproducer under {@code reproducers} (when not null). */
  void record(long index, Outcome o, String detail, FuzzInput input, Path reproducers) {
    counts.merge(o, 1L, Long::sum);
    if (o == Outcome.REJECTED) {
      rejections.merge(detail, 1L, Long::sum);
    }
    if (!o.ok()) {
      String where = "";
      if (reproducers != null && bugs.size() < MAX_SAVED && input != null) {
        Path dir = reproducers.resolve(format).resolve(o.name().toLowerCase() + "-" + index);
        try {
          Files.createDirectories(dir);
          input.writeTo(dir);
          Files.writeString(dir.resolve(REPRODUCER_NOTE), "format " + format + "\nexecution " + index + "\noutcome "
              + o + "\n\n" + detail + "\n", StandardCharsets.UTF_8);
          where = " -> " + dir;
        } catch (IOException e) {
          where = " (reproducer not saved: " + e.getMessage() + ")";
        }
      }
      if (bugs.size() < 1000) {
        bugs.add(o + " at execution " + index + ": " + detail.lines().findFirst().orElse("") + where);
      }
    }
  }

  /** Adds another report of the same format (a batch run elsewhere). */
  void merge(FuzzReport other) {
    for (Outcome o : Outcome.values()) {
      counts.merge(o, other.counts.get(o), Long::sum);
    }
    other.rejections.forEach((k, v) -> rejections.merge(k, v, Long::sum));
    for (String b : other.bugs) {
      if (bugs.size() < 1000) {
        bugs.add(b);
      }
    }
    nanos += other.nanos;
  }

  /** One summary line: executions, rate and the count of each outcome. */
  public String summary() {
    Map<String, Long> c = new LinkedHashMap<>();
    for (Outcome o : Outcome.values()) {
      c.put(o.name().toLowerCase(), counts.get(o));
    }
    return String.format(java.util.Locale.ROOT, "%-16s executions %,d in %.1f s (%,.0f/s) %s distinct-rejections %d",
        format, executions(), seconds(), executions() / Math.max(1e-9, seconds()), c, rejections.size());
  }
}
