package io.workbench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The real datasets shipped with the workbench (see {@code datasets/README.md} for provenance and
 * licences), one call each, offline, from the repository or from a built jar.
 *
 * <pre>{@code
 * Dataset bc = Datasets.breastCancer();   // 569 x 30, malignant / benign
 * Dataset digits = Datasets.digits();     // 1797 8x8 images, sampleShape [1, 8, 8]
 * Path ecg = Datasets.file("mitdb-208/208.hea");
 * }</pre>
 */
public final class Datasets {

  private static final String ROOT = "io/workbench/datasets/";

  private static final List<String> BREAST_CANCER_BASE = List.of(
      "radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
      "concave points", "symmetry", "fractal dimension");

  /** This class loader's private extraction folder, created on first use and deleted at exit. */
  private static Path extractionRoot;

  private Datasets() {}

  /** Breast Cancer Wisconsin (Diagnostic): 569 rows, 30 features, classes malignant (0) and benign (1). */
  public static Dataset breastCancer() {
    List<String> names = new ArrayList<>();
    BREAST_CANCER_BASE.forEach(b -> names.add("mean " + b));
    BREAST_CANCER_BASE.forEach(b -> names.add(b + " error"));
    BREAST_CANCER_BASE.forEach(b -> names.add("worst " + b));
    return sklearnCsv("breast-cancer/breast_cancer.csv", "breast cancer", names, "diagnosis");
  }

