package io.workbench.explain;

import io.workbench.testing.TestModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.model.Model;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kernel SHAP's designs: the paired, size-stratified leverage sample (its weights, its standard errors against the
 * spread of real errors, its stopping rule) and the shap design kept as an option; the reference values are brute
 * force Shapley values.
 */
class KernelShapDesignTest {

  /** A model with interactions of order 2 and 3 (paired sampling is exact only up to order 2). */
  private static final Model NONLINEAR = TestModels.regression(10, v -> Math.tanh(v[0] * v[1] * v[2])
      + 0.7 * v[3] * v[4] * v[5] + Math.sin(v[6] + v[7]) + 0.5 * Math.max(0, v[8] - v[9]) + 0.3 * v[0] * v[9] * v[5]);

  @Test
  void strataKeepTheirKernelWeightAndDrawEachPairOnce() {
    int m = 9;
    PairedStrata sample = new PairedStrata(m);
    sample.growTo(100, new SplittableRandom(3));
    assertTrue(sample.size() <= 100 && sample.size() >= 90, "coalitions " + sample.size());
    double[] w = sample.weights();
    // Shapley kernel mass of sizes s and m - s: 2 (m-1)/(s(m-s)), normalised over s = 1..4
    double[] kernel = new double[5];
    double total = 0;
    for (int s = 1; s <= 4; s++) {
      kernel[s] = 2.0 * (m - 1) / (s * (m - s));
      total += kernel[s];
    }
    double[] mass = new double[5];
    Set<BitSet> seen = new HashSet<>();
    for (int q = 0; q < sample.size(); q++) {
      BitSet s = sample.masks.get(q);
      assertTrue(seen.add(s), "coalition drawn twice: " + s);
      int size = s.cardinality();
      mass[Math.min(size, m - size)] += w[q];
      if (q % 2 == 0) {
        BitSet c = (BitSet) s.clone();
        c.flip(0, m);
        assertEquals(c, sample.masks.get(q + 1), "pairs are adjacent complements");
      }
    }
    for (int s = 1; s <= 4; s++) {
      assertEquals(kernel[s] / total, mass[s], 1e-12, "kernel mass of sizes " + s + " and " + (m - s));
    }
    // equal draws per size: size 1 (9 pairs) is drawn whole, the others share the rest equally
    assertTrue(sample.strata[0].full());
    assertEquals(sample.strata[1].drawn, sample.strata[2].drawn, 1);
    assertEquals(sample.strata[2].drawn, sample.strata[3].drawn, 1);
    // growing to every coalition enumerates them all
    sample.growTo(510, new SplittableRandom(4));
    assertTrue(sample.complete());
    assertEquals(510, sample.size());
  }

