package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs a notebook headlessly through the workbench kernel (a kernel process driven by {@link
 * KernelClient}; no Jupyter needed): executes the code cells in order, stops at the first error naming the
 * cell and the message, and writes the executed notebook and a standalone HTML page with images inline.
 * The outputs stored in the input are cleared first, so the written notebook and page show only what this
 * run produced. The input is never overwritten unless asked ({@link #runInPlace}, {@code --in-place}), and
 * every file is written atomically (a failure or a kill part-way leaves the previous file intact).
 *
 * <pre>{@code
 * ./workbench run notebooks/01-quick-start.ipynb        # -> target/notebooks/01-quick-start.{ipynb,html}
 * new NotebookRunner(NotebookRunner.selfCommand(), 600_000, System.err).withNotebookTimeout(1_800_000)
 *     .run(Path.of("in.ipynb"), Path.of("out/in.ipynb"), Path.of("out/in.html"));
 * }</pre>
 */
public final class NotebookRunner {

  /** The longest timeout accepted, in seconds (366 days): a longer one is almost surely a mistake. */
  static final long MAX_TIMEOUT_SECONDS = 366L * 24 * 3600;
  /** How long the kernel may take to start, in milliseconds. */
  static final long KERNEL_START_MILLIS = 120_000;
  /** How long a cell that ignores the interrupt is given before the kernel is killed, in milliseconds. */
  static final long INTERRUPT_GRACE_MILLIS = 15_000;

  private static final String USAGE = "usage: workbench run NOTEBOOK.ipynb [--output OUT.ipynb | --in-place]"
      + " [--html OUT.html] [--timeout SECONDS] [--notebook-timeout SECONDS]";

  private final List<String> kernelCommand;
  private final long cellTimeoutMillis;
  private final long notebookTimeoutMillis;
  private final PrintStream log;

  /**
   * A runner with no limit on the whole notebook.
   *
   * @param kernelCommand the command starting a kernel, without its connection file
   * @param cellTimeoutMillis time one cell may take before it is interrupted, 1 ms to 366 days
   * @param log where progress and errors are reported
   */
  public NotebookRunner(List<String> kernelCommand, long cellTimeoutMillis, PrintStream log) {
    this(kernelCommand, checkMillis(cellTimeoutMillis, "cell timeout"), 0, log);
  }

  private NotebookRunner(List<String> kernelCommand, long cellTimeoutMillis, long notebookTimeoutMillis,
      PrintStream log) {
    this.kernelCommand = List.copyOf(kernelCommand);
    this.cellTimeoutMillis = cellTimeoutMillis;
    this.notebookTimeoutMillis = notebookTimeoutMillis;
    this.log = log;
  }

  /**
   * A copy of this runner that interrupts the run once its cells together have taken {@code millis} (1 ms to
   * 366 days); the kernel's start-up is bounded separately, by two minutes.
   */
  public NotebookRunner withNotebookTimeout(long millis) {
    return new NotebookRunner(kernelCommand, cellTimeoutMillis, checkMillis(millis, "notebook timeout"), log);
  }

  private static long checkMillis(long millis, String what) {
    if (millis <= 0 || millis > MAX_TIMEOUT_SECONDS * 1000) {
      throw new IllegalArgumentException(what + " must be from 1 ms to " + MAX_TIMEOUT_SECONDS * 1000
          + " ms (366 days), got " + millis + " ms");
    }
    return millis;
  }

  /** The result of a run: whether every cell succeeded, and the failure if not. */
  public record Result(boolean ok, int failedCell, String error, ObjectNode notebook) {}

  /** What {@code workbench run} was asked to do; {@code notebookTimeoutMillis} 0 means no limit. */
  record Command(Path input, Path output, Path html, long cellTimeoutMillis, long notebookTimeoutMillis,
      boolean inPlace) {}

  /** Command line of {@code workbench run}; returns the exit status. */
  static int main(List<String> args) throws IOException {
    Command c = parse(args);
    NotebookRunner runner = new NotebookRunner(selfCommand(), c.cellTimeoutMillis(), System.err);
    if (c.notebookTimeoutMillis() > 0) {
      runner = runner.withNotebookTimeout(c.notebookTimeoutMillis());
    }
    Result r = c.inPlace() ? runner.runInPlace(c.input(), c.html()) : runner.run(c.input(), c.output(), c.html());
    return r.ok() ? 0 : 1;
  }

  /** Parses and checks the arguments of {@code workbench run}; outputs default to target/notebooks/NAME. */
  static Command parse(List<String> args) {
    Path input = null;
    Path output = null;
    Path html = null;
    long timeout = 600;
    long notebookTimeout = 0;
    boolean inPlace = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--output" -> output = Path.of(need(args, ++i, a));
        case "--html" -> html = Path.of(need(args, ++i, a));
        case "--in-place" -> inPlace = true;
        case "--timeout" -> timeout = seconds(need(args, ++i, a), a);
        case "--notebook-timeout" -> notebookTimeout = seconds(need(args, ++i, a), a);
        default -> {
          if (a.startsWith("--") || input != null) {
            throw new IllegalArgumentException("run: unexpected argument '" + a + "'; " + USAGE);
          }
          input = Path.of(a);
        }
      }
    }
    if (input == null) {
      throw new IllegalArgumentException("run: name a notebook, for example workbench run notebooks/01-quick-start.ipynb");
    }
    if (inPlace && output != null) {
      throw new IllegalArgumentException("run: --in-place writes the executed notebook over its input; it cannot be"
          + " combined with --output " + output);
    }
    if (inPlace) {
      output = input;
    } else if (output == null) {
      output = Path.of("target", "notebooks", input.getFileName().toString().replaceFirst("\\.ipynb$", "") + ".ipynb");
    }
    if (html == null) {
      html = output.resolveSibling(output.getFileName().toString().replaceFirst("\\.ipynb$", "") + ".html");
    }
    checkTargets(input, inPlace ? null : output, html);
    return new Command(input, output, html, timeout * 1000, notebookTimeout * 1000, inPlace);
  }

  private static long seconds(String value, String option) {
    long s;
    try {
      s = Long.parseLong(value);
    } catch (NumberFormatException e) {
      s = -1;
    }
    if (s < 1 || s > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("run: " + option + " needs whole seconds from 1 to " + MAX_TIMEOUT_SECONDS
          + " (366 days), got '" + value + "'");
    }
    return s;
  }

  private static String need(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("run: " + option + " needs a value");
    }
    return args.get(i);
  }

  /** Refuses targets that would overwrite the input ({@code output} null: in place) or each other. */
  private static void checkTargets(Path input, Path output, Path html) {
    if (output != null && same(output, input)) {
      throw new IllegalArgumentException("run: the output " + output + " is the input notebook " + input
          + "; pass --output OTHER.ipynb, or --in-place to overwrite the input with the executed notebook");
    }
    if (same(html, input)) {
      throw new IllegalArgumentException("run: the page of --html " + html + " is the input notebook " + input
          + "; name another file");
    }
    if (output != null && same(html, output)) {
      throw new IllegalArgumentException("run: the page of --html " + html + " is the output notebook; name another"
          + " file");
    }
  }

  /** Whether two paths name one file (also through links, when both exist). */
  private static boolean same(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      throw new IllegalArgumentException("run: cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
    }
  }

  /** The command starting a kernel on this JVM and class path. */
  public static List<String> selfCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(KernelInstaller.JVM_OPTIONS);
    cmd.add("-cp");
    cmd.add(KernelInstaller.defaultClassPath());
    cmd.add(Main.class.getName());
    cmd.add("kernel");
    return cmd;
  }

  /**
   * Executes the notebook, writes the executed copy and the HTML page, and returns the outcome.
   *
   * @throws IllegalArgumentException when the input is unreadable, or {@code output} or {@code html} is the
   *     input (use {@link #runInPlace} to overwrite the input)
   */
  public Result run(Path input, Path output, Path html) throws IOException {
    checkTargets(input, output, html);
    return execute(input, output, html);
  }

  /** Executes the notebook, writes the executed notebook over the input and the HTML page to {@code html}. */
  public Result runInPlace(Path input, Path html) throws IOException {
    checkTargets(input, null, html);
    return execute(input, input, html);
  }

  private Result execute(Path input, Path output, Path html) throws IOException {
    ObjectNode nb = stripOutputs(Notebooks.read(input));
    Path workDir = input.toAbsolutePath().getParent();
    Result result;
    try (KernelClient client = KernelClient.start(kernelCommand, workDir)) {
      if (!client.waitReady(KERNEL_START_MILLIS)) {
        throw new IllegalStateException("The kernel did not start within " + KERNEL_START_MILLIS / 1000
            + " s. Its output:\n" + client.logTail());
      }
      result = execute(nb, client);
    }
    Notebooks.write(result.notebook(), output);
    try {
      AtomicFiles.writeString(html, HtmlPage.render(result.notebook(), input.getFileName().toString()));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write the HTML page " + html + ": " + e.getMessage(), e);
    }
    log.println((result.ok() ? "Executed " : "Stopped ") + input + " -> " + output + ", " + html);
    return result;
  }

  private Result execute(ObjectNode nb, KernelClient client) {
    long notebookDeadline = notebookTimeoutMillis > 0 ? System.nanoTime() + notebookTimeoutMillis * 1_000_000 : 0;
    int index = 0;
    for (JsonNode cellNode : nb.get("cells")) {
      index++;
      ObjectNode cell = (ObjectNode) cellNode;
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String source = Notebooks.source(cell);
      if (source.isBlank()) {
        continue;
      }
      String failure = runCell(client, cell, source, (ArrayNode) cell.get("outputs"), notebookDeadline);
      if (failure != null) {
        log.println("Error in cell " + index + ":");
        source.lines().limit(12).forEach(l -> log.println("    " + l));
        log.println(failure);
        return new Result(false, index, failure, nb);
      }
    }
    return new Result(true, -1, null, nb);
  }

  /** Runs one cell; returns null on success or the error text. {@code notebookDeadline} 0: none. */
  private String runCell(KernelClient client, ObjectNode cell, String source, ArrayNode outputs,
      long notebookDeadline) {
    ObjectNode content = Notebooks.JSON.createObjectNode();
    content.put("code", source).put("silent", false).put("store_history", true)
        .put("allow_stdin", false).put("stop_on_error", true);
    content.putObject("user_expressions");
    String id = client.send(client.shell(), "execute_request", content);
    Map<String, List<ObjectNode>> displays = new HashMap<>();
    long cellDeadline = System.nanoTime() + cellTimeoutMillis * 1_000_000;
    boolean notebookBinds = notebookDeadline != 0 && notebookDeadline - cellDeadline < 0;
    long deadline = notebookBinds ? notebookDeadline : cellDeadline;
    boolean interrupted = false;
    boolean replied = false;
    boolean idle = false;
    String error = null;
    while (!(replied && idle)) {
      if (!client.alive()) {
        return died(client);
      }
      long now = System.nanoTime();
      if (now - deadline > 0) {
        if (!interrupted) {
          client.interrupt();
          interrupted = true;
          deadline = now + INTERRUPT_GRACE_MILLIS * 1_000_000;
          error = notebookBinds
              ? "Timeout: the notebook's cells ran longer than " + duration(notebookTimeoutMillis)
                  + " (--notebook-timeout); this cell was interrupted"
              : "Timeout: the cell ran longer than " + duration(cellTimeoutMillis) + " and was interrupted";
        } else {
          client.kill();
          return error + "; it ignored the interrupt, so the kernel was killed (a fresh run restarts it)";
        }
      }
      KernelClient.Msg r;
      KernelClient.Msg m;
      try {
        r = client.receive(client.shell(), 0);
        m = client.receive(client.iopub(), 50);
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
      if (r != null && r.parentId().equals(id) && r.type().equals("execute_reply")) {
        replied = true;
        if (r.content().has("execution_count") && !r.content().get("execution_count").isNull()) {
          cell.put("execution_count", r.content().get("execution_count").asInt());
        }
      }
      if (m == null || !m.parentId().equals(id)) {
        continue;
      }
      JsonNode c = m.content();
      switch (m.type()) {
        case "status" -> idle = "idle".equals(c.path("execution_state").asText());
        case "stream" -> appendStream(outputs, c.path("name").asText(), c.path("text").asText());
        case "display_data", "execute_result" -> {
          ObjectNode o = outputs.addObject();
          o.put("output_type", m.type());
          o.set("data", c.path("data").deepCopy());
          o.set("metadata", c.has("metadata") ? c.get("metadata").deepCopy() : Notebooks.JSON.createObjectNode());
          if (m.type().equals("execute_result")) {
            o.put("execution_count", c.path("execution_count").asInt());
          }
          String did = c.path("transient").path("display_id").asText(null);
          if (did != null) {
            displays.computeIfAbsent(did, k -> new ArrayList<>()).add(o);
          }
        }
        case "update_display_data" -> {
          String did = c.path("transient").path("display_id").asText(null);
          for (ObjectNode o : displays.getOrDefault(did, List.of())) {
            o.set("data", c.path("data").deepCopy());
            o.set("metadata", c.has("metadata") ? c.get("metadata").deepCopy() : Notebooks.JSON.createObjectNode());
          }
        }
        case "clear_output" -> {
          outputs.removeAll();
          displays.clear();
        }
        case "error" -> {
          ObjectNode o = outputs.addObject();
          o.put("output_type", "error");
          o.put("ename", c.path("ename").asText());
          o.put("evalue", c.path("evalue").asText());
          o.set("traceback", c.path("traceback").deepCopy());
          StringBuilder b = new StringBuilder(c.path("ename").asText()).append(": ")
              .append(c.path("evalue").asText());
          for (JsonNode line : c.path("traceback")) {
            b.append('\n').append(line.asText());
          }
          error = error == null ? b.toString() : error + "\n" + b;
        }
        default -> { }
      }
    }
    return error;
  }

  private static void appendStream(ArrayNode outputs, String name, String text) {
    if (outputs.size() > 0) {
      JsonNode last = outputs.get(outputs.size() - 1);
      if ("stream".equals(last.path("output_type").asText()) && name.equals(last.path("name").asText())) {
        ((ObjectNode) last).set("text", Notebooks.lines(Notebooks.text(last.get("text")) + text));
        return;
      }
    }
    ObjectNode o = outputs.addObject();
    o.put("output_type", "stream");
    o.put("name", name);
    o.set("text", Notebooks.lines(text));
  }

  /** The failure text for a kernel process that ended during a cell, naming its crash log if it wrote one. */
  private static String died(KernelClient client) {
    StringBuilder b = new StringBuilder("The kernel died while running this cell");
    client.exitValue().ifPresent(v -> b.append(" (exit status ").append(v).append(')'));
    Path crash = JvmOptions.crashLog(client.pid());
    if (Files.isRegularFile(crash)) {
      b.append("; the JVM crashed, crash log: ").append(crash);
    }
    return b.append(". Its output:\n").append(client.logTail()).toString();
  }

  private static String duration(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Removes the outputs and execution counts of every code cell (how notebooks are stored). */
  public static ObjectNode stripOutputs(ObjectNode nb) {
    for (Iterator<JsonNode> it = nb.get("cells").elements(); it.hasNext(); ) {
      ObjectNode c = (ObjectNode) it.next();
      if ("code".equals(c.path("cell_type").asText())) {
        c.putArray("outputs");
        c.putNull("execution_count");
      }
    }
    return nb;
  }
}
