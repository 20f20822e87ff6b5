package io.workbench.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Passes at most {@code limit} bytes of a cell's output to the notebook and counts the rest, so a cell
 * printing megabytes cannot flood the frontend; the kernel then says how much it dropped.
 *
 * <pre>{@code
 * CappedStream cap = new CappedStream(System.out, 1_000_000);
 * }</pre>
 */
final class CappedStream extends OutputStream {
  private final PrintStream target;
  private final long limit;
  private long written;
  private long dropped;

  CappedStream(PrintStream target, long limit) {
    this.target = target;
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    if (written < limit) {
      target.write(b);
      written++;
    } else {
      dropped++;
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    long room = Math.max(0, limit - written);
    int pass = (int) Math.min(room, len);
    if (pass > 0) {
      target.write(b, off, pass);
      written += pass;
    }
    dropped += len - pass;
  }

  @Override
  public void flush() throws IOException {
    target.flush();
  }

  /** Bytes not shown. */
  synchronized long dropped() {
    return dropped;
  }

  /** Tells the user, on the same stream, how much output was dropped. */
  void reportDropped(String name) {
    long d = dropped();
    if (d > 0) {
      target.println();
      target.println("[" + name + " truncated: " + d + " more bytes not shown; the limit is " + limit
          + " bytes per cell]");
      target.flush();
    }
  }
}
