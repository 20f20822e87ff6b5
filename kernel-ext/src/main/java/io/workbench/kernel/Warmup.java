package io.workbench.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The training session of class-data sharing: {@link KernelInstaller} starts the kernel as Jupyter does (the
 * kernelspec's command, under {@code -XX:ArchiveClassesAtExit}) and drives it through its sockets with the
 * requests of a notebook's first minute: {@code kernel_info}, a few cells (an expression, declarations, a
 * stream, printed output), completion and {@code is_complete}, then {@code shutdown}. The JVM archives every
 * class the session loaded, the ZeroMQ and protocol layers included, so an installed kernel loads them from the
 * archive instead of parsing them from jars.
 *
 * <pre>{@code
 * boolean archived = Warmup.session(List.of(java, "-XX:ArchiveClassesAtExit=w.jsa", "-cp", cp,
 *     "io.workbench.kernel.Main", "kernel"), dir, 180_000);
 * }</pre>
 */
final class Warmup {

  /** The cells of the session, in order; each must succeed. */
  static final List<String> CELLS = List.of(
      "1 + 1",
      "int x = 3;\nString s = \"a\" + x;\nvoid f() { for (int i = 0; i < 3; i++) {} }\nf();",
      "List<Integer> l = new ArrayList<>(List.of(1, 2)); l.stream().mapToInt(i -> i).sum()",
      "System.out.println(s);");

  private Warmup() {}

  /**
   * Starts {@code command} plus a connection file in {@code workDir}, runs the session and shuts the kernel down.
   *
   * @param timeoutMillis limit of the whole session, shutdown (the archive is written at exit) included
   * @return whether every request was answered with {@code ok} and the kernel exited by itself with status 0
   */
  static boolean session(List<String> command, Path workDir, long timeoutMillis)
      throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    try (KernelClient c = KernelClient.start(command, workDir)) {
      if (!c.waitReady(timeoutMillis)) {
        return false;
      }
      for (String cell : CELLS) {
        ObjectNode content = Notebooks.JSON.createObjectNode().put("code", cell).put("silent", false)
            .put("store_history", true).put("allow_stdin", false).put("stop_on_error", true);
        content.putObject("user_expressions");
        if (!answers(c, "execute_request", content, "ok", end)) {
          return false;
        }
      }
      ObjectNode complete = Notebooks.JSON.createObjectNode().put("code", "Syst").put("cursor_pos", 4);
      if (!answers(c, "complete_request", complete, "ok", end) || !answers(c, "is_complete_request",
          Notebooks.JSON.createObjectNode().put("code", "int y = "), "incomplete", end)) {
        return false;
      }
      return c.shutdown(Math.max(1, end - System.currentTimeMillis()));
    }
  }

  /** Sends a shell request and waits for its reply; true when the reply's status is {@code status}. */
  private static boolean answers(KernelClient c, String type, ObjectNode content, String status, long end) {
    String id = c.send(c.shell(), type, content);
    String reply = type.replace("_request", "_reply");
    while (System.currentTimeMillis() < end && c.alive()) {
      KernelClient.Msg m = c.receive(c.shell(), Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
      if (m != null && m.type().equals(reply) && m.parentId().equals(id)) {
        return m.content().path("status").asText().equals(status);
      }
    }
    return false;
  }
}
