package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The seeded generators: shapes, reproducibility, ground truth that matches the generated waves, and a
 * simple honest baseline (hand-made features + nearest class mean, written here) that separates the
 * classes, with a control where the class signal is switched off.
 */
class GeneratorsTest {

  // ---------- a baseline classifier written in the test: nearest class mean on standardised features

  static double nearestMeanAccuracy(double[][] xTrain, int[] yTrain, double[][] xTest, int[] yTest, int k) {
    int[] pred = nearestMean(xTrain, yTrain, xTest, k);
    int correct = 0;
    for (int i = 0; i < pred.length; i++) {
      if (pred[i] == yTest[i]) {
        correct++;
      }
    }
    return (double) correct / pred.length;
  }

  static int[] nearestMean(double[][] xTrain, int[] yTrain, double[][] xTest, int k) {
    int d = xTrain[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] r : xTrain) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / xTrain.length;
      }
    }
    for (double[] r : xTrain) {
      for (int j = 0; j < d; j++) {
        sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / xTrain.length;
      }
    }
    double[][] centroid = new double[k][d];
    int[] count = new int[k];
    for (int i = 0; i < xTrain.length; i++) {
      count[yTrain[i]]++;
      for (int j = 0; j < d; j++) {
        centroid[yTrain[i]][j] += (xTrain[i][j] - mean[j]) / Math.sqrt(sd[j] + 1e-12);
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centroid[c][j] /= Math.max(1, count[c]);
      }
    }
    int[] pred = new int[xTest.length];
    for (int i = 0; i < xTest.length; i++) {
      int best = -1;
      double bestDist = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        double dist = 0;
        for (int j = 0; j < d; j++) {
          double z = (xTest[i][j] - mean[j]) / Math.sqrt(sd[j] + 1e-12);
          dist += (z - centroid[c][j]) * (z - centroid[c][j]);
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      pred[i] = best;
    }
    return pred;
  }

  static double[][] rows(double[][] all, int[] idx) {
    return Arrays.stream(idx).mapToObj(i -> all[i]).toArray(double[][]::new);
  }

  static int[] pick(int[] all, int[] idx) {
    return Arrays.stream(idx).map(i -> all[i]).toArray();
  }

  // ---------- ECG

  /** Per window: widest QRS, mean ST level against the PR segment, and RR irregularity (max/min). */
  static double[] ecgFeatures(float[] w, double fs) {
    double[] x = new double[w.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = w[i];
    }
    int[] p = RPeaks.detect(x, fs).peaks();
    double width = 0;
    double st = 0;
    int beats = 0;
    for (int r : p) {
      int a = r - (int) (0.10 * fs);
      int b = r + (int) (0.16 * fs);
      if (a < 0 || b >= x.length) {
        continue;
      }
      double base = 0;
      for (int i = r - (int) (0.10 * fs); i < r - (int) (0.06 * fs); i++) {
        base += x[i];
      }
      base /= (int) (0.10 * fs) - (int) (0.06 * fs);
      double level = 0;
      for (int i = r + (int) (0.07 * fs); i < r + (int) (0.12 * fs); i++) {
        level += x[i];
      }
      level /= (int) (0.12 * fs) - (int) (0.07 * fs);
      double half = 0.5 * Math.abs(x[r] - base);
      int wide = 0;
      for (int i = r - (int) (0.15 * fs); i <= r + (int) (0.15 * fs); i++) {
        if (i >= 0 && i < x.length && Math.abs(x[i] - base) > half && Math.signum(x[i] - base) == Math.signum(x[r] - base)) {
          wide++;
        }
      }
      width = Math.max(width, wide);
      st += level - base;
      beats++;
    }
    double ratio = 1;
    if (p.length >= 3) {
      double lo = Double.MAX_VALUE;
      double hi = 0;
      for (int i = 1; i < p.length; i++) {
        lo = Math.min(lo, p[i] - p[i - 1]);
        hi = Math.max(hi, p[i] - p[i - 1]);
      }
      ratio = hi / lo;
    }
    return new double[] {width, beats == 0 ? 0 : st / beats, ratio};
  }

  /** Test-set accuracy of the ECG baseline: {overall, on the normal and ST-elevation rows only}. */
  static double[] ecgBaseline(SyntheticSignals s) {
    Dataset d = s.data();
    float[][] x = d.x();
    double[][] f = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      f[i] = ecgFeatures(x[i], s.samplingRate());
    }
    Split split = d.split(0.7, 11);
    int[] y = d.y();
    int[] yTest = pick(y, split.testRows());
    int[] pred = nearestMean(rows(f, split.trainRows()), pick(y, split.trainRows()), rows(f, split.testRows()), 3);
    int all = 0;
    int pair = 0;
    int pairCount = 0;
    for (int i = 0; i < pred.length; i++) {
      all += pred[i] == yTest[i] ? 1 : 0;
      if (yTest[i] != 1) {
        pairCount++;
        pair += pred[i] == yTest[i] ? 1 : 0;
      }
    }
    return new double[] {(double) all / pred.length, (double) pair / pairCount};
  }

  @Test
  void ecgDatasetShapeAndReproducibility() {
    SyntheticSignals a = EcgGenerator.defaults().samplesPerClass(20).seed(9).generate();
    SyntheticSignals b = EcgGenerator.defaults().samplesPerClass(20).seed(9).generate();
    SyntheticSignals c = EcgGenerator.defaults().samplesPerClass(20).seed(10).generate();
    Dataset d = a.data();
    assertEquals(60, d.rows());
    assertArrayEquals(new int[] {1, 750}, d.sampleShape());
    assertEquals("ECG@t0", d.features().get(0));
    assertEquals("ECG@t749", d.features().get(749));
    assertEquals(List.of("normal", "pvc", "st_elevation"), d.classNames());
    assertEquals(java.util.Map.of("normal", 20, "pvc", 20, "st_elevation", 20), d.classCounts());
    assertArrayEquals(d.x(), b.data().x());
    assertFalse(Arrays.deepEquals(d.x(), c.data().x()));
    assertEquals(a.truth(), b.truth());
  }

  @Test
  void ecgGroundTruthMatchesTheWaves() {
    // without noise, wander and mains, the PVC and ST windows differ from a normal beat where the truth says
    SyntheticSignals s = EcgGenerator.defaults().samplesPerClass(30).noise(0).wander(0).mains(0, 50).seed(4).generate();
    int[] y = s.data().y();
    float[][] x = s.data().x();
    double fs = s.samplingRate();
    int pauses = 0;
    for (int i = 0; i < y.length; i++) {
      List<Interval> iv = s.intervals(i);
      List<Annotation> beats = s.events().get(i);
      switch (y[i]) {
        case 0 -> {
          assertTrue(iv.isEmpty());
          assertTrue(beats.stream().allMatch(b -> b.label().equals("N")));
        }
        case 1 -> {
          assertEquals(List.of("absent P wave", "wide QRS", "discordant T wave", "compensatory pause"),
              iv.stream().map(Interval::reason).toList());
          Annotation v = beats.stream().filter(b -> b.label().equals("V")).findFirst().orElseThrow();
          int idx = beats.indexOf(v);
          // premature, then a compensatory pause: the two RR intervals around the PVC add up to two normal ones
          double before = v.onset() - beats.get(idx - 1).onset();
          double after = beats.get(idx + 1).onset() - v.onset();
          double normal = idx >= 2 ? beats.get(idx - 1).onset() - beats.get(idx - 2).onset()
              : idx + 2 < beats.size() ? beats.get(idx + 2).onset() - beats.get(idx + 1).onset() : Double.NaN;
          if (!Double.isNaN(normal)) {
            assertTrue(before < 0.7 * normal, "coupling " + before + " vs RR " + normal);
            assertEquals(2 * normal, before + after, 0.1 * normal);
            pauses++;
          }
          // the wide QRS: more than 40 ms above half the R amplitude (a normal R is ~24 ms)
          int r = v.sample(fs);
          int above = 0;
          for (int k = r - 40; k <= r + 40; k++) {
            if (x[i][k] > 0.5 * x[i][r]) {
              above++;
            }
          }
          assertTrue(above / fs > 0.04, "PVC QRS width " + above / fs);
          Interval qrs = iv.get(1);
          assertTrue(qrs.start() <= r && r < qrs.end());
        }
        default -> {
          assertFalse(iv.isEmpty());
          assertTrue(iv.stream().allMatch(t -> t.reason().equals("ST elevation")));
          // inside an ST interval, 100 ms after an R peak, the signal sits well above the PR baseline
          Annotation b = beats.stream().filter(t -> t.onset() > 0.3 && t.onset() < 2.5).findFirst().orElseThrow();
          int r = b.sample(fs);
          double st = x[i][r + (int) (0.1 * fs)];
          double pr = x[i][r - (int) (0.08 * fs)];
          assertTrue(st - pr > 0.08, "ST level " + (st - pr));
          assertTrue(s.mask(i)[0][r + (int) (0.1 * fs)]);
          assertFalse(s.mask(i)[0][r - (int) (0.08 * fs)]);
        }
      }
    }
    assertTrue(pauses >= 20, "compensatory pause checked in " + pauses + " of 30 PVC windows");
  }

  @Test
  void ecgBaselineSeparatesClassesAndControlDoesNot() {
    double[] acc = ecgBaseline(EcgGenerator.defaults().samplesPerClass(60).seed(21).generate());
    System.out.println("ECG baseline accuracy " + acc[0] + ", normal vs ST rows " + acc[1]);
    assertTrue(acc[0] >= 0.9, "baseline accuracy " + acc[0]);
    assertTrue(acc[1] >= 0.9, "normal vs ST accuracy " + acc[1]);
    // control: without ST elevation the st_elevation class is normal sinus rhythm, so those two classes
    // can no longer be told apart (about half right), while PVCs still can
    double[] control = ecgBaseline(EcgGenerator.defaults().samplesPerClass(60).stElevation(0).seed(21).generate());
    System.out.println("ECG control without ST elevation: accuracy " + control[0] + ", normal vs ST rows " + control[1]);
    assertTrue(control[1] < 0.75, "normal vs ST accuracy without elevation " + control[1]);
    assertTrue(control[0] < 0.85, "overall accuracy without elevation " + control[0]);
  }

  // ---------- motor imagery

  static double miBaseline(SyntheticSignals s) {
    Dataset bp = s.epochs().bandPower(true, MotorImageryGenerator.MU, MotorImageryGenerator.BETA);
    int[] cols = {bp.featureIndex("C3 mu"), bp.featureIndex("C3 beta"), bp.featureIndex("C4 mu"),
      bp.featureIndex("C4 beta")};
    float[][] all = bp.x();
    double[][] f = new double[all.length][cols.length];
    for (int i = 0; i < all.length; i++) {
      for (int j = 0; j < cols.length; j++) {
        f[i][j] = all[i][cols[j]];
      }
    }
    Split split = s.data().split(0.7, 3);
    int[] y = s.data().y();
    return nearestMeanAccuracy(rows(f, split.trainRows()), pick(y, split.trainRows()), rows(f, split.testRows()),
        pick(y, split.testRows()), 3);
  }

  @Test
  void motorImageryShapeTruthAndReproducibility() {
    SyntheticSignals s = MotorImageryGenerator.defaults().trialsPerClass(10).seed(2).generate();
    Dataset d = s.data();
    assertEquals(30, d.rows());
    assertArrayEquals(new int[] {9, 384}, d.sampleShape());
    assertEquals("C3@t12", d.features().get(3 * 384 + 12));
    assertEquals(List.of("left hand", "right hand", "rest"), d.classNames());
    assertEquals(List.of("C3", "C4"), s.informativeChannels());
    assertArrayEquals(new int[] {3, 5}, s.informativeChannelIndices());
    assertEquals(List.of(new Band("mu", 8, 12), new Band("beta", 18, 24)), s.informativeBands());
    int[] y = d.y();
    for (int i = 0; i < y.length; i++) {
      boolean[][] m = s.mask(i);
      int start = 64; // imagery from 0.5 s at 128 Hz
      assertEquals(y[i] != 1, m[5][start]);
      assertEquals(y[i] != 0, m[3][start]);
      assertFalse(m[3][start - 1] || m[5][start - 1] || m[4][start]);
      assertEquals(MotorImageryGenerator.CLASSES.get(y[i]), s.events().get(i).get(0).label());
    }
    assertArrayEquals(d.x(), MotorImageryGenerator.defaults().trialsPerClass(10).seed(2).generate().data().x());
  }

  @Test
  void motorImageryErdIsContralateralAndBackgroundIsOneOverF() {
    SyntheticSignals s = MotorImageryGenerator.defaults().trialsPerClass(40).artefacts(0, 0).seed(8).generate();
    Epochs e = s.epochs();
    double[][] p = e.bandPowers(MotorImageryGenerator.MU);
    int[] y = s.data().y();
    double[][] sum = new double[3][9];
    int[] n = new int[3];
    for (int i = 0; i < y.length; i++) {
      n[y[i]]++;
      for (int c = 0; c < 9; c++) {
        sum[y[i]][c] += Math.log(p[i][c]);
      }
    }
    int c3 = 3;
    int c4 = 5;
    double leftC4 = sum[0][c4] / n[0];
    double rightC4 = sum[1][c4] / n[1];
    double leftC3 = sum[0][c3] / n[0];
    double rightC3 = sum[1][c3] / n[1];
    assertTrue(leftC4 < rightC4 - 0.3, "left-hand imagery lowers mu over C4: " + leftC4 + " vs " + rightC4);
    assertTrue(rightC3 < leftC3 - 0.3, "right-hand imagery lowers mu over C3: " + rightC3 + " vs " + leftC3);
    // background: generate with no rhythms and measure the log-log slope of the spectrum between 2 and 30 Hz
    SyntheticSignals bg = MotorImageryGenerator.defaults().trialsPerClass(10).rhythms(0, 0).artefacts(0, 0).mains(0)
        .seed(8).generate();
    double[] acc = null;
    double[] freqs = null;
    float[][][] trials = bg.epochs().toArray();
    for (float[][] t : trials) {
      double[] x = new double[t[7].length];
      for (int k = 0; k < x.length; k++) {
        x[k] = t[7][k];
      }
      Spectrum sp = Welch.psd(x, 128, 128, 64);
      freqs = sp.frequencies();
      double[] dens = sp.density();
      if (acc == null) {
        acc = new double[dens.length];
      }
      for (int k = 0; k < dens.length; k++) {
        acc[k] += dens[k];
      }
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int m = 0;
    for (int k = 0; k < freqs.length; k++) {
      if (freqs[k] >= 2 && freqs[k] <= 30) {
        double lx = Math.log(freqs[k]);
        double ly = Math.log(acc[k]);
        sx += lx;
        sy += ly;
        sxx += lx * lx;
        sxy += lx * ly;
        m++;
      }
    }
    double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    assertTrue(slope > -1.4 && slope < -0.6, "1/f slope " + slope);
  }

  @Test
  void motorImageryBaselineSeparatesClassesAndNoErdDoesNot() {
    double acc = miBaseline(MotorImageryGenerator.defaults().trialsPerClass(50).seed(5).generate());
    System.out.println("MI baseline accuracy " + acc);
    assertTrue(acc >= 0.8, "baseline accuracy " + acc);
    double control = miBaseline(MotorImageryGenerator.defaults().trialsPerClass(50).erd(0).seed(5).generate());
    System.out.println("MI accuracy without ERD " + control);
    assertTrue(control < 0.55, "accuracy without ERD " + control);
  }

  @Test
  void relevanceAucAgainstBruteForce() {
    SyntheticSignals s = EcgGenerator.defaults().samplesPerClass(3).seed(1).generate();
    int row = s.rowsOf("pvc")[0];
    boolean[] m = s.featureMask(row);
    double[] perfect = new double[m.length];
    double[] random = new double[m.length];
    Random rnd = new Random(2);
    for (int i = 0; i < m.length; i++) {
      perfect[i] = m[i] ? 1 + rnd.nextDouble() : rnd.nextDouble() * 0.5;
      random[i] = Math.round(rnd.nextGaussian() * 4) / 4.0; // with ties
    }
    assertEquals(1.0, s.relevanceAuc(row, perfect), 1e-12);
    double brute = 0;
    long pairs = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (m[i] && !m[j]) {
          double a = Math.abs(random[i]);
          double b = Math.abs(random[j]);
          brute += a > b ? 1 : a == b ? 0.5 : 0;
          pairs++;
        }
      }
    }
    assertEquals(brute / pairs, s.relevanceAuc(row, random), 1e-12);
    int normal = s.rowsOf("normal")[0];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.relevanceAuc(normal, perfect));
    assertTrue(e.getMessage().contains("no ground-truth"), e.getMessage());
  }

  @Test
  void generatorArgumentsAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EcgGenerator.defaults().samplingRate(50));
    assertTrue(e.getMessage().contains("samplingRate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EcgGenerator.defaults().heartRate(100, 60));
    assertTrue(e.getMessage().contains("heartRate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MotorImageryGenerator.defaults().erd(1.5));
    assertTrue(e.getMessage().contains("erd"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MotorImageryGenerator.defaults().timing(2, 1.5));
    assertTrue(e.getMessage().contains("imagery"), e.getMessage());
  }
}
