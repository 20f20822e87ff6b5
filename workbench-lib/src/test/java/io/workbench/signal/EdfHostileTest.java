package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EDF files built to break the reader: each fails with an {@link IllegalArgumentException} naming the file and
 * field, never an out-of-memory error, a silently clamped or dropped value, or an error without the file.
 */
class EdfHostileTest {

  @TempDir Path tmp;

  /** One channel at 8 Hz for 4 s, annotations at 1.5 s (duration 12.5 s) and 1234.5 s, start 2024-03-05 23:14:07. */
  private byte[] good() throws IOException {
    double[] v = new double[32];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i);
    }
    Recording r = new Recording("r", List.of(new Channel("EEG", "uV", 8, v)),
        List.of(new Annotation(1.5, 12.5, "evt"), new Annotation(1234.5, 0, "late")),
        LocalDateTime.of(2024, 3, 5, 23, 14, 7));
    return Files.readAllBytes(Edf.write(r, tmp.resolve("good.edf")));
  }

  private static byte[] replace(byte[] b, String from, String to) {
    assertEquals(from.length(), to.length(), "same-length patch");
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int at = s.indexOf(from);
    assertTrue(at >= 0, "'" + from + "' is in the file");
    byte[] out = b.clone();
    System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, out, at, to.length());
    return out;
  }

  private String fails(String name, byte[] bytes) throws IOException {
    Path f = Files.write(tmp.resolve(name), bytes);
    return assertThrows(IllegalArgumentException.class, () -> Edf.read(f)).getMessage();
  }

  @Test
  void theUnpatchedFileReads() throws IOException {
    Recording r = Edf.read(Files.write(tmp.resolve("ok.edf"), good()));
    assertEquals(List.of(new Annotation(1.5, 12.5, "evt"), new Annotation(1234.5, 0, "late")), r.annotations());
    assertEquals(LocalDateTime.of(2024, 3, 5, 23, 14, 7), r.startTime());
  }

  @Test
  void nanOrInfiniteOnsetNamesTheFile() throws IOException {
    String msg = fails("nan.edf", replace(good(), "+1.5\u0015", "+NaN\u0015"));
    assertTrue(msg.contains("nan.edf") && msg.contains("onset") && msg.contains("NaN"), msg);
    msg = fails("inf.edf", replace(good(), "+1234.5\u0014", "+1e9999\u0014"));
    assertTrue(msg.contains("inf.edf") && msg.contains("onset") && msg.contains("1e9999"), msg);
  }

  @Test
  void negativeOrMalformedDurationIsAnError() throws IOException {
    String msg = fails("neg.edf", replace(good(), "\u001512.5", "\u0015-2.5"));
    assertTrue(msg.contains("neg.edf") && msg.contains("duration") && msg.contains("-2.5"), msg);
    msg = fails("nand.edf", replace(good(), "\u001512.5", "\u0015NaN "));
    assertTrue(msg.contains("nand.edf") && msg.contains("duration"), msg);
  }

  @Test
  void badStartDateOrTimeIsAnErrorNotDropped() throws IOException {
    String msg = fails("date.edf", EdfTest.patch(good(), 168, "32.13.24", 8));
    assertTrue(msg.contains("date.edf") && msg.contains("startdate") && msg.contains("32.13.24"), msg);
    msg = fails("time.edf", EdfTest.patch(good(), 176, "25.61.00", 8));
    assertTrue(msg.contains("time.edf") && msg.contains("starttime") && msg.contains("25.61.00"), msg);
    msg = fails("rid.edf", replace(good(), "Startdate 05-MAR-2024", "Startdate 05-XYZ-2024"));
    assertTrue(msg.contains("rid.edf") && msg.contains("Startdate") && msg.contains("05-XYZ-2024"), msg);
  }

  @Test
  void fileOverTwoGibFailsCleanlyWithoutOutOfMemory() throws IOException {
    byte[] b = good();
    int ns = Integer.parseInt(new String(b, 252, 4, StandardCharsets.US_ASCII).trim());
    int headerBytes = 256 * (ns + 1);
    long recordBytes = 0;
    for (int i = 0; i < ns; i++) {
      int at = 256 + ns * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80) + 8 * i;
      recordBytes += 2L * Integer.parseInt(new String(b, at, 8, StandardCharsets.US_ASCII).trim());
    }
    long records = (3L << 30) / recordBytes;
    Path f = Files.write(tmp.resolve("big.edf"), EdfTest.patch(b, 236, Long.toString(records), 8));
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(headerBytes + records * recordBytes); // sparse: no disk space used
    }
    String msg = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(IllegalArgumentException.class, () -> Edf.read(f)).getMessage());
    assertTrue(msg.contains("big.edf") && (msg.contains("memory") || msg.contains("at most")), msg);
  }
}
