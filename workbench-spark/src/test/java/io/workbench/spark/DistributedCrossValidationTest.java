package io.workbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.eval.CrossValidationResult;
import io.workbench.labels.LabelIssueReport;
import io.workbench.labels.LabelIssues;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation folds run as Spark tasks, and label issues from their out-of-fold probabilities, equal the
 * single-JVM library trained on the same folds: the reference fits each fold's model in this JVM from the rows
 * the result says were outside the fold, and runs {@code LabelIssues.find} on those probabilities.
 */
class DistributedCrossValidationTest {

  private static final int ROWS = 150;
  private static final TrainerFactory CART = () -> Models.cart().maxDepth(3);

  /** Each fold refitted here from the rows outside it: the out-of-fold matrix the distributed run must equal. */
  private static double[][] singleJvmOutOfFold(Dataset data, int[] foldOf, int k) {
    double[][] out = new double[data.rows()][];
    for (int f = 0; f < k; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < foldOf.length; i++) {
        (foldOf[i] == f ? test : train).add(i);
      }
      Model m = CART.create().fit(data.rows(train.stream().mapToInt(Integer::intValue).toArray()));
      int[] t = test.stream().mapToInt(Integer::intValue).toArray();
      float[][] p = m.predictProba(data.x(t));
      for (int i = 0; i < t.length; i++) {
        out[t[i]] = new double[p[i].length];
        for (int c = 0; c < p[i].length; c++) {
          out[t[i]][c] = p[i][c];
        }
      }
    }
    return out;
  }

  /** The frame in row-id order with the class names sorted, as the distributed run orders rows and classes. */
  private static Dataset sorted(org.apache.spark.sql.Dataset<Row> frame) {
    Dataset d = SparkFixture.data();
    return SparkData.toDataset(frame.orderBy("row_id"), d.features(), d.target());
  }

  @Test
  void foldsAreStratifiedIndependentOfPartitioningAndEqualTheSingleJvmFits() {
    Dataset data = sorted(SparkFixture.frame(ROWS, 1));
    CrossValidationResult one = DistributedCrossValidation.of(CART).folds(3).seed(5).rowId("row_id")
        .run(SparkFixture.frame(ROWS, 1), data.features(), data.target());
    CrossValidationResult seven = DistributedCrossValidation.of(CART).folds(3).seed(5).rowId("row_id")
        .run(SparkFixture.frame(ROWS, 7), data.features(), data.target());
    assertArrayEquals(one.foldOf(), seven.foldOf(), "folds depend on the ids and the seed only");
    double[][] reference = singleJvmOutOfFold(data, one.foldOf(), 3);
    for (int i = 0; i < ROWS; i++) {
      assertArrayEquals(reference[i], one.outOfFold()[i], 1e-7, "row " + i + " on 1 partition");
      assertArrayEquals(reference[i], seven.outOfFold()[i], 1e-7, "row " + i + " on 7 partitions");
    }
    // stratified: per class, fold sizes differ by at most one
    int[] y = data.y();
    for (int c = 0; c < 2; c++) {
      int[] size = new int[3];
      for (int i = 0; i < ROWS; i++) {
        if (y[i] == c) {
          size[one.foldOf()[i]]++;
        }
      }
      int max = Arrays.stream(size).max().getAsInt();
      int min = Arrays.stream(size).min().getAsInt();
      assertTrue(max - min <= 1, "class " + c + " fold sizes " + Arrays.toString(size));
    }
    assertEquals(3, one.models().size(), "fold models came back in their saved format");
    assertEquals(one.foldMetrics().get(0).value("accuracy"), seven.foldMetrics().get(0).value("accuracy"), 0.0);
    assertTrue(one.pooled().value("accuracy") > 0.8, "cross-validated accuracy " + one.pooled().value("accuracy"));
    CrossValidationResult other = DistributedCrossValidation.of(CART).folds(3).seed(6).rowId("row_id")
        .run(SparkFixture.frame(ROWS, 2), data.features(), data.target());
    assertTrue(!Arrays.equals(one.foldOf(), other.foldOf()), "another seed, other folds");
  }

  @Test
  void labelIssuesEqualConfidentLearningOnTheSingleJvmOutOfFoldProbabilities() {
    Dataset clean = SparkFixture.data().head(ROWS);
    int[] y = clean.y();
    SplittableRandom r = new SplittableRandom(3);
    Set<Integer> flipped = new HashSet<>();
    while (flipped.size() < 12) {
      flipped.add(r.nextInt(ROWS));
    }
    for (int i : flipped) {
      y[i] = 1 - y[i];
    }
    org.apache.spark.sql.Dataset<Row> frame = SparkData.toDataFrame(SparkFixture.spark(), clean.withLabels(y))
        .repartition(3);
    Dataset noisy = sorted(frame);
    SparkLabelIssues issues = DistributedLabelIssues.of(CART).folds(4).seed(2).rowId("row_id")
        .find(frame, noisy.features(), noisy.target());
    int[] foldOf = issues.crossValidation().foldOf();
    y = noisy.y();
    LabelIssueReport reference = LabelIssues.finder().find(singleJvmOutOfFold(noisy, foldOf, 4), y,
        noisy.classNames());
    assertArrayEquals(reference.issueRows(), issues.report().issueRows(), "same issues, same order");
    long[] ids = issues.issueIds();
    assertEquals(reference.count(), ids.length);
    int found = 0;
    for (long id : ids) {
      found += flipped.contains((int) id) ? 1 : 0;
    }
    assertTrue(found >= 6, "found " + found + " of 12 flipped labels among " + ids.length + " issues");
    List<Row> back = issues.toDataFrame(SparkFixture.spark()).orderBy(functions.col("quality")).collectAsList();
    assertEquals(ids.length, back.size());
    Set<Long> fromFrame = new HashSet<>();
    for (Row row : back) {
      fromFrame.add(row.getLong(0));
      int id = (int) row.getLong(0);
      assertEquals(noisy.classNames().get(y[id]), row.getString(1), "given label of id " + id);
    }
    assertEquals(Arrays.stream(ids).boxed().collect(java.util.stream.Collectors.toSet()), fromFrame);
  }

  @Test
  void groupsFallInOneFoldAndRegressionWorks() {
    Dataset diabetes = Datasets.diabetes().head(120);
    org.apache.spark.sql.Dataset<Row> frame = SparkData.toDataFrame(SparkFixture.spark(), diabetes)
        .withColumn("patient", functions.col("row_id").mod(10)).repartition(4);
    CrossValidationResult cv = DistributedCrossValidation.of(() -> Models.cart().maxDepth(2)).folds(5)
        .groups("patient").rowId("row_id").run(frame, diabetes.features(), diabetes.target());
    int[] foldOf = cv.foldOf();
    for (int g = 0; g < 10; g++) {
      Set<Integer> folds = new HashSet<>();
      for (int i = g; i < 120; i += 10) {
        folds.add(foldOf[i]);
      }
      assertEquals(1, folds.size(), "patient " + g + " in folds " + folds);
    }
    int[] groupsPerFold = new int[5];
    for (int g = 0; g < 10; g++) {
      groupsPerFold[foldOf[g]]++;
    }
    assertArrayEquals(new int[] {2, 2, 2, 2, 2}, groupsPerFold, "10 patients dealt to 5 folds");
    for (int f = 0; f < 5; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        (foldOf[i] == f ? test : train).add(i);
      }
      Model m = Models.cart().maxDepth(2).fit(diabetes.rows(train.stream().mapToInt(Integer::intValue).toArray()));
      float[][] p = m.predictProba(diabetes.x(test.stream().mapToInt(Integer::intValue).toArray()));
      for (int i = 0; i < test.size(); i++) {
        assertEquals(p[i][0], cv.outOfFold()[test.get(i)][0], 1e-4, "regression row " + test.get(i));
      }
    }
  }

  @Test
  void badInputFailsOnTheDriverNamingTheColumn() {
    Dataset data = SparkFixture.data().head(40);
    org.apache.spark.sql.Dataset<Row> frame = SparkFixture.frame(40, 2);
    DistributedCrossValidation cv = DistributedCrossValidation.of(CART).folds(3);
    String missing = assertThrows(IllegalArgumentException.class,
        () -> cv.run(frame, List.of("nope"), data.target())).getMessage();
    assertTrue(missing.contains("'nope'"), missing);
    String label = assertThrows(IllegalArgumentException.class,
        () -> cv.run(frame, data.features(), "absent")).getMessage();
    assertTrue(label.contains("'absent'"), label);
    org.apache.spark.sql.Dataset<Row> dup = frame.withColumn("row_id", functions.col("row_id").mod(5));
    String ids = assertThrows(IllegalArgumentException.class,
        () -> cv.rowId("row_id").run(dup, data.features(), data.target())).getMessage();
    assertTrue(ids.contains("unique"), ids);
    org.apache.spark.sql.Dataset<Row> nulls = frame.withColumn(data.target(),
        functions.when(functions.col("row_id").equalTo(7), functions.lit(null))
            .otherwise(functions.col(data.target())));
    String nul = assertThrows(IllegalArgumentException.class,
        () -> cv.run(nulls, data.features(), data.target())).getMessage();
    assertTrue(nul.contains("null"), nul);
    org.apache.spark.sql.Dataset<Row> rare = frame.withColumn(data.target(),
        functions.when(functions.col("row_id").equalTo(3), functions.lit("rare"))
            .otherwise(functions.col(data.target())));
    String rareClass = assertThrows(IllegalArgumentException.class,
        () -> cv.run(rare, data.features(), data.target())).getMessage();
    assertTrue(rareClass.contains("'rare'") && rareClass.contains("training part"), rareClass);
    Dataset diabetes = Datasets.diabetes().head(30);
    String numeric = assertThrows(IllegalArgumentException.class,
        () -> DistributedLabelIssues.of(CART).find(SparkData.toDataFrame(SparkFixture.spark(), diabetes),
            diabetes.features(), diabetes.target())).getMessage();
    assertTrue(numeric.contains("classes"), numeric);
    assertThrows(IllegalArgumentException.class, () -> DistributedCrossValidation.of(null));
    assertThrows(IllegalArgumentException.class, () -> DistributedCrossValidation.of(() -> null));
    assertThrows(IllegalArgumentException.class, () -> cv.folds(1));
  }
}
