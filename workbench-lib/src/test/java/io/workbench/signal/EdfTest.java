package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdfTest {

  @TempDir Path tmp;

  static boolean hasSave2gdf() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "save2gdf"))) {
        return true;
      }
    }
    return false;
  }

  static void save2gdf(String format, Path in, Path out) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("save2gdf", "-f=" + format, in.toString(), out.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "save2gdf timed out");
    assertEquals(0, p.exitValue(), "save2gdf failed: " + log);
  }

  /** Quantisation step of each ordinary signal, straight from the header bytes (EDF layout). */
  static double[] steps(Path edf) throws IOException {
    byte[] b = Files.readAllBytes(edf);
    int ns = Integer.parseInt(new String(b, 252, 4, StandardCharsets.US_ASCII).trim());
    double[] out = new double[ns];
    int base = 256 + ns * (16 + 80 + 8);
    for (int i = 0; i < ns; i++) {
      double pmin = Double.parseDouble(new String(b, base + 8 * i, 8, StandardCharsets.US_ASCII).trim());
      double pmax = Double.parseDouble(new String(b, base + 8 * ns + 8 * i, 8, StandardCharsets.US_ASCII).trim());
      int dmin = Integer.parseInt(new String(b, base + 16 * ns + 8 * i, 8, StandardCharsets.US_ASCII).trim());
      int dmax = Integer.parseInt(new String(b, base + 24 * ns + 8 * i, 8, StandardCharsets.US_ASCII).trim());
      out[i] = (pmax - pmin) / (dmax - dmin);
    }
    return out;
  }

  @Test
  void edfWrittenByBiosigMatchesWfdbSource() throws Exception {
    assumeTrue(hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Path hea = Datasets.file("mitdb-208/208.hea");
    Path edf = tmp.resolve("208.edf");
    save2gdf("EDF", hea, edf);
    Channel src = Wfdb.read(hea).channel(0);
    Recording r = Edf.read(edf);
    Channel c = r.channel("MLII");
    assertEquals("mV", c.unit());
    assertEquals(src.length(), c.length());
    // biosig writes the record duration 1/360 s rounded to 8 characters (0.002778 s)
    assertEquals(360.0, c.samplingRate(), 360.0 * 1e-4);
    // One quantisation step: biosig's own digital values differ from ideal rounding by up to one step
    // (measured on this record), so "within the EDF quantisation" means within one step here.
    double step = steps(edf)[0];
    double worst = 0;
    double[] a = src.samples();
    double[] b = c.samples();
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    assertTrue(worst <= step + 1e-12, "worst difference " + worst + " exceeds one step " + step);
    assertTrue(step < 1.2e-4, "step " + step);
  }

  static Recording multiRate(long seed) {
    Random rnd = new Random(seed);
    double[] eeg = new double[256 * 10];
    double[] emg = new double[512 * 10];
    double[] resp = new double[10 * 10];
    for (int i = 0; i < eeg.length; i++) {
      eeg[i] = 40 * Math.sin(2 * Math.PI * 10 * i / 256.0) + 10 * rnd.nextGaussian();
    }
    for (int i = 0; i < emg.length; i++) {
      emg[i] = 0.3 * rnd.nextGaussian();
    }
    for (int i = 0; i < resp.length; i++) {
      resp[i] = 1000 + 200 * Math.sin(2 * Math.PI * 0.25 * i / 10.0);
    }
    List<Annotation> ann = List.of(
        new Annotation(0, 30, "Sleep stage W"),
        new Annotation(2.5, 0, "Arousal"),
        new Annotation(7.125, 1.5, "Lights off – ümlaut"),
        new Annotation(9.75, 0, "Beat"));
    return new Recording("psg", List.of(
        new Channel("EEG Fpz-Cz", "uV", 256, eeg),
        new Channel("EMG chin", "mV", 512, emg),
        new Channel("Resp", "ml", 10, resp)), ann, LocalDateTime.of(2024, 3, 5, 23, 14, 7));
  }

  @Test
  void writerRoundTripsThroughOurReader() throws IOException {
    Recording src = multiRate(7);
    Path f = Edf.write(src, tmp.resolve("psg.edf"));
    Recording back = Edf.read(f);
    assertEquals(src.channelNames(), back.channelNames());
    double[] step = steps(f);
    for (int i = 0; i < src.numChannels(); i++) {
      Channel a = src.channel(i);
      Channel b = back.channel(i);
      assertEquals(a.unit(), b.unit());
      assertEquals(a.samplingRate(), b.samplingRate(), 0);
      assertEquals(a.length(), b.length());
      double[] x = a.samples();
      double[] y = b.samples();
      for (int k = 0; k < x.length; k++) {
        assertEquals(x[k], y[k], step[i] / 2 + 1e-12, "channel " + a.name() + " sample " + k);
      }
    }
    assertEquals(src.annotations(), back.annotations());
    assertEquals(src.startTime(), back.startTime());
    // EDF+C header markers
    String header = new String(Files.readAllBytes(f), 0, 256, StandardCharsets.US_ASCII);
    assertTrue(header.substring(192, 236).startsWith("EDF+C"));
    assertTrue(header.substring(88, 168).startsWith("Startdate 05-MAR-2024"));
  }

  @Test
  void writerOutputReadByBiosigEqualsOurReader() throws Exception {
    assumeTrue(hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Recording src = multiRate(11);
    Path f = Edf.write(src, tmp.resolve("psg.edf"));
    Recording ours = Edf.read(f);
    Path ascii = tmp.resolve("psg.txt");
    save2gdf("ASCII", f, ascii);
    List<String> header = Files.readAllLines(ascii, StandardCharsets.ISO_8859_1);
    List<String> labels = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    for (String line : header) {
      String[] kv = line.split("=", 2);
      if (kv.length < 2) {
        continue;
      }
      String key = kv[0].trim();
      String value = kv[1].split("#")[0].trim();
      switch (key) {
        case "Label" -> labels.add(value);
        case "Filename" -> files.add(value);
        case "SamplingRate" -> rates.add(Double.parseDouble(value));
        default -> { }
      }
    }
    files.remove(0); // the header's own name
    // biosig's event table: TYP, POS [s], DUR [s], CHN, description
    List<Annotation> events = new ArrayList<>();
    List<String> utf8 = Files.readAllLines(ascii, StandardCharsets.UTF_8);
    int table = utf8.indexOf("[EVENT TABLE]");
    assertTrue(table >= 0, "no event table in biosig's output");
    for (String line : utf8.subList(table + 2, utf8.size())) {
      if (line.isBlank()) {
        break;
      }
      String[] cols = line.split("\t", 5);
      events.add(new Annotation(Double.parseDouble(cols[1]), Double.parseDouble(cols[2]), cols[4]));
    }
    assertEquals(src.annotations(), events);
    assertEquals(List.of("EEG Fpz-Cz", "EMG chin", "Resp"), labels);
    for (int i = 0; i < labels.size(); i++) {
      Channel c = ours.channel(labels.get(i));
      assertEquals(c.samplingRate(), rates.get(i), 1e-6);
      List<String> lines = Files.readAllLines(tmp.resolve(files.get(i)));
      double[] v = lines.stream().filter(s -> !s.isBlank()).mapToDouble(Double::parseDouble).toArray();
      assertEquals(c.length(), v.length, "samples of " + c.name());
      double[] mine = c.samples();
      for (int k = 0; k < v.length; k++) {
        // save2gdf prints 6 significant digits
        assertEquals(mine[k], v[k], 5.0001e-6 * Math.abs(mine[k]) + 1e-12, c.name() + " sample " + k);
      }
    }
  }

  @Test
  void singleChannelRoundTripKeepsValuesOnTheGrid() throws IOException {
    // values that sit exactly on the digital grid come back exactly
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = -1 + 2.0 * ((i * 655) % 65536) / 65535.0;
    }
    x[0] = -1;
    x[1] = 1;
    Recording r = Recording.of("grid", new Channel("x", "V", 100, x));
    Recording back = Edf.read(Edf.write(r, tmp.resolve("g.edf")));
    assertArrayEquals(x, back.channel(0).samples(), 1e-12);
    assertTrue(back.annotations().isEmpty());
  }

  static Path writeCorrupt(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static byte[] patch(byte[] b, int offset, String text, int width) {
    byte[] out = b.clone();
    String padded = String.format("%-" + width + "s", text);
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, out, offset, width);
    return out;
  }

  @Test
  void badHeadersNameFileAndField() throws IOException {
    byte[] good = Files.readAllBytes(Edf.write(multiRate(3), tmp.resolve("good.edf")));
    int ns = 4;
    int pminOffset = 256 + ns * (16 + 80 + 8);

    Path p1 = writeCorrupt(tmp, "pmin.edf", patch(good, pminOffset + 8, "12,5", 8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p1));
    assertTrue(e.getMessage().contains("pmin.edf") && e.getMessage().contains("physical minimum")
        && e.getMessage().contains("EMG chin") && e.getMessage().contains("'12,5'"), e.getMessage());

    Path p2 = writeCorrupt(tmp, "nrec.edf", patch(good, 236, "ten", 8));
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p2));
    assertTrue(e.getMessage().contains("nrec.edf") && e.getMessage().contains("number of data records")
        && e.getMessage().contains("'ten'"), e.getMessage());

    Path p3 = writeCorrupt(tmp, "cut.edf", java.util.Arrays.copyOf(good, good.length - 100));
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p3));
    assertTrue(e.getMessage().contains("cut.edf") && e.getMessage().contains("truncated"), e.getMessage());

    Path p4 = writeCorrupt(tmp, "hdr.edf", patch(good, 184, "768", 8));
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p4));
    assertTrue(e.getMessage().contains("number of bytes in header record") && e.getMessage().contains("1280"),
        e.getMessage());

    int dminOffset = pminOffset + 16 * ns;
    Path p5 = writeCorrupt(tmp, "dig.edf", patch(good, dminOffset, "40000", 8));
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p5));
    assertTrue(e.getMessage().contains("digital minimum") && e.getMessage().contains("EEG Fpz-Cz"), e.getMessage());

    Path p6 = writeCorrupt(tmp, "dur.edf", patch(good, 244, "1e", 8));
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p6));
    assertTrue(e.getMessage().contains("duration of a data record"), e.getMessage());

    byte[] bdf = good.clone();
    bdf[0] = (byte) 0xFF;
    Path p7 = writeCorrupt(tmp, "bdf.edf", bdf);
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p7));
    assertTrue(e.getMessage().contains("'version'"), e.getMessage());

    Path p8 = writeCorrupt(tmp, "short.edf", java.util.Arrays.copyOf(good, 100));
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p8));
    assertTrue(e.getMessage().contains("256-byte header"), e.getMessage());

    // a TAL onset without its sign
    byte[] tal = good.clone();
    int headerBytes = 256 * (ns + 1);
    int recordBytes = 2 * (256 + 512 + 10);
    int talStart = headerBytes + recordBytes;
    assertEquals('+', (char) tal[talStart]);
    tal[talStart] = 'x';
    Path p9 = writeCorrupt(tmp, "tal.edf", tal);
    e = assertThrows(IllegalArgumentException.class, () -> Edf.read(p9));
    assertTrue(e.getMessage().contains("tal.edf") && e.getMessage().contains("data record 0")
        && e.getMessage().contains("onset"), e.getMessage());
  }

  @Test
  void writerRejectsWhatEdfCannotHold() {
    Channel odd = new Channel("odd", "uV", 333.33, new double[10]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Edf.write(Recording.of("r", odd), tmp.resolve("a.edf")));
    assertTrue(e.getMessage().contains("resample"), e.getMessage());
    Channel longName = new Channel("a very long channel name", "uV", 100, new double[10]);
    e = assertThrows(IllegalArgumentException.class, () -> Edf.write(Recording.of("r", longName), tmp.resolve("b.edf")));
    assertTrue(e.getMessage().contains("16 characters"), e.getMessage());
    Channel nan = new Channel("x", "uV", 100, new double[] {1, Double.NaN});
    e = assertThrows(IllegalArgumentException.class, () -> Edf.write(Recording.of("r", nan), tmp.resolve("c.edf")));
    assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    Channel huge = new Channel("x", "uV", 100, new double[] {1e12, 0});
    e = assertThrows(IllegalArgumentException.class, () -> Edf.write(Recording.of("r", huge), tmp.resolve("d.edf")));
    assertTrue(e.getMessage().contains("8 characters"), e.getMessage());
  }
}
