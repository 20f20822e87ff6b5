package io.workbench.signal.corpus;

import io.workbench.data.Datasets;
import io.workbench.signal.Channel;
import io.workbench.signal.Filter;
import io.workbench.signal.RPeaks;
import io.workbench.signal.Recording;
import io.workbench.signal.Wfdb;
import io.workbench.signal.WfdbAnnotation;
import io.workbench.signal.WfdbAnnotations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes the miniature MIT-BIH folder of {@link MitBih#writeMiniature}. */
final class MitBihMiniature {

  /** The records written: three of DS1, two of DS2, one paced. */
  static final List<String> RECORDS = List.of("101", "106", "118", "100", "103", "102");

  /** Seconds per record. */
  static final double SECONDS = 60;

  /** Beat symbols drawn for unpaced records, with their weights. */
  private static final String[] SYMBOLS = {"N", "L", "R", "e", "j", "A", "a", "J", "S", "V", "E", "F", "Q"};
  private static final double[] WEIGHTS = {60, 6, 6, 1, 1, 6, 2, 1, 1, 10, 1, 3, 2};

  private MitBihMiniature() {}

  static Path write(Path dir, long seed) {
    if (dir == null) {
      throw new IllegalArgumentException("MitBih.writeMiniature needs a folder, got null");
    }
    Recording excerpt = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
    Channel mlii = excerpt.channel("MLII");
    double fs = mlii.samplingRate();
    int len = (int) Math.round(SECONDS * fs);
    Random rnd = new Random(seed);
    double[] all = mlii.samples();
    for (int r = 0; r < RECORDS.size(); r++) {
      String name = RECORDS.get(r);
      int offset = (int) Math.round(r * (all.length - len) / (double) (RECORDS.size() - 1));
      double[] ii = java.util.Arrays.copyOfRange(all, offset, offset + len);
      double[] v1 = new double[len];
      for (int k = 0; k < len; k++) {
        v1[k] = Math.round((-0.45 * ii[k] + 0.02 * rnd.nextGaussian()) * 200) / 200.0;
      }
      Recording rec = new Recording(name, List.of(new Channel("MLII", "mV", fs, ii), new Channel("V1", "mV", fs,
          v1)), List.of(), null);
      Wfdb.write(rec, dir.resolve(name + ".hea"), 200);
      int[] peaks = RPeaks.detect(rec.filter(Filter.bandPass(2, 0.5, 40)).channel("MLII")).peaks();
      List<WfdbAnnotation> ann = new ArrayList<>();
      ann.add(new WfdbAnnotation(0, WfdbAnnotations.code("+"), 0, 0, 0, "(N"));
      boolean paced = MitBih.PACED.contains(name);
      int noiseAt = peaks.length / 2;
      for (int i = 0; i < peaks.length; i++) {
        String symbol = paced ? (rnd.nextDouble() < 0.8 ? "/" : rnd.nextDouble() < 0.5 ? "f" : "N") : draw(rnd);
        ann.add(WfdbAnnotation.of(Math.max(1, peaks[i]), WfdbAnnotations.code(symbol)));
        if (i == noiseAt && i + 1 < peaks.length) {
          ann.add(WfdbAnnotation.of((peaks[i] + peaks[i + 1]) / 2, WfdbAnnotations.code("~")));
        }
      }
      WfdbAnnotations.write(dir.resolve(name + ".atr"), ann);
    }
    Miniatures.writeText(dir.resolve("RECORDS"), String.join("\n", RECORDS) + "\n");
    return dir;
  }

  private static String draw(Random rnd) {
    double total = 0;
    for (double w : WEIGHTS) {
      total += w;
    }
    double u = rnd.nextDouble() * total;
    for (int i = 0; i < SYMBOLS.length; i++) {
      u -= WEIGHTS[i];
      if (u < 0) {
        return SYMBOLS[i];
      }
    }
    return SYMBOLS[SYMBOLS.length - 1];
  }
}
