package io.workbench.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helpers: a Python with Jupyter's client libraries, a kernelspec in a temporary prefix, processes. */
final class JupyterTools {

  private static String python;

  private JupyterTools() {}

  /** A python3 that imports jupyter_client, nbclient and nbconvert; skips the test when there is none. */
  static synchronized String python() {
    if (python == null) {
      for (String candidate : List.of("/usr/bin/python3", "python3")) {
        try {
          Proc p = run(List.of(candidate, "-c", "import jupyter_client, nbclient, nbconvert"), null, Map.of(), 60);
          if (p.exit() == 0) {
            python = candidate;
            break;
          }
        } catch (IOException e) {
          // try the next one
        }
      }
      if (python == null) {
        python = "";
      }
    }
    assumeTrue(!python.isEmpty(), "needs python3 with jupyter_client, nbclient and nbconvert"
        + " (Debian: python3-jupyter-client python3-nbclient python3-nbconvert python3-ipykernel)");
    return python;
  }

  /** Installs the kernelspec (this test JVM's class path, no CDS archive) under {@code prefix}; returns JUPYTER_PATH. */
  static Path installKernel(Path prefix) {
    KernelInstaller.install(prefix.resolve("share/jupyter/kernels/workbench-test"), "Java (Workbench test)",
        ClassPath.currentString(), false);
    return prefix.resolve("share/jupyter");
  }

  /**
   * Runs a driver script (a resource next to this class) against the kernel installed in a temporary prefix under
   * {@code tmp}, as {@code python3 SCRIPT workbench-test WORK_DIR}, and returns the JSON it printed after
   * {@code OBSERVATIONS }; skips the test without Jupyter.
   */
  static com.fasterxml.jackson.databind.JsonNode observe(Path tmp, String script, int timeoutSeconds)
      throws IOException {
    String py = python();
    Path jupyterPath = installKernel(tmp.resolve("prefix"));
    Path copy = tmp.resolve(script);
    try (java.io.InputStream in = JupyterTools.class.getResourceAsStream(script)) {
      Files.copy(in, copy);
    }
    Path work = Files.createDirectories(tmp.resolve("work"));
    Proc p = run(List.of(py, copy.toString(), "workbench-test", work.toString()), work,
        Map.of("JUPYTER_PATH", jupyterPath.toString()), timeoutSeconds);
    String line = p.output().lines().filter(l -> l.startsWith("OBSERVATIONS ")).findFirst()
        .orElseThrow(() -> new AssertionError("the driver " + script + " failed:\n" + p.output()));
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring("OBSERVATIONS ".length()));
  }

  /** A finished process: exit status and its output (stdout and stderr together). */
  record Proc(int exit, String output) {}

  /** Runs a command to completion, killing it after {@code timeoutSeconds}. */
  static Proc run(List<String> cmd, Path dir, Map<String, String> env, int timeoutSeconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    Path out = Files.createTempFile("proc", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + cmd + "\n"
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
