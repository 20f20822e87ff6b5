package io.workbench.spark;

import io.workbench.data.Dataset;
import io.workbench.eval.CrossValidationResult;
import io.workbench.eval.Evaluation;
import io.workbench.eval.Metrics;
import io.workbench.eval.Predictions;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.run.Workers;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import scala.Tuple2;

/**
 * k-fold cross-validation of a labelled Spark DataFrame with the folds trained as parallel Spark tasks: each
 * fold's model is fitted on one executor from the rows of the other folds and predicts its own fold; the fitted
 * models come back in their saved format and the out-of-fold predictions are pooled on the driver into the same
 * {@link CrossValidationResult} as the single-JVM {@code CrossValidation} (tables, charts, out-of-fold matrix).
 *
 * <p>Folds are stratified by class and drawn from a seeded hash of each row's id ({@link #rowId}, or the row's
 * position), so they depend on the seed and the ids only, never on the partitioning; with {@link #groups} every
 * group (for example a patient) falls in one fold. Rows of the result are ordered by id (by position when no id
 * column is named). Each fold's training part must fit one executor's memory: the data is copied once per fold.
 *
 * <pre>{@code
 * CrossValidationResult cv = DistributedCrossValidation.of(() -> Models.xgboost().rounds(100))
 *     .folds(5).seed(7).run(spark.read().parquet("train.parquet"), features, "label");
 * cv.summary();
 * }</pre>
 */
public final class DistributedCrossValidation {

  /** More distinct values than this in a class column is taken for a mistake (an id or a number). */
  static final int MAX_CLASSES = 10_000;

  private final TrainerFactory trainer;
  private final int folds;
  private final long seed;
  private final String rowId;
  private final String groups;

  private DistributedCrossValidation(TrainerFactory trainer, int folds, long seed, String rowId, String groups) {
    this.trainer = trainer;
    this.folds = folds;
    this.seed = seed;
    this.rowId = rowId;
    this.groups = groups;
  }

  /**
   * Cross-validation of the trainers built by {@code trainer}: 5 folds, seed {@value RunOptions#DEFAULT_SEED}.
   *
   * @throws IllegalArgumentException when the recipe is null or builds no trainer
   */
  public static DistributedCrossValidation of(TrainerFactory trainer) {
    check(trainer);
    return new DistributedCrossValidation(trainer, 5, RunOptions.DEFAULT_SEED, null, null);
  }

  static Trainer check(TrainerFactory trainer) {
    if (trainer == null) {
      throw new IllegalArgumentException("trainer: expected a recipe such as () -> Models.xgboost(), got null");
    }
    Trainer t = trainer.create();
    if (t == null) {
      throw new IllegalArgumentException("trainer: the recipe returned null instead of a trainer");
    }
    return t;
  }

