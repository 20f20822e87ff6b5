package io.workbench.model.pipeline;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.explain.Attribution;
import io.workbench.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model that takes raw rows: a {@link FittedPipeline} (imputation, one-hot encoding, standardisation,
 * column selection, fitted on the training part) followed by the model trained on its output. Made by
 * {@code Pipeline.of(..).then(trainer).fit(train)}; saved and loaded as one directory ({@link #save(Path)}).
 *
 * <p>Raw input. {@link #predictProba(Dataset)} (and so {@code Evaluation.of(model, test)}) takes datasets with the raw
 * columns (text categories, missing values). As a {@link Model} over numbers, {@link #featureNames()} are the
 * raw features and a row of {@link #predictProba(float[][])} holds, per raw feature, its value or, for a
 * categorical feature, its category code (the position in {@link FittedPipeline#categories()}); NaN marks a
 * missing number, which the pipeline's imputer fills. {@link #rawInput(Dataset)} writes raw rows that way,
 * so every model-agnostic explainer (exact or Kernel SHAP, sampling Shapley, permutation importance,
 * feature ablation) attributes to the raw features: one value for {@code "sex"}, not one per category.
 * Explainers that average rows into new ones (a k-means background) would invent codes between categories:
 * that fails, naming the row; use {@code Background.sample} or {@code Background.of}.
 *
 * <p>Encoded space. {@link #inner()} is the model over the pipeline's output ({@code "sex=f"},
 * {@code "sex=m"}), with its capabilities (TreeSHAP, gradients); {@link #sumToRawFeatures(Attribution,
 * Dataset)} adds the attributions of the columns made from one raw feature into one.
 *
 * <pre>{@code
 * PipelineModel m = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex"), Standardizer.all())
 *     .then(Models.xgboost().rounds(50)).fit(train);
 * Attribution raw = Explain.exactShapley(m, Background.of(m.rawInput(train.head(50))))
 *     .explain(m.rawInput(test.head(5)));                                    // features: age, sex, bmi
 * Attribution enc = Explain.treeShap(m.inner()).explain(m.pipeline().apply(test.head(5)));
 * Attribution summed = m.sumToRawFeatures(enc, test.head(5));                  // sex=f + sex=m -> sex
 * m.save(Path.of("model"));
 * PipelineModel back = PipelineModel.load(Path.of("model"));
 * }</pre>
 */
public final class PipelineModel implements Model, Displayable {

  private final FittedPipeline pipeline;
  private final Model inner;

  private PipelineModel(FittedPipeline pipeline, Model inner) {
    this.pipeline = pipeline;
    this.inner = inner;
  }

  /**
   * A fitted pipeline and the model trained on its output.
   *
   * @throws IllegalArgumentException when the model's features are not the pipeline's output features
   */
  public static PipelineModel of(FittedPipeline pipeline, Model inner) {
    if (pipeline == null || inner == null) {
      throw new IllegalArgumentException("PipelineModel.of needs a fitted pipeline and a model");
    }
    if (!inner.featureNames().equals(pipeline.outputFeatures())) {
      throw new IllegalArgumentException("The model's features " + inner.featureNames()
          + " are not the pipeline's output features " + pipeline.outputFeatures());
    }
    return new PipelineModel(pipeline, inner);
  }

  /** The fitted preprocessing. */
  public FittedPipeline pipeline() {
    return pipeline;
  }

  /** The model over the preprocessed (encoded, standardised) features. */
  public Model inner() {
    return inner;
  }

  @Override
  public Task task() {
    return inner.task();
  }

  /** The raw features, in the order the pipeline was fitted on. */
  @Override
  public List<String> featureNames() {
    return pipeline.inputFeatures();
  }

  @Override
  public List<String> classNames() {
    return inner.classNames();
  }

  /**
   * Predictions for raw rows written as numbers: category codes for categorical features, NaN for missing
   * values (see the class comment).
   */
  @Override
  public float[][] predictProba(float[][] x) {
    Model.checkInput(this, x);
    if (x.length == 0) {
      return new float[0][];
    }
    return inner.predictProba(pipeline.apply(pipeline.decode(x)));
  }

  /**
   * The raw features whose missing values the pipeline fills (its imputer) or never uses (a column selector
   * leaves them out): see {@link FittedPipeline#missingValueFeatures()}.
   */
  @Override
  public List<String> missingValueFeatures() {
    return pipeline.missingValueFeatures();
  }

  /** Predictions for a dataset with the raw columns (text categories and missing values allowed). */
  @Override
  public float[][] predictProba(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("predictProba needs a dataset, got null");
    }
    Model.checkFeatures(this, data.features());
    return inner.predictProba(pipeline.apply(data));
  }

  @Override
  public int[] predict(Dataset data) {
    Model.checkFeatures(this, data.features());
    return inner.predict(pipeline.apply(data));
  }

  @Override
  public int[][] predictLabels(Dataset data, double threshold) {
    Model.checkFeatures(this, data.features());
    return inner.predictLabels(pipeline.apply(data), threshold);
  }

  /** The raw rows as this model's numeric input: see {@link FittedPipeline#rawInput(Dataset)}. */
  public Dataset rawInput(Dataset data) {
    return pipeline.rawInput(data);
  }

  /**
   * An attribution over the pipeline's output features (for example TreeSHAP of {@link #inner()}) summed
   * back to the raw features: the values of {@code "sex=f"} and {@code "sex=m"} add up to one value for
   * {@code "sex"}; a feature the pipeline leaves out gets 0. Base values, outputs and targets are kept, so
   * additivity is kept. The inputs shown are the raw rows as {@link #rawInput(Dataset)} writes them.
   *
   * <p>For a model that is additive over the raw features (a linear model) the sums are exactly the
   * Shapley values of the raw features; with interactions they are the usual approximation (shap's
   * convention for one-hot groups), and explaining this model in raw space gives the exact ones.
   *
   * @param encoded an attribution whose features are {@code pipeline().outputFeatures()}
   * @param rawRows the explained rows with their raw columns, in the attribution's row order
   */
  public Attribution sumToRawFeatures(Attribution encoded, Dataset rawRows) {
    if (encoded == null || rawRows == null) {
      throw new IllegalArgumentException("sumToRawFeatures needs an attribution and the explained raw rows");
    }
    if (!encoded.featureNames().equals(pipeline.outputFeatures())) {
      throw new IllegalArgumentException("The attribution's features " + encoded.featureNames()
          + " are not the pipeline's output features " + pipeline.outputFeatures());
    }
    if (rawRows.rows() != encoded.rows()) {
      throw new IllegalArgumentException("The attribution has " + encoded.rows() + " rows but rawRows has "
          + rawRows.rows() + "; give the raw rows that were explained, in the same order");
    }
    List<String> raw = featureNames();
    Map<String, List<String>> groups = pipeline.outputsByInput();
    List<String> enc = encoded.featureNames();
    double[][] v = encoded.values();
    double[][] out = new double[v.length][raw.size()];
    for (int r = 0; r < raw.size(); r++) {
      List<Integer> cols = new ArrayList<>();
      for (String o : groups.get(raw.get(r))) {
        cols.add(enc.indexOf(o));
      }
      for (int i = 0; i < v.length; i++) {
        double s = 0;
        for (int c : cols) {
          s += v[i][c];
        }
        out[i][r] = s;
      }
    }
    Attribution.Builder b = Attribution.builder(encoded.method(), raw).values(out).inputs(rawInput(rawRows).x())
        .baseValues(encoded.baseValues()).outputs(encoded.outputs()).targets(encoded.targets())
        .classNames(encoded.classNames()).evaluations(encoded.evaluations()).additive(encoded.additive())
        .outputSpace(encoded.outputSpace());
    encoded.settings().forEach(b::setting);
    b.setting("features", "raw: sums of " + enc.size() + " encoded columns");
    encoded.convergenceDelta().ifPresent(b::convergenceDelta);
    for (String e : encoded.extras()) {
      b.extra(e, encoded.extra(e).orElseThrow());
    }
    return b.build();
  }

  /**
   * Saves the model into {@code dir}: {@code pipeline.json} (the fitted steps, as JSON) and the inner model
   * in {@code dir/model} in its own format ({@code NeuralNetModel.save}, {@code XGBoostModel.save}). The
   * directory is written in full beside {@code dir} and then moved into place, so a failure never leaves a
   * half-written model; an existing saved pipeline model at {@code dir} is replaced.
   *
   * @throws IllegalArgumentException when the inner model or a step cannot be saved, or {@code dir} holds
   *     something else than a saved pipeline model
   */
  public void save(Path dir) {
    PipelineFiles.save(this, dir);
  }

  /**
   * Loads a model written by {@link #save(Path)}; predictions are bit-identical to the saved model's.
   *
   * @throws IllegalArgumentException naming the file when something is missing or malformed
   */
  public static PipelineModel load(Path dir) {
    return PipelineFiles.load(dir);
  }

  @Override
  public String toString() {
    return "PipelineModel[" + pipeline + " -> " + inner + "]";
  }

  /** The pipeline's steps, then the inner model. */
  @Override
  public String toHtml() {
    return "<div>" + pipeline.toHtml() + (inner instanceof Displayable d ? d.toHtml() : "<p>" + Tables.escape(inner.toString()) + "</p>") + "</div>";
  }
}
