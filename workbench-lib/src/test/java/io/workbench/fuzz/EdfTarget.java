package io.workbench.fuzz;

import io.workbench.signal.Annotation;
import io.workbench.signal.Channel;
import io.workbench.signal.Edf;
import io.workbench.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** Mutated EDF+ files written by {@link Edf#write}, read with {@link Edf#read}. */
public final class EdfTarget implements FuzzTarget {

  @Override
  public String name() {
    return "edf";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    Recording multi = new Recording("psg", List.of(
        new Channel("EEG Fpz-Cz", "uV", 32, wave(96, 1)),
        new Channel("Resp", "ml", 4, wave(12, 2))),
        List.of(new Annotation(0, 3, "Sleep stage W"), new Annotation(1.25, 0, "Arousal"),
            new Annotation(2.5, 0.5, "Beat")),
        LocalDateTime.of(2024, 3, 5, 23, 14, 7));
    Recording single = Recording.of("one", new Channel("ECG", "mV", 10, wave(25, 3)));
    Path a = Edf.write(multi, work.resolve("multi.edf"));
    Path b = Edf.write(single, work.resolve("single.edf"));
    return List.of(new FuzzInput("multi", Map.of("rec.edf", Files.readAllBytes(a))),
        new FuzzInput("single", Map.of("rec.edf", Files.readAllBytes(b))));
  }

  private static double[] wave(int n, int k) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i * 0.3 * k) * 40 + k;
    }
    return v;
  }

  @Override
  public void read(Path dir) {
    Recording r = Edf.read(dir.resolve("rec.edf"));
    SignalUse.use(r);
  }
}
