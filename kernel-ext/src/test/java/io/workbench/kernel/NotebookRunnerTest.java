package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless runner ({@code workbench run}): no Jupyter involved. It stops at the first error naming
 * the cell, writes the executed notebook and an HTML page with images inline, interrupts a cell past its
 * timeout and rejects corrupt notebooks clearly. (The shipped notebooks run in {@link TutorialNotebooksTest}.)
 */
class NotebookRunnerTest {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private NotebookRunner runner(long timeoutMillis) {
    return new NotebookRunner(NotebookRunner.selfCommand(), timeoutMillis,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @Test
  void stopsOnFirstErrorAndWritesNotebookAndHtml() throws Exception {
    Path in = NotebookFixtures.write(tmp.resolve("rich.ipynb"),
        NotebookFixtures.notebook("workbench", NotebookFixtures.RICH));
    Path out = tmp.resolve("out/rich.ipynb");
    Path html = tmp.resolve("out/rich.html");
    NotebookRunner.Result r = runner(120_000).run(in, out, html);

    assertFalse(r.ok());
    assertEquals(4, r.failedCell());
    assertTrue(r.error().startsWith("EvalException: java.lang.ArrayIndexOutOfBoundsException"), r.error());
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("Error in cell 4:") && logged.contains("a[5] = 1;"), logged);

    ObjectNode nb = Notebooks.read(out);
    JsonNode cells = nb.get("cells");
    assertEquals(1, cells.get(0).get("execution_count").asInt());
    assertTrue(cells.get(0).at("/outputs/0/data/text~1html").asText().contains("150 rows"));
    assertTrue(cells.get(1).at("/outputs/0/data").has("image/png"));
    JsonNode bar = cells.get(2).get("outputs");
    assertEquals(1, bar.size(), "the progress display is updated in place");
    assertTrue(bar.at("/0/data/text~1plain").asText().contains("100%"));
    assertEquals("error", cells.get(3).at("/outputs/0/output_type").asText());
    assertEquals(0, cells.get(4).get("outputs").size(), "cells after the error do not run");
    assertTrue(cells.get(4).get("execution_count").isNull());

    String page = Files.readString(html);
    assertTrue(page.contains("<img width=\"320\" src=\"data:image/png;base64,iVBOR"), "PNG inline");
    assertTrue(page.contains("150 rows"));
    assertTrue(page.contains("ArrayIndexOutOfBoundsException"));
  }

  @Test
  void timeoutInterruptsTheCell() throws Exception {
    Path in = NotebookFixtures.write(tmp.resolve("loop.ipynb"),
        NotebookFixtures.notebook("workbench", "int n = 1;", "while (n > 0) { n = n + 2 - 2; }"));
    NotebookRunner.Result r = runner(8_000).run(in, tmp.resolve("loop.out.ipynb"), tmp.resolve("loop.html"));
    assertFalse(r.ok());
    assertEquals(2, r.failedCell());
    assertTrue(r.error().startsWith("Timeout: the cell ran longer than 8 s"), r.error());
    assertTrue(r.error().contains("Interrupted"), r.error());
  }

  /** The newest JDK installed beside the build JDK (Thread.stop is gone there), from WORKBENCH_OTHER_JDK or Temurin 25. */
  private static Path otherJava() {
    String home = System.getenv().getOrDefault("WORKBENCH_OTHER_JDK", "/usr/lib/jvm/temurin-25-jdk-amd64");
    return Path.of(home, "bin", "java");
  }

