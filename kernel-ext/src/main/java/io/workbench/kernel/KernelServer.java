package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.workbench.kernel.exec.CellGuard;
import io.workbench.kernel.render.Renderers;
import io.workbench.kernel.wire.KernelSockets;
import io.workbench.kernel.wire.MessageCodec;
import io.workbench.kernel.wire.Request;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Jupyter side of the kernel: answers the shell and control requests of messaging protocol 5.3 with the
 * {@link WorkbenchKernel}, and carries a cell's output to IOPub: {@code System.out}/{@code System.err} through
 * coalescing, size-capped {@link NotebookStream}s, {@code System.in} through the stdin channel, displays and
 * results in the order the cell produced them, {@code busy} and {@code idle} around every request. Every
 * request gets a reply, also when evaluation throws an {@link Error}; a failed cell with {@code stop_on_error}
 * aborts the execute requests already queued, as ipykernel does.
 *
 * <pre>{@code
 * try (KernelSockets sockets = KernelSockets.bind(ConnectionFile.read(path), System.err)) {
 *   new KernelServer(new WorkbenchKernel(), sockets, System.err).start();
 *   sockets.awaitShutdown();
 * }
 * }</pre>
 */
final class KernelServer implements WorkbenchKernel.DisplaySink {

  private static final Gson GSON = new Gson();

