package io.workbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Builds a {@link Dataset}: names the column roles (features, target or label columns, group, time) and
 * the sample shape; {@link #build()} checks them against the columns and converts a classification target
 * to class indices. Immutable: every setter returns a changed copy, so a builder can be shared and reused.
 *
 * <pre>{@code
 * Dataset d = Dataset.builder(table).target("label").features("a", "b").group("patient").build();
 * Dataset signals = Dataset.builder(labels).featureMatrix(names, x).target("label").sampleShape(2, 500).build();
 * }</pre>
 */
public final class DatasetBuilder {

  /** The table columns (all of them, or only the non-feature ones when the features are a matrix). */
  private Table table;
  /** Features held as a matrix, or {@code null}. */
  private MatrixFeatures matrix;
  /** Feature names, or {@code null} for the default (every column without another role). */
  private List<String> features;
  private String target;
  private List<String> labels;
  private Task task;
  private List<String> classNames;
  private String group;
  private String time;
  /** {@code null}: flat, {@code [features]}. */
  private int[] sampleShape;

  private DatasetBuilder(Table table) {
    this.table = table;
  }

  static DatasetBuilder over(Table table) {
    if (table == null) {
      throw new IllegalArgumentException("Dataset.builder needs a table, got null");
    }
    return new DatasetBuilder(table);
  }

  /** A builder that rebuilds {@code d}: same columns, roles and (non-flat) sample shape. */
  static DatasetBuilder from(Dataset d) {
    DatasetBuilder b;
    DatasetParts p = d.parts();
    if (p.features() instanceof MatrixFeatures m) {
      List<Column<?>> cols = new ArrayList<>(p.labels().asColumns());
      cols.addAll(p.others().columns());
      b = new DatasetBuilder(ordered(p.others().name(), cols, p.order()));
      b.matrix = m;
    } else {
      b = new DatasetBuilder(d.table());
    }
    b.features = d.features();
    if (d.task() == Task.MULTI_LABEL) {
      b.labels = d.labelNames();
      b.task = Task.MULTI_LABEL;
    } else if (d.task() != null) {
      b.target = d.target();
      b.task = d.task();
      b.classNames = d.task() == Task.CLASSIFICATION ? d.classNames() : null;
    }
    b.group = d.group();
    b.time = d.time();
    b.sampleShape = SampleShapes.flat(d.sampleShape()) ? null : d.sampleShape();
    return b;
  }

  private static Table ordered(String name, List<Column<?>> cols, List<String> order) {
    List<Column<?>> out = new ArrayList<>(cols);
    out.sort((a, c) -> Integer.compare(order.indexOf(a.name()), order.indexOf(c.name())));
    return Table.create(name, out.toArray(new Column<?>[0]));
  }

  private DatasetBuilder copy() {
    DatasetBuilder b = new DatasetBuilder(table);
    b.matrix = matrix;
    b.features = features;
    b.target = target;
    b.labels = labels;
    b.task = task;
    b.classNames = classNames;
    b.group = group;
    b.time = time;
    b.sampleShape = sampleShape;
    return b;
  }

  /** The target column ({@code null}: no target). */
  public DatasetBuilder target(String column) {
    DatasetBuilder b = copy();
    b.target = column;
    return b;
  }

  /**
   * Several 0/1 label columns as the target: a multi-label dataset ({@link Task#MULTI_LABEL}). Each column
   * holds 0/1 numbers or booleans; the column names become {@link Dataset#labelNames()}.
   *
   * <pre>{@code
   * Dataset d = Dataset.builder(table).targets("fever", "cough", "rash").build();
   * }</pre>
   */
  public DatasetBuilder targets(String... columns) {
    return targets(columns == null ? null : Arrays.asList(columns));
  }

  /** Several 0/1 label columns as the target (multi-label). */
  public DatasetBuilder targets(List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("targets(..) needs at least one label column");
    }
    DatasetBuilder b = copy();
    b.labels = List.copyOf(columns);
    b.task = Task.MULTI_LABEL;
    b.classNames = null;
    return b;
  }

  /**
   * Feature columns, in order (default: every column that has no other role; with a feature matrix, its
   * columns). A flat sample shape follows the features; a signal or image shape must still fit them.
   */
  public DatasetBuilder features(String... columns) {
    return features(columns == null ? null : Arrays.asList(columns));
  }

  /** Feature columns, in order. */
  public DatasetBuilder features(List<String> columns) {
    if (columns == null) {
      throw new IllegalArgumentException("features(..) needs column names, got null");
    }
    DatasetBuilder b = copy();
    b.features = List.copyOf(columns);
    return b;
  }

  /** Treat the target as classes (default for text, boolean and integer targets). */
  public DatasetBuilder classification() {
    DatasetBuilder b = copy();
    b.task = Task.CLASSIFICATION;
    return b;
  }

  /** Treat the target as a real number (default for decimal targets). */
  public DatasetBuilder regression() {
    DatasetBuilder b = copy();
    b.task = Task.REGRESSION;
    b.classNames = null;
    return b;
  }

  /**
   * Class names in index order. For an integer target the values must be {@code 0..k-1}; for a text
   * target the values must be among the names.
   */
  public DatasetBuilder classNames(String... names) {
    return classNames(Arrays.asList(names));
  }

  /** Class names in index order. */
  public DatasetBuilder classNames(List<String> names) {
    DatasetBuilder b = copy();
    b.classNames = List.copyOf(names);
    b.task = Task.CLASSIFICATION;
    return b;
  }

  /** The group (patient/subject) column used by group-aware splits ({@code null}: none). */
  public DatasetBuilder group(String column) {
    DatasetBuilder b = copy();
    b.group = column;
    return b;
  }

  /** The time column used by time-ordered splits (numbers, dates or date-times; {@code null}: none). */
  public DatasetBuilder time(String column) {
    DatasetBuilder b = copy();
    b.time = column;
    return b;
  }

  /**
   * Features held as a matrix instead of table columns (for wide data: splitting a table with 20,000
   * columns is slow in Tablesaw). The table then holds only the other columns (target, group, time).
   *
   * @param names one unique name per column of {@code x}
   * @param x rows x features, finite values; taken over, not copied
   */
  public DatasetBuilder featureMatrix(List<String> names, float[][] x) {
    MatrixFeatures m = MatrixFeatures.of(names, x, table.columnCount() > 0 ? table.rowCount() : -1);
    DatasetBuilder b = copy();
    b.matrix = m;
    b.features = null;
    return b;
  }

  /** Shape of one sample, for signals ({@code channels, length}) and images ({@code c, h, w}). */
  public DatasetBuilder sampleShape(int... shape) {
    if (shape == null) {
      throw new IllegalArgumentException("sampleShape(..) needs sizes, got null");
    }
    DatasetBuilder b = copy();
    b.sampleShape = shape.clone();
    return b;
  }

  /** Checks the roles and builds the dataset. */
  public Dataset build() {
    if (labels != null && target != null) {
      throw new IllegalArgumentException("Give either target(\"" + target + "\") or targets(" + labels + "), not both");
    }
    if (labels != null && task != Task.MULTI_LABEL) {
      throw new IllegalArgumentException("targets(" + labels + ") makes a multi-label dataset; classification(),"
          + " regression() and classNames(..) are for a single target(..)");
    }
    List<String> columns = new ArrayList<>(table.columnNames());
    if (matrix != null) {
      for (String f : matrix.names()) {
        if (table.containsColumn(f)) {
          throw new IllegalArgumentException("Feature '" + f + "' is both in the matrix and a table column");
        }
      }
      columns.addAll(matrix.names());
      if (table.columnCount() > 0 && table.rowCount() != matrix.rows()) {
        throw new IllegalArgumentException(
            "Feature matrix has " + matrix.rows() + " rows but the table has " + table.rowCount());
      }
    }
    Set<String> roles = new HashSet<>();
    for (String role : new String[] {target, group, time}) {
      if (role != null) {
        requireTableColumn(role, columns, "column");
        roles.add(role);
      }
    }
    if (labels != null) {
      Set<String> seen = new HashSet<>();
      for (String l : labels) {
        requireTableColumn(l, columns, "column");
        if (!seen.add(l)) {
          throw new IllegalArgumentException("Label column '" + l + "' is listed twice in " + labels);
        }
        if (l.equals(group) || l.equals(time)) {
          throw new IllegalArgumentException("Column '" + l + "' cannot be a label and also the group or time column");
        }
      }
      roles.addAll(labels);
    }
    List<String> names = featureNames(columns, roles);
    int[] shape = sampleShape;
    if (shape != null) {
      SampleShapes.check(shape, names.size());
    }
    Labels y = labels();
    FeatureStore store;
    if (matrix != null) {
      Map<String, Integer> pos = new HashMap<>();
      for (int j = 0; j < matrix.names().size(); j++) {
        pos.put(matrix.names().get(j), j);
      }
      store = names.equals(matrix.names()) ? matrix : matrix.columns(names.stream().mapToInt(pos::get).toArray());
    } else {
      store = new TableFeatures(Table.create(table.name(), names.stream().map(table::column).toArray(Column<?>[]::new)));
    }
    Set<String> taken = new HashSet<>(names);
    taken.addAll(y.columns());
    Table others = Table.create(table.name(),
        table.columns().stream().filter(c -> !taken.contains(c.name())).toArray(Column<?>[]::new));
    List<String> order = new ArrayList<>();
    if (matrix != null) {
      order.addAll(names);
    }
    order.addAll(table.columnNames());
    return new Dataset(new DatasetParts(store, y, others, group, time, shape, order));
  }

  /** The feature names: checked when given, else every table column without a role (or the matrix). */
  private List<String> featureNames(List<String> columns, Set<String> roles) {
    if (features == null) {
      List<String> out = new ArrayList<>();
      if (matrix != null) {
        out.addAll(matrix.names());
      } else {
        for (String c : columns) {
          if (!roles.contains(c)) {
            out.add(c);
          }
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("A dataset needs at least one feature column; every column of "
            + columns + " has another role");
      }
      return out;
    }
    Set<String> seen = new HashSet<>();
    Set<String> present = new HashSet<>(columns);
    Set<String> inMatrix = matrix == null ? Set.of() : new HashSet<>(matrix.names());
    for (String f : features) {
      if (!present.contains(f)) {
        throw ColumnNames.unknown("column", f, columns, "columns");
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("Feature '" + f + "' is listed twice");
      }
      if (roles.contains(f)) {
        throw new IllegalArgumentException(
            "Column '" + f + "' cannot be a feature and also the target, a label, the group or time column");
      }
      if (matrix != null && !inMatrix.contains(f)) {
        throw new IllegalArgumentException("Feature '" + f + "' is a table column but the features are held as a"
            + " matrix; with featureMatrix(..) the features are among the matrix's columns");
      }
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("A dataset needs at least one feature column; features(..) lists none");
    }
    return features;
  }

  private void requireTableColumn(String name, List<String> columns, String what) {
    if (!columns.contains(name)) {
      throw ColumnNames.unknown(what, name, columns, "columns");
    }
    if (!table.containsColumn(name)) {
      throw new IllegalArgumentException("Column '" + name + "' is in the feature matrix; the target, labels, group"
          + " and time must be table columns");
    }
  }

  /** The target converted and checked: classes, values, 0/1 labels, or none. */
  private Labels labels() {
    if (labels != null) {
      return MultiLabels.from(labels.stream().<Column<?>>map(table::column).toList());
    }
    if (target == null) {
      return NoLabels.INSTANCE;
    }
    Column<?> y = table.column(target);
    Task kind = task;
    if (kind == null) {
      ColumnType type = y.type();
      boolean integral = type == ColumnType.INTEGER || type == ColumnType.SHORT || type == ColumnType.LONG;
      kind = y instanceof NumericColumn<?> && !integral ? Task.REGRESSION : Task.CLASSIFICATION;
    }
    return kind == Task.REGRESSION ? ValueLabels.from(y) : ClassLabels.from(y, classNames);
  }

  @Override
  public String toString() {
    return "DatasetBuilder[" + table.rowCount() + " rows, features " + (features == null ? "(default)" : features)
        + (target != null ? ", target '" + target + "'" : "") + (labels != null ? ", labels " + labels : "")
        + (group != null ? ", group '" + group + "'" : "") + (time != null ? ", time '" + time + "'" : "")
        + (sampleShape != null ? ", sampleShape " + Arrays.toString(sampleShape) : "") + "]";
  }
}
