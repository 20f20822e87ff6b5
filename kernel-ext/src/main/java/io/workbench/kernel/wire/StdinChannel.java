package io.workbench.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.zeromq.ZMQ;

/**
 * The stdin channel: asks the frontend for a line of input ({@code input_request}) and waits for its
 * {@code input_reply}. Anything else arriving there (junk frames, bad signatures, replays, other message types,
 * stale replies to an earlier request) is dropped and logged without disturbing the wait, so the user's input
 * is never lost. Used by one thread at a time (the cell reading {@code System.in}).
 *
 * <pre>{@code
 * String line = stdin.requestInput(request.identities(), request.header(), "Name: ", false, () -> false);
 * }</pre>
 */
public final class StdinChannel {

  private final ZMQ.Socket socket;
  private final KernelSockets sockets;
  private final PrintStream log;

  StdinChannel(ZMQ.Socket socket, KernelSockets sockets, PrintStream log) {
    this.socket = socket;
    this.sockets = sockets;
    this.log = log;
  }

  /**
   * Asks for one line of input and waits for it.
   *
   * @param identities the routing identities of the execute request (the frontend that asked)
   * @param parent the header of the execute request
   * @param prompt the prompt to show
   * @param password whether the frontend should hide what is typed
   * @param cancelled polled while waiting: when it turns true, the wait ends
   * @return the line, without its end
   * @throws InterruptedIOException when {@code cancelled} turned true or the thread was interrupted
   */
  public synchronized String requestInput(List<byte[]> identities, JsonNode parent, String prompt,
      boolean password, BooleanSupplier cancelled) throws InterruptedIOException {
    ZMQ.Poller poller = sockets.context().createPoller(1);
    try {
      poller.register(socket, ZMQ.Poller.POLLIN);
      while (poller.poll(0) > 0 && poller.pollin(0)) {
        if (Frames.receive(socket) == null) {
          break;   // stale input from before this request: dropped
        }
      }
      ObjectNode content = MessageCodec.JSON.createObjectNode().put("prompt", prompt).put("password", password);
      ObjectNode header = sockets.codec().header("input_request");
      String id = header.path("msg_id").asText();
      Frames.send(socket, sockets.codec().encode(identities, header, parent, null, content));
      while (true) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("input request cancelled");
        }
        if (poller.poll(100) <= 0 || !poller.pollin(0)) {
          continue;
        }
        List<byte[]> in = Frames.receive(socket);
        if (in == null) {
          continue;
        }
        WireMessage m;
        try {
          m = sockets.codec().decode(in);
        } catch (MessageCodec.Rejected e) {
          log.println("[kernel] stdin: dropped a message: " + e.getMessage());
          continue;
        }
        String parentId = m.parent().path("msg_id").asText("");
        if (!m.type().equals("input_reply") || !(parentId.isEmpty() || parentId.equals(id))) {
          log.println("[kernel] stdin: dropped a " + m.type() + " that does not answer the input request");
          continue;
        }
        JsonNode value = m.content().get("value");
        return value != null && value.isTextual() ? value.asText() : "";
      }
    } finally {
      poller.close();
    }
  }
}
