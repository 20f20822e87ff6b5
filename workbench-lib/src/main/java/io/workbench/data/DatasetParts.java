package io.workbench.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a {@link Dataset} is made of, for the classes of this package that build or reshape one: the
 * features, the labels, the other columns (group, time, anything else), the role names, the sample shape
 * ({@code null}: flat) and every column's name in table order.
 */
record DatasetParts(FeatureStore features, Labels labels, Table others, String group, String time, int[] sampleShape,
    List<String> order) {

  /** The same labels and roles over other features and other columns. */
  DatasetParts with(FeatureStore newFeatures, Table newOthers, int[] newShape, List<String> newOrder) {
    return new DatasetParts(newFeatures, labels, newOthers, group, time, newShape, newOrder);
  }

  /** Every column as one Tablesaw table in table order; table-held columns are copied, so it can be changed. */
  Table table() {
    Map<String, Column<?>> byName = new HashMap<>();
    for (int j = 0; j < features.names().size(); j++) {
      Column<?> c = features.column(j);
      byName.put(c.name(), features instanceof TableFeatures ? c.copy() : c);
    }
    for (Column<?> c : labels.asColumns()) {
      byName.put(c.name(), c);
    }
    for (Column<?> c : others.columns()) {
      byName.put(c.name(), c.copy());
    }
    return Table.create(others.name(), order.stream().map(byName::get).toArray(Column<?>[]::new));
  }

  /** Any column by name (feature, target or other), not copied; the error lists every column. */
  Column<?> column(String name) {
    int j = features.names().indexOf(name);
    if (j >= 0) {
      return features.column(j);
    }
    for (Column<?> c : labels.asColumns()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    if (others.containsColumn(name)) {
      return others.column(name);
    }
    throw ColumnNames.unknownColumn(name, order);
  }
}
