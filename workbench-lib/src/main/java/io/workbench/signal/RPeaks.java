package io.workbench.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * R-peak (QRS) detection on one ECG lead after Pan and Tompkins (1985), "A real-time QRS detection
 * algorithm", IEEE Trans. Biomed. Eng. 32(3): band-pass 5-15 Hz, five-point derivative, squaring, a
 * 150 ms moving-window integral, and adaptive signal/noise thresholds on the integral's peaks
 * ({@code THRESHOLD1 = NPKI + 0.25 (SPKI - NPKI)}) with a 200 ms refractory period, T-wave rejection
 * (a candidate within 360 ms of the last beat whose maximal slope is under half the last beat's is
 * noise) and search-back at half the threshold when no beat came for 1.66 mean RR intervals. The
 * filters run forward and backward (zero phase), so no delay needs compensating. Each detection is then
 * placed on the largest deflection of the 0.5-45 Hz filtered ECG within 80 ms, and finally on the local
 * extremum of the recorded signal (same polarity) within 10 ms, so peaks sit on the QRS as recorded.
 *
 * <pre>{@code
 * Recording ecg = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
 * Beats beats = RPeaks.detect(ecg.channel("MLII"));
 * beats.heartRate();          // beats per minute
 * beats.rr();                 // RR intervals in seconds
 * Epochs b = beats.segments(ecg.channel("MLII"), 0.25, 0.45);   // one epoch per beat
 * }</pre>
 */
public final class RPeaks {

  private RPeaks() {}

  /** Detects R peaks in a channel. */
  public static Beats detect(Channel ecg) {
    return detect(ecg.view(), ecg.samplingRate());
  }

