package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A model under the {@link ModelContract}: a name, how to get the model (trained once, on first use, and
 * shared by every rule and by the explainer suite), the data it was trained on (its feature and class
 * names are what the model must report), the rows to probe it with, and how it is saved and loaded.
 * Immutable: each {@code withX}-style call returns a changed copy that shares the trained model.
 *
 * <pre>{@code
 * ModelCase<XGBoostModel> c = ModelCase.trained("xgboost", Models.xgboost().rounds(5)::fit, ContractData::binary)
 *     .saved(XGBoostModel::save, XGBoostModel::load);
 * ModelContract.suite(c);     // a JUnit container with one dynamic test per rule
 * }</pre>
 *
 * @param <M> the model's type (what its save and load take and give)
 */
public final class ModelCase<M extends Model> {

  /** Rows probed by default: the first rows of the training data, at most this many. */
  public static final int PROBE_ROWS = 12;

  private final String name;
  private final Supplier<M> model;
  private final Supplier<Dataset> data;
  private final BiFunction<? super M, Dataset, float[][]> rows;
  private final BiConsumer<? super M, Path> save;
  private final Function<Path, ? extends M> load;
  private final double tolerance;

  private ModelCase(String name, Supplier<M> model, Supplier<Dataset> data,
      BiFunction<? super M, Dataset, float[][]> rows, BiConsumer<? super M, Path> save,
      Function<Path, ? extends M> load, double tolerance) {
    this.name = name;
    this.model = model;
    this.data = data;
    this.rows = rows;
    this.save = save;
    this.load = load;
    this.tolerance = tolerance;
  }

  /**
   * A model trained by {@code fit} on {@code data} (both called once, on first use).
   *
   * @param name how the suite names the case, for example {@code "xgboost boosting"}
   * @param fit a trainer's {@code fit}, for example {@code Models.cart().maxDepth(3)::fit}
   * @param data the training data, for example {@code ContractData::binary}
   */
  public static <M extends Model> ModelCase<M> trained(String name, Function<Dataset, M> fit,
      Supplier<Dataset> data) {
    Objects.requireNonNull(fit, "fit");
    Lazy<Dataset> d = new Lazy<>(data);
    return new ModelCase<>(name, new Lazy<>(() -> fit.apply(d.get())), d, ModelCase::firstRows, null, null, 0);
  }

  /**
   * A model built by hand (a test fixture); {@code data} gives the names it must report and the rows to
   * probe.
   */
  public static <M extends Model> ModelCase<M> of(String name, Supplier<M> model, Supplier<Dataset> data) {
    return new ModelCase<>(name, new Lazy<>(model), new Lazy<>(data), ModelCase::firstRows, null, null, 0);
  }

  /** How the model is saved into a path (a file or a folder that does not exist yet) and loaded back. */
  public ModelCase<M> saved(BiConsumer<? super M, Path> saveTo, Function<Path, ? extends M> loadFrom) {
    return new ModelCase<>(name, model, data, rows, Objects.requireNonNull(saveTo, "saveTo"),
        Objects.requireNonNull(loadFrom, "loadFrom"), tolerance);
  }

  /**
   * Which rows to probe, in the model's own feature space (default: the first {@value #PROBE_ROWS} rows of the
   * training data); a pipeline model, for example, takes its raw rows as numbers.
   */
  public ModelCase<M> rows(BiFunction<? super M, Dataset, float[][]> probe) {
    return new ModelCase<>(name, model, data, Objects.requireNonNull(probe, "probe"), save, load, tolerance);
  }

  /**
   * The largest difference allowed between a batch and its rows predicted one by one, and between thread
   * counts (default 0: bit for bit, which every family in the library keeps). Save and load stay bit for bit.
   */
  public ModelCase<M> tolerance(double maxDifference) {
    return new ModelCase<>(name, model, data, rows, save, load, maxDifference);
  }

  /** The case's name. */
  public String name() {
    return name;
  }

  /** The model (trained on first use, then shared). */
  public M model() {
    return model.get();
  }

  /** The training data. */
  public Dataset data() {
    return data.get();
  }

  /** A fresh copy of the probe rows. */
  public float[][] rows() {
    float[][] x = rows.apply(model(), data());
    float[][] copy = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      copy[i] = x[i].clone();
    }
    return copy;
  }

  /** The allowed difference between batch and row predictions, and between thread counts. */
  public double tolerance() {
    return tolerance;
  }

  /** Whether the case says how to save and load the model. */
  public boolean saves() {
    return save != null;
  }

  /** Saves the model into a fresh temporary folder and loads it back (the folder is deleted afterwards). */
  public M roundTrip() {
    if (save == null) {
      throw new IllegalStateException(name + " declares no save and load");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("contract-");
      Path target = dir.resolve("model");
      save.accept(model(), target);
      return load.apply(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[][] firstRows(Model m, Dataset d) {
    return d.head(Math.min(PROBE_ROWS, d.rows())).x();
  }

  @Override
  public String toString() {
    return name;
  }
}
