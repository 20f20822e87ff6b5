package io.workbench.analysis;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Argument checks shared by the analysis entry points (package-internal). */
public final class Checks {

  private Checks() {}

  /** Positions of the named features in {@code all}; unknown names fail listing the valid ones. */
  public static int[] indices(List<String> all, List<String> names, String what) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one feature");
    }
    int[] out = new int[names.size()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < out.length; i++) {
      String n = names.get(i);
      int j = all.indexOf(n);
      if (j < 0) {
        throw new IllegalArgumentException(
            "Unknown feature '" + n + "' in " + what + "; valid names are " + abbreviate(all));
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("Feature '" + n + "' is listed twice in " + what);
      }
      out[i] = j;
    }
    return out;
  }

  /** Checks that feature indices are in range and distinct. */
  public static int[] indices(int featureCount, int[] idx, String what) {
    if (idx.length == 0) {
      throw new IllegalArgumentException(what + " must name at least one feature");
    }
    Set<Integer> seen = new HashSet<>();
    for (int j : idx) {
      if (j < 0 || j >= featureCount) {
        throw new IllegalArgumentException(
            "Feature index " + j + " in " + what + " is out of range; there are " + featureCount
                + " features (0.." + (featureCount - 1) + ")");
      }
      if (!seen.add(j)) {
        throw new IllegalArgumentException("Feature index " + j + " is listed twice in " + what);
      }
    }
    return idx.clone();
  }

  /** The model must read exactly the dataset's features. */
  public static void sameFeatures(Model model, Dataset data) {
    Model.checkFeatures(model, data.features());
  }

  public static void positive(int v, String name) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + v);
    }
  }

  public static void finite(double[] v, String name) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " is not finite at index " + i + ": " + v[i]);
      }
    }
  }

  public static String abbreviate(List<?> values) {
    int max = 30;
    if (values.size() <= max) {
      return values.toString();
    }
    return values.subList(0, max).toString().replace("]", ", ... (" + values.size() + " in all)]");
  }
}
