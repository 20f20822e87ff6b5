package io.workbench.explain;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.run.NativeThreads;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.Arrays;
import java.util.Objects;

/**
 * Common settings and the explain entry points of every local attribution method. Explainers are
 * immutable: each setter returns a changed copy, so one configured explainer can be reused and shared.
 * The run options ({@link RunSettings}: seed, default {@value RunOptions#DEFAULT_SEED}; threads; native threads;
 * batch rows; progress; cancellation) are those of every long operation. Work runs on {@code threads(n)}
 * worker threads (default: available processors) over explained rows, each calling the model with {@link
 * RunOptions#nativeThreadsFor(int)} native threads; the model's {@code predictProba} must be thread-safe (the
 * {@link Model} contract). Results depend only on the seed, never on the thread counts.
 *
 * <pre>{@code
 * KernelShap ks = Explain.kernelShap(model, background).samples(4096).seed(7).threads(4);
 * Attribution a = ks.target(Target.of("malignant")).explain(test.head(50));
 * }</pre>
 *
 * @param <B> the concrete explainer type
 */
public abstract class Explainer<B extends Explainer<B>> implements RunSettings<B>, Cloneable, java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The explained model; not part of the serialised settings (see {@link #withModel(Model)}). */
  transient Model model;
  /** The model's features when the explainer was made: {@link #withModel(Model)} checks the new model against them. */
  private final java.util.List<String> features;
  Target target = Target.auto();
  RunOptions options = RunOptions.defaults();
  int[] sampleShape;

  Explainer(Model model) {
    this.model = Objects.requireNonNull(model, "model");
    this.features = java.util.List.copyOf(model.featureNames());
  }

  /**
   * The same settings (method options, target, seed, background, baseline) for another instance of the model:
   * how a distributed run (workbench-spark) rebuilds on each executor the explainer configured on the driver,
   * from its serialised settings and the model loaded from its own saved format. The settings serialise with
   * Java serialisation without the model, the progress listener or the cancellation (the copy gets the default
   * listener and a fresh cancellation). The model must have the same features, in the same order, and the
   * capability the method needs.
   *
   * <pre>{@code
   * KernelShap ks = Explain.kernelShap(model, background).seed(7);
   * Attribution a = ks.withModel(XGBoostModel.load(path)).explain(rows);   // same numbers as ks.explain(rows)
   * }</pre>
   *
   * @throws IllegalArgumentException when the model is null, its features differ or it lacks the capability
   */
  public B withModel(Model other) {
    if (other == null) {
      throw new IllegalArgumentException("withModel needs a model, got null");
    }
    Model.checkFeatures(other, features);
    B c = copy();
    c.model = other;
    c.bind();
    return c;
  }

  /** The explained model. */
  public Model model() {
    return model;
  }

  /** Re-derives what a method keeps of the model (its capability views) after {@link #withModel(Model)}. */
  void bind() {}

  @SuppressWarnings("unchecked")
  final B copy() {
    try {
      return (B) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public B withOptions(RunOptions o) {
    B c = copy();
    c.options = Objects.requireNonNull(o, "options");
    return c;
  }

  /**
   * Which output to explain (default {@link Target#auto()}: class 1 of a binary classifier, output 0 of a
   * regression; models with more classes need a choice, for example {@code Target.of("setosa")}).
   */
  public B target(Target t) {
    if (t == null) {
      throw new IllegalArgumentException("target is null");
    }
    B c = copy();
    c.target = t;
    return c;
  }

  /** The seed of every random choice (a shorthand of {@code options().seed()}). */
  final long seed() {
    return options.seed();
  }

  /** Worker threads to use. */
  final int threads() {
    return options.workerThreads();
  }

  /** Rows per model call. */
  final int batchRows() {
    return options.batchRows();
  }

  /** Per-sample shape for {@link #explain(float[][])} (default {@code [features]}). */
  public B sampleShape(int... shape) {
    B c = copy();
    c.sampleShape = shape.clone();
    return c;
  }

  /** Explains the rows of a dataset (features checked against the model by name; its sample shape is kept). */
  public Attribution explain(Dataset rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows is null");
    }
    Model.checkFeatures(model, rows.features());
    return explain(rows.x(), sampleShape != null ? sampleShape : rows.sampleShape());
  }

  /** Explains raw rows ({@code rows x model features}). */
  public Attribution explain(float[][] rows) {
    return explain(rows, sampleShape != null ? sampleShape : new int[] {model.featureNames().size()}, null);
  }

  /**
   * Explains raw rows whose random draws are keyed by row identities instead of positions: row {@code i} draws
   * from the generator seeded by {@code (seed, rowIds[i])}, so a row gets the same numbers whichever batch or
   * partition it is explained in. {@link #explain(float[][])} is this call with {@code rowIds = 0..n-1}.
   *
   * <pre>{@code
   * Attribution part = ks.explain(rowsOfThisPartition, globalRowNumbers);   // equal to the rows of ks.explain(all)
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code rowIds} is null or its length differs from the rows'
   */
  public Attribution explain(float[][] rows, long[] rowIds) {
    if (rowIds == null || rows == null || rowIds.length != rows.length) {
      throw new IllegalArgumentException("rowIds: need one id per row, got " + (rowIds == null ? "null" : rowIds.length)
          + " ids for " + (rows == null ? "null" : rows.length) + " rows");
    }
    return explain(rows, sampleShape != null ? sampleShape : new int[] {model.featureNames().size()}, rowIds.clone());
  }

  private Attribution explain(float[][] rows, int[] shape) {
    return explain(rows, shape, null);
  }

  private Attribution explain(float[][] rows, int[] shape, long[] rowIds) {
    int d = model.featureNames().size();
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("rows: nothing to explain (0 rows)");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values but the model expects " + d
            + " features");
      }
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(rows[i][j])) {
          throw new IllegalArgumentException("row " + i + ", feature '" + model.featureNames().get(j)
              + "' is not finite: " + rows[i][j]);
        }
      }
    }
    long prod = 1;
    for (int s : shape) {
      if (s < 1) {
        throw new IllegalArgumentException("sampleShape " + Arrays.toString(shape) + " has an axis < 1");
      }
      prod *= s;
    }
    if (prod != d) {
      throw new IllegalArgumentException("sampleShape " + Arrays.toString(shape) + " holds " + prod
          + " values but the model has " + d + " features");
    }
    validate(shape);
    float[][] x = new float[rows.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = rows[i].clone();
    }
    try (Work work = new Work(methodName(), rows.length, options);
        NativeThreads.Scope s = NativeThreads.use(options.nativeThreadsFor(1))) {
      float[][] fx = readsModelOutputs() || target.needsOutputs() ? predict(model, x, batchRows()) : null;
      int[] t = fx != null ? target.resolve(model, fx) : target.resolve(model, x.length);
      Attribution a = compute(new Context(x, shape, fx == null ? null : explained(fx), t, work, rowIds));
      work.done();
      return a;
    }
  }

  /**
   * The model outputs in the space the method explains, once the targets are chosen (the identity; Shapley
   * methods with a {@link Link} override it).
   */
  float[][] explained(float[][] fx) {
    return fx;
  }

  /**
   * Whether {@link #compute(Context)} reads the model's outputs ({@link Context#fx()} and the outputs {@link
   * #start(Context)} fills in). Methods that compute and report the outputs they explain themselves (the gradient
   * methods) say no: then the explained rows are not predicted first unless the target needs the outputs ({@link
   * Target#predicted()}).
   */
  boolean readsModelOutputs() {
    return true;
  }

  /** Checks method options against the sample shape before any work. */
  void validate(int[] shape) {}

  abstract String methodName();

  abstract Attribution compute(Context ctx);

  /** A builder pre-filled with what every method reports. */
  Attribution.Builder start(Context ctx) {
    Attribution.Builder b = Attribution.builder(methodName(), model.featureNames()).sampleShape(ctx.shape)
        .inputs(ctx.x).targets(ctx.targets).classNames(model.classNames()).outputSpace(outputSpace())
        .setting("target", target).setting("seed", seed());
    if (ctx.fx == null) {
      return b; // a method that does not read the model's outputs sets its own
    }
    double[] out = new double[ctx.x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ctx.fx[i][ctx.targets[i]];
    }
    return b.outputs(out);
  }

  /**
   * The units of the explained output, for chart titles ({@code "probability"} of the target class,
   * {@code "value"} for regression); methods that explain logits or margins say so.
   */
  String outputSpace() {
    return model.task() == io.workbench.data.Task.REGRESSION ? "value" : "probability";
  }

  /** Batched prediction that checks the output shape. */
  static float[][] predict(Model model, float[][] x, int batchRows) {
    float[][] out = new float[x.length][];
    for (int s = 0; s < x.length; s += batchRows) {
      int e = Math.min(x.length, s + batchRows);
      float[][] p = model.predictProba(s == 0 && e == x.length ? x : Arrays.copyOfRange(x, s, e));
      if (p.length != e - s) {
        throw new IllegalStateException("model returned " + p.length + " rows for " + (e - s) + " inputs");
      }
      System.arraycopy(p, 0, out, s, e - s);
    }
    return out;
  }

  /**
   * What one explain call works on: {@code fx} holds the model's outputs of the rows, null for a method that does
   * not read them ({@link #readsModelOutputs()}).
   */
  record Context(float[][] x, int[] shape, float[][] fx, int[] targets, Work work, long[] rowIds) {

    Context(float[][] x, int[] shape, float[][] fx, int[] targets, Work work) {
      this(x, shape, fx, targets, work, null);
    }

    /** The identity of row {@code i} for seeding: its position unless the caller gave row ids. */
    long rowId(int i) {
      return rowIds == null ? i : rowIds[i];
    }
  }
}
