package io.workbench.kernel.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One request being answered: its message, the reply (sent once, on the channel it came from), IOPub
 * messages with the request as parent, and the requests a handler may make of its loop (shut down, abort the
 * execute requests already waiting). The loop publishes {@code busy} before the handler runs and {@code idle}
 * after it, and sends an error reply when the handler fails without having replied.
 *
 * <pre>{@code
 * void handle(Request r) { r.reply(JSON.createObjectNode().put("status", "ok")); }
 * }</pre>
 */
public final class Request {

  private final RequestLoop loop;
  private final WireMessage message;
  private boolean replied;
  private boolean shutdown;

  Request(RequestLoop loop, WireMessage message) {
    this.loop = loop;
    this.message = message;
  }

  /** The request. */
  public WireMessage message() {
    return message;
  }

  /** The channel it came on: {@code shell} or {@code control}. */
  public String channel() {
    return loop.name();
  }

  /** The IOPub channel. */
  public IoPub iopub() {
    return loop.sockets().iopub();
  }

  /** The stdin channel. */
  public StdinChannel stdin() {
    return loop.sockets().stdin();
  }

  /** Publishes on IOPub with this request as parent. */
  public void publish(String type, ObjectNode content) {
    iopub().publish(type, message.header(), content);
  }

  /** Sends the reply ({@code <type>_reply} for {@code <type>_request}); a second reply is refused. */
  public void reply(ObjectNode content) {
    if (replied) {
      throw new IllegalStateException("request " + message.id() + " was answered already");
    }
    replied = true;
    loop.send(message.identities(), replyType(message.type()), message.header(), content);
  }

  /** Whether the reply was sent. */
  public boolean replied() {
    return replied;
  }

  /** The reply type of a request type: {@code execute_request} to {@code execute_reply}. */
  public static String replyType(String requestType) {
    return requestType.endsWith("_request")
        ? requestType.substring(0, requestType.length() - "_request".length()) + "_reply"
        : requestType + "_reply";
  }

  /** Content of an error reply: status, ename, evalue, traceback. */
  public static ObjectNode errorContent(String ename, String evalue, List<String> traceback) {
    ObjectNode c = MessageCodec.JSON.createObjectNode();
    c.put("status", "error").put("ename", ename).put("evalue", evalue == null ? "" : evalue);
    ArrayNode tb = c.putArray("traceback");
    traceback.forEach(tb::add);
    return c;
  }

  /** Ends the kernel once this request is answered and {@code idle} published. */
  public void shutdownAfterReply() {
    shutdown = true;
  }

  boolean shutdownRequested() {
    return shutdown;
  }

  /**
   * Marks the execute requests waiting on this channel now to be answered with status {@code aborted} once this
   * request is done ({@code stop_on_error}); call it before replying, so that requests sent after the reply run.
   */
  public void abortQueuedExecutes() {
    loop.drainForAbort();
  }
}
