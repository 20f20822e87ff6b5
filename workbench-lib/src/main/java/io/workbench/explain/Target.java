package io.workbench.explain;

import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.stats.Stats;
import java.util.Arrays;

/**
 * Which model output an attribution explains. For classifiers the explained output is the predicted
 * <em>probability</em> of the target class (what {@link Model#predictProba(float[][])} returns, as shap's
 * model-agnostic explainers do when given {@code predict_proba}); for regression it is the predicted value
 * and the only valid target is output 0. For a multi-label model a target is a <em>label</em> (its index or
 * name in {@link Model#classNames()}) and the explained output is that label's independent probability;
 * {@link #predicted()} then picks each row's most probable label.
 *
 * <p><b>The default</b> ({@link #auto()}) explains <em>one</em> output for every row, so that summaries over
 * rows (beeswarm, dependence, global importance) never mix classes: the positive class (index 1) of a
 * binary classifier, as shap and Captum users expect; output 0 of a regression. A model with more than two
 * classes, or a multi-label model, has no natural single class: explaining it without a target fails with
 * a message that lists the class names and the ways to choose.
 *
 * <pre>{@code
 * Target.auto()               // the default: class 1 of a binary model, output 0 of a regression
 * Target.of(1)                // class index 1 for every row
 * Target.of("malignant")      // by class name
 * Target.perRow(labels)       // one class per explained row, e.g. the true labels
 * Target.predicted()          // the class the model predicts for each row (classes then differ by row)
 * }</pre>
 *
 * <p>Analyses that follow one output for every row (partial dependence, Friedman's H) take the same type and
 * ask for {@link #outputIndex(Model)}, with the same default.
 */
