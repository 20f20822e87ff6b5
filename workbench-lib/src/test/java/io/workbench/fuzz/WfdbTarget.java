package io.workbench.fuzz;

import io.workbench.signal.Wfdb;
import io.workbench.signal.WfdbAnnotation;
import io.workbench.signal.WfdbAnnotations;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutated WFDB records (header, signal file and annotation file), read with {@link Wfdb#read(Path, String)}.
 * Annotation files are written by {@link WfdbAnnotations#write}; the project has no signal-file writer, so the
 * signal files (formats 16, 212 and 80, with checksums, several signals, several samples per frame and a byte
 * offset) are encoded here.
 */
public final class WfdbTarget implements FuzzTarget {

  @Override
  public String name() {
    return "wfdb";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    int[][] two = {{10, -20, 30, 2047, -5, 0, 7, 9}, {1, 2, -3, 4, -2048, 6, 100, -100}};
    int[][] spf = {{100, 200, 300, 400, 500, 600, -700, 800}, {5, -6, 7, 8}};
    int[][] one = {{-128 + 1, 0, 5, 127, -3, 9}};
    List<WfdbAnnotation> ann = List.of(WfdbAnnotation.of(1, 1), new WfdbAnnotation(3, 5, 1, 0, 2, "PVC"),
        WfdbAnnotation.of(2000, 28), WfdbAnnotation.of(2003, 1));
    return List.of(
        record(work, "212", "rec 2 360 8 10:30:00 05/03/2024\n"
            + "rec.dat 212 200(1024)/mV 11 1024 " + two[0][0] + " " + sum(two[0]) + " 0 MLII\n"
            + "rec.dat 212 200 11 0 " + two[1][0] + " " + sum(two[1]) + " 0 V5\n# comment\n",
            format212(two), ann),
        record(work, "16x2", "rec 2 250/125 4\n"
            + "rec.dat 16x2+2 400/uV 16 0 " + spf[0][0] + " " + sum(spf[0]) + " 0 EEG\n"
            + "rec.dat 16 100 16 0 " + spf[1][0] + " " + sum(spf[1]) + " 0 EOG\n",
            offset(format16(spf), 2), ann.subList(0, 2)),
        record(work, "80", "rec 1 100\nrec.dat 80 50 8 0 " + one[0][0] + " " + sum(one[0]) + " 0 resp\n",
            format80(one[0]), ann.subList(0, 1)));
  }

  private static FuzzInput record(Path work, String name, String header, byte[] dat, List<WfdbAnnotation> ann)
      throws Exception {
    Path atr = WfdbAnnotations.write(work.resolve(name + ".atr"), ann);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("rec.hea", header.getBytes(StandardCharsets.ISO_8859_1));
    files.put("rec.dat", dat);
    files.put("rec.atr", Files.readAllBytes(atr));
    return new FuzzInput(name, files);
  }

  private static int sum(int[] v) {
    int s = 0;
    for (int x : v) {
      s += x;
    }
    return (short) s;
  }

  /** Interleaved frames of format 212: two 12-bit samples in three bytes. */
  private static byte[] format212(int[][] sig) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = sig[0].length;
    for (int i = 0; i < n; i++) {
      int a = sig[0][i] & 0xFFF;
      int b = sig[1][i] & 0xFFF;
      out.write(a & 0xFF);
      out.write(((a >> 8) & 0x0F) | ((b >> 4) & 0xF0));
      out.write(b & 0xFF);
    }
    return out.toByteArray();
  }

  /** Frames of format 16: signal 0 has two samples per frame, signal 1 one. */
  private static byte[] format16(int[][] sig) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int f = 0; f < sig[1].length; f++) {
      for (int v : new int[] {sig[0][2 * f], sig[0][2 * f + 1], sig[1][f]}) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
      }
    }
    return out.toByteArray();
  }

  private static byte[] format80(int[] sig) {
    byte[] b = new byte[sig.length];
    for (int i = 0; i < sig.length; i++) {
      b[i] = (byte) (sig[i] + 128);
    }
    return b;
  }

  private static byte[] offset(byte[] b, int n) {
    byte[] c = new byte[b.length + n];
    System.arraycopy(b, 0, c, n, b.length);
    return c;
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return Map.of("rec.hea", 0.5, "rec.dat", 0.2, "rec.atr", 0.3);
  }

  @Override
  public void read(Path dir) {
    SignalUse.use(Wfdb.read(dir.resolve("rec.hea"), "atr"));
  }
}
