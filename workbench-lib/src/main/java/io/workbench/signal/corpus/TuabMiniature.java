package io.workbench.signal.corpus;

import io.workbench.signal.Channel;
import io.workbench.signal.Edf;
import io.workbench.signal.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Writes the miniature TUAB folder of {@link Tuab#writeMiniature}. */
final class TuabMiniature {

  static final double SECONDS = 70;
  private static final List<String> EXTRA = List.of("EEG EKG1-REF", "EEG T1-REF", "PHOTIC-REF");

  private TuabMiniature() {}

  static Path write(Path dir, long seed) {
    if (dir == null) {
      throw new IllegalArgumentException("Tuab.writeMiniature needs a folder, got null");
    }
    Random rnd = new Random(seed);
    int subject = 0;
    // part, class, subjects, sessions of the first subject
    String[][] plan = {{"train", "normal", "2"}, {"train", "abnormal", "2"}, {"eval", "normal", "1"},
        {"eval", "abnormal", "1"}};
    for (String[] p : plan) {
      boolean abnormal = p[1].equals("abnormal");
      for (int s = 0; s < Integer.parseInt(p[2]); s++) {
        subject++;
        String id = "aaaaa" + (char) ('a' + subject / 26) + (char) ('a' + subject % 26) + "x";
        int sessions = s == 0 ? 2 : 1;
        for (int session = 1; session <= sessions; session++) {
          String file = id + "_s00" + session + "_t000.edf";
          Path folder = dir.resolve("edf").resolve(p[0]).resolve(p[1]).resolve("01_tcp_ar");
          if (abnormal && p[0].equals("train") && s == 1) {
            folder = folder.resolve("000").resolve(id).resolve("s00" + session + "_2013_08_15");
          }
          double rate = (subject + session) % 2 == 0 ? 250 : 256;
          Edf.write(recording(rnd, id, abnormal, rate), folder.resolve(file));
        }
      }
    }
    return dir;
  }

  private static Recording recording(Random rnd, String id, boolean abnormal, double rate) {
    List<String> names = new ArrayList<>(Tuab.CHANNELS);
    names.addAll(EXTRA);
    Collections.shuffle(names, rnd);
    int n = (int) Math.round(SECONDS * rate);
    List<Channel> channels = new ArrayList<>();
    for (String name : names) {
      boolean posterior = name.contains("O1") || name.contains("O2") || name.contains("P");
      double alpha = abnormal ? 5 : posterior ? 30 : 10;
      double delta = abnormal ? 40 : 5;
      double pa = rnd.nextDouble() * 6.28;
      double pd = rnd.nextDouble() * 6.28;
      double[] v = new double[n];
      double prev = 0;
      for (int k = 0; k < n; k++) {
        double t = k / rate;
        prev = 0.95 * prev + 4 * rnd.nextGaussian();
        v[k] = prev + alpha * Math.sin(2 * Math.PI * 10 * t + pa) + delta * Math.sin(2 * Math.PI * 2 * t + pd);
      }
      channels.add(new Channel(name, "uV", rate, v));
    }
    return new Recording(id, channels, List.of(), null);
  }
}
