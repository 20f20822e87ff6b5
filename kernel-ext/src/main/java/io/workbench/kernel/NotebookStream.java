package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.kernel.wire.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code System.out} or {@code System.err} of the kernel: bytes are collected and sent as one {@code stream}
 * message when they have waited {@link #FLUSH_MILLIS} or reached {@link #FLUSH_BYTES} (as ipykernel coalesces
 * output, instead of one message per line), never splitting a UTF-8 character. At most {@code limit} bytes
 * per cell reach the notebook; the rest are counted and {@link #end()} says how many were not shown. Before
 * the first cell (no parent request yet) bytes go to the process's own stream. Thread-safe.
 *
 * <pre>{@code
 * NotebookStream out = new NotebookStream("stdout", iopub::publish, System.out, timer, 1_000_000);
 * System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
 * out.begin(request.header());   ...   out.end();
 * }</pre>
 */
final class NotebookStream extends OutputStream {

  /** Longest time output waits before it is sent. */
  static final long FLUSH_MILLIS = 100;
  /** Output waiting up to this many bytes is sent at once. */
  static final int FLUSH_BYTES = 64 * 1024;

  /** Where stream messages go: (message type, parent header, content). */
  interface Sink {
    void publish(String type, JsonNode parent, ObjectNode content);
  }

  private final String name;
  private final Sink sink;
  private final PrintStream fallback;
  private final ScheduledExecutorService timer;
  private final long limit;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private JsonNode parent;
  private long written;
  private long dropped;
  private boolean scheduled;

  NotebookStream(String name, Sink sink, PrintStream fallback, ScheduledExecutorService timer, long limit) {
    this.name = name;
    this.sink = sink;
    this.fallback = fallback;
    this.timer = timer;
    this.limit = limit;
  }

  /** Starts a cell: output from now on belongs to {@code parentHeader}, with a fresh limit. */
  synchronized void begin(JsonNode parentHeader) {
    end();
    parent = parentHeader;
    written = 0;
    dropped = 0;
  }

  /** Sends what waits, then the notice of bytes not shown, if any. */
  synchronized void end() {
    send(true);
    if (dropped > 0 && parent != null) {
      publish("\n[" + name + " truncated: " + dropped + " more bytes not shown; the limit is " + limit
          + " bytes per cell]\n");
      dropped = 0;
    }
  }

  /** Sends what waits now (before a display or a result, to keep the order the cell produced). */
  synchronized void sendNow() {
    send(true);
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (parent == null) {
      fallback.write(b, off, len);
      return;
    }
    long room = Math.max(0, limit - written);
    int pass = (int) Math.min(room, len);
    buffer.write(b, off, pass);
    written += pass;
    dropped += len - pass;
    if (buffer.size() >= FLUSH_BYTES) {
      send(false);
    } else if (buffer.size() > 0 && !scheduled) {
      scheduled = true;
      timer.schedule(this::timed, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Output is sent on a timer and by size, not on every {@code flush()} (which println calls per line). */
  @Override
  public void flush() {
    if (parent == null) {
      fallback.flush();
    }
  }

  private synchronized void timed() {
    scheduled = false;
    send(false);
  }

  /** Publishes the buffer; unless {@code all}, holds back an incomplete UTF-8 character at its end. */
  private void send(boolean all) {
    int n = buffer.size();
    if (n == 0) {
      return;
    }
    byte[] bytes = buffer.toByteArray();
    int cut = all ? n : completeUtf8(bytes, n);
    buffer.reset();
    buffer.write(bytes, cut, n - cut);
    if (cut > 0) {
      publish(new String(bytes, 0, cut, StandardCharsets.UTF_8));
    }
  }

  private void publish(String text) {
    if (parent == null) {
      fallback.print(text);
      return;
    }
    ObjectNode c = MessageCodec.JSON.createObjectNode().put("name", name).put("text", text);
    sink.publish("stream", parent, c);
  }

  /** The length of the longest prefix of {@code b[0..n)} that does not end inside a UTF-8 character. */
  static int completeUtf8(byte[] b, int n) {
    int i = n - 1;
    int back = 0;
    while (i >= 0 && back < 3 && (b[i] & 0xC0) == 0x80) {
      i--;
      back++;
    }
    if (i < 0) {
      return n;
    }
    int lead = b[i] & 0xFF;
    int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return n - i < need ? i : n;
  }
}
