package io.workbench.kernel.wire;

import java.io.PrintStream;
import java.util.List;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The heartbeat channel: echoes every ping on its own thread (so a busy cell never looks like a dead kernel)
 * and remembers when the last one came, for the orphan check of a kernel whose parent cannot be watched.
 *
 * <pre>{@code
 * long quietNanos = System.nanoTime() - heartbeat.lastBeatNanos();
 * }</pre>
 */
public final class Heartbeat {

  private final ZMQ.Socket socket;
  private final ZContext context;
  private final PrintStream log;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long lastBeat;
  private volatile boolean seen;

  Heartbeat(ZMQ.Socket socket, ZContext context, PrintStream log) {
    this.socket = socket;
    this.context = context;
    this.log = log;
    thread = new Thread(this::run, "heartbeat");
    thread.setDaemon(true);
    lastBeat = System.nanoTime();
  }

  void start() {
    thread.start();
  }

  void stop() {
    running = false;
  }

  /** Whether any ping has arrived yet. */
  public boolean seen() {
    return seen;
  }

  /** {@link System#nanoTime()} of the last ping (of the start, before the first). */
  public long lastBeatNanos() {
    return lastBeat;
  }

  private void run() {
    ZMQ.Poller poller = context.createPoller(1);
    poller.register(socket, ZMQ.Poller.POLLIN);
    try {
      while (running) {
        try {
          if (poller.poll(500) <= 0 || !poller.pollin(0)) {
            continue;
          }
          List<byte[]> ping = Frames.receive(socket);
          if (ping == null) {
            continue;
          }
          if (ping.isEmpty()) {
            ping = List.of(new byte[0]);   // a message of too many frames: answer, so REP stays in step
          }
          lastBeat = System.nanoTime();
          seen = true;
          Frames.send(socket, ping);
        } catch (RuntimeException e) {
          log.println("[kernel] heartbeat: " + e);
        }
      }
    } finally {
      poller.close();
    }
  }
}