  /** Number of folds, at least 2. */
  public DistributedCrossValidation folds(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("folds: expected at least 2, got " + k);
    }
    return new DistributedCrossValidation(trainer, k, seed, rowId, groups);
  }

  /** Seed of the fold assignment (the trainer keeps its own seed). */
  public DistributedCrossValidation seed(long s) {
    return new DistributedCrossValidation(trainer, folds, s, rowId, groups);
  }

  /** An integral column with a unique id per row, so that folds do not depend on the row order. */
  public DistributedCrossValidation rowId(String column) {
    return new DistributedCrossValidation(trainer, folds, seed, column, groups);
  }

  /** A column of group labels (patients, subjects, sites): every group falls in one fold (not stratified). */
  public DistributedCrossValidation groups(String column) {
    return new DistributedCrossValidation(trainer, folds, seed, rowId, column);
  }

  /**
   * Runs the folds as one Spark job with one task per fold.
   *
   * @param rows the labelled rows
   * @param features the numeric feature columns, in the order the models see them
   * @param label the target: string, boolean or integer classes, or a floating-point value (regression)
   * @throws IllegalArgumentException on the driver, before any training, for a missing or non-numeric column,
   *     nulls, duplicate ids, fewer rows or groups than folds, or a class missing from a fold's training part
   */
  public CrossValidationResult run(org.apache.spark.sql.Dataset<Row> rows, List<String> features, String label) {
    return runWithIds(rows, features, Target.check(rows, label)).result();
  }

  /** The result, the row ids in result order and the class targets. */
  record Outcome(CrossValidationResult result, long[] ids, int[] labels, double[][] outOfFold) {}

  Outcome runWithIds(org.apache.spark.sql.Dataset<Row> rows, List<String> features, Target target) {
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("features: expected the names of the feature columns, got " + features);
    }
    FeatureColumns cols = FeatureColumns.check(rows, features, true);
    int idIndex = RowIds.check(rows, rowId);
    if (idIndex >= 0) {
      requireUniqueIds(rows, rowId);
    }
    Map<String, Integer> groupFold = groups == null ? null : groupFolds(rows, groups, folds, seed);
    int groupIndex = groups == null ? -1 : Arrays.asList(rows.schema().fieldNames()).indexOf(groups);
    int k = folds;
    long s = seed;
    JavaRDD<FoldRow> records = RowIds.keyed(rows, idIndex).map(t -> {
      float[] x = new float[cols.names().size()];
      cols.read(t._1(), x);
      int fold = groupFold == null ? -1 : groupFold.get(String.valueOf(t._1().get(groupIndex)));
      return new FoldRow(t._2(), target.of(t._1()), x, fold);
    });
    return SparkJobs.run(rows.sparkSession(), "workbench: cross-validation, " + k + " folds as tasks", () -> {
      JavaRDD<FoldRow> assigned = (groupFold != null ? records : stratifiedFolds(records, target, k, s))
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        requireClassesInTraining(assigned, target, k);
        return trainFolds(assigned, target, cols.names(), k);
      } finally {
        assigned.unpersist(false);
      }
    });
  }

  private Outcome trainFolds(JavaRDD<FoldRow> assigned, Target target, List<String> names,
      int k) {

    TrainerFactory recipe = trainer;
    JavaRDD<FoldOutput> outputs = assigned
        .flatMapToPair(r -> {
          List<Tuple2<Integer, FoldRow>> copies = new ArrayList<>(k);
          for (int f = 0; f < k; f++) {
            copies.add(new Tuple2<>(f, r));
          }
          return copies.iterator();
        })
        .partitionBy(new HashPartitioner(k))
        .mapPartitionsWithIndex((p, it) -> {
          List<FoldRow> mine = new ArrayList<>();
          it.forEachRemaining(t -> mine.add(t._2()));
          return List.of(FoldOutput.train(p, mine, recipe, names, target)).iterator();
        }, false);
    List<FoldOutput> got = outputs.collect();
    return assemble(got, target, k);
  }

  private Outcome assemble(List<FoldOutput> got, Target target, int k) {
    FoldOutput[] byFold = new FoldOutput[k];
    int n = 0;
    for (FoldOutput o : got) {
      byFold[o.fold()] = o;
      n += o.ids().length;
    }
    long[] ids = new long[n];
    int at = 0;
    for (FoldOutput o : byFold) {
      System.arraycopy(o.ids(), 0, ids, at, o.ids().length);
      at += o.ids().length;
    }
    Arrays.sort(ids);
    Map<Long, Integer> position = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      position.put(ids[i], i);
    }
    double[][] out = new double[n][];
    double[] y = new double[n];
    int[] foldOf = new int[n];
    List<Metrics> perFold = new ArrayList<>();
    List<Model> models = new ArrayList<>();
    for (FoldOutput o : byFold) {
      for (int i = 0; i < o.ids().length; i++) {
        int row = position.get(o.ids()[i]);
        out[row] = o.output()[i];
        y[row] = o.targets()[i];
        foldOf[row] = o.fold();
      }
      perFold.add(Evaluation.of(target.predictions(o.targets(), o.output())));
      models.add(o.model().model());
    }
    Predictions pooled = target.predictions(y, out);
    String name = trainer.create().toString();
    CrossValidationResult result = CrossValidationResult.of(k, seed, groups != null, perFold, models, pooled, foldOf,
        name);
    int[] labels = target.classification() ? pooled.labels() : null;
    return new Outcome(result, ids, labels, out);
  }

  /**
   * Stratified folds that depend on the seed and the ids only: within each class the rows are ordered by a seeded
   * hash of their id and dealt to the folds in turn (one sort, one pass).
   */
  private static JavaRDD<FoldRow> stratifiedFolds(JavaRDD<FoldRow> records, Target target, int k, long seed) {
    Map<Integer, Long> counts = records.map(r -> target.stratum(r.target())).countByValue();
    int strata = counts.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    long[] start = new long[strata + 1];
    for (int c = 0; c < strata; c++) {
      start[c + 1] = start[c] + counts.getOrDefault(c, 0L);
    }
    return records
        .mapToPair(r -> new Tuple2<>(new FoldKey(target.stratum(r.target()), Workers.seedFor(seed, r.id()), r.id()), r))
        .sortByKey(new FoldKeyOrder())
        .zipWithIndex()
        .map(t -> t._1()._2().withFold((int) ((t._2() - start[t._1()._1().stratum()]) % k)));
  }

  /** The fold of every group: groups ordered by a seeded hash of their name, dealt to the folds in turn. */
  private static Map<String, Integer> groupFolds(org.apache.spark.sql.Dataset<Row> rows, String column, int k,
      long seed) {
    int at = Arrays.asList(rows.schema().fieldNames()).indexOf(column);
    if (at < 0) {
      throw new IllegalArgumentException("No group column '" + column + "'; columns are "
          + FeatureColumns.abbreviate(Arrays.asList(rows.schema().fieldNames())));
    }
    List<Row> distinct = SparkJobs.run(rows.sparkSession(), "workbench: groups",
        () -> rows.select(FeatureColumns.quote(column)).distinct().collectAsList());
    List<String> names = new ArrayList<>();
    for (Row r : distinct) {
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("Group column '" + column + "' has nulls; every row needs a group");
      }
      names.add(String.valueOf(r.get(0)));
    }
    if (names.size() < k) {
      throw new IllegalArgumentException("Group column '" + column + "' has " + names.size() + " groups, fewer than "
          + "the " + k + " folds; use at most " + names.size() + " folds");
    }
    names.sort(Comparator.comparingLong((String g) -> Workers.seedFor(seed, stableHash(g)))
        .thenComparing(Comparator.naturalOrder()));
    Map<String, Integer> fold = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      fold.put(names.get(i), i % k);
    }
    return fold;
  }

  /** FNV-1a over the UTF-8 bytes: the same on every JVM (unlike {@code String.hashCode} mixing, also stable). */
  static long stableHash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static void requireUniqueIds(org.apache.spark.sql.Dataset<Row> rows, String column) {
    List<Row> dup = SparkJobs.run(rows.sparkSession(), "workbench: check row ids",
        () -> rows.groupBy(FeatureColumns.quote(column)).count().filter("count > 1").limit(1).collectAsList());
    if (!dup.isEmpty()) {
      throw new IllegalArgumentException("Row-id column '" + column + "' holds " + dup.get(0).get(0) + " in "
          + dup.get(0).getLong(1) + " rows; ids must be unique");
    }
  }

  private static void requireClassesInTraining(JavaRDD<FoldRow> assigned, Target target, int k) {
    if (!target.classification()) {
      long n = assigned.count();
      if (n < k) {
        throw new IllegalArgumentException("The DataFrame has " + n + " rows, fewer than the " + k + " folds");
      }
      return;
    }
    int classes = target.classes().size();
    Map<Integer, Long> counts = assigned.map(r -> r.fold() * classes + (int) r.target()).countByValue();
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    if (n < k) {
      throw new IllegalArgumentException("The DataFrame has " + n + " rows, fewer than the " + k + " folds");
    }
    for (int c = 0; c < classes; c++) {
      long total = 0;
      for (int f = 0; f < k; f++) {
        total += counts.getOrDefault(f * classes + c, 0L);
      }
      for (int f = 0; f < k; f++) {
        if (total - counts.getOrDefault(f * classes + c, 0L) == 0) {
          throw new IllegalArgumentException("Class '" + target.classes().get(c) + "' is missing from the training "
              + "part of fold " + (f + 1) + " of " + k + " (the DataFrame has " + total + " row(s) of it); use fewer "
              + "folds or more data of that class");
        }
      }
    }
  }

  /** Sort key of the stratified fold assignment. */
  record FoldKey(int stratum, long hash, long id) implements Serializable {}

  /** Order of {@link FoldKey}: stratum, then hash, then id. */
  static final class FoldKeyOrder implements Comparator<FoldKey>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(FoldKey a, FoldKey b) {
      int c = Integer.compare(a.stratum(), b.stratum());
      if (c != 0) {
        return c;
      }
      c = Long.compare(a.hash(), b.hash());
      return c != 0 ? c : Long.compare(a.id(), b.id());
    }
  }

  /** What one fold's task sends back: its test rows' ids, targets and predictions, and the fitted model. */
  record FoldOutput(int fold, long[] ids, double[] targets, double[][] output, ShippedModel model)
      implements Serializable {

    static FoldOutput train(int fold, List<FoldRow> rows, TrainerFactory recipe, List<String> names, Target target) {
      rows.sort(Comparator.comparingLong(FoldRow::id));
      List<FoldRow> train = new ArrayList<>();
      List<FoldRow> test = new ArrayList<>();
      for (FoldRow r : rows) {
        (r.fold() == fold ? test : train).add(r);
      }
      Trainer t = recipe.create();
      TaskContext task = TaskContext.get();
      if (task != null && t instanceof RunSettings<?> settings) {
        int cpus = Math.max(1, task.cpus());
        RunOptions o = settings.options();
        t = (Trainer) settings.withOptions(o.withThreads(cpus).withNativeThreads(cpus));
      }
      Model model = t.fit(target.dataset(train, names));
      Dataset testData = target.dataset(test, names);
      Predictions p = Evaluation.predictions(model, testData);
      long[] ids = new long[test.size()];
      double[] y = new double[test.size()];
      double[][] out = new double[test.size()][];
      double[][] proba = target.classification() ? p.proba() : null;
      double[] predicted = target.classification() ? null : p.predicted();
      for (int i = 0; i < ids.length; i++) {
        ids[i] = test.get(i).id();
        y[i] = test.get(i).target();
        out[i] = target.classification() ? proba[i] : new double[] {predicted[i]};
      }
      ShippedModel shipped;
      try {
        shipped = ShippedModel.of(model);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("trainer: fold " + (fold + 1) + " fitted a model that cannot travel back to "
            + "the driver: " + e.getMessage(), e);
      }
      return new FoldOutput(fold, ids, y, out, shipped);
    }
  }

  /** The target column: classes found in the data (sorted as {@link SparkData#toDataset} sorts them) or values. */
  static final class Target implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int index;
    private final List<String> classes;

    private Target(String name, int index, List<String> classes) {
      this.name = name;
      this.index = index;
      this.classes = classes;
    }

    static Target check(org.apache.spark.sql.Dataset<Row> rows, String column) {
      if (column == null || column.isBlank()) {
        throw new IllegalArgumentException("label: expected the name of the target column, got "
            + (column == null ? "null" : "''"));
      }
      List<String> names = Arrays.asList(rows.schema().fieldNames());
      int at = names.indexOf(column);
      if (at < 0) {
        throw new IllegalArgumentException("No label column '" + column + "'; columns are "
            + FeatureColumns.abbreviate(names));
      }
      DataType t = rows.schema().fields()[at].dataType();
      String q = FeatureColumns.quote(column);
      if (t instanceof StringType || t instanceof BooleanType || t instanceof IntegralType) {
        List<Row> distinct = SparkJobs.run(rows.sparkSession(), "workbench: classes of '" + column + "'",
            () -> rows.select(q).distinct().limit(MAX_CLASSES + 1).collectAsList());
        Object[] values = new Object[distinct.size()];
        for (int i = 0; i < values.length; i++) {
          if (distinct.get(i).isNullAt(0)) {
            throw new IllegalArgumentException("Label column '" + column + "' has nulls; every row needs a class");
          }
          values[i] = distinct.get(i).get(0);
        }
        if (values.length > MAX_CLASSES) {
          throw new IllegalArgumentException("Label column '" + column + "' has more than " + MAX_CLASSES
              + " distinct values; is it an id or a number? Use a floating-point column for regression");
        }
        if (values.length < 2) {
          throw new IllegalArgumentException("Label column '" + column + "' has " + values.length + " class(es); "
              + "cross-validation of a classifier needs at least 2");
        }
        return new Target(column, at, SparkData.classNames(values, t instanceof IntegralType));
      }
      if (!(t instanceof NumericType)) {
        throw new IllegalArgumentException("Label column '" + column + "' is " + t.simpleString() + "; expected a "
            + "string, boolean or integer (classes) or a floating-point number (regression)");
      }
      LabelColumn.requireFiniteValues(rows, column);
      return new Target(column, at, null);
    }

    boolean classification() {
      return classes != null;
    }

    List<String> classes() {
      return classes;
    }

    /** The target of a row: the class index, or the value. */
    double of(Row row) {
      if (row.isNullAt(index)) {
        throw new IllegalArgumentException("Label column '" + name + "' is null in a row");
      }
      if (classes == null) {
        return ((Number) row.get(index)).doubleValue();
      }
      int c = classes.indexOf(String.valueOf(row.get(index)));
      if (c < 0) {
        throw new IllegalArgumentException("Label column '" + name + "' holds '" + row.get(index) + "', not one of "
            + classes);
      }
      return c;
    }

    /** The stratum of a target for the fold assignment: its class, or 0 for regression. */
    int stratum(double target) {
      return classes == null ? 0 : (int) target;
    }

    Dataset dataset(List<FoldRow> rows, List<String> features) {
      float[][] x = new float[rows.size()][];
      for (int i = 0; i < x.length; i++) {
        x[i] = rows.get(i).x();
      }
      if (classes == null) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
          y[i] = rows.get(i).target();
        }
        return Dataset.of(x, features, y);
      }
      int[] y = new int[x.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = (int) rows.get(i).target();
      }
      return Dataset.of(x, features, y, classes);
    }

    Predictions predictions(double[] y, double[][] out) {
      if (classes == null) {
        double[] v = new double[out.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = out[i][0];
        }
        return Predictions.regression(y, v);
      }
      int[] c = new int[y.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = (int) y[i];
      }
      return Predictions.classification(c, out, classes);
    }
  }
}