public final class Target implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private enum Kind { AUTO, PREDICTED, INDEX, NAME, PER_ROW }

  private final Kind kind;
  private final int index;
  private final String name;
  private final int[] perRow;

  private Target(Kind kind, int index, String name, int[] perRow) {
    this.kind = kind;
    this.index = index;
    this.name = name;
    this.perRow = perRow;
  }

  /**
   * The default of every explainer: the positive class (index 1) of a binary classifier, output 0 of a
   * regression (and the only class or label of a one-output model). For more than two classes, and for
   * multi-label models, explaining fails with the class (label) names and how to choose one.
   */
  public static Target auto() {
    return new Target(Kind.AUTO, -1, null, null);
  }

  /**
   * The predicted class of each row (argmax probability); output 0 for regression; the most probable label
   * for a multi-label model. Rows are then explained for different classes: summaries over rows (beeswarm,
   * dependence, global importance) mix them.
   */
  public static Target predicted() {
    return new Target(Kind.PREDICTED, -1, null, null);
  }

  /** A fixed output index for every row (class index, or 0 for regression). */
  public static Target of(int classIndex) {
    return new Target(Kind.INDEX, classIndex, null, null);
  }

  /** A class by name; must be one of the model's class names. */
  public static Target of(String className) {
    if (className == null) {
      throw new IllegalArgumentException("Target.of(className): className is null");
    }
    return new Target(Kind.NAME, -1, className, null);
  }

  /** One class index per explained row (length must equal the number of rows explained). */
  public static Target perRow(int... classIndices) {
    if (classIndices == null) {
      throw new IllegalArgumentException("Target.perRow: classIndices is null");
    }
    return new Target(Kind.PER_ROW, -1, null, classIndices.clone());
  }

  /**
   * The output index per row.
   *
   * @param model the explained model
   * @param outputs the model outputs for the explained rows ({@code rows x outputs})
   * @throws IllegalArgumentException when a class is out of range, unknown, or the array length is wrong
   */
  int[] resolve(Model model, float[][] outputs) {
    int n = outputs.length;
    return resolve(model, n, n == 0 ? Math.max(1, model.classNames().size()) : outputs[0].length, outputs);
  }

  /** Whether resolving reads the model's outputs: only {@link #predicted()} does. */
  boolean needsOutputs() {
    return kind == Kind.PREDICTED;
  }

  /**
   * The output index per row for a target that does not read the outputs ({@link #needsOutputs()} false), the
   * model's classes (one output for regression) standing for the outputs' columns: what explainers that compute
   * their own outputs use instead of a prediction pass made only to choose the targets.
   *
   * @param rows the number of explained rows
   */
  int[] resolve(Model model, int rows) {
    if (needsOutputs()) {
      throw new IllegalStateException("Target.predicted() needs the model's outputs");
    }
    return resolve(model, rows, Math.max(1, model.classNames().size()), null);
  }

  private int[] resolve(Model model, int n, int numOutputs, float[][] outputs) {
    boolean regression = model.task() == Task.REGRESSION;
    int[] t = new int[n];
    switch (kind) {
      case AUTO -> Arrays.fill(t, auto(model, numOutputs));
      case PREDICTED -> {
        for (int i = 0; i < n; i++) {
          t[i] = regression ? 0 : Stats.argmax(outputs[i]);
        }
      }
      case INDEX -> {
        check(index, numOutputs, model, "Target.of(" + index + ")");
        Arrays.fill(t, index);
      }
      case NAME -> {
        if (regression) {
          throw new IllegalArgumentException(
              "Target.of(\"" + name + "\"): the model does regression and has no classes; use Target.of(0)");
        }
        int k = model.classNames().indexOf(name);
        if (k < 0) {
          String what = model.task() == Task.MULTI_LABEL ? "label" : "class";
          throw new IllegalArgumentException("Target.of(\"" + name + "\"): unknown " + what + "; valid " + what
              + " names are " + model.classNames());
        }
        Arrays.fill(t, k);
      }
      case PER_ROW -> {
        if (perRow.length != n) {
          throw new IllegalArgumentException(
              "Target.perRow has " + perRow.length + " classes but " + n + " rows are explained");
        }
        for (int i = 0; i < n; i++) {
          check(perRow[i], numOutputs, model, "Target.perRow (row " + i + ")");
          t[i] = perRow[i];
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return t;
  }

  /**
   * The one output this target names for every row: that of {@link #of(int)} or {@link #of(String)}, or for
   * {@link #auto()} class 1 of a binary model (0 for regression).
   *
   * @throws IllegalArgumentException for {@link #predicted()} and {@link #perRow(int...)}, which may differ
   *     from row to row, for a class the model does not have, and for {@link #auto()} on a model with more
   *     than two classes
   */
  public int outputIndex(Model model) {
    int numOutputs = model.task() == Task.REGRESSION ? 1 : model.classNames().size();
    return switch (kind) {
      case AUTO -> auto(model, numOutputs);
      case INDEX, NAME -> resolve(model, new float[1][numOutputs])[0];
      case PREDICTED, PER_ROW -> throw new IllegalArgumentException("Target." + (kind == Kind.PREDICTED
          ? "predicted()" : "perRow(...)") + " may change from row to row, but this analysis follows one output for"
          + " every row: use Target.of(class), or Target.auto() for a binary or regression model");
    };
  }

  /** How tables name output {@code k}: {@code "P(class)"} for classes and labels, {@code "prediction"} for regression. */
  public static String outputName(Model model, int k) {
    return model.task() == Task.REGRESSION ? "prediction" : "P(" + model.classNames().get(k) + ")";
  }

  /** The default output: 0 for regression or a single output, 1 for a binary classifier, else a choice. */
  private static int auto(Model model, int numOutputs) {
    if (model.task() == Task.REGRESSION || numOutputs == 1) {
      return 0;
    }
    if (model.task() == Task.CLASSIFICATION && numOutputs == 2) {
      return 1;
    }
    boolean labels = model.task() == Task.MULTI_LABEL;
    String what = labels ? "label" : "class";
    String first = model.classNames().isEmpty() ? "0" : model.classNames().get(0);
    throw new IllegalArgumentException("The model has " + numOutputs + " " + (labels ? "labels " : "classes ")
        + model.classNames() + (labels ? ", each with its own probability" : "")
        + "; say which to explain, so that every row is explained for the same " + what + ": .target(Target.of(\""
        + first + "\")) or .target(Target.of(0)) for one " + what + " for every row, "
        + ".target(Target.perRow(labels)) for one per row (e.g. the true labels), or .target(Target.predicted()) "
        + "for each row's predicted " + what + " (summaries then mix " + what + (labels ? "s" : "es") + ")");
  }

  private static void check(int k, int numOutputs, Model model, String what) {
    if (k < 0 || k >= numOutputs) {
      boolean labels = model.task() == Task.MULTI_LABEL;
      String valid = model.task() == Task.REGRESSION
          ? "a regression model has the single output 0"
          : "valid " + (labels ? "labels" : "classes") + " are 0.." + (numOutputs - 1) + " " + model.classNames();
      throw new IllegalArgumentException(
          what + ": " + (labels ? "label" : "class") + " index " + k + " is out of range; " + valid);
    }
  }


  @Override
  public String toString() {
    return switch (kind) {
      case AUTO -> "auto";
      case PREDICTED -> "predicted";
      case INDEX -> "class " + index;
      case NAME -> "class '" + name + "'";
      case PER_ROW -> "per row";
    };
  }
}
