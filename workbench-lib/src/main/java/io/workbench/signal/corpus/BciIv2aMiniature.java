package io.workbench.signal.corpus;

import io.workbench.signal.Annotation;
import io.workbench.signal.Channel;
import io.workbench.signal.Gdf;
import io.workbench.signal.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes the miniature BCI IV 2a folder of {@link BciIv2a#writeMiniature}. */
final class BciIv2aMiniature {

  /** Channel labels as in the competition's GDF files. */
  static final List<String> LABELS = List.of("EEG-Fz", "EEG-0", "EEG-1", "EEG-2", "EEG-3", "EEG-4", "EEG-5", "EEG-C3",
      "EEG-6", "EEG-Cz", "EEG-7", "EEG-C4", "EEG-8", "EEG-9", "EEG-10", "EEG-11", "EEG-12", "EEG-13", "EEG-14",
      "EEG-Pz", "EEG-15", "EEG-16", "EOG-left", "EOG-central", "EOG-right");

  static final double RATE = 250;
  /** Trials per class and session. */
  static final int TRIALS_PER_CLASS = 4;
  /** Seconds from trial start to cue, and per trial. */
  static final double CUE_AT = 2;
  static final double TRIAL = 7.5;
  static final double LEAD_IN = 3;

  private BciIv2aMiniature() {}

  static Path write(Path dir, long seed) {
    if (dir == null) {
      throw new IllegalArgumentException("BciIv2a.writeMiniature needs a folder, got null");
    }
    for (int subject = 1; subject <= 2; subject++) {
      for (String session : List.of("T", "E")) {
        Random rnd = new Random(seed * 31 + subject * 2 + (session.equals("E") ? 1 : 0));
        int n = 4 * TRIALS_PER_CLASS;
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
          classes[i] = i % 4;
        }
        for (int i = n - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          int t = classes[i];
          classes[i] = classes[j];
          classes[j] = t;
        }
        Recording rec = session(rnd, classes, session.equals("E"), BciIv2a.name(subject, session));
        Gdf.write(rec, dir.resolve(BciIv2a.name(subject, session) + ".gdf"));
        if (session.equals("E")) {
          StringBuilder csv = new StringBuilder("classlabel\n");
          for (int c : classes) {
            csv.append(c + 1).append('\n');
          }
          Miniatures.writeText(dir.resolve(BciIv2a.name(subject, "E") + ".csv"), csv.toString());
        }
      }
    }
    return dir;
  }

  private static Recording session(Random rnd, int[] classes, boolean eval, String name) {
    int n = classes.length;
    int len = (int) Math.round((LEAD_IN + n * TRIAL + 2) * RATE);
    double[][] x = new double[LABELS.size()][len];
    for (double[] ch : x) {
      double prev = 0;
      for (int k = 0; k < len; k++) {
        prev = 0.9 * prev + 3 * rnd.nextGaussian();
        ch[k] = prev;
      }
    }
    int c3 = LABELS.indexOf("EEG-C3");
    int c4 = LABELS.indexOf("EEG-C4");
    int cz = LABELS.indexOf("EEG-Cz");
    int[] motor = {c3, c4, cz};
    double[] phase = {rnd.nextDouble() * 6.28, rnd.nextDouble() * 6.28, rnd.nextDouble() * 6.28};
    List<Annotation> ann = new ArrayList<>();
    ann.add(new Annotation(0, 0, "32766"));
    for (int k = 0; k < len; k++) {
      double t = k / RATE;
      int trial = (int) Math.floor((t - LEAD_IN) / TRIAL);
      double inTrial = t - LEAD_IN - trial * TRIAL;
      boolean imagery = trial >= 0 && trial < n && inTrial >= CUE_AT && inTrial < CUE_AT + 4;
      for (int m = 0; m < motor.length; m++) {
        // left hand (0) weakens C4 (m=1), right hand (1) weakens C3 (m=0), feet (2) weakens Cz (m=2)
        boolean weak = imagery && ((classes[trial] == 0 && m == 1) || (classes[trial] == 1 && m == 0)
            || (classes[trial] == 2 && m == 2));
        x[motor[m]][k] += (weak ? 2 : 8) * Math.sin(2 * Math.PI * 10 * t + phase[m]);
      }
    }
    for (int i = 0; i < n; i++) {
      double start = LEAD_IN + i * TRIAL;
      ann.add(new Annotation(start, 0, String.valueOf(BciIv2a.TRIAL_START)));
      if (rnd.nextDouble() < 0.15) {
        ann.add(new Annotation(start, 0, String.valueOf(BciIv2a.REJECTED)));
      }
      int code = eval ? BciIv2a.UNKNOWN_CUE : BciIv2a.FIRST_CUE + classes[i];
      ann.add(new Annotation(start + CUE_AT, 1.25, String.valueOf(code)));
      int blink = (int) Math.round((start + 0.5 + rnd.nextDouble()) * RATE);
      for (int k = 0; k < 75 && blink + k < len; k++) {
        double b = 60 * Math.sin(Math.PI * k / 75);
        for (int e = LABELS.size() - 3; e < LABELS.size(); e++) {
          x[e][blink + k] += b;
        }
        x[0][blink + k] += 0.3 * b;
      }
    }
    List<Channel> channels = new ArrayList<>();
    for (int c = 0; c < LABELS.size(); c++) {
      channels.add(new Channel(LABELS.get(c), "uV", RATE, x[c]));
    }
    return new Recording(name, channels, ann, null);
  }
}
