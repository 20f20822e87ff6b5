package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BDF, EDF, GDF and BrainVision against independent readers, each format with the reader that accepts it: MNE 1.3
 * ({@code read_raw_edf}, {@code read_raw_bdf}) reads our EDF and BDF and biosig's BDF; biosig's {@code save2gdf}
 * converts to GDF (2.x) and BrainVision, which MNE 1.3 does not read, and reads back our GDF and BrainVision (dumped
 * with {@code -f=ASCII}). Values agree within the file's quantisation step, annotations/events exactly. Skips with a
 * message when MNE (Debian python3-mne) or biosig-tools are absent.
 */
class SignalFormatsCrossCheckTest {

  @TempDir Path tmp;

  /** Reads a file with MNE; writes names/units, the data in the file's own units (float64) and the annotations. */
  private static final String MNE = String.join("\n",
      "import sys, mne, numpy as np",
      "mne.set_log_level('ERROR')",
      "scale = {'uV': 1e6, 'µV': 1e6, 'mV': 1e3, 'V': 1.0}",
      "for k in range(1, len(sys.argv), 3):",
      "    fn, path, out = sys.argv[k], sys.argv[k + 1], sys.argv[k + 2]",
      "    raw = getattr(mne.io, fn)(path, preload=True)",
      "    units = getattr(raw, '_orig_units', {}) or {}",
      "    data = raw.get_data()",
      "    with open(out + '/names.txt', 'w') as f:",
      "        for i, ch in enumerate(raw.ch_names):",
      "            f.write(ch + '\\t' + str(raw.info['sfreq']) + '\\n')",
      "            data[i] *= scale.get(units.get(ch, ''), 1.0)",
      "    data.astype('<f8').tofile(out + '/data.f64')",
      "    with open(out + '/ann.tsv', 'w') as f:",
      "        for a in raw.annotations:",
      "            f.write('%r\\t%r\\t%s\\n' % (a['onset'], a['duration'], a['description']))",
      "");

