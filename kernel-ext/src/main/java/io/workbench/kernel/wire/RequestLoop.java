package io.workbench.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * A thread serving one ROUTER channel (shell or control): reads whole messages, drops what the codec refuses
 * (logged, never answered: no delimiter, bad or replayed signature), publishes {@code busy}, runs the handler,
 * and always publishes {@code idle}; when the handler throws anything, {@link Error}s included, before it
 * replied, the loop replies with an error. Nothing a client sends can stop the loop.
 *
 * <pre>{@code
 * new RequestLoop("shell", sockets, socket, handler, System.err).start();
 * }</pre>
 */
final class RequestLoop {

  private final String name;
  private final KernelSockets sockets;
  private final ZMQ.Socket socket;
  private final RequestHandler handler;
  private final PrintStream log;
  private final Thread thread;
  private volatile boolean running = true;
  /** Messages that were waiting when a handler asked to abort them: execute requests among them are aborted. */
  private final java.util.ArrayDeque<List<byte[]>> toAbort = new java.util.ArrayDeque<>();
  private ZMQ.Poller poller;

  RequestLoop(String name, KernelSockets sockets, ZMQ.Socket socket, RequestHandler handler, PrintStream log) {
    this.name = name;
    this.sockets = sockets;
    this.socket = socket;
    this.handler = handler;
    this.log = log;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  String name() {
    return name;
  }

  KernelSockets sockets() {
    return sockets;
  }

  void start() {
    thread.start();
  }

  void stop() {
    running = false;
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  void send(List<byte[]> identities, String type, JsonNode parent, ObjectNode content) {
    List<byte[]> frames = sockets.codec().encode(identities, type, parent, null, content);
    if (!Frames.send(socket, frames)) {
      log.println("[kernel] " + name + ": ZeroMQ refused the " + type);
    }
  }

  private void run() {
    poller = sockets.context().createPoller(1);
    poller.register(socket, ZMQ.Poller.POLLIN);
    try {
      while (running) {
        try {
          once();
        } catch (Throwable t) {
          log.println("[kernel] " + name + ": " + t);
        }
      }
    } finally {
      poller.close();
    }
  }

  /** Takes every message waiting now off the socket, to be handled with execute requests aborted. */
  void drainForAbort() {
    while (poller.poll(0) > 0 && poller.pollin(0)) {
      List<byte[]> frames = Frames.receive(socket);
      if (frames == null) {
        return;
      }
      toAbort.addLast(frames);
    }
  }

  private void once() {
    boolean abort = !toAbort.isEmpty();
    List<byte[]> frames;
    if (abort) {
      frames = toAbort.removeFirst();
    } else {
      if (poller.poll(200) <= 0 || !poller.pollin(0)) {
        return;
      }
      frames = Frames.receive(socket);
      if (frames == null) {
        return;
      }
    }
    WireMessage m;
    try {
      m = sockets.codec().decode(frames);
    } catch (MessageCodec.Rejected e) {
      log.println("[kernel] " + name + ": dropped a message: " + e.getMessage());
      return;
    }
    Request r = new Request(this, m);
    status(r, "busy");
    try {
      if (abort && m.type().equals("execute_request")) {
        ObjectNode c = MessageCodec.JSON.createObjectNode().put("status", "aborted");
        r.reply(c);
      } else if (m.problem() != null) {
        r.reply(Request.errorContent("BadRequest", m.problem(), List.of(m.problem())));
      } else {
        handler.handle(r);
      }
    } catch (Throwable t) {
      log.println("[kernel] " + name + ": " + m.type() + " failed: " + t);
      if (!r.replied()) {
        try {
          r.reply(Request.errorContent(t.getClass().getSimpleName(), String.valueOf(t.getMessage()), trace(t)));
        } catch (Throwable again) {
          log.println("[kernel] " + name + ": cannot send the error reply: " + again);
        }
      }
    } finally {
      status(r, "idle");
    }
    if (r.shutdownRequested()) {
      running = false;
      sockets.shutdownRequested();
    }
  }

  private static void status(Request r, String state) {
    r.publish("status", MessageCodec.JSON.createObjectNode().put("execution_state", state));
  }

  private static List<String> trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    List<String> lines = new ArrayList<>(w.toString().lines().limit(40).toList());
    return lines;
  }
}
