package io.workbench.analysis;

import io.workbench.data.Task;
import io.workbench.model.Model;

/** Which model output a one-output analysis (partial dependence, H statistic) follows (package-internal). */
public final class Outputs {

  private Outputs() {}

  /**
   * The output column: 0 for regression; for classification the named class, or by default the second
   * class of a binary model ("positive"); multi-class models must name the class.
   */
  public static int resolve(Model model, String className) {
    if (model.task() == Task.REGRESSION) {
      if (className != null) {
        throw new IllegalArgumentException(
            "output('" + className + "') names a class but the model does regression");
      }
      return 0;
    }
    var classes = model.classNames();
    if (className == null) {
      if (classes.size() == 2) {
        return 1;
      }
      throw new IllegalArgumentException(
          "The model has " + classes.size() + " classes; say which probability to follow with output(name), one of "
              + classes);
    }
    int k = classes.indexOf(className);
    if (k < 0) {
      throw new IllegalArgumentException("Unknown class '" + className + "' in output(); classes are " + classes);
    }
    return k;
  }

  /** A label for tables: the class name or "prediction". */
  public static String label(Model model, int output) {
    return model.task() == Task.REGRESSION ? "prediction" : "P(" + model.classNames().get(output) + ")";
  }
}
