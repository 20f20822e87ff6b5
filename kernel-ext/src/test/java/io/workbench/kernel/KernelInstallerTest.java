package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernelspec written by {@code workbench install-kernel}, and its argument checks. */
class KernelInstallerTest {

  @TempDir
  Path tmp;

  @Test
  void prefixLayoutMatchesJupyterKernelspecInstall() throws Exception {
    KernelInstaller.main(List.of("--prefix", tmp.toString(), "--name", "wb", "--no-cds",
        "--classpath", "/opt/wb/kernel.jar"));
    Path dir = tmp.resolve("share/jupyter/kernels/wb");
    JsonNode spec = Notebooks.JSON.readTree(dir.resolve("kernel.json").toFile());
    assertEquals("message", spec.get("interrupt_mode").asText());
    assertEquals("java", spec.get("language").asText());
    List<String> argv = new java.util.ArrayList<>();
    spec.get("argv").forEach(a -> argv.add(a.asText()));
    assertTrue(argv.get(0).endsWith("/bin/java"), argv.toString());
    assertTrue(argv.containsAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true")), argv.toString());
    assertEquals("PASSIVE", spec.get("env").get("OMP_WAIT_POLICY").asText(), "OpenMP threads wait passively");
    assertEquals(List.of("-cp", "/opt/wb/kernel.jar", "io.workbench.kernel.Main", "kernel", "{connection_file}"),
        argv.subList(argv.size() - 5, argv.size()));
    assertFalse(argv.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), "--no-cds");
    for (int size : new int[] {32, 64}) {
      BufferedImage logo = ImageIO.read(dir.resolve("logo-" + size + "x" + size + ".png").toFile());
      assertEquals(size, logo.getWidth());
      assertEquals(size, logo.getHeight());
    }
  }

  @Test
  void fastStartAddsC1Only() throws Exception {
    KernelInstaller.main(List.of("--prefix", tmp.toString(), "--no-cds", "--fast-start", "--classpath", "x.jar"));
    String json = Files.readString(tmp.resolve("share/jupyter/kernels/workbench/kernel.json"));
    assertTrue(json.contains("\"-XX:TieredStopAtLevel=1\""), json);
  }

  @Test
  void archiveIsSkippedWhenTheClassPathHasDirectories() throws Exception {
    // class-data sharing needs a class path of jars only; the test class path has target/classes
    Path dir = KernelInstaller.install(tmp.resolve("k"), "t", ClassPath.currentString(), true);
    assertFalse(Files.exists(dir.resolve("workbench.jsa")));
    assertFalse(Files.readString(dir.resolve("kernel.json")).contains("SharedArchiveFile"));
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelInstaller.main(List.of("--bogus")));
    assertTrue(e.getMessage().contains("unknown option '--bogus'") && e.getMessage().contains("--prefix DIR"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KernelInstaller.main(List.of("--prefix")));
    assertTrue(e.getMessage().contains("--prefix needs a value"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KernelInstaller.install(tmp.resolve("k2"), "t", " ", false));
    assertTrue(e.getMessage().contains("class path is empty"), e.getMessage());
  }
}
