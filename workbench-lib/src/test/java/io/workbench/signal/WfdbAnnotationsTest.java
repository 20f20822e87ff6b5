package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfdbAnnotationsTest {

  @TempDir Path tmp;

  private static void w(ByteArrayOutputStream out, int code, int interval) {
    int v = (code << 10) | interval;
    out.write(v & 0xFF);
    out.write(v >>> 8);
  }

  /** An annotation file assembled word by word from the MIT format description (not by our writer). */
  static byte[] handMadeFile() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    w(o, 1, 18); // N at 18
    w(o, 5, 1000); // V at 1018
    w(o, 59, 0); // SKIP 5000: high word then low word
    o.write(0);
    o.write(0);
    o.write(5000 & 0xFF);
    o.write(5000 >>> 8);
    w(o, 1, 0); // N at 6018
    w(o, 28, 82); // rhythm '+' at 6100 with aux "(AFIB"
    w(o, 63, 5);
    o.writeBytes("(AFIB".getBytes(StandardCharsets.US_ASCII));
    o.write(0);
    w(o, 1, 100); // N at 6200, channel 1, number 3
    w(o, 62, 1);
    w(o, 60, 3);
    w(o, 5, 100); // V at 6300, subtype 2; channel and number carry over
    w(o, 61, 2);
    w(o, 0, 0);
    return o.toByteArray();
  }

  static final List<WfdbAnnotation> EXPECTED = List.of(
      new WfdbAnnotation(18, 1, 0, 0, 0, ""),
      new WfdbAnnotation(1018, 5, 0, 0, 0, ""),
      new WfdbAnnotation(6018, 1, 0, 0, 0, ""),
      new WfdbAnnotation(6100, 28, 0, 0, 0, "(AFIB"),
      new WfdbAnnotation(6200, 1, 0, 1, 3, ""),
      new WfdbAnnotation(6300, 5, 2, 1, 3, ""));

  @Test
  void readsHandMadeFile() throws IOException {
    Path f = Files.write(tmp.resolve("x.atr"), handMadeFile());
    List<WfdbAnnotation> got = WfdbAnnotations.read(f);
    assertEquals(EXPECTED, got);
    assertEquals(List.of("N", "V", "N", "+", "N", "V"), got.stream().map(WfdbAnnotation::label).toList());
    assertTrue(got.get(1).isBeat());
    assertTrue(!got.get(3).isBeat());
  }

  @Test
  void writerProducesTheSameBytes() throws IOException {
    Path f = WfdbAnnotations.write(tmp.resolve("y.atr"), EXPECTED);
    assertArrayEquals(handMadeFile(), Files.readAllBytes(f));
    assertEquals(EXPECTED, WfdbAnnotations.read(f));
  }

  @Test
  void recordWithAnnotationsGetsBeatTimes() throws IOException {
    Path src = Datasets.file("mitdb-208/208.hea");
    Files.copy(src, tmp.resolve("208.hea"));
    Files.copy(src.resolveSibling("208.dat"), tmp.resolve("208.dat"));
    Files.write(tmp.resolve("208.atr"), handMadeFile());
    Recording r = Wfdb.read(tmp.resolve("208.hea"), "atr");
    assertEquals(6, r.annotations().size());
    assertEquals(1018 / 360.0, r.annotations().get(1).onset(), 1e-12);
    assertEquals("V", r.annotations().get(1).label());
    assertEquals(1018, r.annotations().get(1).sample(360));
    assertEquals(java.util.Map.of("N", 3, "V", 2, "+", 1), r.annotationCounts());
  }

  @Test
  void malformedFilesFailWithPosition() throws IOException {
    byte[] good = handMadeFile();
    Path cut = Files.write(tmp.resolve("cut.atr"), Arrays.copyOf(good, 7));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WfdbAnnotations.read(cut));
    assertTrue(e.getMessage().contains("cut.atr") && e.getMessage().contains("SKIP"), e.getMessage());
    Path odd = Files.write(tmp.resolve("odd.atr"), Arrays.copyOf(good, 3));
    e = assertThrows(IllegalArgumentException.class, () -> WfdbAnnotations.read(odd));
    assertTrue(e.getMessage().contains("odd.atr") && e.getMessage().contains("byte 2"), e.getMessage());
    Path reserved = Files.write(tmp.resolve("r.atr"), new byte[] {5, (byte) (55 << 2), 0, 0});
    e = assertThrows(IllegalArgumentException.class, () -> WfdbAnnotations.read(reserved));
    assertTrue(e.getMessage().contains("reserved code 55"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WfdbAnnotations.read(tmp.resolve("none.atr")));
    e = assertThrows(IllegalArgumentException.class, () -> WfdbAnnotations.write(tmp.resolve("u.atr"),
        List.of(WfdbAnnotation.of(10, 1), WfdbAnnotation.of(5, 1))));
    assertTrue(e.getMessage().contains("sorted"), e.getMessage());
  }
}
