package io.workbench.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Ends a kernel that outlived the client that started it. Every second it checks the process that started the
 * kernel (its parent at start) and the one named by {@code JPY_PARENT_PID} (what jupyter_client sets, as
 * ipykernel's {@code ParentPollerUnix} watches); when one of them has exited, the kernel exits. Process handles
 * remember the start time, so a reused process id does not fool the check. When there is no parent to watch
 * (started by PID 1, as a detached daemon or a container's first process), it falls back on the heartbeat: once
 * a client has pinged, {@link #ORPHAN_TIMEOUT_SECONDS} without a ping end the kernel (long enough for a client
 * to reconnect; system property {@code workbench.kernel.orphanTimeout} in seconds, 0 to never time out).
 *
 * <pre>{@code
 * ParentWatch.start(sockets.heartbeat()::seen, sockets.heartbeat()::lastBeatNanos, System.err,
 *     () -> Runtime.getRuntime().halt(1));
 * }</pre>
 */
final class ParentWatch {

  /** Default seconds without a heartbeat before a kernel with no parent to watch exits. */
  static final long ORPHAN_TIMEOUT_SECONDS = 30 * 60;
  /** How often the parent is checked. */
  static final long POLL_MILLIS = 1000;

  private final List<ProcessHandle> watched;
  private final BooleanSupplier heartbeatSeen;
  private final LongSupplier lastBeatNanos;
  private final long timeoutNanos;

  ParentWatch(List<ProcessHandle> watched, BooleanSupplier heartbeatSeen, LongSupplier lastBeatNanos,
      long timeoutSeconds) {
    this.watched = List.copyOf(watched);
    this.heartbeatSeen = heartbeatSeen;
    this.lastBeatNanos = lastBeatNanos;
    this.timeoutNanos = timeoutSeconds <= 0 ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(timeoutSeconds);
  }

  /** The processes to watch: the parent at start and {@code JPY_PARENT_PID}, each when alive and not PID 1. */
  static List<ProcessHandle> parents(String jpyParentPid) {
    List<ProcessHandle> out = new ArrayList<>();
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    parent.filter(p -> p.pid() > 1 && p.isAlive()).ifPresent(out::add);
    if (jpyParentPid != null && !jpyParentPid.isBlank()) {
      try {
        long pid = Long.parseLong(jpyParentPid.trim());
        if (pid > 1 && out.stream().noneMatch(p -> p.pid() == pid)) {
          ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(out::add);
        }
      } catch (NumberFormatException e) {
        // not a process id: nothing more to watch
      }
    }
    return out;
  }

  /** Why the kernel should end now, or null while it should live on. */
  String reasonToExit(long nowNanos) {
    for (ProcessHandle p : watched) {
      if (!p.isAlive()) {
        return "the process that started the kernel (pid " + p.pid() + ") has exited";
      }
    }
    if (watched.isEmpty() && heartbeatSeen.getAsBoolean() && nowNanos - lastBeatNanos.getAsLong() > timeoutNanos) {
      return "no client has sent a heartbeat for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s and there"
          + " is no parent process to watch";
    }
    return null;
  }

  /** Starts the watch on a daemon thread; {@code exit} runs once the kernel should end. */
  static Thread start(BooleanSupplier heartbeatSeen, LongSupplier lastBeatNanos, PrintStream log, Runnable exit) {
    long timeout = Long.getLong("workbench.kernel.orphanTimeout", ORPHAN_TIMEOUT_SECONDS);
    ParentWatch w = new ParentWatch(parents(System.getenv("JPY_PARENT_PID")), heartbeatSeen, lastBeatNanos, timeout);
    Thread t = new Thread(() -> {
      while (true) {
        String why = w.reasonToExit(System.nanoTime());
        if (why != null) {
          log.println("[kernel] shutting down: " + why);
          log.flush();
          exit.run();
          return;
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "parent-watch");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
