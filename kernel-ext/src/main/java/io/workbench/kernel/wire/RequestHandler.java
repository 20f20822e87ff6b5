package io.workbench.kernel.wire;

/**
 * How the kernel answers the requests of one channel (shell or control). The loop around it publishes
 * {@code busy} and {@code idle} and replies with an error when the handler throws before replying.
 *
 * <pre>{@code
 * RequestHandler h = r -> r.reply(MessageCodec.JSON.createObjectNode().put("status", "ok"));
 * }</pre>
 */
@FunctionalInterface
public interface RequestHandler {

  /** Answers one request (reply with {@link Request#reply}). */
  void handle(Request request) throws Exception;
}
