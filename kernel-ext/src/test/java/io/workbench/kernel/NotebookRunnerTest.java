package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
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
    assertTrue(e.getMessage().contains("cell 0 needs \"source\""), e.getMessage());

    Path missing = tmp.resolve("missing.ipynb");
    e = assertThrows(IllegalArgumentException.class, () -> Notebooks.read(missing));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> NotebookRunner.main(List.of("a.ipynb", "--bogus")));
    assertTrue(e.getMessage().contains("unexpected argument '--bogus'"), e.getMessage());
  }
}
