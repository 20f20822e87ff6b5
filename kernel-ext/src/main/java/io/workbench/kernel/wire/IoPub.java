package io.workbench.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.zeromq.ZMQ;

/**
 * The IOPub channel: any thread may publish; one thread owns the PUB socket and sends in order. Nothing is
 * dropped: the socket's high-water mark is unlimited (ZeroMQ's PUB would otherwise drop silently past 1,000
 * queued messages) and publishers block while {@link #QUEUE} messages wait for the sending thread.
 *
 * <pre>{@code
 * iopub.publish("status", request.header(), JSON.createObjectNode().put("execution_state", "busy"));
 * }</pre>
 */
public final class IoPub {

  /** Messages that may wait for the sending thread before publishers block. */
  public static final int QUEUE = 4096;

  private static final List<byte[]> STOP = List.of();

  private final ZMQ.Socket socket;
  private final MessageCodec codec;
  private final PrintStream log;
  private final BlockingQueue<List<byte[]>> queue = new LinkedBlockingQueue<>(QUEUE);
  private final Object progress = new Object();
  private long queued;
  private long sent;
  private final Thread thread;

  IoPub(ZMQ.Socket socket, MessageCodec codec, PrintStream log) {
    this.socket = socket;
    this.codec = codec;
    this.log = log;
    thread = new Thread(this::run, "iopub");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Publishes a message (blocking while the queue is full).
   *
   * @param type message type
   * @param parent the header of the request it belongs to, or null
   * @param content the content
   */
  public void publish(String type, JsonNode parent, ObjectNode content) {
    byte[] topic = ("kernel." + codec.session() + "." + type).getBytes(StandardCharsets.UTF_8);
    List<byte[]> frames = codec.encode(List.of(topic), type, parent, null, content);
    synchronized (progress) {
      queued++;
    }
    try {
      queue.put(frames);
    } catch (InterruptedException e) {
      // keep the message: an interrupted cell thread may still be publishing its last output
      boolean done = false;
      while (!done) {
        try {
          queue.put(frames);
          done = true;
        } catch (InterruptedException again) {
          // retry; the interrupt is restored below
        }
      }
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until every message published so far was handed to ZeroMQ, at most {@code millis}; false on timeout. */
  public boolean awaitSent(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (progress) {
      long target = queued;
      while (sent < target) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        try {
          progress.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void run() {
    while (true) {
      List<byte[]> frames;
      try {
        frames = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (frames == STOP) {
        return;
      }
      try {
        if (!Frames.send(socket, frames)) {
          log.println("[kernel] IOPub: ZeroMQ refused a message");
        }
      } catch (RuntimeException e) {
        log.println("[kernel] IOPub: cannot send a message: " + e);
      }
      synchronized (progress) {
        sent++;
        progress.notifyAll();
      }
    }
  }

  void stop() {
    try {
      queue.offer(STOP, 2, TimeUnit.SECONDS);
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
