package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers and signal files built to break the reader (each found by an attacker or a fuzzer): every one fails with
 * an {@link IllegalArgumentException} naming the file and field, never an array index error, an out-of-memory
 * error, a hang, a value of infinity or a file outside the record's folder.
 */
class WfdbHostileTest {

  @TempDir Path tmp;

  private Path record(String header, byte[] dat) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("r" + System.nanoTime()));
    if (dat != null) {
      Files.write(dir.resolve("rec.dat"), dat);
    }
    return Files.write(dir.resolve("rec.hea"), header.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String fails(Path header) {
    return assertThrows(IllegalArgumentException.class, () -> Wfdb.read(header)).getMessage();
  }

  private static byte[] format16(int... v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int x : v) {
      out.write(x & 0xFF);
      out.write((x >> 8) & 0xFF);
    }
    return out.toByteArray();
  }

  @Test
  void negativeByteOffset() throws IOException {
    String msg = fails(record("rec 1 360 2\nrec.dat 16+-4 200 12 0 0 0 0 I\n", format16(1, 2)));
    assertTrue(msg.contains("rec.hea") && msg.contains("byte offset") && msg.contains("-4"), msg);
  }

  @Test
  void sampleCountThatOverflows() throws IOException {
    String msg = fails(record("rec 2 360 9223372036854775807\nrec.dat 16 200 12 0 0 0 0 I\nrec.dat 16 200 12 0 0 0 0 II\n",
        format16(1, 2, 3, 4)));
    assertTrue(msg.contains("rec.dat") && msg.contains("number of samples per signal"), msg);
    msg = fails(record("rec 1 360 4611686018427387904\nrec.dat 16 200 12 0 0 0 0 I\n", format16(1, 2)));
    assertTrue(msg.contains("rec.dat") && msg.contains("number of samples per signal"), msg);
  }

  @Test
  void signalFileOverTwoGibIsRefusedBeforeReading() throws IOException {
    Path header = record("rec 1 360\nrec.dat 16 200 12 0 0 0 0 I\n", null);
    try (RandomAccessFile f = new RandomAccessFile(header.resolveSibling("rec.dat").toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk space used
    }
    String msg = fails(header);
    assertTrue(msg.contains("rec.dat") && msg.contains("3221225472 bytes"), msg);
  }

  @Test
  void deviceOrFifoAsSignalFileIsRefusedWithoutBlocking() throws Exception {
    Path header = record("rec 1 360\nrec.dat 16 200 12 0 0 0 0 I\n", null);
    Files.createSymbolicLink(header.resolveSibling("rec.dat"), Path.of("/dev/zero"));
    String msg = fails(header);
    assertTrue(msg.contains("rec.dat") && msg.contains("not a regular file"), msg);
    Path h2 = record("rec 1 360\nrec.dat 16 200 12 0 0 0 0 I\n", null);
    Process mk = new ProcessBuilder("mkfifo", h2.resolveSibling("rec.dat").toString()).start();
    assertEquals(0, mk.waitFor());
    String m2 = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fails(h2));
    assertTrue(m2.contains("rec.dat") && m2.contains("not a regular file"), m2);
    Process mk2 = new ProcessBuilder("mkfifo", tmp.resolve("fifo.hea").toString()).start();
    assertEquals(0, mk2.waitFor());
    String m3 = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fails(tmp.resolve("fifo.hea")));
    assertTrue(m3.contains("fifo.hea") && m3.contains("not a regular file"), m3);
  }

  @Test
  void nulInTheSignalFileName() throws IOException {
    String msg = fails(record("rec 1 360 2\nre\0c.dat 16 200 12 0 0 0 0 I\n", format16(1, 2)));
    assertTrue(msg.contains("rec.hea") && msg.contains("NUL"), msg);
  }

  @Test
  void samplesPerFrameOverflowIsAnError() throws IOException {
    String msg = fails(record("rec 2 360\nrec.dat 16x2147483647 200 12 0 0 0 0 I\nrec.dat 16x2 200 12 0 0 0 0 II\n",
        format16(1, 2, 3, 4)));
    assertTrue(msg.contains("rec.dat") && msg.contains("frame"), msg);
    msg = fails(record("rec 1 360\nrec.dat 16x1000 200 12 0 0 0 0 I\n", format16(1, 2, 3, 4)));
    assertTrue(msg.contains("rec.dat") && msg.contains("frame"), "fewer bytes than one frame: " + msg);
  }

  @Test
  void gainSoSmallThatValuesOverflow() throws IOException {
    String msg = fails(record("rec 1 360 2\nrec.dat 16 1e-320 12 0 0 0 0 I\n", format16(1, 2)));
    assertTrue(msg.contains("rec.hea") && msg.contains("ADC gain") && msg.contains("1e-320"), msg);
  }

  @Test
  void signalFileOutsideTheRecordFolderNeedsAnOptIn() throws IOException {
    Path outside = Files.write(tmp.resolve("secret.dat"), format16(5, 6));
    Path header = record("rec 1 360 2\n../secret.dat 16 200 12 0\n", null);
    String msg = fails(header);
    assertTrue(msg.contains("rec.hea") && msg.contains("../secret.dat") && msg.contains("outside"), msg);
    msg = fails(record("rec 1 360\n/etc/passwd 80 200 12 0 0 0 0 I\n", null));
    assertTrue(msg.contains("/etc/passwd") && msg.contains("outside"), msg);
    Recording r = Wfdb.reader().withFilesOutsideFolder(true).read(header);
    assertArrayEquals(new double[] {5 / 200.0, 6 / 200.0}, r.channel(0).samples(), 0);
    assertTrue(Files.exists(outside));
    String ann = assertThrows(IllegalArgumentException.class, () -> Wfdb.read(header, "../x")).getMessage();
    assertTrue(ann.contains("annotator") && ann.contains("../x"), ann);
  }

  @Test
  void annotationSkipBeforeTheStartNamesTheFile() throws IOException {
    // 16-bit little-endian words, as format 16: SKIP, its 32-bit interval -256 (high word first), a beat, the end
    Path atr = Files.write(tmp.resolve("neg.atr"), format16(59 << 10, 0xFFFF, 0xFF00, (1 << 10) | 5, 0));
    String msg = assertThrows(IllegalArgumentException.class, () -> WfdbAnnotations.read(atr)).getMessage();
    assertTrue(msg.contains("neg.atr") && msg.contains("before the start"), msg);
  }
}