  @Test
  void standardErrorsMatchTheSpreadOfTheErrors() {
    float[][] bg = TestModels.gaussian(8, 10, 21);
    float[][] x = TestModels.gaussian(3, 10, 22);
    Background background = Background.of(bg);
    double[][] exact = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      exact[i] = TestModels.bruteForceShapley(NONLINEAR, x[i], bg, 0);
    }
    int inside = 0;
    int count = 0;
    double sumZ2 = 0;
    for (long seed = 1; seed <= 25; seed++) {
      Attribution a = Explain.kernelShap(NONLINEAR, background).samples(160).tolerance(0).seed(seed).explain(x);
      double[][] se = a.standardErrors().orElseThrow();
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 10; j++) {
          assertTrue(se[i][j] > 0, "a sampled value has a positive standard error");
          double z = (a.value(i, j) - exact[i][j]) / se[i][j];
          sumZ2 += z * z;
          inside += Math.abs(z) <= 2 ? 1 : 0;
          count++;
        }
      }
    }
    double coverage = (double) inside / count;
    double rmsZ = Math.sqrt(sumZ2 / count);
    assertTrue(coverage > 0.85 && coverage < 0.995, "coverage of +-2 standard errors: " + coverage);
    assertTrue(rmsZ > 0.6 && rmsZ < 1.5, "rms of error / standard error: " + rmsZ);
  }

  @Test
  void leverageDesignIsMoreAccurateThanShapsAtEqualBudget() {
    float[][] bg = TestModels.gaussian(8, 10, 31);
    float[][] x = TestModels.gaussian(4, 10, 32);
    Background background = Background.of(bg);
    double leverage = 0;
    double shap = 0;
    long evalLeverage = 0;
    long evalShap = 0;
    double[][] exact = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      exact[i] = TestModels.bruteForceShapley(NONLINEAR, x[i], bg, 0);
    }
    for (long seed = 1; seed <= 12; seed++) {
      Attribution a = Explain.kernelShap(NONLINEAR, background).samples(200).tolerance(0).seed(seed).explain(x);
      Attribution b = Explain.kernelShap(NONLINEAR, background).design(KernelShap.Design.SHAP).samples(200)
          .seed(seed).explain(x);
      evalLeverage += a.evaluations();
      evalShap += b.evaluations();
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 10; j++) {
          leverage += Math.pow(a.value(i, j) - exact[i][j], 2);
          shap += Math.pow(b.value(i, j) - exact[i][j], 2);
        }
      }
      assertTrue(b.standardErrors().isEmpty(), "the shap design reports no standard errors");
    }
    assertTrue(evalLeverage <= evalShap, "evaluations " + evalLeverage + " vs " + evalShap);
    assertTrue(leverage < shap, "squared error, leverage " + leverage + " vs shap design " + shap);
  }

  @Test
  void toleranceStopsEarlyAndTighterToleranceCostsMore() {
    float[][] bg = TestModels.gaussian(8, 10, 41);
    float[][] x = TestModels.gaussian(3, 10, 42);
    Background background = Background.of(bg);
    Attribution loose = Explain.kernelShap(NONLINEAR, background).samples(1000).tolerance(0.05).seed(5).explain(x);
    Attribution tight = Explain.kernelShap(NONLINEAR, background).samples(1000).tolerance(0.002).seed(5).explain(x);
    Attribution all = Explain.kernelShap(NONLINEAR, background).samples(1000).tolerance(0).seed(5).explain(x);
    assertTrue(loose.evaluations() < tight.evaluations(), loose.evaluations() + " vs " + tight.evaluations());
    assertTrue(tight.evaluations() <= all.evaluations());
    assertTrue(loose.evaluations() < all.evaluations() / 2, "the loose tolerance stops early");
    StoppingRuleAssertions.standardErrorsWithin(loose, 0.05, 10);
    assertTrue(loose.additivityGap() < 1e-6 && tight.additivityGap() < 1e-6, "efficiency holds at any stop");
    assertEquals("0.05", loose.settings().get("tolerance"));
    assertEquals("leverage", loose.settings().get("design"));
  }

  /** Serialised settings rebuilt on another model: its own background outputs, not those kept for the first. */
  @Test
  void settingsTravelWithoutTheModelAndForgetItsBackgroundOutputs() throws Exception {
    Model other = TestModels.regression(10, v -> 2 * v[0] - v[3] * v[4] + Math.cos(v[9]));
    float[][] bg = TestModels.gaussian(8, 10, 61);
    float[][] x = TestModels.gaussian(3, 10, 62);
    KernelShap ks = Explain.kernelShap(NONLINEAR, Background.of(bg)).samples(200).seed(9);
    Attribution first = ks.explain(x);   // keeps NONLINEAR's background outputs
    KernelShap back = TestModels.roundTrip(ks);
    Attribution again = back.withModel(NONLINEAR).explain(x);
    Attribution moved = ks.withModel(other).explain(x);
    Attribution fresh = Explain.kernelShap(other, Background.of(bg)).samples(200).seed(9).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(first.values(i), again.values(i), 0.0, "row " + i);
      assertArrayEquals(first.standardErrors().orElseThrow()[i], again.standardErrors().orElseThrow()[i], 0.0);
      assertArrayEquals(fresh.values(i), moved.values(i), 0.0, "row " + i + " on the other model");
      assertEquals(fresh.baseValues()[i], moved.baseValues()[i], 0.0);
    }
  }

  @Test
  void everyCoalitionMeansExactValuesAndZeroErrors() {
    Model model = TestModels.regression(6, v -> v[0] * v[1] * v[2] + Math.exp(0.3 * v[3]) - v[4] * v[5]);
    float[][] bg = TestModels.gaussian(5, 6, 51);
    float[][] x = TestModels.gaussian(2, 6, 52);
    Attribution a = Explain.kernelShap(model, Background.of(bg)).explain(x);
    double[][] se = a.standardErrors().orElseThrow();
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(TestModels.bruteForceShapley(model, x[i], bg, 0), a.values(i), 1e-5);
      assertArrayEquals(new double[6], se[i], 0.0);
    }
    // head/select keep the errors with their rows; the long table shows them
    Attribution second = a.select(1);
    assertArrayEquals(se[1], second.standardErrors().orElseThrow()[0], 0.0);
    Attribution sampled = Explain.kernelShap(model, Background.of(bg)).samples(30).tolerance(0).explain(x);
    tech.tablesaw.api.Table t = sampled.toTable();
    assertEquals("standard_error", t.columnNames().get(4));
    assertEquals(sampled.standardErrors().orElseThrow()[1][2], t.doubleColumn("standard_error").get(6 + 2), 0.0);
  }

  @Test
  void shapDesignIsExactOnLinearModelsAndRejectsATolerance() {
    double[] w = {1.5, -2.0, 0.5, 3.0, 0, -1.0, 0.25, 2.0, 0.7, -0.4};
    Model model = TestModels.withoutLinearInput(new TestModels.Linear(w, 0.3));
    float[][] bg = TestModels.gaussian(10, w.length, 61);
    float[][] x = TestModels.gaussian(2, w.length, 62);
    Background background = Background.of(bg);
    Attribution a = Explain.kernelShap(model, background).design(KernelShap.Design.SHAP).samples(80).seed(2)
        .explain(x);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < w.length; j++) {
        double mean = 0;
        for (float[] b : bg) {
          mean += b[j] / bg.length;
        }
        assertEquals(w[j] * (x[i][j] - mean), a.value(i, j), 1e-4, "row " + i + " feature " + j);
      }
    }
    assertEquals("shap", a.settings().get("design"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explain.kernelShap(model,
        background).design(KernelShap.Design.SHAP).tolerance(0.01).explain(x));
    assertTrue(e.getMessage().contains("Design.LEVERAGE"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.kernelShap(model, background).tolerance(-0.1));
    assertTrue(e.getMessage().contains("tolerance") && e.getMessage().contains("-0.1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explain.kernelShap(model, background).tolerance(Double.NaN));
    e = assertThrows(IllegalArgumentException.class, () -> Explain.kernelShap(model, background).design(null));
    assertTrue(e.getMessage().contains("design"), e.getMessage());
    assertFalse(Explain.kernelShap(model, background).samples(40).explain(x).standardErrors().isEmpty());
  }

  @Test
  void discreteDataEvaluatesEachDistinctMaskedRowOnce() {
    // binary and three-level features: many background rows agree with the explained row on many features
    Model model = TestModels.regression(8, v -> v[0] * v[1] + 2 * v[2] * v[3] * v[4] - v[5] + Math.max(v[6], v[7]));
    SplittableRandom r = new SplittableRandom(71);
    float[][] bg = new float[12][8];
    float[][] x = new float[3][8];
    for (float[][] set : new float[][][] {bg, x}) {
      for (float[] row : set) {
        for (int j = 0; j < 8; j++) {
          row[j] = j < 4 ? r.nextInt(2) : r.nextInt(3);
        }
      }
    }
    Background background = Background.of(bg);
    // every coalition: exact, with far fewer model rows than coalitions x background rows
    Attribution full = Explain.kernelShap(model, background).samples(254).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(TestModels.bruteForceShapley(model, x[i], bg, 0), full.values(i), 1e-5, "row " + i);
    }
    long all = 254L * bg.length * x.length;
    assertTrue(full.evaluations() < all / 2, full.evaluations() + " model rows of " + all);
    // sampled: efficiency, and the same numbers as the shap design's evaluation of every pair would give
    Attribution sampled = Explain.kernelShap(model, background).samples(120).tolerance(0).seed(3).explain(x);
    assertTrue(sampled.additivityGap() < 1e-6);
    assertTrue(sampled.evaluations() < 120L * bg.length * x.length);
    for (int i = 0; i < x.length; i++) {
      double[] exact = TestModels.bruteForceShapley(model, x[i], bg, 0);
      double[] se = sampled.standardErrors().orElseThrow()[i];
      for (int j = 0; j < 8; j++) {
        assertTrue(Math.abs(sampled.value(i, j) - exact[j]) <= 5 * se[j] + 1e-6,
            "row " + i + " feature " + j + ": " + sampled.value(i, j) + " vs " + exact[j] + " +- " + se[j]);
      }
    }
    // with the logit link (applied to the background mean) on the same discrete data: exact Shapley's numbers
    Model classifier = new Model() {
      public io.workbench.data.Task task() {
        return io.workbench.data.Task.CLASSIFICATION;
      }

      public java.util.List<String> featureNames() {
        return model.featureNames();
      }

      public java.util.List<String> classNames() {
        return java.util.List.of("0", "1");
      }

      public float[][] predictProba(float[][] rows) {
        float[][] v = model.predictProba(rows);
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
          float p = (float) (1 / (1 + Math.exp(-0.5 * v[i][0])));
          out[i] = new float[] {1 - p, p};
        }
        return out;
      }
    };
    Attribution linked = Explain.kernelShap(classifier, background).link(Link.LOGIT).samples(254).explain(x);
    Attribution exactLinked = Explain.exactShapley(classifier, background).link(Link.LOGIT).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(exactLinked.values(i), linked.values(i), 1e-5, "logit link, row " + i);
      assertEquals(exactLinked.baseValues()[i], linked.baseValues()[i], 1e-6);
    }
  }
}
