package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The magics in-process: %jars with a freshly built jar, %classpath, %load of a notebook, %%time, errors. */
class MagicsTest {

  private static WorkbenchKernel kernel;
  private static Magics magics;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void start() {
    kernel = new WorkbenchKernel();
    magics = new Magics(kernel);
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  /** Compiles {@code greet.Hello} into {@code dir/name}. */
  private static Path helloJar(Path dir, String name) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/greet")).resolve("Hello.java");
    Files.writeString(src, "package greet; public class Hello { public static String hi(String n) { return \"hi \" + n; } }");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
    assertEquals(0, rc);
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("greet/Hello.class"));
      out.write(Files.readAllBytes(classes.resolve("greet/Hello.class")));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void jarsAddsAGlobOfJars() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("jars"));
    helloJar(dir, "hello-1.jar");
    Object[] v = magics.evalCell("%jars " + dir + "/hello-*.jar\ngreet.Hello.hi(\"jars\")");
    assertEquals("hi jars", v[0]);
    CellError e = assertThrows(CellError.MagicError.class, () -> magics.evalCell("%jars " + dir + "/nothing-*.jar"));
    assertTrue(e.getMessage().contains("no file matches"), e.getMessage());
  }

  @Test
  void classpathAddsDirectoriesAndRejectsMissingOnes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cp"));
    helloJar(dir, "unused.jar");
    Object[] v = magics.evalCell("%classpath " + dir.resolve("classes") + "\ngreet.Hello.hi(\"cp\")");
    assertEquals("hi cp", v[0]);
    CellError e = assertThrows(CellError.MagicError.class, () -> magics.evalCell("%classpath /no/such/dir"));
    assertTrue(e.getMessage().contains("/no/such/dir does not exist"), e.getMessage());
  }

  @Test
  void loadRunsAnotherNotebooksCodeCells() throws Exception {
    Path nb = NotebookFixtures.write(tmp.resolve("lib.ipynb"),
        NotebookFixtures.notebook("workbench", "int base = 40;", "int plus(int a) { return base + a; }"));
    Object[] v = magics.evalCell("%load " + nb + "\nplus(2)");
    assertEquals(42, v[0]);
    CellError e = assertThrows(CellError.MagicError.class, () -> magics.evalCell("%load a.jsh b.jsh"));
    assertTrue(e.getMessage().contains("exactly one file"), e.getMessage());
  }

  @Test
  void cellTimePrintsWallTimeAndKeepsTheValue() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    Object[] v;
    try {
      v = magics.evalCell("%%time\nThread.sleep(120);\n6 * 7");
    } finally {
      System.setOut(old);
    }
    assertEquals(42, v[0]);
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("Wall time: "), out);
    double ms = Double.parseDouble(out.replaceAll("Wall time: ([0-9.]+) (ms|s)\\s*", "$1"))
        * (out.contains(" ms") ? 1 : 1000);
    assertTrue(ms >= 120, out);
    CellError e = assertThrows(CellError.MagicError.class, () -> magics.evalCell("%%bogus\n1"));
    assertTrue(e.getMessage().contains("unknown cell magic %%bogus"), e.getMessage());
  }

  @Test
  void libraryLoopIsStoppedByThreadStopOnOldJdks() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 20,
        "Thread.stop exists only before JDK 20 (NotebookRunnerTest covers the kill fallback)");
    Path jar = NotebookFixtures.spinJar(Files.createDirectories(tmp.resolve("spin")));
    magics.evalCell("%jars " + jar);
    var f = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        kernel.evalJava("lib.Spin.forever();");
        return null;
      } catch (CellError e) {
        return e;
      }
    });
    Thread.sleep(500);
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!io.workbench.kernel.exec.CellExecutionControl.latest().isRunning() && System.nanoTime() < until) {
      Thread.sleep(20);   // interrupt the running library loop, not the compilation before it
    }
    kernel.interrupt();
    CellError e = f.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(e instanceof CellError.Interrupted, String.valueOf(e));
    assertEquals(2, kernel.evalJava("1 + 1")[0]);
  }

  @Test
  void magicsRespectJavaContext() throws Exception {
    // a text block holding a line that starts with %s is a string, not a magic
    Object[] v = magics.evalCell("String tb = \"\"\"\n%s is here\n%%time not a magic\n\"\"\".formatted(\"x\");\ntb");
    assertEquals("x is here\n%time not a magic\n", v[0]);
    // a line %m; after an expression is the modulo operator
    v = magics.evalCell("int dividend = 17;\nint m = 5;\nint rest = dividend\n%m;\nrest");
    assertEquals(2, v[0]);
    // %%time after a comment line is not a cell magic (IPython: the first non-blank line only): plain Java
    CellError e = assertThrows(CellError.CompileError.class, () -> magics.evalCell("// timing\n%%time\n1"));
    assertTrue(e.traceback().stream().anyMatch(l -> l.startsWith("line 2: %%time")), e.traceback().toString());
    // inside a block comment and inside brackets a % line stays Java too
    v = magics.evalCell("/*\n%jars nothing.jar\n*/\nint q = (7\n%4);\nq");
    assertEquals(3, v[0]);
    // a real magic after a statement still is one, and Java after it keeps the cell's line numbers
    e = assertThrows(CellError.CompileError.class, () -> magics.evalCell("int ok = 1;\n%time int t = 2;\nint bad = ;"));
    assertTrue(e.traceback().contains("line 3: int bad = ;"), e.traceback().toString());
  }

  @Test
  void classpathMagicsRefuseWhatIsNotAJarOrDirectory() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip archive");
    CellError e = assertThrows(CellError.MagicError.class, () -> magics.evalCell("%jars " + text));
    assertTrue(e.getMessage().contains(text + " is not a jar"), e.getMessage());
    e = assertThrows(CellError.MagicError.class, () -> magics.evalCell("%classpath " + text));
    assertTrue(e.getMessage().contains(text + " is not a jar"), e.getMessage());
    assertEquals(3, kernel.evalJava("1 + 2")[0], "the session still compiles");
  }

  @Test
  void newMagicsJoinTheRegistry() throws Exception {
    Magics m = new Magics(kernel);
    m.line("twice", args -> new Object[] {args + args, args + args});
    assertEquals("abab", m.evalCell("%twice ab")[0]);
    assertTrue(m.lineMagicNames().contains("twice"));
    CellError e = assertThrows(CellError.MagicError.class, () -> m.evalCell("%thrice ab"));
    assertTrue(e.getMessage().contains("%jars, %classpath, %load, %time, %maven, %mavenRepo, %twice"), e.getMessage());
  }

  @Test
  void argumentsSplitWithQuotes() {
    assertEquals(List.of("a b", "c", "d e"), Magics.split("\"a b\" c 'd e'"));
  }

  @Test
  void djlComputesInsideTheKernel() throws Exception {
    String code = "String squared() {\n"
        + "  try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {\n"
        + "    var a = m.create(new float[] {1, 2, 3, 4}).reshape(2, 2);\n"
        + "    return java.util.Arrays.toString(a.matMul(a).toFloatArray());\n"
        + "  }\n"
        + "}\n"
        + "squared()";
    Object[] v;
    try {
      v = kernel.evalJava(code);
    } catch (CellError e) {
      throw new AssertionError(e.getMessage() + "\n" + String.join("\n", e.traceback()), e);
    }
    assertEquals("[7.0, 10.0, 15.0, 22.0]", v[0], "[[1,2],[3,4]] squared");
  }
}