  /** Three EEG-like channels at 250 Hz for 8 s (seeded), annotations with BCI IV style numeric labels. */
  static Recording eeg(long seed) {
    Random rnd = new Random(seed);
    int n = 250 * 8;
    List<Channel> channels = new ArrayList<>();
    String[] names = {"C3", "Cz", "C4"};
    for (int c = 0; c < 3; c++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = 30 * Math.sin(2 * Math.PI * (8 + 2 * c) * i / 250.0) + 5 * rnd.nextGaussian();
      }
      v[0] = -100;
      v[1] = 100;
      channels.add(new Channel(names[c], "uV", 250, v));
    }
    List<Annotation> ann = List.of(new Annotation(1, 0, "769"), new Annotation(2.5, 1.2, "770"),
        new Annotation(6.004, 0, "1023"));
    return new Recording("bci", channels, ann, LocalDateTime.of(2008, 6, 17, 9, 30, 1));
  }

  /** The channels MNE read, by name, and the annotations it found. */
  private record MneResult(List<String> names, double rate, double[][] data, List<Annotation> annotations) {}

  /** Reads each {@code (function, file)} with MNE in one Python process (starting MNE takes seconds). */
  private List<MneResult> mne(String... functionAndFile) throws IOException {
    String python = Python.with("mne, numpy");
    assumeTrue(python != null, "python3 with MNE (Debian python3-mne) is not installed");
    Path script = tmp.resolve("read_with_mne.py");
    Files.writeString(script, MNE);
    List<String> args = new ArrayList<>(List.of(script.toString()));
    List<Path> outs = new ArrayList<>();
    for (int i = 0; i < functionAndFile.length; i += 2) {
      Path out = Files.createTempDirectory(tmp, "mne");
      outs.add(out);
      args.addAll(List.of(functionAndFile[i], functionAndFile[i + 1], out.toString()));
    }
    Python.Result r = Python.run(python, args, 300);
    assertEquals(0, r.exit(), "MNE failed: " + r.out());
    List<MneResult> results = new ArrayList<>();
    for (Path out : outs) {
      results.add(mneResult(out));
    }
    return results;
  }

  private static MneResult mneResult(Path out) throws IOException {
    List<String> names = new ArrayList<>();
    double rate = 0;
    for (String line : Files.readAllLines(out.resolve("names.txt"))) {
      String[] f = line.split("\t");
      names.add(f[0]);
      rate = Double.parseDouble(f[1]);
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out.resolve("data.f64"))).order(ByteOrder.LITTLE_ENDIAN);
    int n = b.remaining() / 8 / names.size();
    double[][] data = new double[names.size()][n];
    for (double[] row : data) {
      for (int k = 0; k < n; k++) {
        row[k] = b.getDouble();
      }
    }
    List<Annotation> ann = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("ann.tsv"), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", 3);
      ann.add(new Annotation(Double.parseDouble(f[0]), Double.parseDouble(f[1]), f[2]));
    }
    return new MneResult(names, rate, data, ann);
  }

  /** Every channel of {@code ours} equals {@code theirs} within half the channel's step (plus rounding). */
  private static void assertClose(Recording ours, List<String> names, double[][] theirs, double[] steps, String who) {
    for (int c = 0; c < steps.length; c++) {
      Channel ch = ours.channel(names.get(c));
      double[] v = ch.samples();
      assertEquals(v.length, theirs[c].length, who + ": samples of " + ch.name());
      for (int k = 0; k < v.length; k++) {
        assertEquals(v[k], theirs[c][k], steps[c] / 2 + 1e-9 * Math.abs(v[k]) + 1e-12,
            who + ": " + ch.name() + " sample " + k);
      }
    }
  }

  private static void assertSameAnnotations(List<Annotation> want, List<Annotation> got, double tol, String who) {
    assertEquals(want.size(), got.size(), who + ": " + got);
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).label(), got.get(i).label(), who + " annotation " + i);
      assertEquals(want.get(i).onset(), got.get(i).onset(), tol, who + " annotation " + i);
      assertEquals(want.get(i).duration(), got.get(i).duration(), tol, who + " annotation " + i);
    }
  }

  /**
   * MNE reads the BDF+ and EDF+ we write ({@code read_raw_bdf}, {@code read_raw_edf}) and the BDF biosig converts
   * from our EDF: the same values as our readers (which equal the source within the step), the same annotations.
   */
  @Test
  void mneReadsOurBdfAndEdfAndBiosigBdf() throws Exception {
    Recording src = eeg(1);
    Path bdf = Bdf.write(src, tmp.resolve("ours.bdf"));
    Path edf = Edf.write(src, tmp.resolve("ours.edf"));
    double[][] source = src.channels().stream().map(Channel::samples).toArray(double[][]::new);
    Recording ourBdf = Bdf.read(bdf);
    assertEquals("BDF+C", Bdf.open(bdf).format());
    assertClose(ourBdf, src.channelNames(), source, java.util.Arrays.copyOf(EdfTest.steps(bdf), 3),
        "our BDF reader vs the source");
    Recording ourEdf = Edf.read(edf);
    boolean biosig = EdfTest.hasSave2gdf();
    Path biosigBdf = tmp.resolve("biosig.bdf");
    List<MneResult> m;
    if (biosig) {
      EdfTest.save2gdf("BDF", edf, biosigBdf);
      m = mne("read_raw_bdf", bdf.toString(), "read_raw_edf", edf.toString(), "read_raw_bdf", biosigBdf.toString());
    } else {
      m = mne("read_raw_bdf", bdf.toString(), "read_raw_edf", edf.toString());
    }
    double[] exact = {1e-9, 1e-9, 1e-9};
    assertEquals(250.0, m.get(0).rate());
    assertClose(ourBdf, src.channelNames(), byName(m.get(0), src.channelNames()), exact, "MNE read_raw_bdf");
    assertSameAnnotations(src.annotations(), m.get(0).annotations(), 1e-9, "MNE read_raw_bdf");
    assertClose(ourEdf, src.channelNames(), byName(m.get(1), src.channelNames()), exact, "MNE read_raw_edf");
    assertSameAnnotations(src.annotations(), m.get(1).annotations(), 1e-9, "MNE read_raw_edf");
    if (biosig) {
      Recording ours = Bdf.read(biosigBdf);
      double[] steps = EdfTest.steps(biosigBdf);
      double[] edfSteps = EdfTest.steps(edf);
      double[] both = new double[3];
      for (int c = 0; c < 3; c++) {
        both[c] = steps[c] + edfSteps[c];
      }
      double[][] edfValues = src.channelNames().stream().map(n -> ourEdf.channel(n).samples())
          .toArray(double[][]::new);
      assertClose(ours, src.channelNames(), edfValues, both, "our BDF reader vs the EDF biosig converted");
      assertClose(ours, src.channelNames(), byName(m.get(2), src.channelNames()), exact, "MNE (biosig BDF)");
      assertSameAnnotations(m.get(2).annotations(), ours.annotations(), 1e-6, "our BDF reader vs MNE (biosig BDF)");
    }
  }

  private static double[][] byName(MneResult m, List<String> names) {
    return names.stream().map(n -> m.data()[m.names().indexOf(n)]).toArray(double[][]::new);
  }

  /**
   * biosig's event table and values of a file it read ({@code save2gdf -f=ASCII}): per channel label, values; events
   * as (onset, duration, description).
   */
  private record Biosig(List<String> labels, double[][] values, List<Annotation> events) {}

  private Biosig biosig(Path file) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "ascii");
    Path ascii = dir.resolve("dump.txt");
    EdfTest.save2gdf("ASCII", file, ascii);
    List<String> labels = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (String line : Files.readAllLines(ascii, StandardCharsets.ISO_8859_1)) {
      String[] kv = line.split("=", 2);
      if (kv.length == 2) {
        String value = kv[1].split("#")[0].trim();
        switch (kv[0].trim()) {
          case "Label" -> labels.add(value);
          case "Filename" -> files.add(value);
          default -> { }
        }
      }
    }
    files.remove(0);
    double[][] values = new double[labels.size()][];
    for (int i = 0; i < labels.size(); i++) {
      values[i] = Files.readAllLines(dir.resolve(files.get(i))).stream().filter(s -> !s.isBlank())
          .mapToDouble(Double::parseDouble).toArray();
    }
    List<String> utf8 = Files.readAllLines(ascii, StandardCharsets.UTF_8);
    int table = utf8.indexOf("[EVENT TABLE]");
    List<Annotation> events = new ArrayList<>();
    if (table >= 0) {
      for (String line : utf8.subList(table + 2, utf8.size())) {
        if (line.isBlank()) {
          break;
        }
        String[] cols = line.split("\t", 5);
        events.add(new Annotation(Double.parseDouble(cols[1]), Double.parseDouble(cols[2]),
            cols.length > 4 ? cols[4] : cols[0]));
      }
    }
    return new Biosig(labels, values, events);
  }

  /** Values of a biosig ASCII dump (6 significant digits) against ours. */
  private static void assertBiosigValues(Recording ours, Biosig b, String who) {
    for (int i = 0; i < b.labels().size(); i++) {
      Channel c = ours.channel(b.labels().get(i));
      double[] mine = c.samples();
      assertEquals(mine.length, b.values()[i].length, who + ": samples of " + c.name());
      for (int k = 0; k < mine.length; k++) {
        assertEquals(mine[k], b.values()[i][k], 5.0001e-6 * Math.abs(mine[k]) + 1e-9, who + ": " + c.name()
            + " sample " + k);
      }
    }
  }

  /** biosig converts our EDF+ to GDF 2; our GDF reader gives the EDF's values and its annotations as events. */
  @Test
  void biosigGdfReadByOurs() throws Exception {
    assumeTrue(EdfTest.hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Recording src = eeg(4);
    Path edf = Edf.write(src, tmp.resolve("src.edf"));
    Path gdf = tmp.resolve("biosig.gdf");
    EdfTest.save2gdf("GDF", edf, gdf);
    Recording fromEdf = Edf.read(edf);
    LazyRecording lazy = Gdf.open(gdf);
    assertTrue(lazy.format().startsWith("GDF 2"), lazy.format());
    Recording ours = lazy.load();
    double[][] edfValues = src.channelNames().stream().map(n -> fromEdf.channel(n).samples())
        .toArray(double[][]::new);
    assertClose(ours, src.channelNames(), edfValues, new double[] {1e-9, 1e-9, 1e-9}, "our GDF reader (biosig GDF)");
    assertSameAnnotations(src.annotations(), ours.annotations(), 1e-9, "our GDF reader (biosig GDF)");
    // a part read lazily equals the same part of the whole
    double[] part = lazy.samples("Cz", 777, 1333);
    assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(ours.channel("Cz").samples(), 777, 1333)),
        java.util.Arrays.toString(part));
  }

  /** biosig reads the GDF 2.20 we write: same values and events as our reader. */
  @Test
  void ourGdfReadByBiosig() throws Exception {
    assumeTrue(EdfTest.hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Recording src = eeg(5);
    Path gdf = Gdf.write(src, tmp.resolve("ours.gdf"));
    Recording ours = Gdf.read(gdf);
    Biosig b = biosig(gdf);
    assertEquals(src.channelNames(), b.labels());
    assertBiosigValues(ours, b, "biosig reading our GDF");
    List<Gdf.Event> events = Gdf.events(gdf);
    assertEquals(List.of(769, 770, 1023), events.stream().map(Gdf.Event::type).toList());
    assertEquals(List.of(250L, 625L, 1501L), events.stream().map(Gdf.Event::position).toList());
    assertEquals(events.size(), b.events().size(), b.events().toString());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(events.get(i).onset(), b.events().get(i).onset(), 1e-6, "event " + i);
      assertEquals(events.get(i).durationSeconds(), b.events().get(i).duration(), 1e-6, "event " + i);
    }
  }

  /**
   * biosig converts our GDF to BrainVision (int16, multiplexed); our reader and biosig's own reading of that file
   * agree, and the markers keep the GDF events' positions, lengths and codes. (biosig's BrainVision writer stores
   * the digital codes with resolution 1, dropping the GDF scaling, so the values are compared with biosig's reading
   * of the same file, not with the source; MNE 1.3 reads no biosig BrainVision file.)
   */
  @Test
  void biosigBrainVisionReadByOursAndBiosig() throws Exception {
    assumeTrue(EdfTest.hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Recording src = eeg(6);
    Path gdf = Gdf.write(src, tmp.resolve("src.gdf"));
    // biosig names the data file after the destination and puts the header and markers beside it
    EdfTest.save2gdf("BVA", gdf, tmp.resolve("biosig.eeg"));
    Path vhdr = tmp.resolve("biosig.vhdr");
    String header = Files.readString(vhdr, StandardCharsets.ISO_8859_1);
    assertTrue(header.contains("DataFile=" + tmp.resolve("biosig.eeg")), header); // an absolute path inside the folder
    assertTrue(header.contains("BinaryFormat=INT_16"), header);
    // biosig 2.x writes 'MarkerFile=vhdr', a file it never creates (MNE fails on it too); point it at its .vmrk
    Files.writeString(vhdr, header.replace("MarkerFile=vhdr", "MarkerFile=biosig.vmrk"), StandardCharsets.ISO_8859_1);
    LazyRecording lazy = BrainVision.open(vhdr);
    Recording ours = lazy.load();
    assertEquals(src.channelNames(), ours.channelNames());
    assertEquals(src.channel(0).length(), ours.channel(0).length());
    assertBiosigValues(ours, biosig(vhdr), "biosig reading its BrainVision");
    assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(ours.channel("C4").samples(), 999, 1702)),
        java.util.Arrays.toString(lazy.samples("C4", 999, 1702)));
    List<String> codes = List.of("0x0301", "0x0302", "0x03ff");
    // the first marker is biosig's "New Segment" (kept, as MNE keeps it), then one per event
    List<Annotation> got = ours.annotations();
    assertEquals(new Annotation(0, 0, "New Segment"), got.get(0));
    assertEquals(src.annotations().size() + 1, got.size(), got.toString());
    for (int i = 0; i < src.annotations().size(); i++) {
      assertEquals(src.annotations().get(i).onset(), got.get(i + 1).onset(), 1e-9);
      assertEquals(src.annotations().get(i).duration(), got.get(i + 1).duration(), 1e-9);
      assertEquals(codes.get(i), got.get(i + 1).label());
    }
  }

  /** biosig reads the BrainVision we write: same values as our reader, markers as events. */
  @Test
  void ourBrainVisionReadByBiosig() throws Exception {
    assumeTrue(EdfTest.hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Recording src = eeg(7);
    Path vhdr = BrainVision.write(src, tmp.resolve("ours.vhdr"));
    Recording ours = BrainVision.read(vhdr);
    assertClose(ours, src.channelNames(), src.channels().stream().map(Channel::samples).toArray(double[][]::new),
        new double[] {1e-4, 1e-4, 1e-4}, "our BrainVision reader vs the source (float32)");
    Biosig b = biosig(vhdr);
    assertEquals(src.channelNames(), b.labels());
    assertBiosigValues(ours, b, "biosig reading our BrainVision");
    for (Annotation a : src.annotations()) {
      assertTrue(b.events().stream().anyMatch(x -> x.label().contains(a.label())
          && Math.abs(x.onset() - a.onset()) < 0.5 / 250 + 1e-6), a + " not among " + b.events());
    }
  }
}
