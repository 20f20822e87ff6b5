package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDF+D (discontinuous): a file built byte by byte here from the EDF+ specification, six one-second data records
 * starting at 0, 1, 2, 10, 11 and 20 s. The gaps stay gaps (NaN, not concatenated), the record start times come out
 * as segments, and windows never cross a gap.
 */
class EdfDiscontinuousTest {

  @TempDir Path tmp;

  private static final double[] ONSETS = {0, 1, 2, 10, 11, 20};

  private static void field(ByteArrayOutputStream out, String s, int width) {
    byte[] b = String.format("%-" + width + "s", s).getBytes(StandardCharsets.US_ASCII);
    out.write(b, 0, width);
  }

  /** One signal "EEG" (10 Hz, digital = physical) and the annotation signal; sample k of record r is 100 r + k. */
  private static byte[] edfPlusD(String reserved, double[] onsets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, "0", 8);
    field(out, "X X X X", 80);
    field(out, "Startdate 02-MAR-2021 X X X", 80);
    field(out, "02.03.21", 8);
    field(out, "10.20.30", 8);
    field(out, "768", 8);
    field(out, reserved, 44);
    field(out, String.valueOf(onsets.length), 8);
    field(out, "1", 8);
    field(out, "2", 4);
    String[][] sig = {{"EEG", "EDF Annotations"}, {"", ""}, {"uV", ""}, {"-32768", "-1"}, {"32767", "1"},
        {"-32768", "-32768"}, {"32767", "32767"}, {"", ""}, {"10", "30"}, {"", ""}};
    int[] widths = {16, 80, 8, 8, 8, 8, 8, 80, 8, 32};
    for (int f = 0; f < sig.length; f++) {
      for (String v : sig[f]) {
        field(out, v, widths[f]);
      }
    }
    for (int r = 0; r < onsets.length; r++) {
      for (int k = 0; k < 10; k++) {
        int v = 100 * r + k;
        out.write(v & 0xFF);
        out.write(v >> 8 & 0xFF);
      }
      String tal = "+" + (long) onsets[r] + "\u0014\u0014\u0000";
      if (r == 3) {
        tal += "+10.5\u00150.25\u0014Stim\u0014\u0000"; // onset, 0x15, duration, 0x14, text, 0x14
      }
      byte[] t = tal.getBytes(StandardCharsets.US_ASCII);
      out.write(t, 0, t.length);
      out.write(new byte[60 - t.length], 0, 60 - t.length);
    }
    return out.toByteArray();
  }

  @Test
  void gapsStayGapsAndWindowsDoNotCrossThem() throws IOException {
    Path f = tmp.resolve("d.edf");
    Files.write(f, edfPlusD("EDF+D", ONSETS));
    LazyRecording r = Edf.open(f);
    assertEquals("EDF+D", r.format());
    assertFalse(r.isContinuous());
    assertEquals(List.of(new Segment(0, 3), new Segment(10, 2), new Segment(20, 1)), r.segments());
    assertEquals(21.0, r.duration(), 1e-12);
    assertEquals(210, r.channel("EEG").length());
    assertEquals(List.of(new Annotation(10.5, 0.25, "Stim")), r.annotations());

    double[] all = Edf.read(f).channel("EEG").samples();
    assertEquals(210, all.length);
    for (int t = 0; t < 210; t++) {
      int rec = -1;
      for (int i = 0; i < ONSETS.length; i++) {
        if (t / 10 == (int) ONSETS[i]) {
          rec = i;
        }
      }
      double want = rec < 0 ? Double.NaN : 100 * rec + t % 10;
      assertEquals(want, all[t], 0, "sample " + t);
      assertEquals(want, r.samples("EEG", t, t + 1)[0], 0, "lazy sample " + t);
    }
    // a read across a gap: the samples on both sides, NaN between
    double[] across = r.samples("EEG", 28, 102);
    assertEquals(1 * 100 + 8 + 100, across[0], 0);
    assertTrue(Double.isNaN(across[2]) && Double.isNaN(across[71]));
    assertEquals(300, across[72], 0);

    // one-second windows every half second inside each piece: 5 + 3 + 1, none crossing a gap
    Windows w = r.windows(1, 0.5, "EEG");
    List<Double> onsets = new ArrayList<>();
    for (Window x : w) {
      onsets.add(x.onset());
      for (float v : x.channel(0)) {
        assertFalse(Float.isNaN(v), "window at " + x.onset() + " crosses a gap");
      }
    }
    assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 10.0, 10.5, 11.0, 20.0), onsets);
    assertEquals(9, w.count());
    assertEquals(300, w.get(5).channel(0)[0], 0);
    // a window lists the annotations that overlap it, onsets in recording time
    assertEquals(List.of(new Annotation(10.5, 0.25, "Stim")), w.get(6).annotations().stream()
        .filter(a -> a.label().equals("Stim")).toList());
    assertTrue(w.get(8).annotations().stream().noneMatch(a -> a.label().equals("Stim")));
  }

  @Test
  void recordsThatOverlapOrRunBackwardsAreRejected() throws IOException {
    Path f = tmp.resolve("bad.edf");
    Files.write(f, edfPlusD("EDF+D", new double[] {0, 1, 1, 10, 11, 20}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Edf.open(f));
    assertTrue(e.getMessage().contains("bad.edf") && e.getMessage().contains("overlap"), e.getMessage());
  }

  @Test
  void continuousHeaderWithGappedRecordsStillReadsAsContinuous() throws IOException {
    // EDF+C promises contiguous records: the record times are not used to place samples
    Path f = tmp.resolve("c.edf");
    Files.write(f, edfPlusD("EDF+C", new double[] {0, 1, 2, 3, 4, 5}));
    LazyRecording r = Edf.open(f);
    assertTrue(r.isContinuous());
    assertEquals(60, r.channel("EEG").length());
    assertEquals(500, r.samples("EEG", 50, 51)[0], 0);
  }
}
