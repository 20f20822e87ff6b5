package io.workbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Rows of features plus column roles: the features, an optional target, and optional group (patient) and
 * time columns. Signals and images are datasets too: their features are the flattened sample and {@link
 * #sampleShape()} says how to fold them back (for example {@code [1, 8, 8]}).
 *
 * <p>A dataset is immutable: every operation returns a new one. The features live in Tablesaw columns
 * (any type; text and missing values wait for {@link OneHotEncoder} and {@link Imputer}) or, for wide and
 * transformed data, in a float matrix; both behave alike. For classification the target is held as class
 * indices {@code 0..k-1} into {@link #classNames()}; subsets keep all class names, so a class absent from a
 * fold keeps its index.
 *
 * <p>Multi-label datasets ({@link Task#MULTI_LABEL}) have several 0/1 label columns instead of one target:
 * {@code Dataset.builder(t).targets("fever", "cough", "rash")}; {@link #labelNames()} and {@link #yMulti()}
 * give them, {@link #target()} is {@code null} and {@link #targets()} lists the label columns. Their splits
 * are plain shuffled (no iterative stratification), so check rare labels in each part.
 *
 * <p>Rows and columns: {@link #rows(int...)} (or its older name {@link #select(int...)}) picks rows; {@link
 * #select(String...)} and {@link #drop(String...)} pick feature columns.
 *
 * <pre>{@code
 * Dataset data = Datasets.breastCancer();
 * data.classCounts();                 // {malignant=212, benign=357}
 * Split split = data.split(0.8, 42);  // stratified, seeded
 * float[][] x = split.train().x();    // one conversion to a primitive matrix
 * int[] y = split.train().y();
 * Dataset fewer = data.drop("mean area", "mean perimeter");   // two feature columns fewer
 * }</pre>
 */
public final class Dataset {

  private final FeatureStore features;
  private final Labels labels;
  /** The columns that are neither features nor labels (group, time, anything else), one row per sample. */
  private final Table others;
  private final String group;
  private final String time;
  private final int[] sampleShape;
  /** Every column's name, in the order {@link #table()} gives them. */
  private final List<String> order;

  Dataset(DatasetParts p) {
    this.features = p.features();
    this.labels = p.labels();
    this.others = p.others();
    this.group = p.group();
    this.time = p.time();
    this.sampleShape = p.sampleShape() == null ? new int[] {features.names().size()} : p.sampleShape().clone();
    this.order = List.copyOf(p.order());
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
    return ArrayDatasets.classification(x, featureNames, y, classNames);
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
    return ArrayDatasets.multiLabel(x, featureNames, y, labelNames);
  }

  /** A regression dataset straight from arrays (matrix-backed). */
  public static Dataset of(float[][] x, List<String> featureNames, double[] y) {
    return ArrayDatasets.regression(x, featureNames, y);
  }

  /**
   * Starts a dataset over a table. Name the target and the features (all other columns by default).
   *
   * <pre>{@code
   * Dataset d = Dataset.builder(table).target("label").features("a", "b").group("patient").build();
   * }</pre>
   */
  public static DatasetBuilder builder(Table table) {
    return DatasetBuilder.over(table);
  }

  /**
   * A builder that starts from this dataset's roles, to change one of them. Changing the features resets
   * a flat sample shape; a signal or image shape is kept and checked again.
   *
   * <pre>{@code
   * Dataset byPatient = data.toBuilder().group("patient").build();
   * }</pre>
   */
  public DatasetBuilder toBuilder() {
    return DatasetBuilder.from(this);
  }

  /** Number of rows (samples). */
  public int rows() {
    return features.rows();
  }

  /** Number of feature columns. */
  public int numFeatures() {
    return features.names().size();
  }

  /** Feature names in column order. */
  public List<String> features() {
    return features.names();
  }

  /** Position of a feature, or an error that lists the valid names and suggests the closest one. */
  public int featureIndex(String name) {
    int i = features.names().indexOf(name);
    if (i < 0) {
      throw ColumnNames.unknown("feature", name, features.names(), "features");
    }
    return i;
  }

  /**
   * Name of the target column, or {@code null} for an unlabelled dataset and for a multi-label one (whose
   * label columns are {@link #targets()}).
   */
  public String target() {
    return labels.target();
  }

  /**
   * The target columns: the label columns of a multi-label dataset, else the single target column (empty
   * when unlabelled).
   */
  public List<String> targets() {
    return labels.columns();
  }

  /** Classification, regression or multi-label; {@code null} when there is no target. */
  public Task task() {
    return labels.task();
  }

  /**
   * Class names, in index order (classification); for a multi-label dataset the label names, in output
   * order (the same as {@link #labelNames()}).
   */
  public List<String> classNames() {
    return labels.classNames("classNames()");
  }

  /** Number of classes (classification), or of labels (multi-label). */
  public int numClasses() {
    return classNames().size();
  }

  /** Label names in output order (multi-label only): the label columns' names. */
  public List<String> labelNames() {
    return labels.labelNames("labelNames()");
  }

  /**
   * The labels as a {@code rows x labels} matrix of 0/1 (multi-label only), columns in {@link
   * #labelNames()} order. The values were checked when the dataset was built.
   */
  public int[][] yMulti() {
    return labels.multi("yMulti()");
  }

  /** Rows having each label (multi-label only), in label order. */
  public Map<String, Integer> labelCounts() {
    return labels.labelCounts("labelCounts()");
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
    return parts().table();
  }

  /** Whether the features are held as a matrix rather than as table columns. */
  boolean matrixBacked() {
    return features instanceof MatrixFeatures;
  }

  /** Feature j as a column (built from the matrix when matrix-backed); library callers must not modify it. */
  Column<?> featureColumn(int j) {
    return features.column(j);
  }

  /** Feature j as floats, checked as in {@link #x()} (a fresh array). */
  float[] featureValues(int j) {
    return features.values(j);
  }

  /** Feature by name as a column. */
  Column<?> featureColumn(String name) {
    return featureColumn(featureIndex(name));
  }

  /** Any column by name (feature, target or other); library callers must not modify it. */
  Column<?> columnNamed(String name) {
    return parts().column(name);
  }

  /**
   * The features as a {@code rows x features} matrix, converted once and cached; each call returns a
   * fresh copy. Fails naming the column and rows when a feature is missing, non-numeric or not finite.
   */
  public float[][] x() {
    float[][] all = features.matrix();
    float[][] out = new float[all.length][];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].clone();
    }
    return out;
  }

  /** The features of the given rows as a matrix (one conversion, no intermediate dataset). */
  public float[][] x(int[] rowIndices) {
    checkRows(rowIndices);
    float[][] all = features.matrix();
    float[][] out = new float[rowIndices.length][];
    for (int i = 0; i < rowIndices.length; i++) {
      out[i] = all[rowIndices[i]].clone();
    }
    return out;
  }

  /** Class indices of every row (classification only; multi-label: {@link #yMulti()}). */
  public int[] y() {
    return labels.classIndices("y()");
  }

  /** Target values as doubles: regression values, or class indices for classification. */
  public double[] yDouble() {
    return labels.values("yDouble()");
  }

  /** The group key of every row as text (for group-aware splits). */
  public String[] groups() {
    if (group == null) {
      throw new IllegalStateException("This dataset has no group column; set one with toBuilder().group(\"patient\")");
    }
    Column<?> c = others.column(group);
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
    Column<?> c = columnNamed(name);
    if (!(c instanceof NumericColumn<?> num)) {
      throw new IllegalArgumentException("Column '" + name + "' is " + c.type().name() + ", expected numbers");
    }
    return num.asDoubleArray();
  }

  /** Rows per class, in class order (classification only). */
  public int[] classCountsArray() {
    return labels.classCounts("classCountsArray()");
  }

  /** Rows per class name, in class order (classification only). */
  public Map<String, Integer> classCounts() {
    int[] counts = labels.classCounts("classCounts()");
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int k = 0; k < counts.length; k++) {
      out.put(classNames().get(k), counts[k]);
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
    return Table.create("class counts", StringColumn.create("class", classNames()), IntColumn.create("count", counts),
        DoubleColumn.create("share", share));
  }

  /**
   * The given rows, in the given order, as a new dataset with the same roles and columns.
   *
   * <pre>{@code
   * Dataset firstAndLast = data.rows(0, data.rows() - 1);
   * }</pre>
   */
  public Dataset rows(int... rowIndices) {
    checkRows(rowIndices);
    return new Dataset(new DatasetParts(features.rows(rowIndices), labels.rows(rowIndices),
        TableFeatures.rowsInOrder(others, rowIndices), group, time, sampleShape, order));
  }

  /**
   * The given rows, in the given order: the same as {@link #rows(int...)}. (With names instead of numbers,
   * {@link #select(String...)} picks feature columns.)
   */
  public Dataset select(int... rowIndices) {
    return rows(rowIndices);
  }

  /**
   * Only the given feature columns, in the given order; the target, group, time and other columns stay.
   * A flat sample shape follows; a signal or image shape must keep whole channels (see {@link
   * #sampleShape()}). Naming the target, group or time column, or a column that is not a feature, is an
   * error that says so.
   *
   * <pre>{@code
   * Dataset two = data.select("age", "bmi");
   * }</pre>
   */
  public Dataset select(String... columns) {
    return select(Arrays.asList(columns));
  }

  /** Only the given feature columns, in the given order (see {@link #select(String...)}). */
  public Dataset select(List<String> columns) {
    return FeatureSelection.select(this, columns);
  }

  /**
   * Without the given columns: feature columns leave the features, other columns (an id, say) leave the
   * table. The target, group and time columns cannot be dropped (change them with {@link #toBuilder()}).
   *
   * <pre>{@code
   * Dataset clean = CsvLoader.from("patients.csv").target("outcome").load().drop("id");
   * }</pre>
   */
  public Dataset drop(String... columns) {
    return drop(Arrays.asList(columns));
  }

  /** Without the given columns (see {@link #drop(String...)}). */
  public Dataset drop(List<String> columns) {
    return FeatureSelection.drop(this, columns);
  }

  /** The first {@code n} rows (all rows if there are fewer). */
  public Dataset head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("head(n) needs n >= 0, got " + n);
    }
    return rows(IntStream.range(0, Math.min(n, rows())).toArray());
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
    return rows(chosen);
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
  public Dataset withLabels(int[] newLabels) {
    return new Dataset(new DatasetParts(features, labels.withClassIndices(newLabels, "withLabels()"), others, group, time,
        sampleShape, order));
  }

  /**
   * A dataset whose feature columns are replaced by the given ones (same roles otherwise), placed first.
   * Used by the fitted transforms; the sample shape is kept when the number of features is.
   */
  Dataset withFeatureColumns(List<Column<?>> newFeatures) {
    FeatureStore store = new TableFeatures(Table.create(others.name(), newFeatures.toArray(new Column<?>[0])));
    return withStore(store);
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
    return withStore(MatrixFeatures.of(features(), x, rows()));
  }

  private Dataset withStore(FeatureStore store) {
    List<String> newOrder = new ArrayList<>(store.names());
    Set<String> old = new HashSet<>(features());
    for (String c : order) {
      if (!old.contains(c)) {
        newOrder.add(c);
      }
    }
    int[] shape = store.names().size() == numFeatures() ? sampleShape : null;
    return new Dataset(parts().with(store, others, shape, newOrder));
  }

  /** What this dataset is made of, for the builder and column selection. */
  DatasetParts parts() {
    return new DatasetParts(features, labels, others, group, time, sampleShape, order);
  }

  /**
   * Per-feature summary as a table, one row per feature: {@code type}, {@code count} (values present),
   * {@code missing}; for numbers {@code mean}, {@code std}, {@code min}, {@code max}; for categories (text,
   * booleans) {@code distinct}, {@code top} (the most frequent value) and {@code freq} (its count); and a
   * {@code note} that flags columns that look like row ids (a distinct whole number or text per row), which
   * are rarely meant as features ({@code drop("id")}).
   */
  public Table summary() {
    return DatasetSummary.of(this);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Dataset[").append(rows()).append(" rows, ").append(numFeatures())
        .append(" features").append(labels.describe());
    if (group != null) {
      s.append(", group '").append(group).append('\'');
    }
    if (time != null) {
      s.append(", time '").append(time).append('\'');
    }
    return s.append(']').toString();
  }

  private void checkRows(int[] rowIndices) {
    for (int r : rowIndices) {
      if (r < 0 || r >= rows()) {
        throw new IllegalArgumentException("Row index " + r + " is outside 0.." + (rows() - 1));
      }
    }
  }
}
