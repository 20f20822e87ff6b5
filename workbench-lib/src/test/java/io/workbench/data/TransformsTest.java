package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Fitted transforms learn from the training part only and apply those statistics elsewhere. */
class TransformsTest {

  @Test
  void standardizerStatisticsEqualADirectComputation() {
    Split s = Datasets.wine().split(0.7, 3);
    Standardizer st = Standardizer.fit(s.train());
    double[][] raw = new double[s.train().rows()][];
    float[][] x = s.train().x();
    for (int i = 0; i < x.length; i++) {
      raw[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        raw[i][j] = x[i][j];
      }
    }
    for (int j = 0; j < 13; j++) {
      double sum = 0;
      for (double[] r : raw) {
        sum += r[j];
      }
      double mean = sum / raw.length;
      double ss = 0;
      for (double[] r : raw) {
        ss += (r[j] - mean) * (r[j] - mean);
      }
      assertEquals(mean, st.mean()[j], 1e-9 * Math.max(1, Math.abs(mean)), "mean of feature " + j);
      assertEquals(Math.sqrt(ss / raw.length), st.scale()[j], 1e-9 * Math.max(1, Math.abs(mean)), "population std " + j);
    }
    float[][] z = st.apply(s.train()).x();
    for (int j = 0; j < 13; j++) {
      double m = 0;
      for (float[] r : z) {
        m += r[j];
      }
      assertEquals(0, m / z.length, 1e-5, "standardised training mean is 0");
    }
    // the test part uses the training statistics (no leakage)
    float[][] rawTest = s.test().x();
    float[][] zt = st.apply(s.test()).x();
    assertEquals((rawTest[0][12] - st.mean()[12]) / st.scale()[12], zt[0][12], 1e-4);
    assertEquals(zt[0][12], st.apply(rawTest)[0][12], 1e-6);
  }

  @Test
  void transformsRejectOtherFeatures() {
    Standardizer st = Standardizer.fit(Datasets.iris());
    String msg = assertThrows(IllegalArgumentException.class, () -> st.apply(Datasets.wine())).getMessage();
    assertTrue(msg.contains("4 features") && msg.contains("13"), msg);
  }

  @Test
  void oneHotLearnsCategoriesFromTrainingOnly() {
    Table t = Table.create("t", StringColumn.create("color", "red", "blue", "red", "green"),
        DoubleColumn.create("x", 1, 2, 3, 4), IntColumn.create("y", 0, 1, 0, 1));
    Dataset d = Dataset.builder(t).target("y").build();
    OneHotEncoder enc = OneHotEncoder.fit(d.select(0, 1, 2), "color");
    assertEquals(List.of("color=blue", "color=red", "x"), enc.outputFeatures());
    float[][] x = enc.apply(d.select(0, 1)).x();
    assertEquals(0f, x[0][0]);
    assertEquals(1f, x[0][1]);
    assertEquals(1f, x[1][0]);
    String msg = assertThrows(IllegalArgumentException.class, () -> enc.apply(d)).getMessage();
    assertTrue(msg.contains("'green'") && msg.contains("row index 3") && msg.contains("[blue, red]"), msg);
  }

