package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel whose parent dies exits by itself: the kernel is started in the background by a short-lived shell,
 * the shell is killed (SIGKILL, no chance to clean up), and the kernel must be gone within a few seconds, as
 * ipykernel's parent poller would have it. Before {@link ParentWatch} such kernels lived on as orphans.
 */
class OrphanKernelTest {

  @TempDir
  Path tmp;

  @Test
  void aKernelWhoseParentIsKilledExits() throws Exception {
    int[] ports = new int[5];
    List<ServerSocket> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
      held.add(s);
      ports[i] = s.getLocalPort();
    }
    for (ServerSocket s : held) {
      s.close();
    }
    Path conn = tmp.resolve("kernel.json");
    Files.writeString(conn, "{\"shell_port\": " + ports[0] + ", \"iopub_port\": " + ports[1] + ", \"stdin_port\": "
        + ports[2] + ", \"control_port\": " + ports[3] + ", \"hb_port\": " + ports[4] + ", \"ip\": \"127.0.0.1\","
        + " \"key\": \"" + UUID.randomUUID() + "\", \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\"}");
    Path log = tmp.resolve("kernel.log");
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(KernelInstaller.JVM_OPTIONS);
    java.addAll(List.of("-cp", ClassPath.currentString(), Main.class.getName(), "kernel", conn.toString()));
    StringBuilder cmd = new StringBuilder();
    for (String a : java) {
      cmd.append('\'').append(a.replace("'", "'\\''")).append("' ");
    }
    cmd.append("> '").append(log).append("' 2>&1 & echo $!; wait");
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd.toString());
    pb.environment().remove("JPY_PARENT_PID");
    Process parent = pb.start();
    long kernelPid;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      kernelPid = Long.parseLong(r.readLine().trim());
    }
    Optional<ProcessHandle> kernel = ProcessHandle.of(kernelPid);
    assertTrue(kernel.isPresent(), "the kernel started");
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      boolean listening = false;
      while (!listening && System.nanoTime() < until && kernel.get().isAlive()) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", ports[0]), 200);
          listening = true;
        } catch (java.io.IOException e) {
          Thread.sleep(100);
        }
      }
      assertTrue(listening, "the kernel bound its shell port: " + Files.readString(log));
      Thread.sleep(300);
      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long killed = System.nanoTime();
      boolean exited = kernel.get().onExit().thenApply(h -> true).completeOnTimeout(false, 15, TimeUnit.SECONDS).get();
      double seconds = (System.nanoTime() - killed) / 1e9;
      assertTrue(exited, "the kernel outlived its parent by 15 s: " + Files.readString(log));
      assertTrue(seconds < 10, "exited after " + seconds + " s");
      assertTrue(Files.readString(log).contains("has exited"), Files.readString(log));
    } finally {
      kernel.get().destroyForcibly();
    }
    assertFalse(kernel.get().isAlive());
  }
}
