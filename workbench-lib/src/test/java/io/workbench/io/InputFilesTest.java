package io.workbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names found inside files stay in their folder; only regular files of bounded size are read. */
class InputFilesTest {

  @TempDir Path dir;

  private String fails(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void namesStayInTheirFolder() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("rec"));
    assertEquals(folder.resolve("a.dat").toAbsolutePath(), InputFiles.resolveInside(folder, "a.dat", "signal file"));
    assertEquals(folder.resolve("sub/a.dat").toAbsolutePath(),
        InputFiles.resolveInside(folder, "sub/./a.dat", "signal file"));
    for (String bad : new String[] {"../a.dat", "/etc/passwd", "sub/../../a.dat", "..", ".", "../rec2/a.dat"}) {
      String msg = fails(() -> InputFiles.resolveInside(folder, bad, "signal file named in x.hea"));
      assertTrue(msg.contains("signal file named in x.hea") && msg.contains(bad), msg);
    }
    String msg = fails(() -> InputFiles.resolveInside(folder, "a\0.dat", "signal file"));
    assertTrue(msg.contains("NUL") && msg.contains("a\\x00.dat"), msg);
    msg = fails(() -> InputFiles.resolveInside(folder, "", "signal file"));
    assertTrue(msg.contains("empty"), msg);
    assertEquals(Path.of("/etc/passwd"), InputFiles.resolve(folder, "/etc/passwd", "signal file"), "opted in");
  }

  @Test
  void onlyRegularFilesOfBoundedSizeAreRead() throws IOException {
    Path f = Files.write(dir.resolve("f.bin"), new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.readAll(f, "data file", 3));
    String msg = fails(() -> InputFiles.readAll(f, "data file", 2));
    assertTrue(msg.contains("f.bin") && msg.contains("3 bytes") && msg.contains("at most 2"), msg);
    msg = fails(() -> InputFiles.readAll(dir.resolve("none"), "data file", 10));
    assertTrue(msg.contains("none") && msg.contains("does not exist"), msg);
    msg = fails(() -> InputFiles.readAll(dir, "data file", 10));
    assertTrue(msg.contains("is a directory"), msg);
    msg = fails(() -> InputFiles.requireRegularFile(Path.of("/dev/null"), "data file"));
    assertTrue(msg.contains("/dev/null") && msg.contains("not a regular file"), msg);
  }

  @Test
  void heapThatCannotHoldTheDataFailsBeforeAllocating() {
    String msg = fails(() -> InputFiles.requireHeap(Runtime.getRuntime().maxMemory() * 2, "EDF file x.edf"));
    assertTrue(msg.contains("EDF file x.edf") && msg.contains("-Xmx"), msg);
    InputFiles.requireHeap(1024, "small");
  }
}
