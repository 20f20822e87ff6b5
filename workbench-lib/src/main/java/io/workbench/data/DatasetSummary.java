package io.workbench.data;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@link Dataset#summary()}: one row per feature, numbers described by mean, std, min and max, categories
 * (text, booleans) by distinct values and the most frequent one, as {@code pandas.DataFrame.describe}
 * does for each kind; cells that do not apply to a kind are missing.
 */
final class DatasetSummary {

  private DatasetSummary() {}

  static Table of(Dataset data) {
    int d = data.numFeatures();
    StringColumn name = StringColumn.create("feature");
    StringColumn type = StringColumn.create("type");
    IntColumn count = IntColumn.create("count");
    IntColumn missing = IntColumn.create("missing");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn std = DoubleColumn.create("std");
    DoubleColumn min = DoubleColumn.create("min");
    DoubleColumn max = DoubleColumn.create("max");
    IntColumn distinct = IntColumn.create("distinct");
    StringColumn top = StringColumn.create("top");
    IntColumn freq = IntColumn.create("freq");
    StringColumn note = StringColumn.create("note");
    for (int j = 0; j < d; j++) {
      Column<?> c = data.featureColumn(j);
      int present = c.size() - c.countMissing();
      name.append(c.name());
      type.append(c.type().name().toLowerCase(java.util.Locale.ROOT));
      count.append(present);
      missing.append(c.countMissing());
      boolean numeric = c instanceof NumericColumn<?>;
      if (numeric && present > 0) {
        NumericColumn<?> num = (NumericColumn<?>) c;
        mean.append(num.mean());
        std.append(num.standardDeviation());
        min.append(num.min());
        max.append(num.max());
      } else {
        mean.appendMissing();
        std.appendMissing();
        min.appendMissing();
        max.appendMissing();
      }
      if (!numeric) {
        Map<String, Integer> counts = valueCounts(c);
        distinct.append(counts.size());
        String best = null;
        int bestCount = 0;
        for (int i = 0; i < c.size(); i++) {     // first value reaching the top count wins ties
          String v = c.isMissing(i) ? null : c.getString(i);
          if (v != null && counts.get(v) > bestCount) {
            best = v;
            bestCount = counts.get(v);
          }
        }
        if (best == null) {
          top.appendMissing();
          freq.appendMissing();
        } else {
          top.append(best);
          freq.append(bestCount);
        }
      } else {
        distinct.appendMissing();
        top.appendMissing();
        freq.appendMissing();
      }
      note.append(looksLikeId(c) ? "a distinct value per row: an id? drop(\"" + c.name() + "\")" : "");
    }
    return Table.create("summary", name, type, count, missing, mean, std, min, max, distinct, top, freq, note);
  }

  private static Map<String, Integer> valueCounts(Column<?> c) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        counts.merge(c.getString(i), 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Whether a column looks like a row id: at least 20 rows, none missing, every value distinct, and either
   * text or whole numbers (a continuous measurement is distinct per row too, but is not an id).
   */
  static boolean looksLikeId(Column<?> c) {
    int n = c.size();
    if (n < 20 || c.countMissing() > 0) {
      return false;
    }
    ColumnType t = c.type();
    boolean text = t == ColumnType.STRING;
    boolean whole = t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT;
    if (!text && !whole) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (!seen.add(c.getString(i))) {
        return false;
      }
    }
    return true;
  }
}
