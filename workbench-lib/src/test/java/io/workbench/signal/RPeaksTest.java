package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RPeaksTest {

  /**
   * MIT-BIH record 208 (first 5 minutes): frequent PVCs and a few electrode artefacts. Its full
   * 30-minute annotation has 2955 beats (98 bpm on average), so 5 minutes hold roughly 490.
   */
  @Test
  void realRecordGivesPhysiologicalBeatsOnTheQrs() {
    Recording r = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
    Channel ecg = r.channel("MLII");
    Beats b = RPeaks.detect(ecg);
    assertTrue(b.heartRate() > 60 && b.heartRate() < 130, "heart rate " + b.heartRate());
    assertTrue(b.count() > 420 && b.count() < 560, "beats " + b.count());
    double[] rr = b.rr();
    int plausible = 0;
    for (double v : rr) {
      assertTrue(v >= 0.2, "RR " + v + " s is shorter than the refractory period");
      if (v >= 0.3 && v <= 2.0) {
        plausible++;
      }
    }
    assertTrue(plausible >= 0.97 * rr.length, plausible + " of " + rr.length + " RR intervals in 0.3-2 s");
    // every peak is a local extremum of the recorded signal within +-25 ms (9 samples)
    double[] x = ecg.samples();
    for (int p : b.peaks()) {
      boolean max = true;
      boolean min = true;
      for (int i = Math.max(0, p - 9); i <= Math.min(x.length - 1, p + 9); i++) {
        max &= x[i] <= x[p];
        min &= x[i] >= x[p];
      }
      assertTrue(max || min, "peak at sample " + p + " is not a local extremum");
    }
    // and the QRS is there: within +-50 ms the signal swings by far more than in the quiet middle of RR
    int big = 0;
    for (int p : b.peaks()) {
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (int i = Math.max(0, p - 18); i <= Math.min(x.length - 1, p + 18); i++) {
        lo = Math.min(lo, x[i]);
        hi = Math.max(hi, x[i]);
      }
      if (hi - lo > 0.5) {
        big++;
      }
    }
    assertTrue(big >= 0.95 * b.count(), big + " of " + b.count() + " peaks swing over 0.5 mV");
    assertEquals(60.0 / Signals.meanStd(rr)[0], b.heartRate(), 1e-9);
  }

  /** Synthetic ECG with known R times (10% PVCs, noise, wander, mains): sensitivity and precision. */
  @Test
  void syntheticRecordingAgainstGroundTruth() {
    for (long seed : new long[] {1, 2, 3}) {
      Recording r = EcgGenerator.defaults().seed(seed).noise(0.05).recording(120, 0.1);
      List<Annotation> truth = r.annotations();
      Beats b = RPeaks.detect(r.channel("ECG"));
      double fs = r.channel(0).samplingRate();
      int tol = (int) Math.round(0.05 * fs);
      int[] peaks = b.peaks();
      boolean[] used = new boolean[peaks.length];
      int tp = 0;
      int pvcFound = 0;
      int pvcs = 0;
      for (Annotation a : truth) {
        int s = a.sample(fs);
        if (a.label().equals("V")) {
          pvcs++;
        }
        for (int k = 0; k < peaks.length; k++) {
          if (!used[k] && Math.abs(peaks[k] - s) <= tol) {
            used[k] = true;
            tp++;
            if (a.label().equals("V")) {
              pvcFound++;
            }
            break;
          }
        }
      }
      double sensitivity = (double) tp / truth.size();
      double precision = (double) tp / peaks.length;
      assertTrue(sensitivity >= 0.99, "seed " + seed + ": sensitivity " + sensitivity);
      assertTrue(precision >= 0.99, "seed " + seed + ": precision " + precision);
      assertTrue(pvcs > 5 && pvcFound >= pvcs - 1, "seed " + seed + ": PVCs found " + pvcFound + " of " + pvcs);
    }
  }

  @Test
  void beatSegmentsAndRr() {
    double fs = 200;
    double[] x = new double[2000];
    int[] at = {150, 330, 500, 690, 860, 1040, 1200, 1390, 1570, 1750, 1930};
    for (int p : at) {
      for (int i = Math.max(0, p - 10); i < Math.min(x.length, p + 10); i++) {
        x[i] += Math.exp(-0.5 * Math.pow((i - p) / 2.0, 2));
      }
    }
    Beats b = RPeaks.detect(x, fs);
    assertArrayEquals(at, b.peaks());
    double[] rr = b.rr();
    assertEquals((330 - 150) / fs, rr[0], 1e-12);
    Epochs seg = b.segments(new Channel("ECG", "mV", fs, x), 0.25, 0.45);
    // only the last beat (9.65 s + 0.45 s > 10 s) lies too near an end
    assertEquals(at.length - 1, seg.count());
    assertEquals(140, seg.length());
    float[][] e = seg.epoch(0);
    assertEquals(1.0, e[0][50], 1e-6); // R peak 0.25 s into the epoch
    assertEquals(List.of("beat"), seg.classNames());
    List<Annotation> ann = new ArrayList<>(b.toAnnotations("R"));
    assertEquals(at.length, ann.size());
  }

  @Test
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RPeaks.detect(new double[1000], 20));
    assertTrue(e.getMessage().contains("50 Hz"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RPeaks.detect(new double[100], 250));
    assertTrue(e.getMessage().contains("2 s"), e.getMessage());
    double[] nan = new double[1000];
    nan[7] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> RPeaks.detect(nan, 250));
    assertTrue(e.getMessage().contains("sample 7"), e.getMessage());
  }
}
