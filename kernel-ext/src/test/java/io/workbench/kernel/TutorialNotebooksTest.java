package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI harness of the tutorial notebooks: every {@code notebooks/*.ipynb} (found at run time, so new notebooks are
 * covered without editing this class) is checked as stored (no outputs, opens with a markdown introduction, ends
 * with exercises) and executed by the headless runner ({@code ./workbench run}) and by Jupyter's own
 * {@code nbconvert --to notebook --execute} (the quick start in the default run, every other notebook in the
 * {@code slow} group: {@code mvn -B verify -Pslow}). Each run must finish with no error cell; the
 * failing cell is named with its error. Wall times are printed and written to
 * {@code target/tutorial-notebooks.txt}.
 *
 * <p>Binder: the nbconvert runs use the kernelspec that {@code binder/postBuild} installs. The script itself is
 * run with {@code BINDER_PREFIX} set to a temporary folder, in a copy of the repository layout where {@code mvn}
 * is a stub that records its arguments (the real build is the one running this test; a nested Maven build would
 * rebuild the classes under the running tests) and {@code ./workbench} runs the same {@code install-kernel}
 * command of {@link Main} on this test's class path (the launcher runs it from the packaged jar).
 */
class TutorialNotebooksTest {

  private static final Path NOTEBOOKS = Path.of("..", "notebooks");
  private static final Path POST_BUILD = Path.of("..", "binder", "postBuild");
  /** Per-cell limit for both executors; a notebook is meant to take well under two minutes in all. */
  private static final int CELL_TIMEOUT_S = 300;

  private static final Map<String, String> TIMES = new TreeMap<>();

  @TempDir
  static Path tmp;

  private static Path binderPrefix;
  private static String binderLog;
  private static String mvnArgs;

  /** The notebooks, sorted by name; fails when there are none (a moved folder must not pass silently). */
  static List<Path> notebooks() throws IOException {
    assertTrue(Files.isDirectory(NOTEBOOKS), "no notebooks folder at " + NOTEBOOKS.toAbsolutePath());
    List<Path> out;
    try (Stream<Path> s = Files.list(NOTEBOOKS)) {
      out = s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
    }
    assertFalse(out.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
    return out;
  }

  /** Runs binder/postBuild into a temporary prefix (see the class comment). */
  @BeforeAll
  static void runBinderPostBuild() throws Exception {
    Path repo = tmp.resolve("repo");
    Path bin = tmp.resolve("bin");
    Files.createDirectories(repo.resolve("binder"));
    Files.createDirectories(bin);
    Path script = repo.resolve("binder/postBuild");
    Files.copy(POST_BUILD, script);
    executable(script);
    Path mvnLog = tmp.resolve("mvn-args.txt");
    writeScript(bin.resolve("mvn"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> '" + mvnLog + "'\n");
    // The launcher's install-kernel step: Main install-kernel with the launcher's JVM options, from this class path.
    StringBuilder launcher = new StringBuilder("exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "'");
    for (String o : JvmOptions.shared(Runtime.version().feature())) {
      launcher.append(' ').append(o);
    }
    launcher.append(" -cp '").append(ClassPath.currentString()).append("' ").append(Main.class.getName());
    writeScript(repo.resolve("workbench"), "#!/usr/bin/env bash\nset -euo pipefail\n"
        + "[ \"$1\" = install-kernel ] || { echo \"unexpected launcher command: $*\" >&2; exit 3; }\n"
        + launcher + " \"$@\"\n");
    binderPrefix = tmp.resolve("binder-prefix");
    long t0 = System.nanoTime();
    JupyterTools.Proc p = JupyterTools.run(List.of("bash", script.toString()), repo,
        Map.of("BINDER_PREFIX", binderPrefix.toString(),
            "PATH", bin + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
        400);
    binderLog = p.output();
    assertEquals(0, p.exit(), "binder/postBuild failed:\n" + p.output());
    mvnArgs = Files.exists(mvnLog) ? Files.readString(mvnLog).strip() : "";
    TIMES.put("binder/postBuild install step", seconds(t0));
  }

  @Test
  void binderPostBuildBuildsWithMavenAndInstallsTheKernelIntoTheGivenPrefix() throws Exception {
    assertEquals("-B -q -DskipTests package", mvnArgs, "postBuild builds the project once with Maven");
    Path spec = binderPrefix.resolve("share/jupyter/kernels/workbench/kernel.json");
    assertTrue(Files.isRegularFile(spec), "no kernelspec at " + spec + "; postBuild printed:\n" + binderLog);
    JsonNode json = Notebooks.JSON.readTree(spec.toFile());
    assertEquals("java", json.get("language").asText());
    List<String> argv = new ArrayList<>();
    json.get("argv").forEach(a -> argv.add(a.asText()));
    assertEquals("{connection_file}", argv.get(argv.size() - 1));
    assertEquals("kernel", argv.get(argv.size() - 2));
    assertEquals(Main.class.getName(), argv.get(argv.size() - 3));
    assertTrue(binderLog.contains("Installed kernelspec workbench in " + binderPrefix), binderLog);

    // The script's own steps, in order: the build, then install-kernel into BINDER_PREFIX (else --sys-prefix).
    List<String> steps = new ArrayList<>();
    for (String line : Files.readAllLines(POST_BUILD)) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        steps.add(s);
      }
    }
    assertEquals(List.of(
        "set -euo pipefail",
        "cd \"$(dirname \"$0\")/..\"",
        "mvn -B -q -DskipTests package",
        "if [ -n \"${BINDER_PREFIX:-}\" ]; then",
        "./workbench install-kernel --prefix \"$BINDER_PREFIX\"",
        "else",
        "./workbench install-kernel --sys-prefix",
        "fi"), steps, "binder/postBuild changed: update this test and binder/README.md together");
  }

  @Test
  void storedNotebooksHaveNoOutputsOpenWithMarkdownAndEndWithExercises() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path nb : notebooks()) {
      problems.addAll(storedProblems(nb.getFileName().toString(), Notebooks.read(nb)));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void storedNotebookChecksNameEachProblemAndErrorCellsAreFound() {
    ObjectNode bad = Notebooks.JSON.createObjectNode();
    bad.putObject("metadata").putObject("kernelspec").put("name", "python3");
    var cells = bad.putArray("cells");
    ObjectNode code = cells.addObject().put("cell_type", "code").put("source", "int a = 1;\nint b = 2;");
    code.put("execution_count", 3);
    code.putArray("outputs").addObject().put("output_type", "error").put("ename", "EvalException")
        .put("evalue", "java.lang.IllegalStateException: boom");
    cells.addObject().put("cell_type", "markdown").put("source", "## The end");
    cells.addObject().put("cell_type", "code").put("source", "a").putArray("outputs");
    List<String> problems = storedProblems("Bad.ipynb", bad);
    assertEquals(List.of(
        "Bad.ipynb: expected NN-name.ipynb",
        "Bad.ipynb: kernelspec name is 'python3', expected 'workbench'",
        "Bad.ipynb: must open with a markdown cell",
        "Bad.ipynb cell 1: stored with outputs; strip them",
        "Bad.ipynb cell 1: stored with an execution count",
        "Bad.ipynb: must end with a markdown cell of exercises"), problems);
    assertEquals("cell 1 (int a = 1; ...): EvalException: java.lang.IllegalStateException: boom\n", errorCells(bad));
  }

  /** What is wrong with a stored notebook, one message per problem naming the notebook and cell. */
  static List<String> storedProblems(String name, JsonNode nb) {
    List<String> out = new ArrayList<>();
    if (!name.matches("\\d\\d-[a-z0-9-]+\\.ipynb")) {
      out.add(name + ": expected NN-name.ipynb");
    }
    String kernel = nb.at("/metadata/kernelspec/name").asText();
    if (!kernel.equals("workbench")) {
      out.add(name + ": kernelspec name is '" + kernel + "', expected 'workbench'");
    }
    JsonNode cells = nb.get("cells");
    if (cells == null || cells.size() < 3) {
      out.add(name + ": too few cells");
      return out;
    }
    if (!cells.get(0).get("cell_type").asText().equals("markdown")) {
      out.add(name + ": must open with a markdown cell");
    } else if (!Notebooks.source(cells.get(0)).startsWith("# ")) {
      out.add(name + ": the first cell needs a # title");
    }
    int code = 0;
    for (int i = 0; i < cells.size(); i++) {
      JsonNode c = cells.get(i);
      if (c.get("cell_type").asText().equals("code")) {
        code++;
        if (c.get("outputs") != null && !c.get("outputs").isEmpty()) {
          out.add(name + " cell " + (i + 1) + ": stored with outputs; strip them");
        }
        if (c.get("execution_count") != null && !c.get("execution_count").isNull()) {
          out.add(name + " cell " + (i + 1) + ": stored with an execution count");
        }
      }
    }
    if (code == 0) {
      out.add(name + ": no code cells");
    }
    JsonNode last = cells.get(cells.size() - 1);
    if (!last.get("cell_type").asText().equals("markdown")
        || !Notebooks.source(last).toLowerCase(Locale.ROOT).contains("exercise")) {
      out.add(name + ": must end with a markdown cell of exercises");
    }
    return out;
  }

  /**
   * The default run puts one notebook through nbconvert (the quick start: the Binder kernelspec and Jupyter's own
   * executor work); {@link #everyOtherNotebookRunsThroughNbconvertWithTheBinderKernelspec} does the rest in the
   * {@code slow} group ({@code mvn -B verify -Pslow}). Every notebook still runs through the headless runner.
   */
  @TestFactory
  Stream<DynamicTest> theQuickStartRunsThroughNbconvertWithTheBinderKernelspec() throws IOException {
    return nbconvertRuns(notebooks().subList(0, 1));
  }

  @TestFactory
  @Tag("slow")
  Stream<DynamicTest> everyOtherNotebookRunsThroughNbconvertWithTheBinderKernelspec() throws IOException {
    List<Path> all = notebooks();
    return nbconvertRuns(all.subList(1, all.size()));
  }

  private static Stream<DynamicTest> nbconvertRuns(List<Path> notebooks) {
    return notebooks.stream().map(nb -> DynamicTest.dynamicTest("nbconvert " + nb.getFileName(), () -> {
      Path out = tmp.resolve("nbconvert").resolve(nb.getFileName());
      Files.createDirectories(out.getParent());
      List<String> cmd = List.of(JupyterTools.python(), "-m", "nbconvert", "--to", "notebook", "--execute",
          "--allow-errors", "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_S, "--output", out.toString(),
          nb.toAbsolutePath().normalize().toString());
      long t0 = System.nanoTime();
      JupyterTools.Proc p = JupyterTools.run(cmd, tmp, Map.of(
          "JUPYTER_PATH", binderPrefix.resolve("share/jupyter").toString(),
          "JUPYTER_DATA_DIR", tmp.resolve("jupyter-data").toString()), 900);
      record(nb, "nbconvert", t0);
      assertEquals(0, p.exit(), "nbconvert failed on " + nb.getFileName() + ":\n" + tail(p.output()));
      ObjectNode executed = Notebooks.read(out);
      String errors = errorCells(executed);
      if (!errors.isEmpty()) {
        fail(nb.getFileName() + " through nbconvert:\n" + errors);
      }
      assertAllCodeCellsRan(nb, executed);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyNotebookRunsThroughTheHeadlessRunner() throws IOException {
    return notebooks().stream().map(nb -> DynamicTest.dynamicTest("workbench run " + nb.getFileName(), () -> {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      NotebookRunner runner = new NotebookRunner(NotebookRunner.selfCommand(), CELL_TIMEOUT_S * 1000L,
          new PrintStream(log, true, StandardCharsets.UTF_8));
      String base = nb.getFileName().toString().replace(".ipynb", "");
      Path out = tmp.resolve("runner").resolve(base + ".ipynb");
      Path html = tmp.resolve("runner").resolve(base + ".html");
      long t0 = System.nanoTime();
      NotebookRunner.Result r = runner.run(nb, out, html);
      record(nb, "workbench run", t0);
      if (!r.ok()) {
        fail(nb.getFileName() + " through the headless runner: cell " + r.failedCell() + " failed: " + r.error()
            + "\n" + tail(log.toString(StandardCharsets.UTF_8)));
      }
      assertEquals("", errorCells(r.notebook()));
      assertAllCodeCellsRan(nb, r.notebook());
      assertTrue(Files.size(html) > 0, "no HTML page written for " + nb.getFileName());
    }));
  }

  @AfterAll
  static void printTimes() throws IOException {
    StringBuilder s = new StringBuilder("Tutorial notebook wall times (s):\n");
    TIMES.forEach((k, v) -> s.append(String.format(Locale.ROOT, "  %-50s %s%n", k, v)));
    System.out.print(s);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("tutorial-notebooks.txt"), s.toString(), StandardCharsets.UTF_8);
    }
  }

  /** "cell N (first line of source): ename: evalue" for every error output, one per line; empty when none. */
  static String errorCells(JsonNode nb) {
    StringBuilder s = new StringBuilder();
    JsonNode cells = nb.get("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonNode outputs = cells.get(i).get("outputs");
      if (outputs == null) {
        continue;
      }
      for (JsonNode o : outputs) {
        if (o.path("output_type").asText().equals("error")) {
          String src = Notebooks.source(cells.get(i)).strip();
          int nl = src.indexOf('\n');
          s.append("cell ").append(i + 1).append(" (").append(nl < 0 ? src : src.substring(0, nl) + " ...")
              .append("): ").append(o.path("ename").asText()).append(": ").append(o.path("evalue").asText())
              .append('\n');
        }
      }
    }
    return s.toString();
  }

  private static void assertAllCodeCellsRan(Path nb, JsonNode executed) {
    JsonNode cells = executed.get("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonNode c = cells.get(i);
      if (c.get("cell_type").asText().equals("code") && !Notebooks.source(c).isBlank()) {
        assertTrue(c.get("execution_count").isInt(), nb.getFileName() + " cell " + (i + 1) + " did not run");
      }
    }
  }

  private static synchronized void record(Path nb, String how, long t0) {
    String s = seconds(t0);
    TIMES.put(nb.getFileName() + " " + how, s);
    System.out.println(nb.getFileName() + " through " + how + ": " + s + " s");
  }

  private static String seconds(long t0) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
  }

  private static void writeScript(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
