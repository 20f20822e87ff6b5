package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfdbTest {

  @TempDir Path tmp;

  /** Values from datasets/mitdb-208/README.md (decoded independently by biosig's save2gdf). */
  @Test
  void realRecordMatchesDocumentedValues() {
    Recording r = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
    assertEquals(1, r.numChannels());
    Channel c = r.channel("MLII");
    assertEquals("mV", c.unit());
    assertEquals(360.0, c.samplingRate());
    assertEquals(108000, c.length());
    double[] first = Arrays.copyOf(c.samples(), 5);
    assertArrayEquals(new double[] {-0.245, -0.215, -0.185, -0.175, -0.170}, first, 1e-12);
    double[] ms = Signals.meanStd(c.samples());
    assertEquals(-0.16510875, ms[0], 1e-6);
    assertEquals(0.5992474, ms[1], 1e-6);
    assertEquals(300.0, r.duration(), 1e-12);
  }

  @Test
  void headerFieldsAreParsed() {
    Wfdb.Header h = Wfdb.readHeader(Datasets.file("mitdb-208/208.hea"));
    assertEquals("208", h.record());
    assertEquals(108000, h.samplesPerSignal());
    Wfdb.SignalSpec s = h.signals().get(0);
    assertEquals(212, s.format());
    assertEquals(200.0, s.gain());
    assertEquals(1024.0, s.baseline());
    assertEquals(11, s.adcResolution());
    assertEquals(975, s.initialValue());
    assertEquals(5363, s.checksum());
    assertEquals("MLII", s.description());
    assertTrue(h.comments().get(0).contains("record 208"));
  }

  /** Two signals interleaved in format 16 with their own gains, baselines and units, bytes written here. */
  @Test
  void format16MultiSignal() throws IOException {
    short[][] d = {{100, -200, 300, 32767, -5}, {7, 8, -9, 10, 11}};
    byte[] bytes = new byte[20];
    int p = 0;
    for (int k = 0; k < 5; k++) {
      for (int s = 0; s < 2; s++) {
        bytes[p++] = (byte) d[s][k];
        bytes[p++] = (byte) (d[s][k] >> 8);
      }
    }
    Files.write(tmp.resolve("two.dat"), bytes);
    int sum0 = 0;
    int sum1 = 0;
    for (int k = 0; k < 5; k++) {
      sum0 += d[0][k];
      sum1 += d[1][k];
    }
    Files.writeString(tmp.resolve("two.hea"), "two 2 500 5\n"
        + "two.dat 16 100(10)/uV 16 0 100 " + (short) sum0 + " 0 EEG A\n"
        + "two.dat 16 2/mmHg 16 0 7 " + (short) sum1 + " 0 BP\n");
    Recording r = Wfdb.read(tmp.resolve("two.hea"));
    assertEquals(List.of("EEG A", "BP"), r.channelNames());
    assertEquals("uV", r.channel(0).unit());
    assertEquals("mmHg", r.channel(1).unit());
    assertEquals(500.0, r.channel(1).samplingRate());
    assertArrayEquals(new double[] {0.9, -2.1, 2.9, 327.57, -0.15}, r.channel(0).samples(), 1e-12);
    assertArrayEquals(new double[] {3.5, 4, -4.5, 5, 5.5}, r.channel(1).samples(), 1e-12);
  }

  /** Format 212 with two signals (the 12-bit packing spans both), and format 80, encoded by hand. */
  @Test
  void format212TwoSignalsAndFormat80() throws IOException {
    int[] a = {-2047, 5, 2047, -1};
    int[] b = {1, -2, 300, -300};
    int[] flat = new int[8];
    for (int k = 0; k < 4; k++) {
      flat[2 * k] = a[k];
      flat[2 * k + 1] = b[k];
    }
    byte[] bytes = new byte[12];
    for (int i = 0; i < 8; i += 2) {
      int s0 = flat[i] & 0xFFF;
      int s1 = flat[i + 1] & 0xFFF;
      bytes[i / 2 * 3] = (byte) (s0 & 0xFF);
      bytes[i / 2 * 3 + 1] = (byte) (((s0 >> 8) & 0x0F) | ((s1 >> 4) & 0xF0));
      bytes[i / 2 * 3 + 2] = (byte) (s1 & 0xFF);
    }
    Files.write(tmp.resolve("p.dat"), bytes);
    Files.writeString(tmp.resolve("p.hea"), "p 2 100 4\np.dat 212 1 12 0 -2047 4 0 first\np.dat 212 1 12 0 1 -1 0 second\n");
    Recording r = Wfdb.read(tmp.resolve("p.hea"));
    assertArrayEquals(Arrays.stream(a).asDoubleStream().toArray(), r.channel(0).samples(), 0);
    assertArrayEquals(Arrays.stream(b).asDoubleStream().toArray(), r.channel(1).samples(), 0);

    Files.write(tmp.resolve("e.dat"), new byte[] {(byte) 128, (byte) 129, 0, (byte) 255});
    Files.writeString(tmp.resolve("e.hea"), "e 1 10\ne.dat 80 2 8 0 0 0 0 x\n");
    Recording e = Wfdb.read(tmp.resolve("e.hea"));
    assertArrayEquals(new double[] {0, 0.5, Double.NaN, 63.5}, e.channel(0).samples(), 0);
  }

  @Test
  void samplesPerFrameGiveHigherRates() throws IOException {
    // signal 0 has 2 samples per frame, signal 1 one: frames are [a0 a1 b0] [a2 a3 b1]
    short[] flat = {1, 2, 10, 3, 4, 20};
    byte[] bytes = new byte[12];
    for (int i = 0; i < 6; i++) {
      bytes[2 * i] = (byte) flat[i];
      bytes[2 * i + 1] = (byte) (flat[i] >> 8);
    }
    Files.write(tmp.resolve("f.dat"), bytes);
    Files.writeString(tmp.resolve("f.hea"), "f 2 50 2\nf.dat 16x2 1 16 0\nf.dat 16 1 16 0\n");
    Recording r = Wfdb.read(tmp.resolve("f.hea"));
    assertEquals(100.0, r.channel(0).samplingRate());
    assertArrayEquals(new double[] {1, 2, 3, 4}, r.channel(0).samples(), 0);
    assertArrayEquals(new double[] {10, 20}, r.channel(1).samples(), 0);
  }

  @Test
  void badInputNamesFileAndField() throws IOException {
    Path src = Datasets.file("mitdb-208/208.hea");
    byte[] dat = Files.readAllBytes(src.resolveSibling("208.dat"));
    String hea = Files.readString(src);

    // truncated .dat
    Path d1 = Files.createDirectory(tmp.resolve("trunc"));
    Files.writeString(d1.resolve("208.hea"), hea);
    Files.write(d1.resolve("208.dat"), Arrays.copyOf(dat, dat.length - 300));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(d1.resolve("208.hea")));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("208.dat")
        && e.getMessage().contains("number of samples per signal"), e.getMessage());

    // header promises fewer samples than the file holds
    Path d2 = Files.createDirectory(tmp.resolve("long"));
    Files.writeString(d2.resolve("208.hea"), hea.replace("108000", "100000"));
    Files.write(d2.resolve("208.dat"), dat);
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(d2.resolve("208.hea")));
    assertTrue(e.getMessage().contains("disagree") && e.getMessage().contains("208.dat"), e.getMessage());

    // wrong checksum
    Path d3 = Files.createDirectory(tmp.resolve("sum"));
    Files.writeString(d3.resolve("208.hea"), hea.replace(" 5363 ", " 5364 "));
    Files.write(d3.resolve("208.dat"), dat);
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(d3.resolve("208.hea")));
    assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains("5364")
        && e.getMessage().contains("208.dat"), e.getMessage());

    // one flipped byte in the data: checksum catches it
    Path d4 = Files.createDirectory(tmp.resolve("flip"));
    Files.writeString(d4.resolve("208.hea"), hea);
    byte[] flipped = dat.clone();
    flipped[5000] ^= 0x10;
    Files.write(d4.resolve("208.dat"), flipped);
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(d4.resolve("208.hea")));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());

    // unsupported format (FLAC-compressed 516)
    Path d5 = Files.createDirectory(tmp.resolve("fmt"));
    Files.writeString(d5.resolve("208.hea"), hea.replace("208.dat 212", "208.dat 516"));
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.readHeader(d5.resolve("208.hea")));
    assertTrue(e.getMessage().contains("'format' is 516") && e.getMessage().contains("208.hea")
        && e.getMessage().contains("[8, 16, 24, 32, 61, 80, 160, 212, 310, 311]"), e.getMessage());

    // bad number in the record line
    Path d6 = Files.createDirectory(tmp.resolve("num"));
    Files.writeString(d6.resolve("208.hea"), hea.replace("208 1 360", "208 1 3x0"));
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.readHeader(d6.resolve("208.hea")));
    assertTrue(e.getMessage().contains("'sampling frequency' is '3x0'") && e.getMessage().contains("line 1"),
        e.getMessage());

    // missing signal file, missing signal line
    Path d7 = Files.createDirectory(tmp.resolve("nodat"));
    Files.writeString(d7.resolve("208.hea"), hea);
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(d7.resolve("208.hea")));
    assertTrue(e.getMessage().contains("208.dat") && e.getMessage().contains("does not exist"), e.getMessage());
    Files.writeString(d7.resolve("x.hea"), "x 2 360 10\nx.dat 16\n");
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.readHeader(d7.resolve("x.hea")));
    assertTrue(e.getMessage().contains("2 signals") && e.getMessage().contains("1 signal lines"), e.getMessage());

    // wrong initial value
    Path d8 = Files.createDirectory(tmp.resolve("init"));
    Files.writeString(d8.resolve("208.hea"), hea.replace(" 975 ", " 976 "));
    Files.write(d8.resolve("208.dat"), dat);
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(d8.resolve("208.hea")));
    assertTrue(e.getMessage().contains("initial value") && e.getMessage().contains("975"), e.getMessage());
    assertTrue(Files.readString(src, StandardCharsets.ISO_8859_1).contains("5363"));
  }
}