  private final WorkbenchKernel kernel;
  private final KernelSockets sockets;
  private final PrintStream log;
  private final CellHistory history = new CellHistory();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stream-flush");
    t.setDaemon(true);
    return t;
  });
  private final NotebookStream out;
  private final NotebookStream err;
  private final NotebookInput in = new NotebookInput();
  private int executionCount;
  private volatile JsonNode parent;

  KernelServer(WorkbenchKernel kernel, KernelSockets sockets, PrintStream log) {
    this.kernel = kernel;
    this.sockets = sockets;
    this.log = log;
    NotebookStream.Sink sink = (type, p, content) -> sockets.iopub().publish(type, p, content);
    out = new NotebookStream("stdout", sink, System.out, timer, WorkbenchKernel.OUTPUT_LIMIT);
    err = new NotebookStream("stderr", sink, System.err, timer, WorkbenchKernel.OUTPUT_LIMIT);
  }

  /** Routes {@code System.out}, {@code System.err}, {@code System.in} and displays to the notebook; serves. */
  void start() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setIn(in);
    kernel.attach(this);
    sockets.start(this::shell, this::control);
  }

  private void shell(Request r) throws Exception {
    switch (r.message().type()) {
      case "execute_request" -> execute(r);
      case "complete_request" -> complete(r);
      case "inspect_request" -> inspect(r);
      case "is_complete_request" -> isComplete(r);
      default -> common(r);
    }
  }

  private void control(Request r) {
    switch (r.message().type()) {
      case "execute_request", "complete_request", "inspect_request", "is_complete_request" -> {
        String msg = r.message().type() + " must be sent on the shell channel, not on control";
        r.reply(Request.errorContent("BadRequest", msg, List.of(msg)));
      }
      default -> common(r);
    }
  }

  /** Requests either channel answers. */
  private void common(Request r) {
    String type = r.message().type();
    switch (type) {
      case "kernel_info_request" -> r.reply(kernelInfo());
      case "history_request" -> history(r);
      case "comm_info_request" -> {
        ObjectNode c = ok();
        c.putObject("comms");
        r.reply(c);
      }
      case "comm_open" -> {
        // no comm targets: close the comm at once, as ipykernel does for an unknown target
        ObjectNode c = MessageCodec.JSON.createObjectNode();
        c.set("comm_id", r.message().content().path("comm_id"));
        c.putObject("data");
        r.publish("comm_close", c);
      }
      case "comm_msg", "comm_close" -> { }
      case "shutdown_request" -> {
        ObjectNode c = ok().put("restart", r.message().content().path("restart").asBoolean(false));
        r.reply(c);
        r.publish("shutdown_reply", c);
        kernel.onShutdown(c.path("restart").asBoolean());
        r.shutdownAfterReply();
      }
      case "interrupt_request" -> {
        kernel.interrupt();
        r.reply(ok());
      }
      default -> {
        if (type.endsWith("_request")) {
          String msg = "this kernel does not answer " + type;
          r.reply(Request.errorContent("UnknownRequest", msg, List.of(msg)));
        } else {
          log.println("[kernel] " + r.channel() + ": ignored a " + type);
        }
      }
    }
  }

  private static ObjectNode ok() {
    return MessageCodec.JSON.createObjectNode().put("status", "ok");
  }

  private static String requiredText(Request r, String field) {
    JsonNode n = r.message().content().get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(r.message().type() + " needs '" + field + "' (a string), got " + n);
    }
    return n.asText();
  }

  private void execute(Request r) {
    ObjectNode c = r.message().content();
    String code = requiredText(r, "code");
    boolean silent = c.path("silent").asBoolean(false);
    boolean store = !silent && c.path("store_history").asBoolean(true);
    boolean allowStdin = c.path("allow_stdin").asBoolean(true);
    boolean stopOnError = c.path("stop_on_error").asBoolean(true);
    if (store) {
      executionCount++;
    }
    int count = executionCount;
    JsonNode header = r.message().header();
    if (!silent) {
      r.publish("execute_input", MessageCodec.JSON.createObjectNode().put("code", code).put("execution_count", count));
    }
    parent = header;
    out.begin(header);
    err.begin(header);
    if (allowStdin) {
      in.attach(prompt -> readLine(r, header, prompt));
    }
    Renderers.Bundle result = null;
    CellError failure = null;
    try {
      result = kernel.evaluate(code);
    } catch (Throwable t) {
      failure = WorkbenchKernel.describe(t);
    } finally {
      in.detach();
      out.end();
      err.end();
    }
    if (failure == null) {
      if (result != null && !silent) {
        ObjectNode res = MessageCodec.JSON.createObjectNode().put("execution_count", count);
        res.set("data", MessageCodec.JSON.valueToTree(result.data()));
        res.set("metadata", MessageCodec.JSON.valueToTree(result.metadata()));
        r.publish("execute_result", res);
      }
      if (store) {
        history.add(count, code, result == null ? null : String.valueOf(result.data().get(Renderers.TEXT)));
      }
      ObjectNode reply = ok().put("execution_count", count);
      reply.set("user_expressions", userExpressions(c.path("user_expressions")));
      reply.putArray("payload");
      r.reply(reply);
      return;
    }
    ObjectNode error = Request.errorContent(failure.errorName(), failure.getMessage(), failure.traceback());
    r.publish("error", error.deepCopy());
    if (store) {
      history.add(count, code, null);
    }
    error.put("execution_count", count);
    error.putObject("user_expressions");
    error.putArray("payload");
    if (stopOnError) {
      r.abortQueuedExecutes();
    }
    r.reply(error);
  }

  /**
   * The spec's {@code user_expressions}: each expression evaluated after the cell, as {@code {status, data,
   * metadata}} or {@code {status: error, ename, evalue, traceback}}.
   */
  private ObjectNode userExpressions(JsonNode expressions) {
    ObjectNode out = MessageCodec.JSON.createObjectNode();
    if (!expressions.isObject()) {
      return out;
    }
    expressions.fields().forEachRemaining(e -> {
      ObjectNode v = out.putObject(e.getKey());
      try {
        Renderers.Bundle b = kernel.evaluateExpression(e.getValue().asText());
        v.put("status", "ok");
        v.set("data", MessageCodec.JSON.valueToTree(b.data()));
        v.set("metadata", MessageCodec.JSON.valueToTree(b.metadata()));
      } catch (Throwable t) {
        CellError ce = WorkbenchKernel.describe(t);
        v.setAll(Request.errorContent(ce.errorName(), ce.getMessage(), ce.traceback()));
      }
    });
    return out;
  }

  /** One line from the frontend for {@code System.in}; an interrupt while waiting stops the cell. */
  private String readLine(Request r, JsonNode header, String prompt) throws IOException {
    try {
      return r.stdin().requestInput(r.message().identities(), header, prompt, false,
          () -> CellGuard.stopRequested() || parent != header);
    } catch (InterruptedIOException e) {
      if (CellGuard.stopRequested()) {
        throw new CellGuard.CellInterrupt();
      }
      throw e;
    }
  }

  @Override
  public void display(Renderers.Bundle bundle, String displayId, boolean update) {
    JsonNode p = parent;
    if (p == null) {
      return;
    }
    out.sendNow();
    err.sendNow();
    ObjectNode c = MessageCodec.JSON.createObjectNode();
    c.set("data", MessageCodec.JSON.valueToTree(bundle.data()));
    c.set("metadata", MessageCodec.JSON.valueToTree(bundle.metadata()));
    c.putObject("transient").put("display_id", displayId);
    sockets.iopub().publish(update ? "update_display_data" : "display_data", p, c);
  }

  private ObjectNode kernelInfo() {
    LanguageInfo li = kernel.getLanguageInfo();
    ObjectNode c = ok().put("protocol_version", MessageCodec.PROTOCOL_VERSION).put("implementation", "workbench")
        .put("implementation_version", version()).put("banner", kernel.getBanner()).put("debugger", false);
    ObjectNode l = c.putObject("language_info");
    l.put("name", li.getName()).put("version", li.getVersion()).put("mimetype", li.getMimetype())
        .put("file_extension", li.getFileExtension()).put("pygments_lexer", li.getPygmentsLexer())
        .put("codemirror_mode", String.valueOf(li.getCodemirrorMode()))
        .put("nbconvert_exporter", li.getNbconvertExporter());
    c.putArray("help_links");
    return c;
  }

  private static String version() {
    String v = KernelServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The cursor as a Java string index; Jupyter counts code points. */
  private static int cursor(Request r, String code) {
    JsonNode n = r.message().content().get("cursor_pos");
    int points = code.codePointCount(0, code.length());
    if (n == null || n.isNull()) {
      return code.length();
    }
    if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > points) {
      throw new IllegalArgumentException("cursor_pos must lie in 0.." + points + " (the code's length), got " + n);
    }
    return code.offsetByCodePoints(0, n.asInt());
  }

  private void complete(Request r) throws Exception {
    String code = requiredText(r, "code");
    int at = cursor(r, code);
    ReplacementOptions o = kernel.complete(code, at);
    ObjectNode c = ok();
    var matches = c.putArray("matches");
    if (o == null) {
      c.put("cursor_start", code.codePointCount(0, at)).put("cursor_end", code.codePointCount(0, at));
    } else {
      o.getReplacements().forEach(matches::add);
      c.put("cursor_start", code.codePointCount(0, Math.min(o.getSourceStart(), code.length())))
          .put("cursor_end", code.codePointCount(0, Math.min(o.getSourceEnd(), code.length())));
    }
    c.putObject("metadata");
    r.reply(c);
  }

  private void inspect(Request r) throws Exception {
    String code = requiredText(r, "code");
    int at = cursor(r, code);
    DisplayData d = kernel.inspect(code, at, r.message().content().path("detail_level").asInt(0) > 0);
    ObjectNode c = ok().put("found", d != null);
    if (d == null) {
      c.putObject("data");
    } else {
      JsonNode tree = MessageCodec.JSON.readTree(GSON.toJson(d));
      c.set("data", tree.path("data").isObject() ? tree.get("data") : MessageCodec.JSON.createObjectNode());
    }
    c.putObject("metadata");
    r.reply(c);
  }

  private void isComplete(Request r) {
    String status = kernel.isComplete(requiredText(r, "code"));
    ObjectNode c = MessageCodec.JSON.createObjectNode();
    switch (status) {
      case "complete", "invalid", "unknown" -> c.put("status", status);
      default -> c.put("status", "incomplete").put("indent", status);
    }
    r.reply(c);
  }

  private void history(Request r) {
    ObjectNode c = r.message().content();
    boolean output = c.path("output").asBoolean(false);
    String type = c.path("hist_access_type").asText("tail");
    List<CellHistory.Entry> entries = switch (type) {
      case "tail" -> history.tail(c.path("n").asInt(10));
      case "range" -> history.range(c.path("session").asInt(0), c.path("start").asInt(0), c.path("stop").asInt(0));
      case "search" -> history.search(c.path("pattern").asText("*"), c.path("n").asInt(0),
          c.path("unique").asBoolean(false));
      default -> throw new IllegalArgumentException("hist_access_type must be tail, range or search, got '"
          + type + "'");
    };
    ObjectNode reply = ok();
    reply.set("history", CellHistory.toJson(entries, output));
    r.reply(reply);
  }
}
