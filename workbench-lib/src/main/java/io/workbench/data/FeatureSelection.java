package io.workbench.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@link Dataset#select(List)} and {@link Dataset#drop(List)}: a dataset with fewer feature columns, its
 * roles kept, its sample shape following (or the selection rejected when it no longer fits).
 */
final class FeatureSelection {

  private FeatureSelection() {}

  static Dataset select(Dataset d, List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("select(columns) needs at least one feature column; features are " + d.features());
    }
    Map<String, Integer> pos = new HashMap<>();
    for (int j = 0; j < d.numFeatures(); j++) {
      pos.put(d.features().get(j), j);
    }
    Set<String> seen = new HashSet<>();
    int[] keep = new int[columns.size()];
    for (int k = 0; k < keep.length; k++) {
      String name = columns.get(k);
      checkNotRole(d, name, "select");
      if (!seen.add(name)) {
        throw new IllegalArgumentException("select(..) lists '" + name + "' twice");
      }
      Integer j = pos.get(name);
      keep[k] = j != null ? j : d.featureIndex(name);   // featureIndex fails naming the closest feature
    }
    return keep(d, keep, d.parts().others(), "select(" + columns + ")");
  }

  static Dataset drop(Dataset d, List<String> columns) {
    if (columns == null) {
      throw new IllegalArgumentException("drop(columns): columns is null");
    }
    Table others = d.parts().others();
    Set<String> features = new HashSet<>(d.features());
    Set<String> gone = new LinkedHashSet<>();
    for (String name : columns) {
      checkNotRole(d, name, "drop");
      if (!features.contains(name) && !others.containsColumn(name)) {
        throw ColumnNames.unknownColumn(name, d.parts().order());
      }
      gone.add(name);
    }
    int[] keep = IntStream.range(0, d.numFeatures()).filter(j -> !gone.contains(d.features().get(j))).toArray();
    if (keep.length == 0) {
      throw new IllegalArgumentException("drop(" + columns + ") would leave no feature; a dataset needs at least one");
    }
    Table rest = Table.create(others.name(),
        others.columns().stream().filter(c -> !gone.contains(c.name())).toArray(Column<?>[]::new));
    return keep(d, keep, rest, "drop(" + columns + ")");
  }

  private static Dataset keep(Dataset d, int[] keep, Table rest, String op) {
    int[] shape = SampleShapes.afterKeeping(d.sampleShape(), keep, op);
    DatasetParts p = d.parts();
    FeatureStore kept = p.features().columns(keep);
    boolean matrix = kept instanceof MatrixFeatures;
    Set<String> oldFeatures = new HashSet<>(d.features());
    Set<String> keptNames = new HashSet<>(kept.names());
    Set<String> present = new HashSet<>(d.targets());
    present.addAll(rest.columnNames());
    List<String> order = new ArrayList<>();
    if (matrix) {
      order.addAll(kept.names());
    }
    int next = 0;
    for (String c : p.order()) {
      if (!oldFeatures.contains(c)) {
        if (present.contains(c)) {
          order.add(c);
        }
      } else if (!matrix && keptNames.contains(c)) {
        order.add(kept.names().get(next++));   // feature slots keep their place, filled in the new order
      }
    }
    return new Dataset(p.with(kept, rest, shape, order));
  }

  private static void checkNotRole(Dataset d, String name, String op) {
    String role = null;
    if (d.targets().contains(name)) {
      role = d.task() == Task.MULTI_LABEL ? "a label column" : "the target";
    } else if (name != null && name.equals(d.group())) {
      role = "the group column";
    } else if (name != null && name.equals(d.time())) {
      role = "the time column";
    }
    if (role != null) {
      throw new IllegalArgumentException(op + "(..) is for feature columns; '" + name + "' is " + role
          + " (change roles with toBuilder())");
    }
  }
}
