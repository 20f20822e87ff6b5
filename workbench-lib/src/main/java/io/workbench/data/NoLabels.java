package io.workbench.data;

import java.util.List;
import tech.tablesaw.columns.Column;

/** An unlabelled dataset: every label accessor fails saying that there is no target. */
enum NoLabels implements Labels {
  /** The one instance. */
  INSTANCE;

  @Override
  public Task task() {
    return null;
  }

  @Override
  public String target() {
    return null;
  }


  @Override
  public List<Column<?>> asColumns() {
    return List.of();
  }

  @Override
  public Labels rows(int[] rowIndices) {
    return this;
  }

  @Override
  public String describe() {
    return "";
  }
}
