package io.workbench.kernel.wire;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The signatures of messages already accepted, so that a captured message sent again is refused (a replay), as
 * jupyter_client's {@code Session.digest_history} does. Memory is bounded: past {@link #CAPACITY} signatures
 * the oldest are forgotten first. Thread-safe: the shell, control and stdin channels share one instance.
 *
 * <pre>{@code
 * SeenSignatures seen = new SeenSignatures();
 * seen.firstSight(sig);   // true
 * seen.firstSight(sig);   // false: a replay
 * }</pre>
 */
public final class SeenSignatures {

  /** How many signatures are remembered (jupyter_client's default {@code digest_history_size}). */
  public static final int CAPACITY = 1 << 16;

  private final int capacity;
  private final Set<String> seen = new HashSet<>();
  private final ArrayDeque<String> order = new ArrayDeque<>();

  /** Remembers up to {@link #CAPACITY} signatures. */
  public SeenSignatures() {
    this(CAPACITY);
  }

  /** Remembers up to {@code capacity} signatures. */
  public SeenSignatures(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records the signature; false when it was seen before (the message is a replay). */
  public synchronized boolean firstSight(String signature) {
    if (!seen.add(signature)) {
      return false;
    }
    order.addLast(signature);
    if (order.size() > capacity) {
      seen.remove(order.removeFirst());
    }
    return true;
  }

  /** How many signatures are remembered now. */
  public synchronized int size() {
    return seen.size();
  }
}
