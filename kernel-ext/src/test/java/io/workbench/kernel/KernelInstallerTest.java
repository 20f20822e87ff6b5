package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void archiveComesFromAKernelSessionThroughItsSockets() throws Exception {
    // class-data sharing needs jars: the directories of the test class path (target/classes) go into jars first
    List<String> jars = new ArrayList<>();
    for (Path p : ClassPath.current()) {
      if (Files.isDirectory(p)) {
        if (p.endsWith("test-classes")) {
          continue;
        }
        Path jar = tmp.resolve("cp" + jars.size() + ".jar");
        jarOf(p, jar);
        jars.add(jar.toString());
      } else {
        jars.add(p.toString());
      }
    }
    String cp = String.join(File.pathSeparator, jars);
    Path dir = KernelInstaller.install(tmp.resolve("k"), "t", cp, true);
    Path archive = dir.resolve("workbench.jsa");
    assertTrue(Files.readString(dir.resolve("kernel.json")).contains("-XX:SharedArchiveFile=" + archive),
        "kernel.json names the archive");
    try (var files = Files.list(dir)) {
      assertEquals(List.of("kernel.json", "logo-32x32.png", "logo-64x64.png", "workbench.jsa"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary archive is left");
    }
    // the JVM lists what the archive holds: the classes of the kernel's sockets, protocol and evaluation
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit", "-cp",
        cp).redirectErrorStream(true).start();
    String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the archive listing ends");
    assertTrue(listing.contains("archive is valid"), listing.substring(Math.max(0, listing.length() - 2000)));
    for (String c : List.of("org.zeromq.ZContext", "io.workbench.kernel.KernelServer",
        "io.workbench.kernel.wire.MessageCodec", "io.workbench.kernel.NotebookStream", "jdk.jshell.JShell",
        "com.sun.tools.javac.main.JavaCompiler")) {
      assertTrue(listing.contains(" " + c + " "), c + " is archived");
    }
  }

  private static void jarOf(Path dir, Path jar) throws Exception {
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var walk = Files.walk(dir)) {
      out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
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
