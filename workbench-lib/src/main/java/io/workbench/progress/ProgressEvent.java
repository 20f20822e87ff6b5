package io.workbench.progress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of long work.
 *
 * @param task what is running, for example {@code "train"} or {@code "kernel SHAP"}
 * @param done units finished so far (batches, samples, folds)
 * @param total units in all, or {@code -1} when unknown
 * @param detail a short human-readable status, for example {@code "epoch 3/40 loss 0.213"}
 * @param values named numbers of this step (for training: {@code epoch}, {@code batch}, {@code loss})
 * @param finished whether the work has ended (normally or cancelled)
 */
public record ProgressEvent(
    String task, long done, long total, String detail, Map<String, Double> values, boolean finished) {

  /** Copies the values. */
  public ProgressEvent {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Share done, in [0, 1], or {@code NaN} when the total is unknown. */
  public double fraction() {
    return total <= 0 ? Double.NaN : Math.min(1.0, (double) done / total);
  }

  /** A named value, or {@code NaN}. */
  public double value(String name) {
    return values.getOrDefault(name, Double.NaN);
  }
}
