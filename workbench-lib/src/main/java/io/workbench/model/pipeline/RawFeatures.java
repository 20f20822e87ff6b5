package io.workbench.model.pipeline;

import io.workbench.data.ColumnSelector;
import io.workbench.data.Dataset;
import io.workbench.data.Imputer;
import io.workbench.data.OneHotEncoder;
import io.workbench.data.Standardizer;
import io.workbench.data.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How a pipeline's raw features are written as numbers: a categorical feature (one-hot encoded before any
 * other step changes it) as its category code, a number as itself, a missing number as the fill value of
 * the imputer that meets it first. Decoding turns such numbers back into raw columns for the pipeline.
 */
final class RawFeatures {

  /** What the pipeline does first to a raw feature. */
  private enum Kind {
    /** A number; {@code fill} is the value for a missing one, or NaN when nothing fills it. */
    NUMBER,
    /** A category, encoded by a one-hot encoder. */
    CATEGORY,
    /** Left out by a column selector before anything uses it (written as 0, whatever its type). */
    UNUSED
  }

  private final List<String> names;
  private final Kind[] kinds;
  private final double[] fills;
  private final Map<String, List<String>> categories = new LinkedHashMap<>();

  RawFeatures(List<String> names, List<Transform> steps) {
    this.names = names;
    this.kinds = new Kind[names.size()];
    this.fills = new double[names.size()];
    for (int j = 0; j < names.size(); j++) {
      classify(j, steps);
    }
  }

  private void classify(int j, List<Transform> steps) {
    String f = names.get(j);
    kinds[j] = Kind.NUMBER;
    fills[j] = Double.NaN;
    for (Transform t : steps) {
      if (t instanceof ColumnSelector s && !s.kept().contains(f)) {
        kinds[j] = Kind.UNUSED;
        fills[j] = 0;
        return;
      }
      if (t instanceof Imputer imp && imp.columns().contains(f)) {
        fills[j] = imp.fill()[imp.columns().indexOf(f)];
        return;
      }
      if (t instanceof Standardizer st && st.standardized().contains(f)) {
        return;
      }
      if (t instanceof OneHotEncoder enc && enc.columns().contains(f)) {
        kinds[j] = Kind.CATEGORY;
        categories.put(f, enc.categories().get(enc.columns().indexOf(f)));
        return;
      }
    }
  }