  /** Detects R peaks in an ECG sampled at {@code samplingRate} Hz (at least 50 Hz, finite samples). */
  public static Beats detect(double[] ecg, double samplingRate) {
    Signals.requireFinite(ecg, "ECG for R-peak detection");
    if (!(samplingRate >= 50)) {
      throw new IllegalArgumentException("R-peak detection needs a sampling rate of at least 50 Hz, got " + samplingRate);
    }
    double fs = samplingRate;
    int n = ecg.length;
    if (n < (int) (2 * fs)) {
      throw new IllegalArgumentException(
          "R-peak detection needs at least 2 s of ECG (" + (int) (2 * fs) + " samples), got " + n);
    }
    double[] bp = Filter.bandPass(2, 5, 15).apply(ecg, fs);
    double[] der = new double[n];
    for (int i = 2; i < n - 2; i++) {
      der[i] = (-bp[i - 2] - 2 * bp[i - 1] + 2 * bp[i + 1] + bp[i + 2]) / 8.0;
    }
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      sq[i] = der[i] * der[i];
    }
    int w = Math.max(1, (int) Math.round(0.15 * fs));
    double[] mwi = new double[n];
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + sq[i];
    }
    for (int i = 0; i < n; i++) {
      int a = Math.max(0, i - w / 2);
      int b = Math.min(n, i - w / 2 + w);
      mwi[i] = (prefix[b] - prefix[a]) / w;
    }
    int refractory = (int) Math.round(0.2 * fs);
    int tWindow = (int) Math.round(0.36 * fs);
    int slopeHalf = (int) Math.round(0.075 * fs);
    // candidate peaks: local maxima of the integral, the largest within each refractory period
    List<Integer> cand = new ArrayList<>();
    for (int i = 1; i < n - 1; i++) {
      if (mwi[i] > mwi[i - 1] && mwi[i] >= mwi[i + 1]) {
        if (!cand.isEmpty() && i - cand.get(cand.size() - 1) < refractory) {
          if (mwi[i] > mwi[cand.get(cand.size() - 1)]) {
            cand.set(cand.size() - 1, i);
          }
        } else {
          cand.add(i);
        }
      }
    }
    int learn = (int) Math.min(n, 2 * fs);
    double max = 0;
    double mean = 0;
    for (int i = 0; i < learn; i++) {
      max = Math.max(max, mwi[i]);
      mean += mwi[i];
    }
    mean /= learn;
    double spki = max / 3;
    double npki = mean / 2;
    double th1 = npki + 0.25 * (spki - npki);
    List<Integer> qrs = new ArrayList<>();
    List<Double> slopes = new ArrayList<>();
    List<Integer> sinceLast = new ArrayList<>();
    for (int c : cand) {
      double v = mwi[c];
      int last = qrs.isEmpty() ? -1 : qrs.get(qrs.size() - 1);
      boolean accepted = false;
      if (v > th1 && (last < 0 || c - last >= refractory)) {
        double slope = maxSlope(der, c, slopeHalf);
        boolean tWave = last >= 0 && c - last < tWindow && slope < 0.5 * slopes.get(slopes.size() - 1);
        if (!tWave) {
          qrs.add(c);
          slopes.add(slope);
          spki = 0.125 * v + 0.875 * spki;
          accepted = true;
          sinceLast.clear();
        }
      }
      if (!accepted) {
        npki = 0.125 * v + 0.875 * npki;
        sinceLast.add(c);
      }
      th1 = npki + 0.25 * (spki - npki);
      // search-back for a missed beat
      if (!accepted && qrs.size() >= 2) {
        double rrMean = meanRr(qrs);
        int lastQ = qrs.get(qrs.size() - 1);
        if (c - lastQ > 1.66 * rrMean) {
          double th2 = 0.5 * th1;
          int best = -1;
          for (int s : sinceLast) {
            if (s - lastQ >= refractory && mwi[s] > th2 && (best < 0 || mwi[s] > mwi[best])) {
              best = s;
            }
          }
          if (best >= 0) {
            qrs.add(best);
            slopes.add(maxSlope(der, best, slopeHalf));
            spki = 0.25 * mwi[best] + 0.75 * spki;
            th1 = npki + 0.25 * (spki - npki);
            List<Integer> rest = new ArrayList<>();
            for (int s : sinceLast) {
              if (s > best) {
                rest.add(s);
              }
            }
            sinceLast = rest;
          }
        }
      }
    }
    // place each detection on the QRS as recorded
    double hi = Math.min(45, 0.45 * fs);
    double[] broad = Filter.bandPass(2, 0.5, hi).apply(ecg, fs);
    int search = (int) Math.round(0.08 * fs);
    int snap = Math.max(1, (int) Math.round(0.01 * fs));
    List<Integer> peaks = new ArrayList<>();
    for (int c : qrs) {
      int best = c;
      for (int i = Math.max(0, c - search); i <= Math.min(n - 1, c + search); i++) {
        if (Math.abs(broad[i]) > Math.abs(broad[best])) {
          best = i;
        }
      }
      double sign = broad[best] >= 0 ? 1 : -1;
      int p = best;
      for (int i = Math.max(0, best - snap); i <= Math.min(n - 1, best + snap); i++) {
        if (sign * ecg[i] > sign * ecg[p]) {
          p = i;
        }
      }
      if (!peaks.isEmpty() && p - peaks.get(peaks.size() - 1) < refractory) {
        int prev = peaks.get(peaks.size() - 1);
        if (Math.abs(broad[p]) > Math.abs(broad[prev])) {
          peaks.set(peaks.size() - 1, p);
        }
        continue;
      }
      peaks.add(p);
    }
    return new Beats(peaks.stream().mapToInt(Integer::intValue).toArray(), fs);
  }

  private static double maxSlope(double[] der, int c, int half) {
    double m = 0;
    for (int i = Math.max(0, c - half); i <= Math.min(der.length - 1, c + half); i++) {
      m = Math.max(m, Math.abs(der[i]));
    }
    return m;
  }

  private static double meanRr(List<Integer> qrs) {
    int k = Math.min(8, qrs.size() - 1);
    return (double) (qrs.get(qrs.size() - 1) - qrs.get(qrs.size() - 1 - k)) / k;
  }
}
