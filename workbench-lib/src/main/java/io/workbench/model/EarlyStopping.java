package io.workbench.model;

import java.util.Locale;
import java.util.Objects;

/**
 * When a trainer stops early, shared by every trainer (networks and XGBoost): after {@code patience} epochs
 * or rounds without improvement of the monitored validation metric, keeping the best epoch's or round's
 * model. The validation rows are the trainer's {@code validation(share)} part, or {@value
 * #DEFAULT_VALIDATION} of the training rows when none is set.
 *
 * <pre>{@code
 * Models.mlp(64).earlyStopping(5).fit(train);                                      // 20 % held out
 * Models.xgboost().earlyStopping(20, 0.25).fit(train);                             // 25 % held out
 * Models.mlp(64).validation(0.2).earlyStopping(EarlyStopping.after(5).monitor(Monitor.AUROC)).fit(train);
 * }</pre>
 *
 * @param patience epochs or rounds without improvement before stopping; 0 turns early stopping off
 * @param monitor the validation metric watched
 */
public record EarlyStopping(int patience, Monitor monitor) {

  /** Share of the training rows held out when the trainer has no validation share of its own. */
  public static final double DEFAULT_VALIDATION = 0.2;

  /** The validation metric early stopping watches. */
  public enum Monitor {
    /** Validation loss (log loss, or mean squared error for regression); lower is better. */
    VAL_LOSS("val_loss", false),
    /** Validation accuracy (classification); higher is better. */
    ACCURACY("val_accuracy", true),
    /** Validation AUROC (binary classification; multi-label: mean over labels); higher is better. */
    AUROC("val_auroc", true);

    private final String label;
    private final boolean higherIsBetter;

    Monitor(String label, boolean higherIsBetter) {
      this.label = label;
      this.higherIsBetter = higherIsBetter;
    }

    /** The name used in histories and settings, for example {@code val_auroc}. */
    public String label() {
      return label;
    }

    /** Whether larger values are better. */
    public boolean higherIsBetter() {
      return higherIsBetter;
    }
  }

  /** Checks the patience. */
  public EarlyStopping {
    Objects.requireNonNull(monitor, "monitor");
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0 (0 turns early stopping off), got " + patience);
    }
  }

  /** Stops after {@code patience} epochs or rounds without a lower validation loss. */
  public static EarlyStopping after(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    return new EarlyStopping(patience, Monitor.VAL_LOSS);
  }

  /** No early stopping. */
  public static EarlyStopping off() {
    return new EarlyStopping(0, Monitor.VAL_LOSS);
  }

  /** A copy watching another metric. */
  public EarlyStopping monitor(Monitor m) {
    return new EarlyStopping(patience, Objects.requireNonNull(m, "monitor"));
  }

  /** Whether early stopping is on. */
  public boolean enabled() {
    return patience > 0;
  }

  /** The monitored metric's name, or {@code none} when off. */
  public String monitorName() {
    return enabled() ? monitor.label() : "none";
  }

  /** Follows the metric over epochs or rounds: which step was best, and when to stop. */
  public Watch watch() {
    return new Watch();
  }

  /** The state of one training run's early stopping (not thread-safe; one per run). */
  public final class Watch {
    private double best = Double.NaN;
    private int bestStep = -1;
    private int steps;

    private Watch() {}

    /**
     * Records the metric of the next epoch or round.
     *
     * @return whether it is the best so far (the first always is; ties are not improvements)
     */
    public boolean observe(double value) {
      double score = monitor.higherIsBetter() ? -value : value;
      int step = steps++;
      if (bestStep < 0 || score < best) {
        best = score;
        bestStep = step;
        return true;
      }
      return false;
    }

    /** Whether {@code patience} steps have passed since the best one. */
    public boolean exhausted() {
      return enabled() && bestStep >= 0 && steps - 1 - bestStep >= patience;
    }

    /** The best step, counted from 0, or -1 before any. */
    public int bestStep() {
      return bestStep;
    }
  }

  @Override
  public String toString() {
    return enabled() ? "after " + patience + " on " + monitor.name().toLowerCase(Locale.ROOT) : "off";
  }
}