  @Test
  void stepsWorkOnTheirColumnsOnlyAsAColumnTransformerDoes() {
    DoubleColumn age = DoubleColumn.create("age", 30, 40, 50, 60, 70);
    age.setMissing(1);
    DoubleColumn bmi = DoubleColumn.create("bmi", 20, 22, 24, 26, 28);
    bmi.setMissing(3);
    Table t = Table.create("t", age, bmi, StringColumn.create("sex", "f", "m", "f", "m", "f"),
        IntColumn.create("y", 0, 1, 0, 1, 0));
    Dataset d = Dataset.builder(t).target("y").build();

    Imputer imp = Imputer.median().on("age").fit(d);
    assertEquals(List.of("age"), imp.columns());
    assertEquals(55.0, imp.fill()[0], 1e-12, "median of 30, 50, 60, 70");
    Dataset filled = imp.apply(d);
    assertEquals(55.0, filled.column("age")[1], 1e-12);
    assertTrue(Double.isNaN(filled.column("bmi")[3]), "bmi is not this imputer's column");
    assertEquals("f", filled.table().stringColumn("sex").get(0), "text passes through");

    Imputer all = Imputer.mean().fit(d);
    assertEquals(List.of("age", "bmi"), all.columns(), "by default every numeric feature, not the text one");
    Dataset complete = all.apply(d);
    Standardizer st = Standardizer.on("bmi").fit(complete);
    assertEquals(List.of("bmi"), st.standardized());
    assertEquals(0, st.mean()[0]);
    assertEquals(1, st.scale()[0]);
    assertEquals(0, st.mean()[2]);
    Dataset z = st.apply(complete);
    assertArrayEquals(complete.column("age"), z.column("age"), "age is left exactly as it was");
    double[] b = {20, 22, 24, 23.5, 28};   // the mean 23.5 filled row 3
    double m = 23.5;
    double sd = Math.sqrt(Arrays.stream(b).map(v -> (v - m) * (v - m)).sum() / 5);
    assertEquals((float) ((20 - m) / sd), (float) z.column("bmi")[0], 1e-6);
    assertEquals("Standardizer.on(\"bmi\")", Standardizer.on("bmi").toString());

    ColumnSelector keep = ColumnSelector.keep("sex", "age").fit(d);
    assertEquals(List.of("sex", "age"), keep.apply(d).features());
    assertEquals(List.of("age", "sex"), ColumnSelector.drop("bmi").fit(d).outputFeatures());
    String msg = assertThrows(IllegalArgumentException.class, () -> ColumnSelector.drop("bim").fit(d)).getMessage();
    assertTrue(msg.contains("did you mean 'bmi'"), msg);
    OneHotEncoder enc = OneHotEncoder.of("sex").fit(d);
    assertEquals("sex", enc.inputOf("sex=m"));
    assertEquals("age", enc.inputOf("age"));
  }

  @Test
  void labelNoiseFlipsExactlyTheRequestedShare() {
    Dataset digits = Datasets.digits();
    NoisyLabels n = LabelNoise.symmetric(digits, 0.2, 42);
    assertEquals(Math.round(0.2 * 1797), n.flippedCount());
    int[] y = digits.y();
    int[] noisy = n.noisy().y();
    boolean[] f = n.flipped();
    for (int i = 0; i < y.length; i++) {
      assertEquals(f[i], y[i] != noisy[i], "flip mask matches the changed labels at row " + i);
    }
    assertEquals(n.flippedCount(), LabelNoise.symmetric(digits, 0.2, 42).flippedCount());
    assertTrue(java.util.Arrays.equals(noisy, LabelNoise.symmetric(digits, 0.2, 42).noisy().y()), "seeded");
    assertTrue(java.util.Arrays.equals(y, n.clean().y()));
  }

  @Test
  void classConditionalNoiseFollowsTheTransitionMatrix() {
    Dataset bc = Datasets.breastCancer();
    double[][] t = {{0.7, 0.3}, {0.0, 1.0}};
    NoisyLabels n = LabelNoise.classConditional(bc, t, 7);
    int[] y = bc.y();
    int flippedMalignant = 0;
    for (int i = 0; i < y.length; i++) {
      if (n.flipped()[i]) {
        assertEquals(0, y[i], "benign rows never flip with T[1][1] = 1");
        flippedMalignant++;
      }
    }
    // Binomial(212, 0.3): mean 63.6, sd 6.7; 4 sd either side.
    assertTrue(Math.abs(flippedMalignant - 63.6) < 27, "flipped " + flippedMalignant);
    String msg = assertThrows(IllegalArgumentException.class,
        () -> LabelNoise.classConditional(bc, new double[][] {{0.5, 0.4}, {0, 1}}, 1)).getMessage();
    assertTrue(msg.contains("row 0 sums to 0.9"), msg);
  }
}
