package io.workbench.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python 3 with given modules (Debian's python3-sklearn, python3-xgboost) and runs scripts with it,
 * for cross-checks against independent implementations. Tests skip when none is installed.
 */
public final class Python {

  private static final String[] CANDIDATES = {"python3", "/usr/bin/python3"};
  private static final java.util.Map<String, String> FOUND = new java.util.HashMap<>();

  private Python() {}

  /** A python3 that imports sklearn and numpy, or null. */
  public static String withSklearn() {
    return with("sklearn, numpy");
  }

  /** A python3 that imports the given comma-separated modules, or null. */
  public static synchronized String with(String modules) {
    if (!FOUND.containsKey(modules)) {
      String found = null;
      for (String exe : CANDIDATES) {
        try {
          Result r = run(exe, List.of("-c", "import " + modules), 60);
          if (r.exit == 0) {
            found = exe;
            break;
          }
        } catch (IOException e) {
          // not installed under this name; try the next
        }
      }
      FOUND.put(modules, found);
    }
    return FOUND.get(modules);
  }

  /** Exit status and combined output of a run. */
  public record Result(int exit, String out) {}

  /** Runs {@code exe args}, waiting at most {@code timeoutSeconds}. */
  public static Result run(String exe, List<String> args, int timeoutSeconds) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(exe);
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(exe + " did not finish in " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
