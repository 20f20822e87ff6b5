package io.workbench.model.pipeline;

import io.workbench.data.ColumnSelector;
import io.workbench.display.Numbers;
import io.workbench.display.Tabular;
import io.workbench.data.Dataset;
import io.workbench.data.Imputer;
import io.workbench.data.OneHotEncoder;
import io.workbench.data.Standardizer;
import io.workbench.data.Transform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A {@link Pipeline} after {@link Pipeline#fit(Dataset)}: its steps' statistics learnt from the training
 * part, applied unchanged to any other data with the same raw features. A value: it is written as JSON
 * next to a saved {@link PipelineModel}.
 *
 * <p>It also knows how each output feature was made: {@link #inputOf(String)} traces an encoded column
 * ({@code "sex=f"}) back to its raw feature ({@code "sex"}), and {@link #rawInput(Dataset)} writes raw rows
 * as numbers (categories as their codes) for explainers that perturb raw features.
 *
 * <pre>{@code
 * FittedPipeline prep = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex"), Standardizer.all()).fit(train);
 * Dataset testReady = prep.apply(test);           // training medians, categories, means and scales
 * prep.outputFeatures();                          // [age, bmi, sex=f, sex=m]
 * }</pre>
 */
public final class FittedPipeline implements Transform, Tabular {

  /** The step types a pipeline can save, by their name in {@code pipeline.json}. */
  static final Map<String, Class<? extends Transform>> STEP_TYPES = Map.of(
      "imputer", Imputer.class,
      "one-hot-encoder", OneHotEncoder.class,
      "standardizer", Standardizer.class,
      "column-selector", ColumnSelector.class);

  private final List<String> inputFeatures;
  private final List<Transform> steps;
  private final RawFeatures raw;

  FittedPipeline(List<String> inputFeatures, List<Transform> steps) {
    this.inputFeatures = List.copyOf(inputFeatures);
    this.steps = List.copyOf(steps);
    List<String> names = this.inputFeatures;
    for (int k = 0; k < this.steps.size(); k++) {
      Transform t = this.steps.get(k);
      if (!t.inputFeatures().equals(names)) {
        throw new IllegalArgumentException("Pipeline step " + (k + 1) + " (" + t.getClass().getSimpleName()
            + ") expects the features " + t.inputFeatures() + " but the step before gives " + names);
      }
      names = t.outputFeatures();
    }
    this.raw = new RawFeatures(this.inputFeatures, this.steps);
  }

  /** The fitted steps, in order. */
  public List<Transform> steps() {
    return steps;
  }

  /** The raw feature names the pipeline was fitted on, in order. */
  @Override
  public List<String> inputFeatures() {
    return inputFeatures;
  }

  /** The feature names after the last step: what the model inside a {@link PipelineModel} sees. */
  @Override
  public List<String> outputFeatures() {
    return steps.isEmpty() ? inputFeatures : steps.get(steps.size() - 1).outputFeatures();
  }

  /** Applies every step in order; {@code data} must have the raw features this pipeline was fitted on. */
  @Override
  public Dataset apply(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("FittedPipeline.apply needs a dataset, got null");
    }
    Dataset out = data;
    for (Transform t : steps) {
      out = t.apply(out);
    }
    return out;
  }

  /** The raw feature an output feature comes from ({@code "sex=f"} gives {@code "sex"}). */
  @Override
  public String inputOf(String outputFeature) {
    if (!outputFeatures().contains(outputFeature)) {
      throw new IllegalArgumentException(
          "No output feature '" + outputFeature + "'; the pipeline gives " + outputFeatures());
    }
    String name = outputFeature;
    for (int k = steps.size() - 1; k >= 0; k--) {
      name = steps.get(k).inputOf(name);
    }
    return name;
  }

  /**
   * For each raw feature, the output features made from it, in output order (empty for a raw feature the
   * pipeline leaves out).
   */
  public Map<String, List<String>> outputsByInput() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String f : inputFeatures) {
      out.put(f, new ArrayList<>());
    }
    for (String o : outputFeatures()) {
      out.get(inputOf(o)).add(o);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  /**
   * The categorical raw features (those one-hot encoded before anything else changes them) and their
   * categories in code order: the code of a category is its position in this list.
   */
  public Map<String, List<String>> categories() {
    return raw.categories();
  }

  /**
   * The raw features in which a value may be missing ({@code NaN} in {@link #decode(float[][])}, a missing cell
   * in {@link #apply(Dataset)}): those an imputer fills before any other step uses them, and those a column
   * selector leaves out; in raw feature order. A missing value in any other feature is an error naming it.
   *
   * <pre>{@code
   * Pipeline.of(Imputer.median().on("bmi"), Standardizer.all()).fit(train).missingValueFeatures();  // [bmi]
   * }</pre>
   */
  public List<String> missingValueFeatures() {
    return raw.fillable();
  }

  /**
   * The rows as numbers over the raw feature names, for explainers and charts in raw feature space: a
   * categorical feature becomes its category code (see {@link #categories()}), a missing number the
   * training fill value of the imputer that fills it. Target, group and time are kept.
   *
   * @throws IllegalArgumentException naming the row and column for an unseen category, or a missing value
   *     that the pipeline does not impute
   */
  public Dataset rawInput(Dataset data) {
    return raw.encode(data);
  }

  /**
   * The inverse of {@link #rawInput(Dataset)}: raw rows written as numbers (codes for categories, NaN for a
   * missing value the pipeline imputes) as an unlabelled dataset with the raw columns, ready for {@link
   * #apply(Dataset)}.
   */
  public Dataset decode(float[][] x) {
    return raw.decode(x);
  }

  /**
   * One row per step: its position, kind, the columns it changes and what it learnt from the training part
   * (fill values, categories, means and scales, kept columns); named as {@link #toString()}, it is what
   * the notebook shows.
   */
  public Table toTable() {
    IntColumn pos = IntColumn.create("step");
    StringColumn kind = StringColumn.create("kind");
    StringColumn cols = StringColumn.create("columns");
    StringColumn learnt = StringColumn.create("learnt");
    for (int k = 0; k < steps.size(); k++) {
      Transform t = steps.get(k);
      pos.append(k + 1);
      kind.append(t.getClass().getSimpleName());
      StringBuilder what = new StringBuilder();
      List<String> changed = new ArrayList<>();
      if (t instanceof Imputer imp) {
        changed.addAll(imp.columns());
        for (int c = 0; c < imp.columns().size(); c++) {
          what.append(c == 0 ? "" : ", ").append(imp.columns().get(c)).append(" = ").append(Numbers.format(imp.fill()[c]));
        }
      } else if (t instanceof OneHotEncoder enc) {
        changed.addAll(enc.columns());
        for (int c = 0; c < enc.columns().size(); c++) {
          what.append(c == 0 ? "" : "; ").append(enc.columns().get(c)).append(": ").append(enc.categories().get(c));
        }
      } else if (t instanceof Standardizer st) {
        changed.addAll(st.standardized());
        for (String c : changed) {
          int j = st.inputFeatures().indexOf(c);
          what.append(what.length() == 0 ? "" : ", ").append(c).append(" (").append(Numbers.format(st.mean()[j])).append(" +- ")
              .append(Numbers.format(st.scale()[j])).append(')');
        }
      } else if (t instanceof ColumnSelector sel) {
        changed.addAll(t.inputFeatures());
        changed.removeAll(sel.kept());
        what.append("keeps ").append(sel.kept().size()).append(" of ").append(t.inputFeatures().size());
      } else {
        what.append(t);
      }
      cols.append(String.join(", ", changed));
      learnt.append(what.toString());
    }
    return Table.create(toString(), pos, kind, cols, learnt);
  }

  /** Whether every step is of a type that {@link PipelineModel#save} can write. */
  boolean savable() {
    return steps.stream().allMatch(t -> STEP_TYPES.containsValue(t.getClass()));
  }

  @Override
  public String toString() {
    List<String> names = steps.stream().map(t -> t.getClass().getSimpleName()).toList();
    return "FittedPipeline[" + inputFeatures.size() + " -> " + outputFeatures().size() + " features, steps " + names + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FittedPipeline p) || !p.inputFeatures.equals(inputFeatures) || p.steps.size() != steps.size()) {
      return false;
    }
    if (savable() && p.savable()) {
      return PipelineJson.write(p).equals(PipelineJson.write(this));   // records hold arrays: compare values
    }
    return p.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return inputFeatures.hashCode() * 31 + steps.size();
  }
}
