package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cells evaluated in-process (no Jupyter): values, compile errors pointing at the right line, trimmed
 * exceptions, interrupts of runaway loops (also inside user methods and loops that swallow exceptions),
 * and every way of calling {@code System.exit} trapped.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CellExecutionTest {

  private static WorkbenchKernel kernel;

  @BeforeAll
  static void start() {
    kernel = new WorkbenchKernel();
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  @Test
  void valuesOfTheLastExpression() throws Exception {
    Object[] v = kernel.evalJava("int a = 6;\nint b = 7;\na * b");
    assertEquals(42, v[0]);
    assertEquals("42", v[1]);
    assertNull(kernel.evalJava("int c = 1;"), "a declaration shows nothing");
    assertNull(kernel.evalJava("a * b;"), "a trailing semicolon hides the value");
    Object[] s = kernel.evalJava("\"x\" + a");
    assertEquals("x6", s[0]);
  }

  @Test
  void importsArePreloaded() throws Exception {
    Object[] v = kernel.evalJava("Datasets.iris().table().rowCount()");
    assertEquals(150, v[0]);
    assertEquals(4, kernel.evalJava("List.of(1, 2, 3, 4).stream().count()")[0].equals(4L) ? 4 : -1);
    Object[] rho = kernel.evalJava("RankAgreement.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1})");
    assertEquals(-1.0, (Double) rho[0], 1e-12, "io.workbench.analysis.agreement is imported");
  }

  @Test
  void everyWorkbenchLibraryPackageIsImported() throws Exception {
    java.nio.file.Path lib = java.nio.file.Path.of(io.workbench.data.Dataset.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    java.util.Set<String> packages = new java.util.TreeSet<>();
    if (java.nio.file.Files.isDirectory(lib)) {
      try (var files = java.nio.file.Files.walk(lib)) {
        files.filter(f -> f.getFileName().toString().equals("package-info.class"))
            .forEach(f -> packages.add(lib.relativize(f.getParent()).toString().replace('/', '.')));
      }
    } else {
      try (var jar = new java.util.jar.JarFile(lib.toFile())) {
        jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith("/package-info.class"))
            .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
      }
    }
    assertTrue(packages.contains("io.workbench.analysis.agreement"), "found " + packages);
    for (String p : packages) {
      assertTrue(WorkbenchKernel.IMPORTS.contains(p + ".*"),
          p + " is not imported into notebooks: " + WorkbenchKernel.IMPORTS);
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void nestedTypesOfWorkbenchPackagesAreImported() throws Exception {
    Object[] v = kernel.evalJava("Strategy.MEDIAN");
    assertEquals(io.workbench.data.Imputer.Strategy.MEDIAN, v[0], "Strategy resolves to Imputer.Strategy");
    List<String> packages = WorkbenchKernel.IMPORTS.stream().map(i -> i.substring(0, i.length() - 2)).toList();
    List<String> nested = NestedTypeImports.imports(packages);
    assertTrue(nested.contains("io.workbench.data.Imputer.Strategy"), nested.toString());
    java.util.Set<String> simple = new java.util.HashSet<>();
    ClassLoader cl = getClass().getClassLoader();
    for (String n : nested) {
      String name = n.substring(n.lastIndexOf('.') + 1);
      assertTrue(simple.add(name), "two nested types named " + name + ": " + nested);
      java.util.List<String> withJavaLang = new java.util.ArrayList<>(packages);
      withJavaLang.add("java.lang");
      for (String pkg : withJavaLang) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(pkg + "." + name, false, cl),
            n + " would shadow " + pkg + "." + name);
      }
      // the import resolves to that very nested type, and the top-level types keep their meaning
      String binary = n.substring(0, n.lastIndexOf('.')) + "$" + name;
      assertEquals(binary, kernel.evalJava(name + ".class.getName()")[0], n);
    }
    assertEquals("io.workbench.data.Dataset", kernel.evalJava("Dataset.class.getName()")[0]);
    assertEquals("java.util.List", kernel.evalJava("List.class.getName()")[0]);
    // a declaration waiting for a nested type gets it too
    kernel.evalJava("String describe(Order o) { return \"order \" + o; }");
    assertTrue(((String) kernel.evalJava("describe(null)")[0]).startsWith("order"));
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aUsersOwnTypeWinsOverAnImportedNestedType() throws Exception {
    assertEquals(io.workbench.data.Imputer.Strategy.MEAN, kernel.evalJava("Strategy.MEAN")[0]);
    kernel.evalJava("class Strategy { int weight = 3; }");
    assertEquals(3, kernel.evalJava("new Strategy().weight")[0], "the user's class, not Imputer.Strategy");
    kernel.evalJava("enum Color { RED }");
    assertEquals("RED", String.valueOf(kernel.evalJava("Color.RED")[0]), "the session still compiles");
    assertEquals(io.workbench.data.Imputer.Strategy.MEDIAN, kernel.evalJava("Imputer.Strategy.MEDIAN")[0]);
  }

  @Test
  void errorMessagesUseTheUsersNames() {
    CellError e = assertThrows(CellError.EvalException.class,
        () -> kernel.evalJava("Object maybe = null;\nmaybe.toString();"));
    assertTrue(e.getMessage().contains("because \"maybe\" is null"), e.getMessage());
    assertTrue(e.getMessage().startsWith("java.lang.NullPointerException: "), e.getMessage());
    assertTrue(String.join("\n", e.traceback()).indexOf("$JShell$") < 0, e.traceback().toString());
    e = assertThrows(CellError.EvalException.class,
        () -> kernel.evalJava("class Point { }\nObject pt = new Point();\nString s = (String) pt;"));
    assertTrue(e.getMessage().contains("class Point cannot be cast to class java.lang.String"), e.getMessage());
    assertTrue(e.getMessage().indexOf("$JShell$") < 0, e.getMessage());
  }

  @Test
  void longSessionsKeepNoImportTextPerSnippet() throws Exception {
    assertTrue(JShellTrim.available(), "the tests run with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED");
    kernel.evalJava("int thrower() {\n  int z = 0;\n  return 1 / z;\n}");
    for (int i = 0; i < 40; i++) {
      kernel.evalJava("double[] trimmed" + i + " = new double[10];");
    }
    jdk.jshell.JShell js = kernel.shell();
    assertEquals(0, JShellTrim.retainedImportChars(js), "no snippet keeps its import lines after an evaluation");
    long trimmed = js.snippets().filter(x -> x.source().startsWith("double[] trimmed")).count();
    assertEquals(40, trimmed);
    assertEquals(20, kernel.evalJava("trimmed39.length + trimmed0.length")[0], "the values live on");
    // stack traces still point at the right line of the early (trimmed) snippet
    CellError e = assertThrows(CellError.EvalException.class, () -> kernel.evalJava("thrower();"));
    assertTrue(e.traceback().stream().anyMatch(l -> l.matches("\tat thrower\\(#\\d+:3\\)")), e.traceback().toString());
  }

  @Test
  void compileErrorNamesLineAndColumn() {
    CellError e = assertThrows(CellError.CompileError.class,
        () -> kernel.evalJava("int p = 1;\nint q = 2;\nString r = p + q;"));
    assertTrue(e.getMessage().startsWith("incompatible types"), e.getMessage());
    List<String> tb = e.traceback();
    int at = tb.indexOf("line 3: String r = p + q;");
    assertTrue(at > 0, tb.toString());
    assertEquals("line 3: String r = ".length(), tb.get(at + 1).indexOf('^'));
  }

  @Test
  void exceptionsKeepTheirCauseAndCellFramesOnly() {
    CellError e = assertThrows(CellError.EvalException.class, () -> kernel.evalJava(
        "void inner() { throw new IllegalArgumentException(\"bad k\"); }\n"
            + "void outer() { try { inner(); } catch (RuntimeException x) { throw new IllegalStateException(\"wrapped\", x); } }\n"
            + "outer();"));
    assertEquals("java.lang.IllegalStateException: wrapped", e.getMessage());
    List<String> tb = e.traceback();
    assertTrue(tb.contains("Caused by: java.lang.IllegalArgumentException: bad k"), tb.toString());
    assertTrue(tb.stream().anyMatch(l -> l.startsWith("\tat inner(")), tb.toString());
    assertTrue(tb.stream().noneMatch(l -> l.contains("reflect") || l.contains("CellExecutionControl")),
        tb.toString());
  }

  private static CellError interruptAfter(String code, long millis) throws Exception {
    CompletableFuture<CellError> f = CompletableFuture.supplyAsync(() -> {
      try {
        kernel.evalJava(code);
        return null;
      } catch (CellError e) {
        return e;
      }
    });
    Thread.sleep(millis);
    // interrupt the running loop, not the compilation before it (on a loaded machine that can take seconds)
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!io.workbench.kernel.exec.CellExecutionControl.latest().isRunning() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    Thread.sleep(100);
    kernel.interrupt();
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }

  @Test
  void interruptStopsLoopsWithoutInterruptChecks() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      CellError e = interruptAfter("long n = 0;\nwhile (true) { n++; }", 1500);
      assertTrue(e instanceof CellError.Interrupted, String.valueOf(e));
      assertTrue((Boolean) kernel.evalJava("n > 0")[0], "state from the stopped cell stays");

      kernel.evalJava("void spin() { for (;;) { } }");
      e = interruptAfter("spin();", 500);
      assertTrue(e instanceof CellError.Interrupted, "loop inside a method: " + e);

      e = interruptAfter("while (true) { try { Thread.sleep(5); } catch (Exception ignored) { } }", 500);
      assertTrue(e instanceof CellError.Interrupted, "a loop swallowing InterruptedException: " + e);

      assertEquals(5, kernel.evalJava("2 + 3")[0], "the kernel lives on");
    });
  }

  @Test
  void everyExitIsTrapped() throws Exception {
    for (String code : List.of("System.exit(0);", "Runtime.getRuntime().exit(1);", "Runtime.getRuntime().halt(2);",
        "java.util.function.IntConsumer f = System::exit;\nf.accept(3);",
        "class Quitter { void quit() { System.exit(4); } }\nnew Quitter().quit();")) {
      CellError e = assertThrows(CellError.SystemExit.class, () -> kernel.evalJava(code), code);
      assertTrue(e.getMessage().startsWith("System.exit("), e.getMessage());
    }
    assertEquals(1, kernel.evalJava("1")[0], "still alive");
  }

  @Test
  void completionAndIsComplete() {
    var r = kernel.complete("Datasets.iri", 12);
    assertTrue(r.getReplacements().contains("iris()"), r.getReplacements().toString());
    assertEquals(9, r.getSourceStart());
    assertEquals("complete", kernel.isComplete("int z = 1;"));
    assertEquals("    ", kernel.isComplete("if (true) {"));
  }
}
