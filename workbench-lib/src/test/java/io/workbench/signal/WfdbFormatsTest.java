package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WFDB formats 8, 310 and 311 and multi-segment records. The packed bytes are built here from the format
 * descriptions of signal(5) in the WFDB Applications Guide (bit positions, partial last groups as wfdb-python's
 * {@code _required_byte_num} counts them), independently of the reader's decoder; every sub-range read lazily must
 * equal the same slice of the whole.
 */
class WfdbFormatsTest {

  @TempDir Path tmp;

  /** Format 311: three 10-bit samples in one little-endian 32-bit word, bits 0-9, 10-19, 20-29. */
  private static byte[] pack311(int[] flat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < flat.length; i += 3) {
      int left = flat.length - i;
      long w = (flat[i] & 0x3FF) | (left > 1 ? (long) (flat[i + 1] & 0x3FF) << 10 : 0)
          | (left > 2 ? (long) (flat[i + 2] & 0x3FF) << 20 : 0);
      int bytes = left >= 3 ? 4 : left == 2 ? 3 : 2;
      for (int k = 0; k < bytes; k++) {
        out.write((int) (w >> (8 * k)) & 0xFF);
      }
    }
    return out.toByteArray();
  }

  /**
   * Format 310: two little-endian 16-bit words; samples 0 and 1 in bits 1-10 of each (bit 0 unused), sample 2 from
   * the top five bits of word 0 (its low bits) and of word 1 (its high bits).
   */
  private static byte[] pack310(int[] flat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < flat.length; i += 3) {
      int left = flat.length - i;
      int s2 = left > 2 ? flat[i + 2] & 0x3FF : 0;
      int w0 = (flat[i] & 0x3FF) << 1 | (s2 & 0x1F) << 11;
      int w1 = (left > 1 ? (flat[i + 1] & 0x3FF) << 1 : 0) | (s2 >> 5) << 11;
      out.write(w0 & 0xFF);
      out.write(w0 >> 8 & 0xFF);
      if (left > 1) {
        out.write(w1 & 0xFF);
        out.write(w1 >> 8 & 0xFF);
      }
    }
    return out.toByteArray();
  }

  private static int[] random10bit(int n, long seed) {
    Random rnd = new Random(seed);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(1023) - 511; // -512 is the invalid-sample code
    }
    v[0] = 511;
    v[n - 1] = -511;
    return v;
  }

  private static int[] interleave(int[][] signals) {
    int n = signals[0].length;
    int[] flat = new int[n * signals.length];
    for (int k = 0; k < n; k++) {
      for (int s = 0; s < signals.length; s++) {
        flat[k * signals.length + s] = signals[s][k];
      }
    }
    return flat;
  }

  private static short checksum(int[] v) {
    int sum = 0;
    for (int x : v) {
      sum += x;
    }
    return (short) sum;
  }

  private static double[] asDouble(int[] v) {
    return Arrays.stream(v).asDoubleStream().toArray();
  }

  /** Every range [a, b) of every channel read lazily equals the slice of the expected values. */
  private static void assertAllRanges(LazyRecording r, String channel, double[] expected) {
    for (int a = 0; a <= expected.length; a++) {
      for (int b = a; b <= expected.length; b++) {
        assertArrayEquals(Arrays.copyOfRange(expected, a, b), r.samples(channel, a, b), 0,
            channel + " [" + a + ", " + b + ")");
      }
    }
  }

  @Test
  void formats310And311TwoSignalsWithPartialLastGroup() throws IOException {
    for (int format : new int[] {310, 311}) {
      Path dir = Files.createDirectory(tmp.resolve("f" + format));
      // 7 frames of 2 signals: 14 samples, four whole groups of 3 and a last group of 2
      int[][] sig = {random10bit(7, format), random10bit(7, format + 1)};
      int[] flat = interleave(sig);
      byte[] bytes = format == 310 ? pack310(flat) : pack311(flat);
      assertEquals(format == 310 ? 20 : 19, bytes.length);
      Files.write(dir.resolve("r.dat"), bytes);
      Files.writeString(dir.resolve("r.hea"), "r 2 100 7\n"
          + "r.dat " + format + " 4/mV 10 0 " + sig[0][0] + " " + checksum(sig[0]) + " 0 A\n"
          + "r.dat " + format + " 1 10 0 " + sig[1][0] + " " + checksum(sig[1]) + " 0 B\n");
      Recording whole = Wfdb.read(dir.resolve("r.hea"));
      double[] a = Arrays.stream(sig[0]).mapToDouble(x -> x / 4.0).toArray();
      assertArrayEquals(a, whole.channel("A").samples(), 0);
      assertArrayEquals(asDouble(sig[1]), whole.channel("B").samples(), 0);
      LazyRecording lazy = Wfdb.open(dir.resolve("r.hea"));
      assertAllRanges(lazy, "A", a);
      assertAllRanges(lazy, "B", asDouble(sig[1]));
    }
  }

  @Test
  void formats310And311OneSignalEveryLength() throws IOException {
    for (int format : new int[] {310, 311}) {
      for (int n = 1; n <= 7; n++) {
        Path dir = Files.createDirectories(tmp.resolve("one" + format + "_" + n));
        int[] v = random10bit(Math.max(2, n), 31L * n + format);
        v = Arrays.copyOf(v, n);
        v[n - 1] = -512; // the invalid-sample code reads as NaN
        Files.write(dir.resolve("s.dat"), format == 310 ? pack310(v) : pack311(v));
        Files.writeString(dir.resolve("s.hea"), "s 1 250 " + n + "\ns.dat " + format + " 1 10 0\n");
        double[] want = asDouble(v);
        want[n - 1] = Double.NaN;
        assertArrayEquals(want, Wfdb.read(dir.resolve("s.hea")).channel(0).samples(), 0, format + " n=" + n);
        assertAllRanges(Wfdb.open(dir.resolve("s.hea")), "signal 0", want);
      }
    }
  }

  /** Format 8: each byte the difference from the previous sample of its signal, starting from the initial value. */
  @Test
  void format8FirstDifferencesAcrossCheckpoints() throws IOException {
    int n = 150_000; // more than the reader's 64 KiB between running-sum checkpoints
    Random rnd = new Random(8);
    int[][] sig = new int[2][n];
    int[] init = {50, -1000};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] prev = init.clone();
    for (int k = 0; k < n; k++) {
      for (int s = 0; s < 2; s++) {
        int d = rnd.nextInt(201) - 100;
        sig[s][k] = prev[s] + d;
        prev[s] = sig[s][k];
        bytes.write(d);
      }
    }
    Files.write(tmp.resolve("d.dat"), bytes.toByteArray());
    Files.writeString(tmp.resolve("d.hea"), "d 2 500 " + n + "\n"
        + "d.dat 8 10/uV 8 0 " + init[0] + " " + checksum(sig[0]) + " 0 X\n"
        + "d.dat 8 1 8 0 " + init[1] + " " + checksum(sig[1]) + " 0 Y\n");
    Recording whole = Wfdb.read(tmp.resolve("d.hea"));
    assertArrayEquals(asDouble(sig[1]), whole.channel("Y").samples(), 0);
    double[] x = Arrays.stream(sig[0]).mapToDouble(v -> v / 10.0).toArray();
    assertArrayEquals(x, whole.channel("X").samples(), 1e-12);
    LazyRecording lazy = Wfdb.open(tmp.resolve("d.hea"));
    for (int[] range : new int[][] {{0, 3}, {32767, 32770}, {65535, 65540}, {100_000, 100_500}, {n - 5, n}}) {
      assertArrayEquals(Arrays.copyOfRange(asDouble(sig[1]), range[0], range[1]),
          lazy.samples("Y", range[0], range[1]), 0);
      assertArrayEquals(Arrays.copyOfRange(x, range[0], range[1]), lazy.samples("X", range[0], range[1]), 1e-12);
    }
    // windows of one second every half second, read one at a time
    Windows w = lazy.windows(1, 0.5, "Y");
    assertEquals((n - 500) / 250 + 1, w.count());
    Window last = w.get(w.count() - 1);
    int start = (int) ((w.count() - 1) * 250);
    for (int k = 0; k < 500; k++) {
      assertEquals(sig[1][start + k], last.channel(0)[k], 0);
    }
  }

  /** A segment of format 16 samples, its header in {@code dir}. */
  private static void segment(Path dir, String name, String[] names, double[] gains, int[][] data)
      throws IOException {
    int[] flat = interleave(data);
    byte[] b = new byte[2 * flat.length];
    for (int i = 0; i < flat.length; i++) {
      b[2 * i] = (byte) flat[i];
      b[2 * i + 1] = (byte) (flat[i] >> 8);
    }
    Files.write(dir.resolve(name + ".dat"), b);
    StringBuilder h = new StringBuilder(name + " " + names.length + " 100 " + data[0].length + "\n");
    for (int s = 0; s < names.length; s++) {
      h.append(name).append(".dat 16 ").append(gains[s]).append("/mV 16 0 ").append(data[s][0]).append(' ')
          .append(checksum(data[s])).append(" 0 ").append(names[s]).append('\n');
    }
    Files.writeString(dir.resolve(name + ".hea"), h.toString());
  }

  private static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] nan(int n) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  private static double[] scaled(int[] v, double gain) {
    return Arrays.stream(v).mapToDouble(x -> x / gain).toArray();
  }

  @Test
  void multiSegmentFixedLayoutWithNullSegment() throws IOException {
    int[][] s1 = {{1, 2, 3, 4, 5}, {-1, -2, -3, -4, -5}};
    int[][] s2 = {{10, 20, 30, 40}, {7, 8, 9, 10}};
    segment(tmp, "m_1", new String[] {"II", "V"}, new double[] {2, 1}, s1);
    segment(tmp, "m_2", new String[] {"II", "V"}, new double[] {2, 1}, s2);
    Files.writeString(tmp.resolve("m.hea"), "m/3 2 100 12 10:00:00 01/02/2003\nm_1 5\n~ 3\nm_2 4\n");
    LazyRecording r = Wfdb.open(tmp.resolve("m.hea"));
    assertEquals(List.of("II", "V"), r.channelNames());
    assertEquals(12, r.channel("II").length());
    double[] ii = concat(scaled(s1[0], 2), nan(3), scaled(s2[0], 2));
    double[] v = concat(scaled(s1[1], 1), nan(3), scaled(s2[1], 1));
    assertAllRanges(r, "II", ii);
    assertAllRanges(r, "V", v);
    Recording eager = Wfdb.read(tmp.resolve("m.hea"));
    assertArrayEquals(ii, eager.channel("II").samples(), 0);
    assertEquals(java.time.LocalDateTime.of(2003, 2, 1, 10, 0), eager.startTime());
    assertTrue(Recordings.open(tmp.resolve("m.hea")).format().startsWith("WFDB multi-segment"));
  }

  /** A variable layout (MIMIC style): a layout header, segments holding some signals in their own order and gains. */
  @Test
  void multiSegmentVariableLayout() throws IOException {
    Files.writeString(tmp.resolve("v_layout.hea"),
        "v_layout 3 100 0\n~ 0 1/mV 16 0 0 0 0 II\n~ 0 1/mV 16 0 0 0 0 V\n~ 0 1/mmHg 16 0 0 0 0 ABP\n");
    int[][] a = {{4, 5, 6, 7}};
    int[][] b = {{100, 200, 300, 400, 500}, {-3, -4, -5, -6, -7}};
    segment(tmp, "v_a", new String[] {"V"}, new double[] {4}, a);
    segment(tmp, "v_b", new String[] {"ABP", "II"}, new double[] {10, 0.5}, b);
    Files.writeString(tmp.resolve("v.hea"), "v/4 3 100 11\nv_layout 0\nv_a 4\n~ 2\nv_b 5\n");
    LazyRecording r = Wfdb.open(tmp.resolve("v.hea"));
    assertEquals(List.of("II", "V", "ABP"), r.channelNames());
    assertAllRanges(r, "II", concat(nan(6), scaled(b[1], 0.5)));
    assertAllRanges(r, "V", concat(scaled(a[0], 4), nan(7)));
    assertAllRanges(r, "ABP", concat(nan(6), scaled(b[0], 10)));
    assertEquals(0.11, r.duration(), 1e-12);
  }

  @Test
  void multiSegmentHostileHeaders() throws IOException {
    segment(tmp, "h_1", new String[] {"II"}, new double[] {1}, new int[][] {{1, 2, 3}});
    Files.writeString(tmp.resolve("out.hea"), "h/1 1 100 3\n../h_1 3\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wfdb.open(tmp.resolve("out.hea")));
    assertTrue(e.getMessage().contains("segment name '../h_1'") && e.getMessage().contains("out.hea"), e.getMessage());

    Files.writeString(tmp.resolve("len.hea"), "h/1 1 100 4\nh_1 4\n");
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.open(tmp.resolve("len.hea")));
    assertTrue(e.getMessage().contains("says 4 samples per signal but its signal 0 has 3"), e.getMessage());

    Files.writeString(tmp.resolve("many.hea"), "h/999999999 1 100 4\nh_1 3\n");
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.open(tmp.resolve("many.hea")));
    assertTrue(e.getMessage().contains("'number of segments' is 999999999"), e.getMessage());

    Files.writeString(tmp.resolve("lines.hea"), "h/3 1 100 4\nh_1 3\n");
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.open(tmp.resolve("lines.hea")));
    assertTrue(e.getMessage().contains("announces 3 segments but there are 1 segment lines"), e.getMessage());

    Files.writeString(tmp.resolve("missing.hea"), "h/1 1 100 3\nnope 3\n");
    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.open(tmp.resolve("missing.hea")));
    assertTrue(e.getMessage().contains("nope.hea"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> Wfdb.readHeader(tmp.resolve("out.hea")));
    assertTrue(e.getMessage().contains("multi-segment record"), e.getMessage());
  }

  @Test
  void truncatedPackedFilesAreRejected() throws IOException {
    for (int format : new int[] {8, 310, 311}) {
      Path dir = Files.createDirectory(tmp.resolve("t" + format));
      Files.write(dir.resolve("t.dat"), new byte[3]);
      Files.writeString(dir.resolve("t.hea"), "t 1 100 9\nt.dat " + format + " 1 10 0\n");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wfdb.open(dir.resolve("t.hea")));
      assertTrue(e.getMessage().contains("t.dat is truncated") && e.getMessage().contains("format " + format),
          e.getMessage());
    }
  }

  /** A sparse signal file of 3 GiB (no disk used): opened lazily, its end read through long offsets. */
  @Test
  void signalFileOverTwoGibReadsLazily() throws IOException {
    Path dat = tmp.resolve("big.dat");
    long n = (3L << 30) / 2;
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dat.toFile(), "rw")) {
      f.setLength(3L << 30);
      f.seek((3L << 30) - 4);
      f.write(new byte[] {0x34, 0x12, (byte) 0xFE, (byte) 0xFF}); // 0x1234 and -2, the last two samples
    }
    Files.writeString(tmp.resolve("big.hea"), "big 1 1000 " + n + "\nbig.dat 16 2 16 0\n");
    LazyRecording r = Wfdb.open(tmp.resolve("big.hea"));
    assertEquals(n, r.channel("signal 0").length());
    assertArrayEquals(new double[] {0, 0x1234 / 2.0, -1}, r.samples("signal 0", n - 3, n), 0);
    assertArrayEquals(new double[] {0, 0}, r.samples("signal 0", (1L << 30) + 7, (1L << 30) + 9), 0);
    Window last = r.windows(0.004, 0.004).get((n - 4) / 4);
    assertEquals(-1, last.channel(0)[3], 0);
  }
}
