package io.workbench.model;

import java.util.List;

/**
 * Entry point for model families. (Factories are added by the engine packages; this class also holds
 * checks shared by every {@link Model}.)
 */
public final class Models {

  private Models() {}

  /** Fails naming the first mismatch when {@code given} features differ from the model's. */
  public static void checkFeatures(Model model, List<String> given) {
    List<String> expected = model.featureNames();
    if (expected.equals(given)) {
      return;
    }
    if (expected.size() != given.size()) {
      throw new IllegalArgumentException(
          "Model expects " + expected.size() + " features but the data has " + given.size()
              + (given.size() < expected.size() ? "; missing e.g. '" + firstMissing(expected, given) + "'"
                  : "; unknown e.g. '" + firstMissing(given, expected) + "'"));
    }
    for (int j = 0; j < expected.size(); j++) {
      if (!expected.get(j).equals(given.get(j))) {
        throw new IllegalArgumentException(
            "Feature " + j + " of the data is '" + given.get(j) + "' but the model expects '" + expected.get(j)
                + "' there; model features are " + expected);
      }
    }
  }

  private static String firstMissing(List<String> from, List<String> in) {
    for (String s : from) {
      if (!in.contains(s)) {
        return s;
      }
    }
    return from.isEmpty() ? "" : from.get(0);
  }
}
