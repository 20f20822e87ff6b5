package io.workbench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps some feature columns and leaves the others out, as a fitted pipeline step ({@link
 * Dataset#select(List)} inside a {@code Pipeline}). Fit {@link #keep(String...)} or {@link
 * #drop(String...)} on the training part; the kept names are then fixed.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.of(ColumnSelector.drop("id"), Imputer.median(), Standardizer.all());
 * }</pre>
 *
 * @param inputFeatures feature names the selector was fitted on, in order
 * @param kept the features it keeps, in output order
 */
public record ColumnSelector(List<String> inputFeatures, List<String> kept) implements Transform {

  /** Validates and copies: the kept features are input features, each once. */
  public ColumnSelector {
    inputFeatures = List.copyOf(inputFeatures);
    kept = List.copyOf(kept);
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("A ColumnSelector must keep at least one feature of " + inputFeatures);
    }
    for (String k : kept) {
      if (!inputFeatures.contains(k)) {
        throw ColumnNames.unknown("feature", k, inputFeatures, "features");
      }
    }
    if (kept.stream().distinct().count() != kept.size()) {
      throw new IllegalArgumentException("A ColumnSelector keeps each feature once, got " + kept);
    }
  }

  /** Keeps only these features, in this order, as a pipeline step. */
  public static Spec keep(String... features) {
    return new Spec(true, List.of(features));
  }

  /** Leaves these features out, as a pipeline step. */
  public static Spec drop(String... features) {
    return new Spec(false, List.of(features));
  }

  /**
   * A column selection before fitting.
   *
   * @param keep {@code true}: keep {@code columns}; {@code false}: keep every other feature
   * @param columns the named features
   */
  public record Spec(boolean keep, List<String> columns) implements Step {

    /** Copies the column list. */
    public Spec {
      columns = List.copyOf(columns);
    }

    @Override
    public ColumnSelector fit(Dataset train) {
      for (String c : columns) {
        train.featureIndex(c);
      }
      List<String> kept = new ArrayList<>(keep ? columns : train.features());
      if (!keep) {
        kept.removeAll(columns);
      }
      return new ColumnSelector(train.features(), kept);
    }

    /** The step as the call that makes it, for example {@code ColumnSelector.drop("id")}. */
    @Override
    public String toString() {
      return "ColumnSelector." + (keep ? "keep(" : "drop(") + Transforms.quoted(columns) + ")";
    }
  }

  @Override
  public List<String> outputFeatures() {
    return kept;
  }

  @Override
  public Dataset apply(Dataset data) {
    Transforms.checkFeatures("ColumnSelector", inputFeatures, data.features());
    return data.select(kept);
  }
}
