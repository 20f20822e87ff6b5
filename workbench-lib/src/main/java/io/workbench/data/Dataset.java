package io.workbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} plus column roles: feature columns, an optional target, and optional group
 * (patient) and time columns. Signals and images are datasets too: their features are the flattened
 * sample and {@link #sampleShape()} says how to fold them back (for example {@code [1, 8, 8]}).
 *
 * <p>A dataset is immutable: every operation returns a new one. For classification the target column is
 * held as class indices {@code 0..k-1} into {@link #classNames()}; subsets keep all class names, so a
 * class absent from a fold keeps its index.
 *
 * <p>Multi-label datasets ({@link Task#MULTI_LABEL}) have several 0/1 label columns instead of one target:
 * {@code Dataset.builder(t).targets("fever", "cough", "rash")}; {@link #labelNames()} and {@link #yMulti()}
 * give them, {@link #target()} is {@code null} and {@link #targets()} lists the label columns. Their splits
 * are plain shuffled (no iterative stratification), so check rare labels in each part.
 *
 * <pre>{@code
 * Dataset data = Datasets.breastCancer();
 * data.classCounts();                 // {malignant=212, benign=357}
 * Split split = data.split(0.8, 42);  // stratified, seeded
 * float[][] x = split.train().x();    // one conversion to a primitive matrix
 * int[] y = split.train().y();
 * }</pre>
 */
public final class Dataset {

  /** All columns (table mode), or only the non-feature columns (matrix mode). */
  private final Table table;
  /** Matrix mode: the features as rows x features, finite, never handed out. Null in table mode. */
  private final float[][] matrix;
  private final int rowCount;
  private final List<String> features;
  private final int[] featureColumns;
  private final String target;
  /** Multi-label: the 0/1 label columns, in output order; empty otherwise. */
  private final List<String> labels;
  private final Task task;
  private final List<String> classNames;
  private final String group;
  private final String time;
  private final int[] sampleShape;
  private volatile float[][] xCache;

  private Dataset(Builder b, Table table) {
    this(b, table, null);
  }

  private Dataset(Builder b, Table table, float[][] matrix) {
    this.table = table;
    this.matrix = matrix;
    this.rowCount = matrix != null ? matrix.length : table.rowCount();
    this.features = List.copyOf(b.features);
    this.target = b.target;
    this.labels = b.labels == null ? List.of() : List.copyOf(b.labels);
    this.task = b.task;
    this.classNames = b.classNames == null ? null : List.copyOf(b.classNames);
    this.group = b.group;
    this.time = b.time;
    this.sampleShape = b.sampleShape == null ? new int[] {features.size()} : b.sampleShape.clone();
    Map<String, Integer> byName = new HashMap<>();
    List<String> names = table.columnNames();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), i);
    }
    this.featureColumns = new int[matrix != null ? 0 : features.size()];
    for (int j = 0; j < featureColumns.length; j++) {
      featureColumns[j] = byName.get(features.get(j));
    }
  }

  /**
   * A classification dataset straight from arrays (matrix-backed: cheap to split even with 20,000
   * features).
   *
   * <pre>{@code
   * Dataset d = Dataset.of(x, List.of("a", "b"), y, List.of("no", "yes"));
   * }</pre>
   *
   * @param x rows x features, finite values
   * @param featureNames one unique name per column of {@code x}
   * @param y class index per row, in {@code 0..classNames.size()-1}
   * @param classNames class names in index order
   */
  public static Dataset of(float[][] x, List<String> featureNames, int[] y, List<String> classNames) {
    if (y.length != x.length) {
      throw new IllegalArgumentException("Dataset.of needs one label per row: " + x.length + " rows, " + y.length + " labels");
    }
    Table t = Table.create("data", IntColumn.create("label", y));
    return builder(t).featureMatrix(featureNames, x).target("label").classNames(classNames).build();
  }

  /**
   * A multi-label dataset straight from arrays (matrix-backed): {@code y[i][l]} is 1 when row {@code i} has
   * label {@code l}, else 0.
   *
   * <pre>{@code
   * Dataset d = Dataset.of(x, List.of("a", "b"), new int[][] {{1, 0, 1}, {0, 0, 0}}, List.of("p", "q", "r"));
   * }</pre>
   *
   * @param x rows x features, finite values
   * @param featureNames one unique name per column of {@code x}
   * @param y rows x labels, every value 0 or 1
   * @param labelNames one unique name per label (they become the label columns' names)
   */
  public static Dataset of(float[][] x, List<String> featureNames, int[][] y, List<String> labelNames) {
    if (y.length != x.length) {
      throw new IllegalArgumentException(
          "Dataset.of needs one label row per feature row: " + x.length + " rows, " + y.length + " label rows");
    }
    int k = labelNames.size();
    int[][] cols = new int[k][y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i] == null || y[i].length != k) {
        throw new IllegalArgumentException("Label row " + i + " has " + (y[i] == null ? "no" : y[i].length)
            + " values, expected " + k + " (one per label " + labelNames + ")");
      }
      for (int l = 0; l < k; l++) {
        cols[l][i] = y[i][l];
      }
    }
    Table t = Table.create("data");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int l = 0; l < k; l++) {
      if (!seen.add(labelNames.get(l))) {
        throw new IllegalArgumentException("Label '" + labelNames.get(l) + "' is listed twice in " + labelNames);
      }
      t.addColumns(IntColumn.create(labelNames.get(l), cols[l]));
    }
    return builder(t).featureMatrix(featureNames, x).targets(labelNames).build();
  }

  /** A regression dataset straight from arrays (matrix-backed). */
  public static Dataset of(float[][] x, List<String> featureNames, double[] y) {
    if (y.length != x.length) {
      throw new IllegalArgumentException("Dataset.of needs one target per row: " + x.length + " rows, " + y.length + " targets");
    }
    Table t = Table.create("data", DoubleColumn.create("target", y));
    return builder(t).featureMatrix(featureNames, x).target("target").regression().build();
  }

  /**
   * Starts a dataset over a table. Name the target and the features (all other columns by default).
   *
   * <pre>{@code
   * Dataset d = Dataset.builder(table).target("label").features("a", "b").group("patient").build();
   * }</pre>
   */
  public static Builder builder(Table table) {
    return new Builder(table);
  }

  /** A builder that starts from this dataset's roles, to change one of them. */
  public Builder toBuilder() {
    Builder b = new Builder(table);
    b.features = new ArrayList<>(features);
    b.target = target;
    b.labels = labels.isEmpty() ? null : new ArrayList<>(labels);
    b.task = task;
    b.classNames = classNames == null ? null : new ArrayList<>(classNames);
    b.group = group;
    b.time = time;
    b.sampleShape = sampleShape.clone();
    b.targetIsIndexed = true;
    b.matrix = matrix;
    return b;
  }

  /** Number of rows (samples). */
  public int rows() {
    return rowCount;
  }

  /** Number of feature columns. */
  public int numFeatures() {
    return features.size();
  }

  /** Feature names in column order. */
  public List<String> features() {
    return features;
  }

  /** Position of a feature, or an error that lists the valid names. */
  public int featureIndex(String name) {
    int i = features.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "No feature '" + name + "'; features are " + abbreviate(features, 20));
    }
    return i;
  }

  /**
   * Name of the target column, or {@code null} for an unlabelled dataset and for a multi-label one (whose
   * label columns are {@link #targets()}).
   */
  public String target() {
    return target;
  }

  /**
   * The target columns: the label columns of a multi-label dataset, else the single target column (empty
   * when unlabelled).
   */
  public List<String> targets() {
    if (!labels.isEmpty()) {
      return labels;
    }
    return target == null ? List.of() : List.of(target);
  }

  /** Classification, regression or multi-label; {@code null} when there is no target. */
  public Task task() {
    return task;
  }

  /**
   * Class names, in index order (classification); for a multi-label dataset the label names, in output
   * order (the same as {@link #labelNames()}).
   */
  public List<String> classNames() {
    if (task == Task.MULTI_LABEL) {
      return labels;
    }
    requireClassification("classNames()");
    return classNames;
  }

  /** Number of classes (classification), or of labels (multi-label). */
  public int numClasses() {
    return classNames().size();
  }

  /** Label names in output order (multi-label only): the label columns' names. */
  public List<String> labelNames() {
    requireMultiLabel("labelNames()");
    return labels;
  }

  /**
   * The labels as a {@code rows x labels} matrix of 0/1 (multi-label only), columns in {@link
   * #labelNames()} order. The values were checked when the dataset was built.
   */
  public int[][] yMulti() {
    requireMultiLabel("yMulti()");
    int n = rows();
    int k = labels.size();
    int[][] out = new int[n][k];
    for (int l = 0; l < k; l++) {
      Column<?> c = table.column(labels.get(l));
      for (int i = 0; i < n; i++) {
        out[i][l] = labelValue(c, i);
      }
    }
    return out;
  }

  /** Rows having each label (multi-label only), in label order. */
  public Map<String, Integer> labelCounts() {
    int[][] y = yMulti();
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int l = 0; l < labels.size(); l++) {
      int s = 0;
      for (int[] row : y) {
        s += row[l];
      }
      out.put(labels.get(l), s);
    }
    return out;
  }

  /** Value 0/1 of a label column at a row; anything else (or missing) fails naming column and row. */
  static int labelValue(Column<?> c, int row) {
    if (c.isMissing(row)) {
      throw new IllegalArgumentException(
          "Label column '" + c.name() + "' is missing at row index " + row + "; expected 0 or 1");
    }
    if (c instanceof BooleanColumn bool) {
      return bool.get(row) ? 1 : 0;
    }
    if (c instanceof NumericColumn<?> num) {
      double v = num.getDouble(row);
      if (v == 0 || v == 1) {
        return (int) v;
      }
    }
    throw new IllegalArgumentException(
        "Label column '" + c.name() + "' at row index " + row + " is " + c.getString(row) + "; expected 0 or 1");
  }

  /** The group (patient) column's name, or {@code null}. */
  public String group() {
    return group;
  }

  /** The time column's name, or {@code null}. */
  public String time() {
    return time;
  }

  /** Shape of one sample: {@code [d]} for tables, {@code [channels, length]} or {@code [c, h, w]}. */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /**
   * The data as one Tablesaw table: a copy, the dataset itself never changes. For matrix-backed datasets
   * (generated, standardised) the feature columns are built on request, which costs time for very wide
   * data (seconds at 20,000 features).
   */
  public Table table() {
    if (matrix == null) {
      return table.copy();
    }
    List<Column<?>> cols = new ArrayList<>();
    for (int j = 0; j < features.size(); j++) {
      cols.add(featureColumn(j));
    }
    cols.addAll(table.columns());
    return Table.create(table.name(), cols.toArray(new Column<?>[0]));
  }

  /** The non-feature columns (and, in table mode, the features); library callers must not modify it. */
  Table tableView() {
    return table;
  }

  /** Whether the features are held as a matrix rather than as table columns. */
  boolean matrixBacked() {
    return matrix != null;
  }

  /** Feature j as a column (built from the matrix when matrix-backed). */
  Column<?> featureColumn(int j) {
    if (matrix == null) {
      return table.column(featureColumns[j]);
    }
    float[] v = new float[rowCount];
    for (int i = 0; i < rowCount; i++) {
      v[i] = matrix[i][j];
    }
    return tech.tablesaw.api.FloatColumn.create(features.get(j), v);
  }

  /** Feature by name as a column. */
  Column<?> featureColumn(String name) {
    return featureColumn(featureIndex(name));
  }

  /**
   * The features as a {@code rows x features} matrix, converted once and cached; each call returns a
   * fresh copy. Fails naming the column and rows when a feature is missing, non-numeric or not finite.
   */
  public float[][] x() {
    float[][] cached = matrix != null ? matrix : xCache;
    if (cached == null) {
      cached = convertFeatures();
      xCache = cached;
    }
    float[][] out = new float[cached.length][];
    for (int i = 0; i < cached.length; i++) {
      out[i] = cached[i].clone();
    }
    return out;
  }

  /** The features of the given rows as a matrix (one conversion, no intermediate dataset). */
  public float[][] x(int[] rowIndices) {
    float[][] all = matrix != null ? matrix : xCache;
    if (all == null) {
      all = convertFeatures();
      xCache = all;
    }
    float[][] out = new float[rowIndices.length][];
    for (int i = 0; i < rowIndices.length; i++) {
      checkRow(rowIndices[i]);
      out[i] = all[rowIndices[i]].clone();
    }
    return out;
  }

  private float[][] convertFeatures() {
    int n = rows();
    int d = features.size();
    float[][] out = new float[n][d];
    for (int j = 0; j < d; j++) {
      Column<?> c = table.column(featureColumns[j]);
      NumericColumn<?> num = numericFeature(c);
      for (int i = 0; i < n; i++) {
        double v = num.getDouble(i);
        if (!Double.isFinite(v)) {
          throw badValues(c, num);
        }
        out[i][j] = (float) v;
      }
    }
    return out;
  }

  private NumericColumn<?> numericFeature(Column<?> c) {
    if (c instanceof NumericColumn<?> num) {
      return num;
    }
    if (c instanceof BooleanColumn bool) {
      return bool.asDoubleColumn();
    }
    throw new IllegalArgumentException(
        "Feature '"
            + c.name()
            + "' is a "
            + c.type().name()
            + " column, expected numbers; encode categories with OneHotEncoder.fit(train, \""
            + c.name()
            + "\") or drop the column from the features");
  }

  private IllegalArgumentException badValues(Column<?> c, NumericColumn<?> num) {
    List<Integer> missing = new ArrayList<>();
    List<Integer> infinite = new ArrayList<>();
    for (int i = 0; i < num.size(); i++) {
      double v = num.getDouble(i);
      if (Double.isNaN(v) || num.isMissing(i)) {
        missing.add(i);
      } else if (Double.isInfinite(v)) {
        infinite.add(i);
      }
    }
    if (!missing.isEmpty()) {
      return new IllegalArgumentException(
          "Feature '"
              + c.name()
              + "' has "
              + missing.size()
              + " missing value(s) at row index "
              + abbreviate(missing, 5)
              + "; impute them on the training part with Imputer.fit(train, Imputer.Strategy.MEDIAN)"
              + " or remove those rows");
    }
    return new IllegalArgumentException(
        "Feature '"
            + c.name()
            + "' has "
            + infinite.size()
            + " infinite value(s) at row index "
            + abbreviate(infinite, 5)
            + "; expected finite numbers");
  }

  /** Class indices of every row (classification only; multi-label: {@link #yMulti()}). */
  public int[] y() {
    requireClassification("y()");
    IntColumn col = (IntColumn) table.column(target);
    return col.asIntArray();
  }

  /** Target values as doubles: regression values, or class indices for classification. */
  public double[] yDouble() {
    requireTarget("yDouble()");
    if (task == Task.MULTI_LABEL) {
      throw new IllegalStateException("yDouble() needs a single target; this dataset is multi-label, use yMulti()");
    }
    return ((NumericColumn<?>) table.column(target)).asDoubleArray();
  }

  /** The group key of every row as text (for group-aware splits). */
  public String[] groups() {
    if (group == null) {
      throw new IllegalStateException("This dataset has no group column; set one with toBuilder().group(\"patient\")");
    }
    Column<?> c = table.column(group);
    String[] out = new String[rows()];
    for (int i = 0; i < out.length; i++) {
      if (c.isMissing(i)) {
        throw new IllegalArgumentException("Group column '" + group + "' is missing at row index " + i);
      }
      out[i] = c.getString(i);
    }
    return out;
  }

  /** Values of a numeric column (any column, not only features). */
  public double[] column(String name) {
    if (matrix != null && features.contains(name)) {
      int j = features.indexOf(name);
      double[] out = new double[rowCount];
      for (int i = 0; i < rowCount; i++) {
        out[i] = matrix[i][j];
      }
      return out;
    }
    if (!table.containsColumn(name)) {
      throw new IllegalArgumentException(
          "No column '" + name + "'; columns are " + abbreviate(table.columnNames(), 20));
    }
    Column<?> c = table.column(name);
    if (!(c instanceof NumericColumn<?> num)) {
      throw new IllegalArgumentException("Column '" + name + "' is " + c.type().name() + ", expected numbers");
    }
    return num.asDoubleArray();
  }

  /** Rows per class, in class order (classification only). */
  public int[] classCountsArray() {
    int[] counts = new int[numClasses()];
    for (int v : y()) {
      counts[v]++;
    }
    return counts;
  }

  /** Rows per class name, in class order (classification only). */
  public Map<String, Integer> classCounts() {
    int[] counts = classCountsArray();
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int k = 0; k < counts.length; k++) {
      out.put(classNames.get(k), counts[k]);
    }
    return out;
  }

  /** Class counts as a table with columns {@code class}, {@code count} and {@code share}. */
  public Table classCountsTable() {
    int[] counts = classCountsArray();
    double[] share = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      share[k] = rows() == 0 ? 0 : (double) counts[k] / rows();
    }
    return Table.create(
        "class counts",
        StringColumn.create("class", classNames),
        IntColumn.create("count", counts),
        DoubleColumn.create("share", share));
  }

  /** The given rows, in the given order, as a new dataset with the same roles. */
  public Dataset select(int... rowIndices) {
    for (int r : rowIndices) {
      checkRow(r);
    }
    if (matrix != null) {
      float[][] sub = new float[rowIndices.length][];
      for (int i = 0; i < rowIndices.length; i++) {
        sub[i] = matrix[rowIndices[i]];
      }
      return new Dataset(toBuilder(), rowsInOrder(table, rowIndices), sub);
    }
    Dataset out = new Dataset(toBuilder(), rowsInOrder(table, rowIndices));
    float[][] cached = xCache;
    if (cached != null) {
      float[][] sub = new float[rowIndices.length][];
      for (int i = 0; i < rowIndices.length; i++) {
        sub[i] = cached[rowIndices[i]];
      }
      out.xCache = sub;
    }
    return out;
  }

  /** Tablesaw's {@code Table.rows} returns rows in ascending order; this keeps the order asked for. */
  private static Table rowsInOrder(Table t, int[] rowIndices) {
    if (rowIndices.length == 0) {
      return t.emptyCopy();
    }
    Column<?>[] cols = new Column<?>[t.columnCount()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = t.column(c).subset(rowIndices);
    }
    return Table.create(t.name(), cols);
  }

  /** The first {@code n} rows (all rows if there are fewer). */
  public Dataset head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("head(n) needs n >= 0, got " + n);
    }
    return select(IntStream.range(0, Math.min(n, rows())).toArray());
  }

  /** {@code n} rows drawn without replacement, seeded. */
  public Dataset sample(int n, long seed) {
    if (n < 0 || n > rows()) {
      throw new IllegalArgumentException("sample(n) needs 0 <= n <= " + rows() + " rows, got " + n);
    }
    int[] idx = IntStream.range(0, rows()).toArray();
    Splits.shuffle(idx, new Random(seed));
    int[] chosen = Arrays.copyOf(idx, n);
    Arrays.sort(chosen);
    return select(chosen);
  }

  /**
   * Stratified (classification) or plain shuffled (regression, multi-label) train/test split.
   *
   * @param trainFraction share of rows for training, in (0, 1)
   * @param seed random seed
   */
  public Split split(double trainFraction, long seed) {
    return Splits.trainTest(this, trainFraction, seed);
  }

  /** Stratified (multi-label: shuffled) k-fold cross-validation splits (see {@link Splits#kFold}). */
  public List<Split> kFold(int k, long seed) {
    return Splits.kFold(this, k, seed);
  }

  /** A dataset with the same roles whose target holds the given class indices (classification). */
  public Dataset withLabels(int[] labels) {
    requireClassification("withLabels()");
    if (labels.length != rows()) {
      throw new IllegalArgumentException(
          "withLabels needs one label per row: " + rows() + " rows, got " + labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "Label " + labels[i] + " at row index " + i + " is outside classes 0.." + (classNames.size() - 1));
      }
    }
    Table t = table.copy();
    t.replaceColumn(target, IntColumn.create(target, labels));
    Dataset out = new Dataset(toBuilder(), t, matrix);
    out.xCache = xCache;
    return out;
  }

  /**
   * A dataset whose feature columns are replaced by the given ones (same roles otherwise). Used by the
   * fitted transforms; {@code newFeatures} lists the new feature columns in order.
   */
  Dataset withFeatureColumns(List<Column<?>> newFeatures) {
    if (matrix != null) {
      Builder b = toBuilder();
      b.matrix = null;
      List<Column<?>> cols = new ArrayList<>(newFeatures);
      cols.addAll(table.columns());
      b.features = newFeatures.stream().map(Column::name).collect(Collectors.toList());
      if (b.features.size() != features.size()) {
        b.sampleShape = null;
      }
      return new Dataset(b, Table.create(table.name(), cols.toArray(new Column<?>[0])));
    }
    Table t = Table.create(table.name());
    List<Column<?>> cols = new ArrayList<>(newFeatures);
    for (Column<?> c : table.columns()) {
      if (!features.contains(c.name())) {
        cols.add(c);
      }
    }
    t.addColumns(cols.toArray(new Column<?>[0]));
    Builder b = toBuilder();
    b.features = newFeatures.stream().map(Column::name).collect(Collectors.toList());
    if (b.features.size() != features.size()) {
      b.sampleShape = null;
    }
    return new Dataset(b, t);
  }

  /**
   * A dataset with the same rows, roles and feature names whose feature values are replaced (for
   * transforms such as standardisation). The result is matrix-backed; {@code x} is taken over, not
   * copied.
   *
   * <pre>{@code
   * Dataset scaled = data.withFeatures(myTransform(data.x()));
   * }</pre>
   */
  public Dataset withFeatures(float[][] x) {
    if (x.length != rowCount) {
      throw new IllegalArgumentException("Feature matrix has " + x.length + " rows, expected " + rowCount);
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != features.size()) {
        throw new IllegalArgumentException(
            "Feature matrix row " + i + " has " + x[i].length + " values, expected " + features.size());
      }
      for (int j = 0; j < x[i].length; j++) {
        if (!Float.isFinite(x[i][j])) {
          throw new IllegalArgumentException(
              "Feature '" + features.get(j) + "' is not finite at row index " + i + ": " + x[i][j]);
        }
      }
    }
    Table rest;
    if (matrix != null) {
      rest = table;
    } else {
      java.util.Set<String> f = new java.util.HashSet<>(features);
      List<Column<?>> keep = new ArrayList<>();
      for (Column<?> c : table.columns()) {
        if (!f.contains(c.name())) {
          keep.add(c);
        }
      }
      rest = Table.create(table.name(), keep.toArray(new Column<?>[0]));
    }
    Builder b = toBuilder();
    b.matrix = x;
    return new Dataset(b, rest, x);
  }

  /**
   * Per-feature summary: mean, standard deviation, min, max and missing count, as a table.
   */
  public Table summary() {
    int d = features.size();
    String[] names = features.toArray(new String[0]);
    double[] mean = new double[d];
    double[] sd = new double[d];
    double[] min = new double[d];
    double[] max = new double[d];
    int[] missing = new int[d];
    for (int j = 0; j < d; j++) {
      Column<?> c = featureColumn(j);
      missing[j] = c.countMissing();
      if (c instanceof NumericColumn<?> num) {
        mean[j] = num.mean();
        sd[j] = num.standardDeviation();
        min[j] = num.min();
        max[j] = num.max();
      } else {
        mean[j] = sd[j] = min[j] = max[j] = Double.NaN;
      }
    }
    return Table.create(
        "summary",
        StringColumn.create("feature", names),
        DoubleColumn.create("mean", mean),
        DoubleColumn.create("std", sd),
        DoubleColumn.create("min", min),
        DoubleColumn.create("max", max),
        IntColumn.create("missing", missing));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Dataset[").append(rows()).append(" rows, ")
        .append(numFeatures()).append(" features");
    if (target != null) {
      s.append(", target '").append(target).append("' (").append(task.name().toLowerCase());
      if (task == Task.CLASSIFICATION) {
        s.append(": ").append(classCounts());
      }
    } else if (task == Task.MULTI_LABEL) {
      s.append(", labels ").append(labelCounts()).append(" (multi_label)");
      s.append(')');
    }
    if (group != null) {
      s.append(", group '").append(group).append('\'');
    }
    if (time != null) {
      s.append(", time '").append(time).append('\'');
    }
    return s.append(']').toString();
  }

  private void checkRow(int r) {
    if (r < 0 || r >= rows()) {
      throw new IllegalArgumentException("Row index " + r + " is outside 0.." + (rows() - 1));
    }
  }

  private void requireTarget(String what) {
    if (task == null) {
      throw new IllegalStateException(what + " needs a target; this dataset has none");
    }
  }

  private void requireClassification(String what) {
    requireTarget(what);
    if (task == Task.MULTI_LABEL) {
      throw new IllegalStateException(
          what + " is for single-label classification; this dataset is multi-label " + labels
              + " (use labelNames() and yMulti())");
    }
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException(what + " is for classification; target '" + target + "' is " + task);
    }
  }

  private void requireMultiLabel(String what) {
    requireTarget(what);
    if (task != Task.MULTI_LABEL) {
      throw new IllegalStateException(
          what + " is for multi-label datasets; target '" + target + "' is " + task + " (use y() or yDouble())");
    }
  }

  static String abbreviate(List<?> values, int max) {
    if (values.size() <= max) {
      return values.toString();
    }
    return values.subList(0, max).toString().replace("]", ", ... (" + values.size() + " in all)]");
  }

  /**
   * Builds a {@link Dataset}: column roles are checked against the table, and a classification target
   * is converted to class indices.
   */
  public static final class Builder {
    private final Table table;
    private List<String> features;
    private String target;
    private List<String> labels;
    private Task task;
    private List<String> classNames;
    private String group;
    private String time;
    private int[] sampleShape;
    private boolean targetIsIndexed;
    private float[][] matrix;

    private Builder(Table table) {
      this.table = Objects.requireNonNull(table, "table");
    }

    /** The target column. */
    public Builder target(String column) {
      this.target = column;
      return this;
    }

    /**
     * Several 0/1 label columns as the target: a multi-label dataset ({@link Task#MULTI_LABEL}). Each column
     * holds 0/1 numbers or booleans; the column names become {@link Dataset#labelNames()}.
     *
     * <pre>{@code
     * Dataset d = Dataset.builder(table).targets("fever", "cough", "rash").build();
     * }</pre>
     */
    public Builder targets(String... columns) {
      return targets(Arrays.asList(columns));
    }

    /** Several 0/1 label columns as the target (multi-label). */
    public Builder targets(List<String> columns) {
      if (columns == null || columns.isEmpty()) {
        throw new IllegalArgumentException("targets(..) needs at least one label column");
      }
      this.labels = new ArrayList<>(columns);
      this.task = Task.MULTI_LABEL;
      this.classNames = null;
      return this;
    }

    /** Feature columns, in order (default: every column that has no other role). */
    public Builder features(String... columns) {
      return features(Arrays.asList(columns));
    }

    /** Feature columns, in order. */
    public Builder features(List<String> columns) {
      this.features = new ArrayList<>(columns);
      return this;
    }

    /** Treat the target as classes (default for text, boolean and integer targets). */
    public Builder classification() {
      this.task = Task.CLASSIFICATION;
      return this;
    }

    /** Treat the target as a real number (default for decimal targets). */
    public Builder regression() {
      this.task = Task.REGRESSION;
      this.classNames = null;
      return this;
    }

    /**
     * Class names in index order. For an integer target the values must be {@code 0..k-1}; for a text
     * target the values must be among the names.
     */
    public Builder classNames(String... names) {
      return classNames(Arrays.asList(names));
    }

    /** Class names in index order. */
    public Builder classNames(List<String> names) {
      this.classNames = new ArrayList<>(names);
      this.task = Task.CLASSIFICATION;
      return this;
    }

    /** The group (patient/subject) column used by group-aware splits. */
    public Builder group(String column) {
      this.group = column;
      return this;
    }

    /** The time column used by time-ordered splits (numbers, dates or date-times). */
    public Builder time(String column) {
      this.time = column;
      return this;
    }

    /**
     * Features held as a matrix instead of table columns (for wide data: splitting a table with 20,000
     * columns is slow in Tablesaw). The table then holds only the other columns (target, group, time).
     *
     * @param names one unique name per column of {@code x}
     * @param x rows x features, finite values; taken over, not copied
     */
    public Builder featureMatrix(List<String> names, float[][] x) {
      if (x.length != table.rowCount() && table.columnCount() > 0) {
        throw new IllegalArgumentException(
            "Feature matrix has " + x.length + " rows but the table has " + table.rowCount());
      }
      for (int i = 0; i < x.length; i++) {
        if (x[i].length != names.size()) {
          throw new IllegalArgumentException(
              "Feature matrix row " + i + " has " + x[i].length + " values, expected " + names.size() + " (one per name)");
        }
        for (int j = 0; j < x[i].length; j++) {
          if (!Float.isFinite(x[i][j])) {
            throw new IllegalArgumentException(
                "Feature '" + names.get(j) + "' is not finite at row index " + i + ": " + x[i][j]);
          }
        }
      }
      this.features = new ArrayList<>(names);
      this.matrix = x;
      return this;
    }

    /** Shape of one sample, for signals ({@code channels, length}) and images ({@code c, h, w}). */
    public Builder sampleShape(int... shape) {
      this.sampleShape = shape.clone();
      return this;
    }

    /** Checks the roles and builds the dataset. */
    public Dataset build() {
      if (labels != null && target != null) {
        throw new IllegalArgumentException(
            "Give either target(\"" + target + "\") or targets(" + labels + "), not both");
      }
      if (labels == null && task == Task.MULTI_LABEL) {
        task = null;
      }
      if (labels != null && task != Task.MULTI_LABEL) {
        throw new IllegalArgumentException(
            "targets(" + labels + ") makes a multi-label dataset; classification(), regression() and classNames(..)"
                + " are for a single target(..)");
      }
      List<String> columns = new ArrayList<>(table.columnNames());
      if (matrix != null) {
        java.util.Set<String> names = new java.util.HashSet<>(columns);
        for (String f : features) {
          if (names.contains(f)) {
            throw new IllegalArgumentException("Feature '" + f + "' is both in the matrix and a table column");
          }
        }
        columns.addAll(features);
      }
      for (String role : new String[] {target, group, time}) {
        if (role != null && !columns.contains(role)) {
          throw new IllegalArgumentException(
              "No column '" + role + "'; columns are " + abbreviate(columns, 20));
        }
      }
      java.util.Set<String> labelSet = new java.util.HashSet<>();
      if (labels != null) {
        for (String l : labels) {
          if (!columns.contains(l) || (matrix != null && features.contains(l))) {
            throw new IllegalArgumentException(
                "No column '" + l + "' for a label; columns are " + abbreviate(table.columnNames(), 20));
          }
          if (!labelSet.add(l)) {
            throw new IllegalArgumentException("Label column '" + l + "' is listed twice in " + labels);
          }
          if (l.equals(group) || l.equals(time)) {
            throw new IllegalArgumentException("Column '" + l + "' cannot be a label and also the group or time column");
          }
        }
      }
      if (features == null) {
        features = new ArrayList<>();
        for (String c : columns) {
          if (!c.equals(target) && !c.equals(group) && !c.equals(time) && !labelSet.contains(c)) {
            features.add(c);
          }
        }
      } else {
        java.util.Set<String> present = new java.util.HashSet<>(columns);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String f : features) {
          if (!present.contains(f)) {
            throw new IllegalArgumentException(
                "No column '" + f + "' for a feature; columns are " + abbreviate(columns, 20));
          }
          if (!seen.add(f)) {
            throw new IllegalArgumentException("Feature '" + f + "' is listed twice");
          }
          if (f.equals(target) || f.equals(group) || f.equals(time) || labelSet.contains(f)) {
            throw new IllegalArgumentException(
                "Column '" + f + "' cannot be a feature and also the target, group or time column");
          }
        }
      }
      if (features.isEmpty()) {
        throw new IllegalArgumentException("A dataset needs at least one feature column");
      }
      if (sampleShape != null) {
        int prod = 1;
        for (int s : sampleShape) {
          if (s <= 0) {
            throw new IllegalArgumentException("sampleShape must be positive, got " + Arrays.toString(sampleShape));
          }
          prod *= s;
        }
        if (prod != features.size()) {
          throw new IllegalArgumentException(
              "sampleShape " + Arrays.toString(sampleShape) + " holds " + prod + " values but there are "
                  + features.size() + " features");
        }
      }
      Table t = table;
      if (target != null) {
        Column<?> y = table.column(target);
        if (y.countMissing() > 0) {
          List<Integer> rows = new ArrayList<>();
          for (int i = 0; i < y.size() && rows.size() < 5; i++) {
            if (y.isMissing(i)) {
              rows.add(i);
            }
          }
          throw new IllegalArgumentException(
              "Target '" + target + "' has " + y.countMissing() + " missing value(s), first at row index " + rows);
        }
        if (task == null) {
          ColumnType type = y.type();
          boolean integral = type == ColumnType.INTEGER || type == ColumnType.SHORT || type == ColumnType.LONG;
          task = (y instanceof NumericColumn<?>) && !integral ? Task.REGRESSION : Task.CLASSIFICATION;
        }
        if (task == Task.CLASSIFICATION && !targetIsIndexed) {
          t = table.copy();
          t.replaceColumn(target, indexTarget(y));
        } else if (task == Task.REGRESSION) {
          if (!(y instanceof NumericColumn<?> num)) {
            throw new IllegalArgumentException(
                "Regression target '" + target + "' is " + y.type().name() + ", expected numbers");
          }
          for (int i = 0; i < num.size(); i++) {
            if (!Double.isFinite(num.getDouble(i))) {
              throw new IllegalArgumentException(
                  "Regression target '" + target + "' is not finite at row index " + i);
            }
          }
        }
      } else if (labels != null) {
        t = table.copy();
        for (String l : labels) {
          Column<?> c = table.column(l);
          int[] v = new int[c.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = labelValue(c, i);
          }
          t.replaceColumn(l, IntColumn.create(l, v));
        }
      } else {
        task = null;
        classNames = null;
      }
      return new Dataset(this, t, matrix);
    }

    private IntColumn indexTarget(Column<?> y) {
      int n = y.size();
      int[] idx = new int[n];
      if (y instanceof NumericColumn<?> num) {
        double[] v = num.asDoubleArray();
        if (classNames != null) {
          for (int i = 0; i < n; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classNames.size()) {
              throw new IllegalArgumentException(
                  "Target '" + target + "' at row index " + i + " is " + y.getString(i)
                      + "; expected a class index 0.." + (classNames.size() - 1) + " for classes " + classNames);
            }
            idx[i] = (int) v[i];
          }
          return IntColumn.create(target, idx);
        }
        double[] distinct = Arrays.stream(v).distinct().sorted().toArray();
        for (double d : distinct) {
          if (d != Math.rint(d)) {
            throw new IllegalArgumentException(
                "Target '" + target + "' has the non-integer value " + d
                    + "; call regression() for a numeric target, or give integer class codes");
          }
        }
        classNames = new ArrayList<>();
        for (double d : distinct) {
          classNames.add(Long.toString((long) d));
        }
        for (int i = 0; i < n; i++) {
          idx[i] = Arrays.binarySearch(distinct, v[i]);
        }
        return IntColumn.create(target, idx);
      }
      String[] s = new String[n];
      for (int i = 0; i < n; i++) {
        s[i] = y.getString(i);
      }
      if (classNames == null) {
        classNames = Arrays.stream(s).distinct().sorted().collect(Collectors.toList());
      }
      Map<String, Integer> pos = new HashMap<>();
      for (int k = 0; k < classNames.size(); k++) {
        pos.put(classNames.get(k), k);
      }
      for (int i = 0; i < n; i++) {
        Integer k = pos.get(s[i]);
        if (k == null) {
          throw new IllegalArgumentException(
              "Target '" + target + "' at row index " + i + " is '" + s[i] + "', not one of the classes " + classNames);
        }
        idx[i] = k;
      }
      return IntColumn.create(target, idx);
    }
  }
}
