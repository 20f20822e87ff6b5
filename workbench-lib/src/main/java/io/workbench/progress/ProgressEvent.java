package io.workbench.progress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of long work.
 *
 * <pre>{@code
 * ProgressEvent e = new ProgressEvent("train", 12, 40, "epoch 12/40 loss 0.213", Map.of("loss", 0.213), false);
 * e.fraction();   // 0.3
 * }</pre>
 *
 * @param task what is running, for example {@code "train"} or {@code "kernel SHAP"}
 * @param done units finished so far (batches, samples, folds)
 * @param total units in all, or {@code -1} when unknown
 * @param detail a short human-readable status, for example {@code "epoch 3/40 loss 0.213"}; nested work
 *     names its step first, for example {@code "fold 3/5: epoch 12/40 loss 0.213"}
 * @param values named numbers of this step (for training: {@code epoch}, {@code batch}, {@code loss})
 * @param finished whether the work has ended (normally or stopped)
 * @param share the share done in [0, 1] when it is finer than {@code done / total} (nested work: 2 folds
 *     done and the third 30 % through), or {@code NaN} to take {@code done / total}
 */
public record ProgressEvent(
    String task, long done, long total, String detail, Map<String, Double> values, boolean finished, double share) {

  /** Copies the values and checks the share. */
  public ProgressEvent {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    if (!Double.isNaN(share) && !(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in [0, 1] or NaN, got " + share);
    }
  }

  /** An event whose share done is {@code done / total}. */
  public ProgressEvent(String task, long done, long total, String detail, Map<String, Double> values,
      boolean finished) {
    this(task, done, total, detail, values, finished, Double.NaN);
  }

  /** Share done, in [0, 1], or {@code NaN} when the total is unknown. */
  public double fraction() {
    if (!Double.isNaN(share)) {
      return share;
    }
    return total <= 0 ? Double.NaN : Math.min(1.0, (double) done / total);
  }

  /** Whether the work ended before all of it was done (cancelled, interrupted, failed). */
  public boolean stopped() {
    return finished && total > 0 && done < total;
  }

  /** A named value, or {@code NaN}. */
  public double value(String name) {
    return values.getOrDefault(name, Double.NaN);
  }
}
