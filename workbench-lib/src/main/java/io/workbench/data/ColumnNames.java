package io.workbench.data;

import io.workbench.check.Checks;
import java.util.Collection;

/**
 * The one message for a column name that is not there: it lists every valid name and suggests the closest
 * one by edit distance, so a typo ({@code "agee"}) is fixed at a glance. Used wherever a column name is
 * looked up: {@link Dataset}, {@link DatasetBuilder}, {@link CsvLoader} and the fitted transforms.
 */
final class ColumnNames {

  private ColumnNames() {}

  /**
   * An error for a missing name, for example {@code No feature 'agee' (did you mean 'age'?); features are
   * [age, sex, bmi]}.
   *
   * @param what the kind of name, lower case ("column", "feature", "column 'x' for a feature" ...)
   * @param name the name asked for
   * @param valid every valid name, in order
   * @param validWhat how the valid names are introduced ("columns", "features")
   */
  static IllegalArgumentException unknown(String what, String name, Collection<String> valid, String validWhat) {
    return new IllegalArgumentException(
        "No " + what + " '" + name + "'" + hint(name, valid) + "; " + validWhat + " are " + valid);
  }

  /** {@code " (did you mean 'age'?)"} for the closest valid name, or an empty string when none is close. */
  static String hint(String name, Collection<String> valid) {
    return Checks.didYouMean(name, valid);
  }

  /** {@link #unknown(String, String, Collection, String)} for a plain column. */
  static IllegalArgumentException unknownColumn(String name, Collection<String> valid) {
    return unknown("column", name, valid, "columns");
  }
}
