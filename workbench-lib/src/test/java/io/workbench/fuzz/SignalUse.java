package io.workbench.fuzz;

import io.workbench.signal.Channel;
import io.workbench.signal.Recording;

/** Touches what a reader returned, so that errors in lazily checked values surface. */
final class SignalUse {

  private SignalUse() {}

  static void use(Recording r) {
    r.duration();
    r.annotations().size();
    for (Channel c : r.channels()) {
      double sum = 0;
      for (double v : c.samples()) {
        sum += v;
      }
      if (Double.isInfinite(sum) && c.length() < 1_000_000) {
        for (double v : c.samples()) {
          if (Double.isInfinite(v)) {
            throw new IllegalStateException("channel '" + c.name() + "' holds an infinite sample");
          }
        }
      }
    }
    r.toText();
  }
}