  /** Iris: 150 rows, 4 features, classes setosa, versicolor, virginica. */
  public static Dataset iris() {
    return sklearnCsv("iris/iris.csv", "iris",
        List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), "species");
  }

  /** Wine recognition: 178 rows, 13 features, classes class_0, class_1, class_2. */
  public static Dataset wine() {
    return sklearnCsv("wine/wine_data.csv", "wine", List.of(
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
        "od280/od315_of_diluted_wines", "proline"), "cultivar");
  }

  /** Handwritten digits: 1797 8x8 images (pixel values 0..16), 10 classes, sample shape [1, 8, 8]. */
  public static Dataset digits() {
    List<double[]> rows = readNumbers("digits/digits.csv.gz", ",");
    List<String> names = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        names.add("pixel_" + r + "_" + c);
      }
    }
    List<String> classes = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      classes.add(Integer.toString(k));
    }
    Table t = table("digits", names, rows, "digit");
    return Dataset.builder(t).target("digit").features(names).classNames(classes).sampleShape(1, 8, 8).build();
  }

  /** Diabetes (regression): 442 rows, 10 raw features, target disease progression after one year. */
  public static Dataset diabetes() {
    List<double[]> x = readNumbers("diabetes/diabetes_data_raw.csv.gz", "\\s+");
    List<double[]> y = readNumbers("diabetes/diabetes_target.csv.gz", "\\s+");
    if (x.size() != y.size()) {
      throw new IllegalStateException("Shipped diabetes data has " + x.size() + " rows but " + y.size() + " targets");
    }
    List<String> names = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
    List<Column<?>> cols = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      final int col = j;
      cols.add(DoubleColumn.create(names.get(j), x.stream().mapToDouble(r -> r[col]).toArray()));
    }
    cols.add(DoubleColumn.create("progression", y.stream().mapToDouble(r -> r[0]).toArray()));
    Table t = Table.create("diabetes", cols.toArray(new Column<?>[0]));
    return Dataset.builder(t).target("progression").features(names).regression().build();
  }

  /**
   * A shipped file on disk, for readers that need a path (for example {@code "mitdb-208/208.hea"}).
   * Inside a jar, the file's folder is extracted to a private temporary directory (owner-only, created fresh
   * by this JVM and removed when it exits), so companion files (the {@code .dat} beside a {@code .hea}) sit next
   * to it; each extracted file is checked against the jar entry's size and CRC-32 on every call, and restored
   * if it changed.
   */
  public static Path file(String relativePath) {
    checkRelative(relativePath);
    URL url = Datasets.class.getClassLoader().getResource(ROOT + relativePath);
    if (url == null) {
      throw new IllegalArgumentException(
          "No shipped dataset file '" + relativePath + "'; see datasets/README.md for the list");
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return Path.of(url.toURI());
      }
      return extractFolder(url, relativePath);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract shipped dataset file '" + relativePath + "'", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Bad resource URL " + url, e);
    }
  }

  private static void checkRelative(String relativePath) {
    if (relativePath == null || relativePath.isEmpty()) {
      throw new IllegalArgumentException("Datasets.file needs a path such as \"mitdb-208/208.hea\", got "
          + (relativePath == null ? "null" : "an empty string"));
    }
    for (String part : relativePath.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\\') >= 0
          || part.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("Shipped dataset path '" + relativePath
            + "' must be relative, with '/' between names and no '.', '..' or empty parts");
      }
    }
  }

  private static synchronized Path extractFolder(URL url, String relativePath) throws IOException, URISyntaxException {
    if (extractionRoot == null) {
      // a fresh, unpredictable name; on POSIX systems owner-only (rwx------) by default
      Path root = Files.createTempDirectory("workbench-datasets-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "workbench-datasets-cleanup"));
      extractionRoot = root;
    }
    String folder = relativePath.contains("/") ? relativePath.substring(0, relativePath.lastIndexOf('/') + 1) : "";
    JarURLConnection conn = (JarURLConnection) url.openConnection();
    Path target = extractionRoot.resolve(relativePath);
    try (JarFile jar = new JarFile(Path.of(conn.getJarFileURL().toURI()).toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String name = e.getName();
        if (!e.isDirectory() && name.startsWith(ROOT + folder) && name.indexOf('/', (ROOT + folder).length()) < 0) {
          Path out = extractionRoot.resolve(name.substring(ROOT.length()));
          if (!matches(out, e)) {
            Files.createDirectories(out.getParent());
            try (InputStream in = jar.getInputStream(e)) {
              Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!matches(out, e)) {
              throw new IOException("Extracted file " + out + " does not match its jar entry " + name
                  + " (size " + e.getSize() + ", CRC-32 " + Long.toHexString(e.getCrc()) + ")");
            }
          }
        }
      }
    }
    if (!Files.isRegularFile(target)) {
      throw new IOException("Shipped file '" + relativePath + "' was not extracted from " + conn.getJarFileURL());
    }
    return target;
  }

  /** Whether an extracted file has exactly the size and CRC-32 its jar entry records. */
  private static boolean matches(Path file, JarEntry e) throws IOException {
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    CRC32 crc = new CRC32();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        crc.update(buf, 0, n);
        size += n;
      }
    }
    return (e.getSize() < 0 || size == e.getSize()) && (e.getCrc() < 0 || crc.getValue() == e.getCrc());
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // the JVM is exiting; what cannot be removed stays in the temporary folder, owner-only
    }
  }

  private static Dataset sklearnCsv(String resource, String title, List<String> featureNames, String target) {
    List<String> lines = readLines(resource);
    String[] head = lines.get(0).split(",");
    int n = Integer.parseInt(head[0].trim());
    int d = Integer.parseInt(head[1].trim());
    List<String> classes = Arrays.asList(head).subList(2, head.length);
    if (d != featureNames.size() || lines.size() - 1 != n) {
      throw new IllegalStateException(
          "Shipped file " + resource + " declares " + n + " x " + d + " but holds " + (lines.size() - 1) + " rows");
    }
    List<double[]> rows = new ArrayList<>(n);
    for (int i = 1; i < lines.size(); i++) {
      rows.add(parseRow(lines.get(i), ",", resource, i + 1));
    }
    Table t = table(title, featureNames, rows, target);
    return Dataset.builder(t).target(target).features(featureNames).classNames(classes).build();
  }

  private static Table table(String title, List<String> names, List<double[]> rows, String target) {
    int d = names.size();
    Column<?>[] cols = new Column<?>[d + 1];
    for (int j = 0; j < d; j++) {
      final int col = j;
      cols[j] = DoubleColumn.create(names.get(j), rows.stream().mapToDouble(r -> r[col]).toArray());
    }
    cols[d] = IntColumn.create(target, rows.stream().mapToInt(r -> (int) r[d]).toArray());
    return Table.create(title, cols);
  }

  private static List<double[]> readNumbers(String resource, String separator) {
    List<String> lines = readLines(resource);
    List<double[]> rows = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      rows.add(parseRow(lines.get(i), separator, resource, i + 1));
    }
    return rows;
  }

  private static double[] parseRow(String line, String separator, String resource, int lineNo) {
    String[] parts = line.trim().split(separator);
    double[] v = new double[parts.length];
    for (int j = 0; j < parts.length; j++) {
      try {
        v[j] = Double.parseDouble(parts[j]);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            "Shipped file " + resource + " line " + lineNo + " field " + (j + 1) + ": '" + parts[j] + "' is not a number");
      }
    }
    return v;
  }

  private static List<String> readLines(String resource) {
    InputStream raw = Datasets.class.getClassLoader().getResourceAsStream(ROOT + resource);
    if (raw == null) {
      throw new IllegalStateException(
          "Shipped dataset '" + resource + "' is not on the class path; is the workbench-lib jar complete?");
    }
    try (InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read shipped dataset '" + resource + "'", e);
    }
  }
}
