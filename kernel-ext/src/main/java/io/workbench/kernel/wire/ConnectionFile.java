package io.workbench.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a Jupyter connection file says: transport, address, the five ports, the signature scheme and key.
 * Reading it checks every field and names the file and the field in the error; the address defaults to
 * {@code 127.0.0.1} (never all interfaces), and an IPv6 address such as {@code ::1} gives endpoints of the form
 * {@code tcp://[::1]:PORT}.
 *
 * <pre>{@code
 * ConnectionFile c = ConnectionFile.read(Path.of("kernel-1234.json"));
 * c.endpoint(c.shellPort());   // "tcp://127.0.0.1:53794"
 * }</pre>
 *
 * @param transport {@code tcp} (the only transport this kernel binds)
 * @param ip the address to bind, without brackets
 * @param shellPort shell ROUTER port
 * @param iopubPort IOPub PUB port
 * @param stdinPort stdin ROUTER port
 * @param controlPort control ROUTER port
 * @param hbPort heartbeat REP port
 * @param signatureScheme {@code hmac-sha256} or another {@code hmac-<digest>}
 * @param key the HMAC key; empty means messages are not signed
 */
public record ConnectionFile(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
    int controlPort, int hbPort, String signatureScheme, String key) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks the fields; see {@link #read(Path)} for what each may hold. */
  public ConnectionFile {
    if (!"tcp".equals(transport)) {
      throw new IllegalArgumentException("transport must be \"tcp\", got \"" + transport + "\""
          + ("ipc".equals(transport) ? " (ipc is not supported by this kernel's ZeroMQ)" : ""));
    }
    if (ip == null || ip.isBlank()) {
      throw new IllegalArgumentException("ip must be an address such as 127.0.0.1 or ::1, got \"" + ip + "\"");
    }
    for (int port : new int[] {shellPort, iopubPort, stdinPort, controlPort, hbPort}) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("ports must lie in 1..65535, got " + port);
      }
    }
    if (signatureScheme == null || !signatureScheme.startsWith("hmac-")) {
      throw new IllegalArgumentException("signature_scheme must be hmac-<digest> such as hmac-sha256, got \""
          + signatureScheme + "\"");
    }
    if (key == null) {
      throw new IllegalArgumentException("key must be a string (empty for unsigned messages)");
    }
  }

  /**
   * Reads a connection file. Missing {@code transport}, {@code ip} and {@code signature_scheme} default to
   * {@code tcp}, {@code 127.0.0.1} and {@code hmac-sha256}; the five ports are required.
   *
   * @throws IllegalArgumentException naming the file and the field when the file is unreadable or a field is
   *     missing or wrong
   */
  public static ConnectionFile read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("Connection file " + file + " cannot be read as JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Connection file " + file + " must hold a JSON object");
    }
    try {
      String ip = text(root, "ip", "127.0.0.1");
      if (ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      return new ConnectionFile(text(root, "transport", "tcp"), ip, port(root, "shell_port"),
          port(root, "iopub_port"), port(root, "stdin_port"), port(root, "control_port"), port(root, "hb_port"),
          text(root, "signature_scheme", "hmac-sha256"), text(root, "key", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Connection file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode root, String field, String dflt) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty() && !field.equals("key"))) {
      return dflt;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, got " + n);
    }
    return n.asText();
  }

  private static int port(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " must be a port number in 1..65535, got " + n);
    }
    int p = n.asInt();
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException(field + " must be a port number in 1..65535, got " + p);
    }
    return p;
  }

  /** Whether the address is IPv6 (the sockets then need IPv6 enabled). */
  public boolean ipv6() {
    return ip.contains(":");
  }

  /** The ZeroMQ endpoint of one port, such as {@code tcp://127.0.0.1:5555} or {@code tcp://[::1]:5555}. */
  public String endpoint(int port) {
    return transport + "://" + (ipv6() ? "[" + ip + "]" : ip) + ":" + port;
  }

  /** The five ports in the order shell, iopub, stdin, control, heartbeat. */
  public List<Integer> ports() {
    return List.of(shellPort, iopubPort, stdinPort, controlPort, hbPort);
  }

  /** Hides the key. */
  @Override
  public String toString() {
    return "ConnectionFile[" + endpoint(shellPort) + ", ports " + ports() + ", " + signatureScheme
        + (key.isEmpty() ? ", unsigned" : ", signed") + "]";
  }
}