  /**
   * The raw features in which a number may be missing (NaN): those an imputer fills before any other step
   * uses them, and those a column selector leaves out before any step reads them.
   */
  List<String> fillable() {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (kinds[j] == Kind.UNUSED || (kinds[j] == Kind.NUMBER && !Double.isNaN(fills[j]))) {
        out.add(names.get(j));
      }
    }
    return List.copyOf(out);
  }

  Map<String, List<String>> categories() {
    return java.util.Collections.unmodifiableMap(categories);
  }

  /** Raw rows as numbers over the raw names; roles kept. */
  Dataset encode(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("rawInput needs a dataset, got null");
    }
    checkNames(data.features());
    Table t = data.table();
    int n = data.rows();
    float[][] x = new float[n][names.size()];
    for (int j = 0; j < names.size(); j++) {
      Column<?> c = t.column(names.get(j));
      for (int i = 0; i < n; i++) {
        x[i][j] = switch (kinds[j]) {
          case CATEGORY -> code(c, i, j);
          case NUMBER -> number(c, i, j);
          case UNUSED -> 0;    // left out before any step reads it: any value gives the same prediction
        };
      }
    }
    return data.withFeatures(x);
  }

  private float code(Column<?> c, int i, int j) {
    List<String> known = categories.get(names.get(j));
    if (c.isMissing(i)) {
      throw new IllegalArgumentException("Categorical feature '" + names.get(j) + "' is missing at row index " + i
          + "; the pipeline's one-hot encoder knows only " + known);
    }
    int k = known.indexOf(c.getString(i));
    if (k < 0) {
      throw new IllegalArgumentException("Categorical feature '" + names.get(j) + "' at row index " + i + " is '"
          + c.getString(i) + "', a category not seen in training; known categories are " + known);
    }
    return k;
  }

  private float number(Column<?> c, int i, int j) {
    double v;
    if (c instanceof NumericColumn<?> num) {
      v = c.isMissing(i) ? Double.NaN : num.getDouble(i);
    } else if (c instanceof BooleanColumn b) {
      v = c.isMissing(i) ? Double.NaN : b.get(i) ? 1 : 0;
    } else {
      throw new IllegalArgumentException("Feature '" + names.get(j) + "' is " + c.type().name()
          + " but the pipeline does not one-hot encode it; add OneHotEncoder.of(\"" + names.get(j) + "\")");
    }
    if (Double.isNaN(v)) {
      if (Double.isNaN(fills[j])) {
        throw new IllegalArgumentException("Feature '" + names.get(j) + "' is missing at row index " + i
            + " and the pipeline does not impute it before using it; put Imputer.median() (or another imputer)"
            + " first, or remove those rows");
      }
      return (float) fills[j];
    }
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("Feature '" + names.get(j) + "' is infinite at row index " + i);
    }
    return (float) v;
  }

  /** Numbers over the raw names back to raw columns (categories as text), as an unlabelled dataset. */
  Dataset decode(float[][] x) {
    if (x == null) {
      throw new IllegalArgumentException("predictProba needs rows, got null");
    }
    int n = x.length;
    for (int i = 0; i < n; i++) {
      if (x[i] == null || x[i].length != names.size()) {
        throw new IllegalArgumentException("Row " + i + " has " + (x[i] == null ? "no" : x[i].length)
            + " values, expected " + names.size() + " (one per raw feature " + names + ")");
      }
    }
    List<Column<?>> cols = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (kinds[j] == Kind.CATEGORY) {
        cols.add(categoryColumn(x, j));
      } else {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          if (Float.isInfinite(x[i][j])) {
            throw new IllegalArgumentException(
                "Row " + i + ", feature '" + names.get(j) + "' is " + x[i][j] + "; expected a finite number");
          }
          if (Float.isNaN(x[i][j]) && kinds[j] == Kind.NUMBER && Double.isNaN(fills[j])) {
            throw new IllegalArgumentException("Row " + i + ", feature '" + names.get(j) + "' is NaN (missing) and"
                + " the pipeline does not impute it before using it; put Imputer.median() (or another imputer)"
                + " first, or remove those rows");
          }
          v[i] = x[i][j];
        }
        cols.add(DoubleColumn.create(names.get(j), v));
      }
    }
    Table t = Table.create("raw", cols.toArray(new Column<?>[0]));
    return Dataset.builder(t).features(names).build();
  }

  private StringColumn categoryColumn(float[][] x, int j) {
    List<String> known = categories.get(names.get(j));
    StringColumn c = StringColumn.create(names.get(j));
    for (int i = 0; i < x.length; i++) {
      float v = x[i][j];
      if (Float.isNaN(v)) {
        c.appendMissing();
        continue;
      }
      if (v != Math.rint(v) || v < 0 || v >= known.size()) {
        throw new IllegalArgumentException("Row " + i + ": categorical feature '" + names.get(j) + "' holds " + v
            + "; expected a category code 0.." + (known.size() - 1) + " for " + known + " (codes come from"
            + " rawInput(..); a summary that averages rows, such as Background.kmeans, mixes codes: use"
            + " Background.sample or Background.of)");
      }
      c.append(known.get((int) v));
    }
    return c;
  }

  private void checkNames(List<String> given) {
    if (!given.equals(names)) {
      throw new IllegalArgumentException("The pipeline was fitted on the raw features " + names + " but the data has "
          + given + "; select them with data.select(..) in this order");
    }
  }
}
