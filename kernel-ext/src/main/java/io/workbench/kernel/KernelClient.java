package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client (messaging protocol 5.3) over ZeroMQ: starts a kernel process on fresh
 * loopback ports with a random HMAC key, signs every request, checks the signature of every reply and
 * reads IOPub. The notebook runner drives the kernel through it, so no Jupyter installation is needed.
 *
 * <pre>{@code
 * try (KernelClient c = KernelClient.start(command, workDir)) {
 *   String id = c.send(c.shell(), "execute_request", content);
 * }
 * }</pre>
 */
final class KernelClient implements AutoCloseable {

  private final ZContext ctx = new ZContext();
  private final ZMQ.Socket shell;
  private final ZMQ.Socket control;
  private final ZMQ.Socket iopub;
  private final Mac mac;
  private final String session = UUID.randomUUID().toString();
  private final Process process;
  private final Path log;
  private final Path dir;

  private KernelClient(Process process, Path dir, Path log, String key, int[] ports) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
    shell = ctx.createSocket(SocketType.DEALER);
    shell.connect("tcp://127.0.0.1:" + ports[1]);
    control = ctx.createSocket(SocketType.DEALER);
    control.connect("tcp://127.0.0.1:" + ports[0]);
    iopub = ctx.createSocket(SocketType.SUB);
    iopub.subscribe(new byte[0]);
    iopub.connect("tcp://127.0.0.1:" + ports[4]);
  }

  /** Starts {@code command + [connection file]} in {@code workDir} and connects to it. */
  static KernelClient start(List<String> command, Path workDir) throws IOException {
    int[] ports = freePorts(5);
    String key = UUID.randomUUID().toString();
    Path dir = Files.createTempDirectory("workbench-run");
    Path conn = dir.resolve("kernel.json");
    ObjectNode c = Notebooks.JSON.createObjectNode();
    c.put("control_port", ports[0]).put("shell_port", ports[1]).put("stdin_port", ports[2])
        .put("hb_port", ports[3]).put("iopub_port", ports[4]).put("ip", "127.0.0.1")
        .put("transport", "tcp").put("signature_scheme", "hmac-sha256").put("key", key)
        .put("kernel_name", "workbench");
    Files.writeString(conn, c.toString());
    List<String> cmd = new ArrayList<>(command);
    cmd.add(conn.toString());
    Path log = dir.resolve("kernel.log");
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new KernelClient(p, dir, log, key, ports);
  }

  private static int[] freePorts(int n) throws IOException {
    int[] out = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        out[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return out;
  }

  ZMQ.Socket shell() {
    return shell;
  }

  ZMQ.Socket control() {
    return control;
  }

  /** The kernel's process id. */
  long pid() {
    return process.pid();
  }

  /** The kernel's exit status once it has ended. */
  java.util.OptionalInt exitValue() {
    return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
  }

  /** Whether the kernel process is still running. */
  boolean alive() {
    return process.isAlive();
  }

  /** The last lines of the kernel's own output (for error messages). */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Sends a signed request; returns its message id. */
  synchronized String send(ZMQ.Socket socket, String type, ObjectNode content) {
    String id = UUID.randomUUID().toString();
    ObjectNode header = Notebooks.JSON.createObjectNode();
    header.put("msg_id", id).put("session", session).put("username", "workbench")
        .put("date", Instant.now().toString()).put("msg_type", type).put("version", "5.3");
    byte[][] parts = {
      header.toString().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
      "{}".getBytes(StandardCharsets.UTF_8), content.toString().getBytes(StandardCharsets.UTF_8)
    };
    socket.sendMore("<IDS|MSG>");
    socket.sendMore(sign(parts));
    for (int i = 0; i < parts.length; i++) {
      if (i < parts.length - 1) {
        socket.sendMore(parts[i]);
      } else {
        socket.send(parts[i]);
      }
    }
    return id;
  }

  private String sign(byte[][] parts) {
    synchronized (mac) {
      for (byte[] p : parts) {
        mac.update(p);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    }
  }

  /**
   * One message received, or null after {@code timeoutMillis}; messages with a bad signature or without the
   * delimiter are skipped (they are not from our kernel).
   *
   * @throws IllegalStateException when a correctly signed message is not readable JSON
   */
  Msg receive(ZMQ.Socket socket, long timeoutMillis) {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      long left = end - System.currentTimeMillis();
      byte[] first;
      if (left <= 0) {
        first = socket.recv(ZMQ.DONTWAIT);
      } else {
        socket.setReceiveTimeOut((int) Math.min(left, Integer.MAX_VALUE));
        first = socket.recv();
      }
      if (first == null) {
        return null;
      }
      List<byte[]> frames = new ArrayList<>();
      frames.add(first);
      while (socket.hasReceiveMore()) {
        frames.add(socket.recv());
      }
      int delim = -1;
      for (int i = 0; i < frames.size(); i++) {
        if ("<IDS|MSG>".equals(new String(frames.get(i), StandardCharsets.UTF_8))) {
          delim = i;
          break;
        }
      }
      if (delim < 0 || frames.size() < delim + 6) {
        continue;
      }
      byte[][] parts = {frames.get(delim + 2), frames.get(delim + 3), frames.get(delim + 4), frames.get(delim + 5)};
      String sig = new String(frames.get(delim + 1), StandardCharsets.UTF_8);
      if (!sig.equals(sign(parts))) {
        continue;
      }
      JsonNode header = parse(parts[0], "header", null);
      String type = header.path("msg_type").asText();
      JsonNode parent = parse(parts[1], "parent header", type);
      JsonNode content = parse(parts[3], "content", type);
      return new Msg(type, parent.path("msg_id").asText(), content);
    }
  }

  /** A part of a correctly signed message; one the runner cannot read is an error, never skipped silently. */
  private static JsonNode parse(byte[] part, String what, String type) {
    try {
      return Notebooks.JSON.readTree(part);
    } catch (IOException e) {
      throw new IllegalStateException("The kernel sent a message whose " + what
          + (type == null ? "" : " (" + type + ")") + " the runner cannot read (" + part.length + " bytes): "
          + e.getMessage(), e);
    }
  }

  /** A received message: its type, the id of the request it answers, its content. */
  record Msg(String type, String parentId, JsonNode content) {}

  /** Waits until the kernel answers {@code kernel_info} and IOPub delivers, up to {@code timeoutMillis}. */
  boolean waitReady(long timeoutMillis) {
    long end = System.currentTimeMillis() + timeoutMillis;
    boolean replied = false;
    while (System.currentTimeMillis() < end && process.isAlive()) {
      String id = send(shell, "kernel_info_request", Notebooks.JSON.createObjectNode());
      long until = System.currentTimeMillis() + 1000;
      while (!replied && System.currentTimeMillis() < until) {
        Msg m = receive(shell, 250);
        replied = m != null && m.type().equals("kernel_info_reply") && m.parentId().equals(id);
      }
      if (replied) {
        Msg m;
        while ((m = receive(iopub, 250)) != null) {
          if (m.type().equals("status") && m.parentId().equals(id)) {
            return true;
          }
        }
        replied = false;
      }
    }
    return false;
  }

  ZMQ.Socket iopub() {
    return iopub;
  }

  /** Asks the kernel to stop the running cell. */
  void interrupt() {
    send(control, "interrupt_request", Notebooks.JSON.createObjectNode());
  }

  /**
   * Sends a shutdown request and waits up to {@code timeoutMillis} for the kernel to exit by itself.
   *
   * @return whether it exited with status 0 in time (it is left running otherwise)
   */
  boolean shutdown(long timeoutMillis) throws InterruptedException {
    if (process.isAlive()) {
      send(control, "shutdown_request", Notebooks.JSON.createObjectNode().put("restart", false));
      if (!process.waitFor(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    return process.exitValue() == 0;
  }

  /** Ends the kernel: a shutdown request, then the process is killed if it lingers. */
  @Override
  public void close() {
    try {
      if (process.isAlive() && !shutdown(5000) && process.isAlive()) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      ctx.close();
      try {
        Files.deleteIfExists(log);
        Files.deleteIfExists(dir.resolve("kernel.json"));
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // temporary files only
      }
    }
  }

  /** Kills the kernel process at once. */
  void kill() {
    process.destroyForcibly();
  }
}