  /** In the {@code slow} group: the default run covers the newer JDK with the kernel-killing test below. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void interruptAndExitTrapAlsoWorkOnANewerJdk() throws Exception {
    Path java = otherJava();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java), "no second JDK at " + java);
    List<String> cmd = new java.util.ArrayList<>(NotebookRunner.selfCommand());
    cmd.set(0, java.toString());
    Path in = NotebookFixtures.write(tmp.resolve("jdk.ipynb"), NotebookFixtures.notebook("workbench",
        "System.out.println(\"feature \" + Runtime.version().feature());\n"
            + "try { System.exit(1); } catch (Throwable t) { System.out.println(\"trapped \" + t.getClass().getSimpleName()); }",
        "long k = 0;\nwhile (true) { k++; }"));
    NotebookRunner r = new NotebookRunner(cmd, 8_000, new PrintStream(log, true, StandardCharsets.UTF_8));
    NotebookRunner.Result res = r.run(in, tmp.resolve("jdk.out.ipynb"), tmp.resolve("jdk.html"));
    String out = res.notebook().get("cells").get(0).at("/outputs/0/text").toString();
    assertTrue(out.contains("trapped ExitAttempt"), out);
    assertFalse(out.contains("feature 17"), "ran on the other JDK: " + out);
    assertEquals(2, res.failedCell());
    assertTrue(res.error().contains("Interrupted"), res.error());
  }

  @Test
  void libraryLoopIgnoringInterruptsIsStoppedOrTheKernelKilled() throws Exception {
    Path jar = NotebookFixtures.spinJar(Files.createDirectories(tmp.resolve("spin")));
    Path in = NotebookFixtures.write(tmp.resolve("spin.ipynb"),
        NotebookFixtures.notebook("workbench", "%jars " + jar, "lib.Spin.forever();"));
    Path java = otherJava();
    List<String> cmd = new java.util.ArrayList<>(NotebookRunner.selfCommand());
    boolean newJdk = Files.isExecutable(java);
    if (newJdk) {
      cmd.set(0, java.toString());   // Thread.stop is gone: the runner must kill the kernel
    }
    NotebookRunner r = new NotebookRunner(cmd, 6_000, new PrintStream(log, true, StandardCharsets.UTF_8));
    NotebookRunner.Result res = r.run(in, tmp.resolve("spin.out.ipynb"), tmp.resolve("spin.html"));
    assertEquals(2, res.failedCell());
    if (newJdk) {
      assertTrue(res.error().contains("ignored the interrupt, so the kernel was killed"), res.error());
    } else if (Runtime.version().feature() < 20) {
      assertTrue(res.error().contains("Interrupted"), "JDK 17: Thread.stop after the grace period: " + res.error());
    }
  }

  @Test
  void corruptNotebooksFailClearly() throws Exception {
    Path broken = Files.writeString(tmp.resolve("broken.ipynb"), "{\"cells\": [ {\"cell_type\": \"code\", ");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> runner(1000).run(broken, tmp.resolve("x.ipynb"), tmp.resolve("x.html")));
    assertTrue(e.getMessage().startsWith("Notebook " + broken + " is not valid JSON (line 1"), e.getMessage());

    Path v3 = Files.writeString(tmp.resolve("v3.ipynb"), "{\"nbformat\": 3, \"worksheets\": []}");
    e = assertThrows(IllegalArgumentException.class, () -> Notebooks.read(v3));
    assertTrue(e.getMessage().contains("must have \"nbformat\": 4, found 3"), e.getMessage());

    Path noSource = Files.writeString(tmp.resolve("nosrc.ipynb"),
        "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\"}]}");
    e = assertThrows(IllegalArgumentException.class, () -> Notebooks.read(noSource));
    assertTrue(e.getMessage().contains("cell 1 needs \"source\""), e.getMessage());

    Path missing = tmp.resolve("missing.ipynb");
    e = assertThrows(IllegalArgumentException.class, () -> Notebooks.read(missing));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> NotebookRunner.main(List.of("a.ipynb", "--bogus")));
    assertTrue(e.getMessage().contains("unexpected argument '--bogus'"), e.getMessage());
  }

  // ---- regressions of issue 14 (the headless runner) ----

  /** The default output is target/notebooks/NAME.ipynb; an input already there must not become its own output. */
  @Test
  void theInputIsNeverOverwrittenUnlessAsked() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "notebooks"));   // relative to the working directory
    Path in = NotebookFixtures.write(dir.resolve("runner-overwrite-check.ipynb"),
        NotebookFixtures.notebook("workbench", "1 + 1"));
    byte[] before = Files.readAllBytes(in);
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> NotebookRunner.main(List.of(in.toString())));
      assertTrue(e.getMessage().contains("is the input notebook") && e.getMessage().contains("--in-place"),
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> NotebookRunner.main(List.of(in.toString(), "--output", in.toAbsolutePath().toString())));
      assertTrue(e.getMessage().contains("is the input notebook"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> NotebookRunner.main(
          List.of(in.toString(), "--output", tmp.resolve("o.ipynb").toString(), "--html", in.toString())));
      assertTrue(e.getMessage().contains("--html") && e.getMessage().contains("is the input notebook"),
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> NotebookRunner.main(
          List.of(in.toString(), "--in-place", "--output", tmp.resolve("o.ipynb").toString())));
      assertTrue(e.getMessage().contains("--in-place") && e.getMessage().contains("--output"), e.getMessage());
      assertArrayEquals(before, Files.readAllBytes(in), "the input is untouched");
    } finally {
      Files.deleteIfExists(in);
    }
  }

  @Test
  void inPlaceWritesTheExecutedNotebookOverTheInput() throws Exception {
    Path in = NotebookFixtures.write(tmp.resolve("inplace.ipynb"), NotebookFixtures.notebook("workbench", "20 + 22"));
    Path html = tmp.resolve("pages/inplace.html");
    assertEquals(0, NotebookRunner.main(List.of(in.toString(), "--in-place", "--html", html.toString())));
    ObjectNode nb = Notebooks.read(in);
    assertEquals("42", nb.at("/cells/0/outputs/0/data/text~1plain").asText());
    assertTrue(Files.readString(html).contains("42"));
  }

  /** A notebook field whose serialisation fails half-way through a write, as a full disk would. */
  public static final class Poison {
    /** Throws, after the writer has already written the cells before it. */
    public String getValue() {
      throw new IllegalStateException("disk full (injected)");
    }
  }

  @Test
  void aFailedWriteLeavesThePreviousFileIntactAndNoTemporaryBehind() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("atomic"));
    Path file = dir.resolve("kept.ipynb");
    Notebooks.write(NotebookFixtures.notebook("workbench", "1 + 1"), file);
    byte[] before = Files.readAllBytes(file);
    ObjectNode broken = NotebookFixtures.notebook("workbench", "x".repeat(200_000));
    broken.putPOJO("poison", new Poison());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notebooks.write(broken, file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("disk full"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "the previous notebook survives a failed overwrite");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void outputsOverTwentyMillionCharactersAreReadAndWrittenWhole() throws Exception {
    String big = "x".repeat(25_000_000);
    // what the runner's client parses every kernel message with
    assertEquals(big.length(), Notebooks.JSON.readTree("{\"text\": \"" + big + "\"}").get("text").asText().length());
    ObjectNode nb = NotebookFixtures.notebook("workbench", "1");
    ((ObjectNode) nb.at("/cells/0")).putArray("outputs").addObject()
        .put("output_type", "stream").put("name", "stdout").put("text", big);
    Path file = NotebookFixtures.write(tmp.resolve("big.ipynb"), nb);
    assertEquals(big.length(), Notebooks.read(file).at("/cells/0/outputs/0/text").asText().length());
  }

  @Test
  void aHugeResultIsNotDroppedSilently() throws Exception {
    Path in = NotebookFixtures.write(tmp.resolve("huge.ipynb"),
        NotebookFixtures.notebook("workbench", "\"y\".repeat(21_000_000)", "1 + 2"));
    NotebookRunner.Result r = runner(300_000).run(in, tmp.resolve("huge.out.ipynb"), tmp.resolve("huge.html"));
    assertTrue(r.ok(), r.error());
    JsonNode result = r.notebook().at("/cells/0/outputs/0");
    assertEquals("execute_result", result.path("output_type").asText(), "the result reached the notebook");
    String text = Notebooks.text(result.at("/data/text~1plain"));
    assertTrue(text.length() >= 21_000_000 || text.contains("truncated"), "whole, or cut with a notice: "
        + text.length() + " characters");
    assertEquals("3", Notebooks.read(tmp.resolve("huge.out.ipynb")).at("/cells/1/outputs/0/data/text~1plain").asText());
  }

  @Test
  void cellsAfterAFailureShowNoStaleOutputsOrCounts() throws Exception {
    ObjectNode nb = NotebookFixtures.notebook("workbench", "int a = 1;", "throw new IllegalStateException(\"stop\");",
        "a + 1");
    ArrayNode cells = (ArrayNode) nb.get("cells");
    for (int i = 0; i < 3; i++) {
      ObjectNode c = (ObjectNode) cells.get(i);
      c.put("execution_count", 70 + i);
      ObjectNode o = c.putArray("outputs").addObject();
      o.put("output_type", "execute_result").put("execution_count", 70 + i);
      o.putObject("data").put("text/plain", "STALE-" + i);
      o.putObject("metadata");
    }
    Path in = NotebookFixtures.write(tmp.resolve("stale.ipynb"), nb);
    Path html = tmp.resolve("stale.html");
    NotebookRunner.Result r = runner(120_000).run(in, tmp.resolve("stale.out.ipynb"), html);
    assertEquals(2, r.failedCell());
    JsonNode third = Notebooks.read(tmp.resolve("stale.out.ipynb")).at("/cells/2");
    assertEquals(0, third.get("outputs").size(), third.toString());
    assertTrue(third.get("execution_count").isNull(), third.toString());
    String page = Files.readString(html);
    assertFalse(page.contains("STALE-"), "the page shows only what this run produced");
    assertFalse(page.contains("In [72]"), "no stale execution count");
  }

  @Test
  void nonStringCellSourcesAreRejectedWithTheCellNumber() throws Exception {
    Path f = Files.writeString(tmp.resolve("coerce.ipynb"), "{\"nbformat\": 4, \"nbformat_minor\": 5,"
        + " \"metadata\": {}, \"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# t\"},"
        + " {\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,"
        + " \"source\": [1, 2, {\"a\": 1}]}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Notebooks.read(f));
    assertTrue(e.getMessage().contains("cell 2") && e.getMessage().contains("a string or a list of strings")
        && e.getMessage().contains("element 1 is a number"), e.getMessage());
  }

  @Test
  void timeoutsAreValidated() {
    for (String bad : List.of("9223372036854775807", "0", "-5", "1e3", "99999999999")) {
      for (String option : List.of("--timeout", "--notebook-timeout")) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> NotebookRunner.main(List.of("x.ipynb", option, bad)));
        assertTrue(e.getMessage().contains(option + " needs whole seconds from 1 to ")
            && e.getMessage().contains("got '" + bad + "'"), e.getMessage());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> runner(Long.MAX_VALUE));
  }

  @Test
  void theWholeNotebookTimeoutStopsTheRun() throws Exception {
    Path in = NotebookFixtures.write(tmp.resolve("slow.ipynb"), NotebookFixtures.notebook("workbench",
        "1 + 1", "Thread.sleep(600_000);", "\"never runs\""));
    NotebookRunner.Result r = runner(120_000).withNotebookTimeout(8_000)
        .run(in, tmp.resolve("slow.out.ipynb"), tmp.resolve("slow.html"));
    assertEquals(2, r.failedCell(), r.error());
    assertTrue(r.error().startsWith("Timeout: the notebook's cells ran longer than 8 s (--notebook-timeout)"),
        r.error());
    assertEquals(0, r.notebook().at("/cells/2/outputs").size());
  }

  @Test
  void aJvmCrashIsReportedAndItsLogStaysOutOfTheNotebookFolder() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("crash"));
    Path in = NotebookFixtures.write(dir.resolve("crash.ipynb"), NotebookFixtures.notebook("workbench",
        "var f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");\nf.setAccessible(true);\n"
            + "((sun.misc.Unsafe) f.get(null)).putAddress(0L, 42L);"));
    NotebookRunner.Result r = runner(120_000).run(in, tmp.resolve("crash.out.ipynb"), tmp.resolve("crash.html"));
    assertEquals(1, r.failedCell());
    assertTrue(r.error().startsWith("The kernel died while running this cell"), r.error());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(in), s.toList(), "no crash log in the notebook's folder");
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("crash log: (\\S+hs_err_pid\\d+\\.log)")
        .matcher(r.error());
    assertTrue(m.find(), r.error());
    Path log = Path.of(m.group(1));
    assertTrue(Files.isRegularFile(log), log + " exists");
    assertTrue(Files.readString(log).contains("SIGSEGV"), "a HotSpot crash log");
    Files.delete(log);
  }
}
