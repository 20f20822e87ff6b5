package io.workbench.model.pipeline;

import io.workbench.data.Dataset;
import io.workbench.data.Step;
import io.workbench.data.Transform;
import io.workbench.model.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Preprocessing steps in order, fitted on the training part only and then applied unchanged to new data,
 * as scikit-learn's {@code Pipeline}; each step works on its own columns (scikit-learn's {@code
 * ColumnTransformer} subsets: {@code Imputer.median().on("bmi")}, {@code Standardizer.on("age")}), the other
 * columns pass through. Followed by a trainer it trains a {@link PipelineModel}: one model that takes raw
 * rows (text categories, missing values) and is saved and loaded with its preprocessing.
 *
 * <p>Steps: {@code Imputer.median()/mean()/mostFrequent()}, {@code OneHotEncoder.of(columns)}, {@code
 * Standardizer.all()/on(columns)}, {@code ColumnSelector.keep/drop(columns)}, or any {@link Step} (only
 * these four can be saved). A pipeline is an immutable value.
 *
 * <pre>{@code
 * Dataset data = CsvLoader.from("patients.csv").target("outcome").categorical("sex").allowMissing().load().drop("id");
 * Split split = data.split(0.8, 42);
 * PipelineModel model = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex"), Standardizer.all())
 *     .then(Models.xgboost().rounds(50)).fit(split.train());
 * Evaluation.of(model, split.test());    // raw test rows: imputed, encoded, scaled with training statistics
 * model.save(Path.of("model"));          // pipeline.json next to the XGBoost model
 * }</pre>
 */
public final class Pipeline {

  private final List<Step> steps;

  private Pipeline(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The given steps, applied in this order. */
  public static Pipeline of(Step... steps) {
    if (steps == null) {
      throw new IllegalArgumentException("Pipeline.of needs steps, got null");
    }
    return of(Arrays.asList(steps));
  }

  /** The given steps, applied in this order. */
  public static Pipeline of(List<Step> steps) {
    if (steps == null) {
      throw new IllegalArgumentException("Pipeline.of needs steps, got null");
    }
    for (int k = 0; k < steps.size(); k++) {
      if (steps.get(k) == null) {
        throw new IllegalArgumentException("Pipeline step " + (k + 1) + " is null");
      }
    }
    return new Pipeline(steps);
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** A copy with one more step at the end. */
  public Pipeline withStep(Step step) {
    List<Step> out = new ArrayList<>(steps);
    out.add(step);
    return of(out);
  }

  /**
   * Fits each step on the training part as the steps before it left it, in order (scikit-learn's {@code
   * fit}): no statistic sees a row outside {@code train}.
   */
  public FittedPipeline fit(Dataset train) {
    if (train == null) {
      throw new IllegalArgumentException("Pipeline.fit needs a training dataset, got null");
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("Pipeline.fit needs training rows; the dataset is empty (0 rows)");
    }
    List<Transform> fitted = new ArrayList<>();
    Dataset current = train;
    for (int k = 0; k < steps.size(); k++) {
      Transform t;
      try {
        t = steps.get(k).fit(current);
        current = t.apply(current);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Pipeline step " + (k + 1) + " (" + steps.get(k) + "): " + e.getMessage(), e);
      }
      fitted.add(t);
    }
    return new FittedPipeline(train.features(), fitted);
  }

  /**
   * The pipeline followed by a model: {@code fit(train)} fits the steps on {@code train}, trains the model
   * on the transformed rows and returns a {@link PipelineModel}.
   *
   * <pre>{@code
   * PipelineModel m = Pipeline.of(Imputer.median(), Standardizer.all()).then(Models.logistic()).fit(train);
   * }</pre>
   */
  public PipelineTrainer then(Trainer trainer) {
    if (trainer == null) {
      throw new IllegalArgumentException("Pipeline.then needs a trainer (for example Models.xgboost()), got null");
    }
    return new PipelineTrainer(this, trainer);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pipeline p && p.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    return "Pipeline" + steps;
  }
}
