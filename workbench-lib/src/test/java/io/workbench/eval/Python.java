package io.workbench.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds a Python 3 with scikit-learn (Debian's python3-sklearn) and runs scripts with it. */
final class Python {

  private static final String[] CANDIDATES = {"python3", "/usr/bin/python3"};
  private static String found;
  private static boolean searched;

  private Python() {}

  /** A python3 that imports sklearn and numpy, or null. */
  static synchronized String withSklearn() {
    if (!searched) {
      searched = true;
      for (String exe : CANDIDATES) {
        try {
          Result r = run(exe, List.of("-c", "import sklearn, numpy"), 60);
          if (r.exit == 0) {
            found = exe;
            break;
          }
        } catch (IOException e) {
          // not installed under this name; try the next
        }
      }
    }
    return found;
  }

  record Result(int exit, String out) {}

  static Result run(String exe, List<String> args, int timeoutSeconds) throws IOException {
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
