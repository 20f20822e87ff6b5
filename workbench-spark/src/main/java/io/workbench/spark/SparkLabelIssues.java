package io.workbench.spark;

import io.workbench.display.Displayable;
import io.workbench.eval.CrossValidationResult;
import io.workbench.labels.LabelIssue;
import io.workbench.labels.LabelIssueReport;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Label issues found on a Spark DataFrame: the library's {@link LabelIssueReport} (row {@code i} of the report is
 * the row with id {@code rowIds()[i]}: ids ascending, positions when no id column was named), the
 * cross-validation that produced the out-of-fold probabilities, and the issues as a DataFrame to join back.
 *
 * <pre>{@code
 * issues.report().issuesTable();                  // the library's table, chart and cleaned dataset
 * long[] bad = issues.issueIds();                 // ids of the rows whose label looks wrong, worst first
 * issues.toDataFrame(spark).join(frame, "id");    // id, given, suggested, quality
 * }</pre>
 *
 * @param report confident learning over the out-of-fold probabilities
 * @param rowIds the id of each row of the report
 * @param crossValidation the folds that gave the probabilities
 */
public record SparkLabelIssues(LabelIssueReport report, long[] rowIds, CrossValidationResult crossValidation)
    implements Displayable {

  /** Checks sizes and copies the ids. */
  public SparkLabelIssues {
    if (report.rows() != rowIds.length) {
      throw new IllegalArgumentException("rowIds: " + rowIds.length + " ids for a report of " + report.rows()
          + " rows");
    }
    rowIds = rowIds.clone();
  }

  @Override
  public long[] rowIds() {
    return rowIds.clone();
  }

  /** Ids of the rows flagged as label issues, in the report's order (worst first). */
  public long[] issueIds() {
    List<LabelIssue> issues = report.issues();
    long[] out = new long[issues.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rowIds[issues.get(i).row()];
    }
    return out;
  }

  /**
   * The flagged rows as a DataFrame with columns {@code id} (long), {@code given}, {@code suggested} (class names)
   * and {@code quality} (the label quality score, lower is worse), to join with the data.
   */
  public org.apache.spark.sql.Dataset<Row> toDataFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("given", DataTypes.StringType, false)
        .add("suggested", DataTypes.StringType, false)
        .add("quality", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (LabelIssue i : report.issues()) {
      rows.add(RowFactory.create(rowIds[i.row()], i.givenName(), i.suggestedName(), i.quality()));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Override
  public String toHtml() {
    return report.toHtml();
  }

  @Override
  public String toText() {
    return report.toText();
  }
}
