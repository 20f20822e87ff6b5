package io.workbench.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Spark module on demand: the kernel starts without Spark (start-up stays fast, no Spark class loads), and
 * the first cell that names {@code io.workbench.spark} or {@code org.apache.spark} adds workbench-spark with its
 * class path (Spark included) to the session. Found in {@code workbench-spark/target} beside the kernel's build
 * ({@code lib/} and the module's jar or classes), or in the folders of the {@code workbench.spark.classpath}
 * system property; jars whose file name the kernel already has are skipped (one copy of each library).
 *
 * <pre>{@code
 * Optional<String> cp = SparkClassPath.forCell("import io.workbench.spark.*;", ClassPath.current());
 * }</pre>
 */
public final class SparkClassPath {

  private static final Pattern USES_SPARK = Pattern.compile("\\b(io\\.workbench\\.spark|org\\.apache\\.spark)\\b");

  private SparkClassPath() {}

  /** Whether a cell's source names the Spark module or Spark. */
  public static boolean usesSpark(String code) {
    return code != null && USES_SPARK.matcher(code).find();
  }

  /**
   * The class path to add for a cell that uses Spark, or empty when the cell does not or the module is not built
   * (then the cell's compile error says which package is missing; the README says how to build it).
   */
  public static Optional<String> forCell(String code, List<Path> current) {
    if (!usesSpark(code)) {
      return Optional.empty();
    }
    List<Path> entries = entries(current);
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    Set<String> have = new HashSet<>();
    for (Path p : current) {
      have.add(p.getFileName().toString());
    }
    List<String> add = new ArrayList<>();
    for (Path p : entries) {
      if (!have.contains(p.getFileName().toString()) && !current.contains(p)) {
        add.add(p.toString());
      }
    }
    return add.isEmpty() ? Optional.empty() : Optional.of(String.join(File.pathSeparator, add));
  }

  /** The module's class path entries: the property's folders, or {@code workbench-spark/target} of this build. */
  static List<Path> entries(List<Path> current) {
    String prop = System.getProperty("workbench.spark.classpath");
    List<Path> out = new ArrayList<>();
    if (prop != null && !prop.isBlank()) {
      for (String e : prop.split(File.pathSeparator)) {
        addJarsOrFolder(Path.of(e), out);
      }
      return out;
    }
    Optional<Path> target = moduleTarget(current);
    if (target.isEmpty()) {
      return out;
    }
    Path t = target.get();
    try (Stream<Path> s = Files.list(t)) {
      s.filter(p -> p.getFileName().toString().matches("workbench-spark-.*\\.jar")
          && !p.getFileName().toString().matches(".*-(sources|javadoc|cluster)\\.jar")).forEach(out::add);
    } catch (IOException e) {
      return List.of();
    }
    if (out.isEmpty() && Files.isDirectory(t.resolve("classes"))) {
      out.add(t.resolve("classes"));
    }
    addJarsOrFolder(t.resolve("lib"), out);
    return out;
  }

  private static void addJarsOrFolder(Path p, List<Path> out) {
    if (Files.isDirectory(p) && !Files.isDirectory(p.resolve("io"))) {
      try (Stream<Path> s = Files.list(p)) {
        s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(out::add);
      } catch (IOException e) {
        // an unreadable folder adds nothing
      }
    } else if (Files.exists(p)) {
      out.add(p);
    }
  }

  /** {@code workbench-spark/target} of the build the kernel runs from (its jar or classes are in kernel-ext/target). */
  private static Optional<Path> moduleTarget(List<Path> current) {
    for (Path p : current) {
      Path s = p.toString().endsWith(".jar") ? p.getParent() : p;
      for (Path up = s; up != null; up = up.getParent()) {
        if (up.getFileName() != null && up.getFileName().toString().equals("kernel-ext")) {
          Path t = up.resolveSibling("workbench-spark").resolve("target");
          if (Files.isDirectory(t.resolve("lib"))) {
            return Optional.of(t);
          }
        }
      }
    }
    return Optional.empty();
  }
}
