package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 *
 * <pre>{@code
 * ./workbench run notebooks/01-quick-start.ipynb        # -> target/notebooks/01-quick-start.{ipynb,html}
 * }</pre>
 */
public final class NotebookRunner {

  private final List<String> kernelCommand;
  private final long cellTimeoutMillis;
  private final PrintStream log;

  /**
   * A runner.
   *
   * @param kernelCommand the command starting a kernel, without its connection file
   * @param cellTimeoutMillis time one cell may take before it is interrupted
   * @param log where progress and errors are reported
   */
  public NotebookRunner(List<String> kernelCommand, long cellTimeoutMillis, PrintStream log) {
    if (cellTimeoutMillis <= 0) {
      throw new IllegalArgumentException("cell timeout must be positive, got " + cellTimeoutMillis + " ms");
    }
    this.kernelCommand = List.copyOf(kernelCommand);
    this.cellTimeoutMillis = cellTimeoutMillis;
    this.log = log;
  }

  /** The result of a run: whether every cell succeeded, and the failure if not. */
  public record Result(boolean ok, int failedCell, String error, ObjectNode notebook) {}

  /** Command line of {@code workbench run}; returns the exit status. */
  static int main(List<String> args) throws IOException {
    Path input = null;
    Path output = null;
    Path html = null;
    long timeout = 600;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--output" -> output = Path.of(need(args, ++i, a));
        case "--html" -> html = Path.of(need(args, ++i, a));
        case "--timeout" -> {
          try {
            timeout = Long.parseLong(need(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("run: --timeout needs whole seconds, got '" + args.get(i) + "'");
          }
        }
        default -> {
          if (a.startsWith("--") || input != null) {
            throw new IllegalArgumentException("run: unexpected argument '" + a
                + "'; usage: workbench run NOTEBOOK.ipynb [--output OUT.ipynb] [--html OUT.html] [--timeout S]");
          }
          input = Path.of(a);
        }
      }
    }
    if (input == null) {
      throw new IllegalArgumentException("run: name a notebook, for example workbench run notebooks/01-quick-start.ipynb");
    }
    String base = input.getFileName().toString().replaceFirst("\\.ipynb$", "");
    if (output == null) {
      output = Path.of("target", "notebooks", base + ".ipynb");
    }
    if (html == null) {
      html = output.resolveSibling(output.getFileName().toString().replaceFirst("\\.ipynb$", "") + ".html");
    }
    NotebookRunner runner = new NotebookRunner(selfCommand(), timeout * 1000, System.err);
    Result r = runner.run(input, output, html);
    return r.ok() ? 0 : 1;
  }

  private static String need(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("run: " + option + " needs a value");
    }
    return args.get(i);
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

  /** Executes the notebook, writes the executed copy and the HTML page, and returns the outcome. */
  public Result run(Path input, Path output, Path html) throws IOException {
    ObjectNode nb = Notebooks.read(input);
    Path workDir = input.toAbsolutePath().getParent();
    Result result;
    try (KernelClient client = KernelClient.start(kernelCommand, workDir)) {
      if (!client.waitReady(120_000)) {
        throw new IllegalStateException("The kernel did not start within 120 s. Its output:\n" + client.logTail());
      }
      result = execute(nb, client);
    }
    Notebooks.write(result.notebook(), output);
    Files.writeString(html, HtmlPage.render(result.notebook(), input.getFileName().toString()),
        StandardCharsets.UTF_8);
    log.println((result.ok() ? "Executed " : "Stopped ") + input + " -> " + output + ", " + html);
    return result;
  }

  private Result execute(ObjectNode nb, KernelClient client) {
    ArrayNode cells = (ArrayNode) nb.get("cells");
    int index = 0;
    for (JsonNode cellNode : cells) {
      index++;
      ObjectNode cell = (ObjectNode) cellNode;
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String source = Notebooks.source(cell);
      ArrayNode outputs = cell.putArray("outputs");
      cell.putNull("execution_count");
      if (source.isBlank()) {
        continue;
      }
      String failure = runCell(client, cell, source, outputs);
      if (failure != null) {
        log.println("Error in cell " + index + ":");
        source.lines().limit(12).forEach(l -> log.println("    " + l));
        log.println(failure);
        return new Result(false, index, failure, nb);
      }
    }
    return new Result(true, -1, null, nb);
  }

  /** Runs one cell; returns null on success or the error text. */
  private String runCell(KernelClient client, ObjectNode cell, String source, ArrayNode outputs) {
    ObjectNode content = Notebooks.JSON.createObjectNode();
    content.put("code", source).put("silent", false).put("store_history", true)
        .put("allow_stdin", false).put("stop_on_error", true);
    content.putObject("user_expressions");
    String id = client.send(client.shell(), "execute_request", content);
    Map<String, List<ObjectNode>> displays = new HashMap<>();
    long deadline = System.currentTimeMillis() + cellTimeoutMillis;
    boolean interrupted = false;
    boolean replied = false;
    boolean idle = false;
    String error = null;
    while (!(replied && idle)) {
      if (!client.alive()) {
        return "The kernel died while running this cell. Its output:\n" + client.logTail();
      }
      long now = System.currentTimeMillis();
      if (now > deadline) {
        if (!interrupted) {
          client.interrupt();
          interrupted = true;
          deadline = now + 15_000;
          error = "Timeout: the cell ran longer than " + cellTimeoutMillis / 1000 + " s and was interrupted";
        } else {
          client.kill();
          return error + "; it ignored the interrupt, so the kernel was killed (a fresh run restarts it)";
        }
      }
      KernelClient.Msg r = client.receive(client.shell(), 0);
      if (r != null && r.parentId().equals(id) && r.type().equals("execute_reply")) {
        replied = true;
        if (r.content().has("execution_count") && !r.content().get("execution_count").isNull()) {
          cell.put("execution_count", r.content().get("execution_count").asInt());
        }
      }
      KernelClient.Msg m = client.receive(client.iopub(), 50);
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
        String joined = Notebooks.source(last.get("text") == null ? last : wrap(last.get("text"))) + text;
        ((ObjectNode) last).set("text", Notebooks.lines(joined));
        return;
      }
    }
    ObjectNode o = outputs.addObject();
    o.put("output_type", "stream");
    o.put("name", name);
    o.set("text", Notebooks.lines(text));
  }

  private static JsonNode wrap(JsonNode text) {
    ObjectNode o = Notebooks.JSON.createObjectNode();
    o.set("source", text);
    return o;
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
