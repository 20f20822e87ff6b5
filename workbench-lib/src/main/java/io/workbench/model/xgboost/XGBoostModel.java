package io.workbench.model.xgboost;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.io.AtomicFiles;
import io.workbench.io.CheckedJson;
import io.workbench.io.InputFiles;
import io.workbench.model.FlatInput;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A fitted XGBoost model (boosted trees, random forest or single tree). Inputs are raw features; trees need
 * no scaling, and {@code NaN} in a {@code float[][]} input is treated as a missing value (XGBoost sends it
 * down each split's learned default branch); infinite values are rejected.
 *
 * <p><b>Threads.</b> Every call hands the whole batch to XGBoost as one dense array (its in-place prediction:
 * no native matrix is built; {@link FlatInput} takes a flat array as it is). Calls on one model are
 * serialised (the XGBoost4J booster is not documented as thread-safe); XGBoost itself uses the trainer's
 * thread count inside each call, so pass large batches rather than calling from many threads.
 *
 * <p><b>Files.</b> {@link #save(Path)} writes a directory with {@code booster.ubj} (XGBoost's own UBJSON
 * model format; Python XGBoost 1.7+ loads it and predicts the same, see the tests) and {@code model.json}
 * (type, task, feature and class names, parameters, seed, rounds). No Java serialisation.
 *
 * <pre>{@code
 * XGBoostModel m = Models.xgboost().seed(1).fit(train);
 * m.save(Path.of("bc-model"));
 * XGBoostModel again = XGBoostModel.load(Path.of("bc-model"));   // identical predictions
 * }</pre>
 */
public final class XGBoostModel implements Model, TreeEnsemble, FlatInput, Displayable {

  /** Value of {@code "type"} in {@code model.json}. */
  public static final String TYPE = "xgboost";
  static final String BOOSTER_FILE = "booster.ubj";
  static final String META_FILE = "model.json";
  /** The files {@link #save(Path)} writes into the model's folder (a folder holding anything else is not replaced). */
  public static final Set<String> SAVED_FILES = Set.of(BOOSTER_FILE, META_FILE);
  private static final int FORMAT_VERSION = 1;
  /** XGBoost's iteration range {@code [0, 0)}: every tree. */
  private static final int[] ALL_TREES = {0, 0};
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Booster booster;
  private final Task task;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final Map<String, Object> params;
  private final long seed;
  private final int rounds;
  private final int bestRound;
  private double[] baseValues;
  private List<String> dump;

  XGBoostModel(
      Booster booster, Task task, List<String> featureNames, List<String> classNames,
      Map<String, Object> params, long seed, int rounds, int bestRound) {
    this.booster = booster;
    this.task = task;
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    this.params = Collections.unmodifiableMap(new TreeMap<>(params));
    this.seed = seed;
    this.rounds = rounds;
    this.bestRound = bestRound;
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Every feature: XGBoost treats {@code NaN} as a missing value and sends it down each split's learned
   * default branch.
   */
  @Override
  public List<String> missingValueFeatures() {
    return featureNames;
  }

  /** The XGBoost parameters used for training. */
  public Map<String, Object> params() {
    return params;
  }

  /** The training seed. */
  public long seed() {
    return seed;
  }

  /** Boosting rounds in the model (after early stopping: the best round count). */
  public int rounds() {
    return rounds;
  }

  /** The best round count found by early stopping, or -1 when training did not stop early. */
  public int bestRound() {
    return bestRound;
  }

  @Override
  public float[][] predictProba(float[][] x) {
    float[][] raw = native2d(x, false);
    if (!isBinary()) {
      return raw;
    }
    int n = raw.length;
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      float p = raw[i][0];
      out[i] = new float[] {1f - p, p};
    }
    return out;
  }

  @Override
  public int outputWidth() {
    return task == Task.REGRESSION ? 1 : classNames.size();
  }

  @Override
  public float[] predictProbaFlat(float[] x, int rows) {
    int d = featureNames.size();
    if (x == null || rows < 0 || (long) rows * d > x.length) {
      throw new IllegalArgumentException("predictProbaFlat: expected " + (rows < 0 ? "rows >= 0" : rows + " rows of "
          + d + " features (" + (long) rows * d + " values)") + ", got " + (x == null ? "a null array" : "rows "
          + rows + " and " + x.length + " values"));
    }
    // NaN is a missing value in every feature; only an infinity breaks the input rules
    for (int k = 0, end = rows * d; k < end; k++) {
      if (Math.abs(x[k]) == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("Row " + k / d + ", feature '" + featureNames.get(k % d) + "' is " + x[k]
            + "; expected a finite number");
      }
    }
    int k = outputWidth();
    float[] out = new float[Math.multiplyExact(rows, k)];
    if (rows == 0) {
      return out;
    }
    float[][] raw = predictDense(x, rows, false);
    if (isBinary()) {
      for (int i = 0; i < rows; i++) {
        float p = raw[i][0];
        out[2 * i] = 1f - p;
        out[2 * i + 1] = p;
      }
    } else {
      for (int i = 0; i < rows; i++) {
        System.arraycopy(raw[i], 0, out, i * k, k);
      }
    }
    return out;
  }

  @Override
  public double[] predictMargin(float[][] x, int targetClass) {
    checkTarget(targetClass);
    float[][] m = native2d(x, true);
    double[] out = new double[m.length];
    boolean negate = isBinary() && targetClass == 0;
    int col = numOutputs() == 1 ? 0 : targetClass;
    for (int i = 0; i < m.length; i++) {
      out[i] = negate ? -m[i][col] : m[i][col];
    }
    return out;
  }

  @Override
  public double[][] predictContrib(float[][] x, int targetClass) {
    checkTarget(targetClass);
    int d = featureNames.size();
    Model.checkInput(this, x);
    if (x.length == 0) {
      return new double[0][];
    }
    float[][] c;
    DMatrix m = toMatrix(x);
    try {
      synchronized (booster) {
        c = booster.predictContrib(m, 0);
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to compute contributions: " + e.getMessage(), e);
    } finally {
      m.dispose();
    }
    int offset = numOutputs() == 1 ? 0 : targetClass * (d + 1);
    double sign = isBinary() && targetClass == 0 ? -1 : 1;
    double[][] out = new double[c.length][d + 1];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j <= d; j++) {
        out[i][j] = sign * c[i][offset + j];
      }
    }
    return out;
  }

  @Override
  public synchronized double baseValue(int targetClass) {
    checkTarget(targetClass);
    if (baseValues == null) {
      int d = featureNames.size();
      double[] b = new double[numOutputs()];
      for (int k = 0; k < b.length; k++) {
        b[k] = predictContrib(new float[1][d], isBinary() ? 1 : k)[0][d];
      }
      baseValues = b;
    }
    double b = baseValues[numOutputs() == 1 ? 0 : targetClass];
    return isBinary() && targetClass == 0 ? -b : b;
  }

  @Override
  public int numOutputs() {
    return task == Task.CLASSIFICATION && classNames.size() > 2 ? classNames.size() : 1;
  }

  @Override
  public int numTrees() {
    return treeDumpJson().size();
  }

  @Override
  public Table importance() {
    int d = featureNames.size();
    String[] internal = internalNames(d);
    String[] types = {"gain", "weight", "cover", "total_gain", "total_cover"};
    double[][] values = new double[types.length][d];
    try {
      synchronized (booster) {
        for (int t = 0; t < types.length; t++) {
          Map<String, Double> score = booster.getScore(internal, types[t]);
          for (Map.Entry<String, Double> e : score.entrySet()) {
            values[t][Integer.parseInt(e.getKey().substring(1))] = e.getValue();
          }
        }
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to compute importances: " + e.getMessage(), e);
    }
    Table table = Table.create("importance", StringColumn.create("feature", featureNames));
    for (int t = 0; t < types.length; t++) {
      table.addColumns(DoubleColumn.create(types[t], values[t]));
    }
    return table;
  }

  @Override
  public synchronized List<String> treeDumpJson() {
    if (dump == null) {
      try {
        synchronized (booster) {
          dump = List.of(booster.getModelDump(internalNames(featureNames.size()), true, "json"));
        }
      } catch (XGBoostError e) {
        throw new IllegalStateException("XGBoost failed to dump the trees: " + e.getMessage(), e);
      }
    }
    return dump;
  }

  /**
   * Saves the model into a directory: {@code booster.ubj} and {@code model.json}. The directory is replaced as
   * a whole and atomically (written beside it, then renamed), so a crash or a full disk leaves either the
   * previous model or the new one, never new trees beside old metadata. An existing directory may hold only
   * those two files; anything else there is refused rather than deleted.
   */
  public void save(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("save(dir): dir is null");
    }
    Map<String, Object> meta = description(task, featureNames, classNames, params, seed, rounds, bestRound);
    try {
      byte[] bytes;
      synchronized (booster) {
        bytes = booster.toByteArray("ubj");
      }
      AtomicFiles.replaceDirectory(dir, SAVED_FILES, tmp -> {
        Files.write(tmp.resolve(BOOSTER_FILE), bytes);
        JSON.writeValue(tmp.resolve(META_FILE).toFile(), meta);
      });
    } catch (IOException | XGBoostError e) {
      throw new IllegalStateException("Could not save the model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The contents of {@code model.json}. */
  private static Map<String, Object> description(Task task, List<String> featureNames, List<String> classNames,
      Map<String, Object> params, long seed, int rounds, int bestRound) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("type", TYPE);
    meta.put("formatVersion", FORMAT_VERSION);
    meta.put("booster", BOOSTER_FILE);
    meta.put("task", task.name());
    meta.put("featureNames", featureNames);
    meta.put("classNames", classNames);
    meta.put("params", new TreeMap<>(params));
    meta.put("seed", seed);
    meta.put("rounds", rounds);
    meta.put("bestRound", bestRound);
    return meta;
  }

  /**
   * A model from a booster trained elsewhere (XGBoost's UBJSON bytes, for example from XGBoost4J-Spark) and its
   * description, checked exactly as {@link #load(Path)} checks a saved model.
   *
   * <pre>{@code
   * XGBoostModel m = XGBoostModel.fromBooster(sparkModel.nativeBooster().toByteArray("ubj"), Task.CLASSIFICATION,
   *     features, List.of("healthy", "sick"), Map.of("max_depth", 4), 42, 100);
   * }</pre>
   *
   * @throws IllegalArgumentException when the booster is malformed or disagrees with the description
   */
  public static XGBoostModel fromBooster(byte[] booster, Task task, List<String> featureNames,
      List<String> classNames, Map<String, Object> params, long seed, int rounds) {
    if (booster == null || task == null || featureNames == null || classNames == null || params == null) {
      throw new IllegalArgumentException("fromBooster: booster, task, feature names, class names and params are "
          + "required, got a null");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("workbench-xgboost-");
      Files.write(dir.resolve(BOOSTER_FILE), booster);
      JSON.writeValue(dir.resolve(META_FILE).toFile(),
          description(task, featureNames, classNames, params, seed, rounds, -1));
      return load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stage the booster for loading: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir.resolve(BOOSTER_FILE));
          Files.deleteIfExists(dir.resolve(META_FILE));
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a temporary folder left behind is harmless
        }
      }
    }
  }

  /**
   * Loads a model saved with {@link #save(Path)}. Nothing in the folder is trusted: {@code model.json} is read
   * with every field's type checked, the booster it names must lie in the folder, and the booster file is checked
   * completely in Java (UBJSON structure, tree arrays, indices) before XGBoost's native code reads it, so that no
   * file, however broken, can crash the JVM.
   *
   * @throws IllegalArgumentException naming the file and field when the directory, {@code model.json} or the
   *     booster file is missing or malformed, or they disagree with each other
   */
  public static XGBoostModel load(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("load(dir): dir is null");
    }
    Path metaFile = dir.resolve(META_FILE);
    if (!Files.isRegularFile(metaFile)) {
      throw new IllegalArgumentException("No " + META_FILE + " in " + dir + "; expected a directory written by save()"
          + AtomicFiles.interruptedSaveHint(dir));
    }
    CheckedJson meta = CheckedJson.read(metaFile, "XGBoost model description");
    String type = meta.text("type");
    if (!TYPE.equals(type)) {
      throw meta.error("type", "is '" + type + "', expected '" + TYPE + "' (a model saved by XGBoostModel.save)");
    }
    int version = meta.integer("formatVersion", FORMAT_VERSION);
    if (version < 1 || version > FORMAT_VERSION) {
      throw meta.error("formatVersion", "is " + version + "; this library reads versions 1 to " + FORMAT_VERSION);
    }
    String taskName = meta.text("task");
    if (!taskName.equals(Task.CLASSIFICATION.name()) && !taskName.equals(Task.REGRESSION.name())) {
      throw meta.error("task", "is '" + taskName + "', expected CLASSIFICATION or REGRESSION");
    }
    Task task = Task.valueOf(taskName);
    List<String> features = distinct(meta, "featureNames");
    List<String> classes = distinct(meta, "classNames");
    if (features.isEmpty()) {
      throw meta.error("featureNames", "is empty; a model has at least one feature");
    }
    if (task == Task.CLASSIFICATION ? classes.size() < 2 : !classes.isEmpty()) {
      throw meta.error("classNames", "lists " + classes.size() + " classes; " + (task == Task.CLASSIFICATION
          ? "a classifier needs at least 2" : "a regression model has none"));
    }
    Map<String, Object> params = new TreeMap<>(JSON.convertValue(meta.object("params").node(),
        new TypeReference<Map<String, Object>>() {}));
    long seed = meta.longInteger("seed", 0);
    int rounds = meta.integer("rounds", -1);
    int best = meta.integer("bestRound", -1);
    String boosterName = meta.text("booster", BOOSTER_FILE);
    Path boosterFile = InputFiles.resolveInside(dir, boosterName, metaFile + ": field 'booster'");
    byte[] bytes = InputFiles.readAll(boosterFile, "XGBoost booster file (named in " + metaFile + ")",
        InputFiles.MAX_ARRAY);
    InputFiles.requireHeap(8L * bytes.length, "XGBoost booster file " + boosterFile);
    BoosterCheck.Info info = BoosterCheck.check(bytes, "XGBoost booster file " + boosterFile);
    if (info.numFeature() != features.size()) {
      throw new IllegalArgumentException(boosterFile + " expects " + info.numFeature() + " features but " + metaFile
          + " names " + features.size() + " (field 'featureNames')");
    }
    String expected = task == Task.REGRESSION ? "reg:" : classes.size() == 2 ? "binary:logistic" : "multi:softprob";
    if (!info.objective().startsWith(expected)
        || (classes.size() > 2 && info.numClass() != classes.size())) {
      throw new IllegalArgumentException(boosterFile + " has the objective '" + info.objective() + "' with num_class "
          + info.numClass() + ", which does not fit field 'task' " + task + " with " + classes.size()
          + " classes (field 'classNames') in " + metaFile);
    }
    Booster b = null;
    try {
      b = XGBoost.loadModel(info.canonical());
      if (b.getNumFeature() != features.size()) {
        throw new IllegalArgumentException(
            boosterFile + " expects " + b.getNumFeature() + " features but " + metaFile + " names " + features.size());
      }
      // never more native threads than this machine has cores (the model may come from a bigger machine)
      int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
      int threads = params.get("nthread") instanceof Number t ? Math.max(1, Math.min(t.intValue(), cores)) : cores;
      b.setParam("nthread", threads);
      params.put("nthread", threads);
      XGBoostModel m = new XGBoostModel(b, task, features, classes, params, seed, rounds, best);
      b = null;
      return m;
    } catch (XGBoostError | IOException e) {
      throw new IllegalArgumentException("Could not read the booster " + boosterFile + ": " + e.getMessage(), e);
    } finally {
      if (b != null) {
        b.dispose();
      }
    }
  }

  private static List<String> distinct(CheckedJson meta, String field) {
    List<String> names = meta.texts(field);
    if (new java.util.HashSet<>(names).size() != names.size()) {
      throw meta.error(field, "repeats a name: " + names);
    }
    return names;
  }

  private boolean isBinary() {
    return task == Task.CLASSIFICATION && classNames.size() == 2;
  }

  private void checkTarget(int targetClass) {
    int valid = task == Task.CLASSIFICATION ? classNames.size() : 1;
    if (targetClass < 0 || targetClass >= valid) {
      throw new IllegalArgumentException(
          "targetClass " + targetClass + " is outside 0.." + (valid - 1)
              + (task == Task.CLASSIFICATION ? " for classes " + classNames : " (regression has the single target 0)"));
    }
  }

  private float[][] native2d(float[][] x, boolean margin) {
    Model.checkInput(this, x);
    if (x.length == 0) {
      return new float[0][];
    }
    int d = featureNames.size();
    float[] flat = new float[Math.multiplyExact(x.length, d)];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return predictDense(flat, x.length, margin);
  }

  /**
   * XGBoost's in-place prediction on {@code rows} checked rows packed in {@code flat} (NaN: missing): the same
   * numbers as a prediction through a {@link DMatrix}, bit for bit (see the tests), without building one.
   */
  private float[][] predictDense(float[] flat, int rows, boolean margin) {
    try {
      synchronized (booster) {
        return booster.inplace_predict(flat, rows, featureNames.size(), Float.NaN, ALL_TREES,
            margin ? Booster.PredictionType.kMargin : Booster.PredictionType.kValue, null);
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    }
  }

  /** The checked rows ({@link Model#checkInput}) as one native matrix. */
  private DMatrix toMatrix(float[][] x) {
    try {
      return dmatrix(x, featureNames.size());
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not build its input matrix: " + e.getMessage(), e);
    }
  }

  /**
   * One dense native matrix for the whole batch, NaN marking a missing value; the rows were checked (width,
   * no infinity) by {@link Model#checkInput} or come from a {@link io.workbench.data.Dataset}.
   */
  static DMatrix dmatrix(float[][] x, int d) throws XGBoostError {
    int n = x.length;
    float[] flat = new float[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return new DMatrix(flat, n, d, Float.NaN);
  }

  private static String[] internalNames(int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    return names;
  }

  @Override
  public String toHtml() {
    Map<String, String> m = summary();
    return Tables.html(Table.create("XGBoost model", StringColumn.create("property", List.copyOf(m.keySet())),
        StringColumn.create("value", List.copyOf(m.values()))));
  }

  private Map<String, String> summary() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("task", task.name().toLowerCase());
    m.put("objective", String.valueOf(params.get("objective")));
    m.put("features", Integer.toString(featureNames.size()));
    if (!classNames.isEmpty()) {
      m.put("classes", classNames.toString());
    }
    m.put("rounds", Integer.toString(rounds));
    m.put("parallel trees", String.valueOf(params.get("num_parallel_tree")));
    m.put("max depth", String.valueOf(params.get("max_depth")));
    m.put("eta", String.valueOf(params.get("eta")));
    m.put("seed", Long.toString(seed));
    return m;
  }

  @Override
  public String toString() {
    return "XGBoostModel" + summary();
  }
}
