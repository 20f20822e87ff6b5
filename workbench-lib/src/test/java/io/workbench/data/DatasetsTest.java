package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped datasets load with their documented shapes, names and class counts. Reference counts and
 * statistics were computed independently with Python's csv/statistics modules from the raw files.
 */
class DatasetsTest {

  @Test
  void breastCancerHasDocumentedShapeNamesAndCounts() {
    Dataset d = Datasets.breastCancer();
    assertEquals(569, d.rows(), "rows");
    assertEquals(30, d.numFeatures(), "features");
    assertEquals("mean radius", d.features().get(0));
    assertEquals("radius error", d.features().get(10));
    assertEquals("worst fractal dimension", d.features().get(29));
    assertEquals(List.of("malignant", "benign"), d.classNames());
    assertEquals(Map.of("malignant", 212, "benign", 357), d.classCounts());
    double[] radius = d.column("mean radius");
    double mean = 0;
    for (double v : radius) {
      mean += v;
    }
    assertEquals(14.127291739894552, mean / radius.length, 1e-9, "mean radius average (Python statistics.fmean)");
  }

  @Test
  void irisWineDigitsDiabetes() {
    Dataset iris = Datasets.iris();
    assertEquals(150, iris.rows());
    assertArrayEquals(new int[] {50, 50, 50}, iris.classCountsArray());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());

    Dataset wine = Datasets.wine();
    assertEquals(178, wine.rows());
    assertEquals(13, wine.numFeatures());
    assertArrayEquals(new int[] {59, 71, 48}, wine.classCountsArray());

    Dataset digits = Datasets.digits();
    assertEquals(1797, digits.rows());
    assertEquals(64, digits.numFeatures());
    assertArrayEquals(new int[] {1, 8, 8}, digits.sampleShape());
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, digits.classCountsArray());
    assertEquals("pixel_7_7", digits.features().get(63));
    float[][] x = digits.x();
    assertEquals(5f, x[0][2], "first digit, row 0 column 2 (raw file: 0,0,5,...)");

    Dataset diabetes = Datasets.diabetes();
    assertEquals(442, diabetes.rows());
    assertEquals(Task.REGRESSION, diabetes.task());
    double sum = 0;
    for (double v : diabetes.yDouble()) {
      sum += v;
    }
    assertEquals(152.13348416289594, sum / 442, 1e-9, "mean target");
  }

  @Test
  void shippedFileHasItsCompanions() throws IOException {
    Path hea = Datasets.file("mitdb-208/208.hea");
    assertTrue(Files.isRegularFile(hea), "header exists");
    assertTrue(Files.readString(hea).startsWith("208 1 360 108000"), "WFDB header line");
    assertEquals(162000, Files.size(hea.resolveSibling("208.dat")), "format-212 data beside the header");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.file("nope/none.csv"));
    assertTrue(e.getMessage().contains("nope/none.csv"), e.getMessage());
  }

  /** Packs target/classes into a jar: the library as users get it. */
  private static Path buildJar(Path tmp) throws Exception {
    Path classes = Path.of(Datasets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = tmp.resolve("workbench-lib.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
        try (OutputStream o = new NonClosing(out)) {
          Files.copy(p, o);
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The jar first, then every dependency (not the library's classes, not the tests unless asked). */
  private static List<URL> jarClassPath(Path jar, boolean withTests) throws Exception {
    Path classes = Path.of(Datasets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!p.equals(classes) && (withTests || !p.toString().contains("test-classes"))) {
        urls.add(p.toUri().toURL());
      }
    }
    return urls;
  }

  /** Loads the datasets through a class loader that sees only the jar (and the dependencies). */
  @Test
  void loadsFromABuiltJarToo(@TempDir Path tmp) throws Exception {
    Path classes = Path.of(Datasets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = buildJar(tmp);
    try (URLClassLoader loader =
        new URLClassLoader(jarClassPath(jar, false).toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Class<?> datasets = loader.loadClass("io.workbench.data.Datasets");
      assertTrue(datasets.getProtectionDomain().getCodeSource().getLocation().toString().endsWith(".jar"),
          "Datasets class comes from the jar");
      Object bc = datasets.getMethod("breastCancer").invoke(null);
      assertEquals(569, bc.getClass().getMethod("rows").invoke(bc));
      Method file = datasets.getMethod("file", String.class);
      Path hea = (Path) file.invoke(null, "mitdb-208/208.hea");
      assertTrue(Files.isRegularFile(hea.resolveSibling("208.dat")), "companion .dat extracted beside " + hea);
      assertTrue(!hea.startsWith(classes), "extracted, not read from target/classes: " + hea);
    }
  }

  /**
   * Extraction cannot be hijacked by another local user: the folder that the old code used
   * ({@code /tmp/workbench-datasets-<pid>}) is pre-created with forged files, and they must not be read; the
   * extraction folder is private (owner-only), holds exactly the shipped bytes, and a file changed behind the
   * library's back is restored on the next call.
   */
  @Test
  void extractionIsPrivateVerifiedAndIgnoresPlantedFolders(@TempDir Path tmp) throws Exception {
    Path planted = Path.of(System.getProperty("java.io.tmpdir"), "workbench-datasets-" + ProcessHandle.current().pid());
    Files.createDirectories(planted.resolve("mitdb-208"));
    Files.writeString(planted.resolve("mitdb-208/208.hea"), "208 1 360 10\nforged.dat 16 200 11 0 0 0 0 MLII\n");
    byte[] shipped = Files.readAllBytes(Datasets.file("mitdb-208/208.hea"));
    Path jar = buildJar(tmp);
    try (URLClassLoader loader =
        new URLClassLoader(jarClassPath(jar, false).toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Method file = loader.loadClass("io.workbench.data.Datasets").getMethod("file", String.class);
      Path hea = (Path) file.invoke(null, "mitdb-208/208.hea");
      assertTrue(!hea.startsWith(planted), "the planted folder is not used: " + hea);
      assertArrayEquals(shipped, Files.readAllBytes(hea), "the shipped header, not the forged one");
      Path root = hea.getParent().getParent();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)),
          "extraction folder " + root + " is owner-only");
      Files.writeString(hea, "208 1 360 10\nforged.dat 16 200 11 0 0 0 0 MLII\n");
      Path again = (Path) file.invoke(null, "mitdb-208/208.hea");
      assertArrayEquals(shipped, Files.readAllBytes(again), "a changed file is detected and restored");
      java.lang.reflect.InvocationTargetException bad = assertThrows(java.lang.reflect.InvocationTargetException.class,
          () -> file.invoke(null, "../../etc/passwd"));
      assertTrue(bad.getCause() instanceof IllegalArgumentException, "rejected: " + bad.getCause());
    } finally {
      Files.deleteIfExists(planted.resolve("mitdb-208/208.hea"));
      Files.deleteIfExists(planted.resolve("mitdb-208"));
      Files.deleteIfExists(planted);
    }
  }

  /** A JVM that extracted shipped files removes them when it exits. */
  @Test
  void extractedFilesAreRemovedAtExit(@TempDir Path tmp) throws Exception {
    Path jar = buildJar(tmp);
    StringBuilder cp = new StringBuilder();
    for (URL u : jarClassPath(jar, true)) {
      cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(Path.of(u.toURI()));
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", cp.toString(), ExtractAndExit.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "child finished");
    assertEquals(0, p.exitValue(), out);
    Path extracted = Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(extracted.toString().contains("workbench-datasets-"), out);
    assertTrue(!Files.exists(extracted), extracted + " was removed when the JVM exited");
    assertTrue(!Files.exists(extracted.getParent().getParent()), "and its folder too");
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
