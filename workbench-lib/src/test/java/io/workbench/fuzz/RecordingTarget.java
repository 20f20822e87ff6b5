package io.workbench.fuzz;

import io.workbench.signal.Annotation;
import io.workbench.signal.Channel;
import io.workbench.signal.LazyRecording;
import io.workbench.signal.Recording;
import io.workbench.signal.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fuzz targets of the recording formats share: small seed recordings (one and several channels,
 * annotations with numeric labels), the files a writer produced as one input, and a read that goes through the
 * lazy path (header, a part, a few windows) and then loads everything.
 */
abstract class RecordingTarget implements FuzzTarget {

  /** Seed recordings: three channels at 32 Hz for 3 s with annotations, and one short channel without. */
  static List<Recording> recordings() {
    Recording multi = new Recording("eeg", List.of(
        new Channel("C3", "uV", 32, wave(96, 1)),
        new Channel("Cz", "uV", 32, wave(96, 2)),
        new Channel("C4", "uV", 32, wave(96, 3))),
        List.of(new Annotation(0.5, 0, "769"), new Annotation(1.25, 0.5, "770"), new Annotation(2.5, 0, "1023")),
        LocalDateTime.of(2024, 3, 5, 23, 14, 7));
    Recording single = Recording.of("one", new Channel("EEG", "uV", 10, wave(25, 4)));
    return List.of(multi, single);
  }

  private static double[] wave(int n, int k) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i * 0.3 * k) * 40 + k;
    }
    return v;
  }

  /** The files in {@code dir} named in {@code names}, as one input. */
  static FuzzInput input(String name, Path dir, String... names) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String n : names) {
      files.put(n, Files.readAllBytes(dir.resolve(n)));
    }
    return new FuzzInput(name, files);
  }

  /** Uses a lazily opened recording: its header, a part of it, its first windows, then everything. */
  static void use(LazyRecording r) {
    r.channels().forEach(c -> c.duration());
    r.segments().forEach(s -> s.end());
    String first = r.channelNames().get(0);
    long len = r.channel(first).length();
    r.samples(first, len / 3, Math.min(len, len / 3 + 64));
    double rate = r.channel(first).samplingRate();
    List<String> sameRate = r.channels().stream().filter(c -> c.samplingRate() == rate).map(c -> c.name()).toList();
    Iterator<Window> it = r.windows(Math.max(1, len / 4) / rate, Math.max(1, len / 8) / rate,
        sameRate.toArray(String[]::new)).iterator();
    for (int i = 0; i < 3 && it.hasNext(); i++) {
      it.next().toArray();
    }
    SignalUse.use(r.load());
  }
}
