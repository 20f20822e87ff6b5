package io.workbench.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.Column;

/**
 * One-hot encoding of categorical features, with the categories learnt from the training part only.
 * Each encoded column {@code c} becomes indicator features {@code c=value} (categories sorted), in place.
 * A category unseen in training is an error that names the row and the known categories. Fit it
 * directly, or give {@link #of(String...)} to a {@code Pipeline}.
 *
 * <pre>{@code
 * OneHotEncoder enc = OneHotEncoder.fit(split.train(), "smoker", "region");
 * Dataset test = enc.apply(split.test());
 * Step step = OneHotEncoder.of("smoker", "region");   // for a Pipeline
 * }</pre>
 *
 * @param inputFeatures feature names the encoder was fitted on, in order
 * @param columns the categorical columns
 * @param categories categories of each categorical column, sorted, in the order of {@code columns}
 */
public record OneHotEncoder(List<String> inputFeatures, List<String> columns, List<List<String>> categories)
    implements Transform {

  /** Validates and copies. */
  public OneHotEncoder {
    inputFeatures = List.copyOf(inputFeatures);
    columns = List.copyOf(columns);
    categories = categories.stream().map(List::copyOf).toList();
    if (columns.size() != categories.size()) {
      throw new IllegalArgumentException("OneHotEncoder needs one category list per column");
    }
  }

  /**
   * One-hot encoding of the given categorical features, as a pipeline step.
   *
   * @param columns the categorical features, at least one
   */
  public static Spec of(String... columns) {
    return new Spec(List.of(columns));
  }

  /**
   * A one-hot encoder before fitting: the categorical columns.
   *
   * @param columns the categorical features
   */
  public record Spec(List<String> columns) implements Step {

    /** Copies the column list. */
    public Spec {
      columns = List.copyOf(columns);
    }

    @Override
    public OneHotEncoder fit(Dataset train) {
      return OneHotEncoder.fit(train, columns.toArray(new String[0]));
    }

    /** The step as the call that makes it, for example {@code OneHotEncoder.of("sex")}. */
    @Override
    public String toString() {
      return "OneHotEncoder.of(" + Transforms.quoted(columns) + ")";
    }
  }

  /** Learns the categories of the given feature columns from the training part. */
  public static OneHotEncoder fit(Dataset train, String... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("OneHotEncoder.fit needs at least one column name");
    }
    List<List<String>> cats = new ArrayList<>();
    for (String c : columns) {
      Column<?> col = train.featureColumn(c);
      TreeSet<String> values = new TreeSet<>();
      for (int i = 0; i < col.size(); i++) {
        if (col.isMissing(i)) {
          throw new IllegalArgumentException(
              "Categorical feature '" + c + "' is missing at row index " + i + "; impute or drop those rows first");
        }
        values.add(col.getString(i));
      }
      cats.add(new ArrayList<>(values));
    }
    return new OneHotEncoder(train.features(), List.of(columns), cats);
  }

  /** Feature names after encoding, in order. */
  @Override
  public List<String> outputFeatures() {
    List<String> out = new ArrayList<>();
    for (String f : inputFeatures) {
      int k = columns.indexOf(f);
      if (k < 0) {
        out.add(f);
      } else {
        for (String v : categories.get(k)) {
          out.add(f + "=" + v);
        }
      }
    }
    return out;
  }

  /** The categorical column an indicator {@code "c=v"} comes from; other features map to themselves. */
  @Override
  public String inputOf(String outputFeature) {
    for (int k = 0; k < columns.size(); k++) {
      String prefix = columns.get(k) + "=";
      if (outputFeature.startsWith(prefix) && categories.get(k).contains(outputFeature.substring(prefix.length()))) {
        return columns.get(k);
      }
    }
    return outputFeature;
  }

  @Override
  public Dataset apply(Dataset data) {
    Transforms.checkFeatures("OneHotEncoder", inputFeatures, data.features());
    List<Column<?>> cols = new ArrayList<>();
    for (String f : inputFeatures) {
      Column<?> col = data.featureColumn(f);
      int k = columns.indexOf(f);
      if (k < 0) {
        cols.add(col);
        continue;
      }
      List<String> known = categories.get(k);
      Map<String, Integer> pos = new HashMap<>();
      for (int c = 0; c < known.size(); c++) {
        pos.put(known.get(c), c);
      }
      double[][] ind = new double[known.size()][col.size()];
      for (int i = 0; i < col.size(); i++) {
        Integer c = col.isMissing(i) ? null : pos.get(col.getString(i));
        if (c == null) {
          throw new IllegalArgumentException(
              "Categorical feature '" + f + "' at row index " + i + " is '"
                  + (col.isMissing(i) ? "(missing)" : col.getString(i))
                  + "', a category not seen in training; known categories are " + known);
        }
        ind[c][i] = 1;
      }
      for (int c = 0; c < known.size(); c++) {
        cols.add(DoubleColumn.create(f + "=" + known.get(c), ind[c]));
      }
    }
    return data.withFeatureColumns(cols);
  }
}
