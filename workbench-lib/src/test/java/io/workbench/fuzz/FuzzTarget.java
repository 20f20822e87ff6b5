package io.workbench.fuzz;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One format to fuzz. Register an implementation in {@code META-INF/services/io.workbench.fuzz.FuzzTarget} (test
 * resources) and both the smoke test and {@code bench/fuzz} run it.
 *
 * <pre>{@code
 * public final class GdfTarget implements FuzzTarget {
 *   public String name() { return "gdf"; }
 *   public List<FuzzInput> seeds(Path work) { ... Gdf.write(recording, file) ... }
 *   public void read(Path dir) { Gdf.read(dir.resolve("rec.gdf")).channels().forEach(Channel::length); }
 * }
 * }</pre>
 */
public interface FuzzTarget {

  /** A short name, used on the command line and in reports ({@code csv}, {@code edf}, ...). */
  String name();

  /**
   * Valid inputs written by the project's writers (or built by hand where there is no writer); called once per
   * run. Keep them small (a few KiB): every execution copies and parses one.
   *
   * @param work an empty folder the target may use to write files
   */
  List<FuzzInput> seeds(Path work) throws Exception;

  /**
   * Reads the input laid out in {@code dir} with the reader under test and uses the result a little (lazy
   * errors count). Must throw {@link IllegalArgumentException} naming a file in {@code dir} for bad input.
   */
  void read(Path dir) throws Exception;

  /**
   * How often each file of an input is chosen for mutation (files not named are never mutated). By default every
   * file is equally likely.
   */
  default Map<String, Double> mutationWeights(FuzzInput seed) {
    Map<String, Double> w = new java.util.LinkedHashMap<>();
    seed.files().keySet().forEach(f -> w.put(f, 1.0));
    return w;
  }

  /** Whether executions must run in a child JVM because the reader calls native code that could crash it. */
  default boolean isolated() {
    return false;
  }

  /** Executions of the smoke run in {@code mvn verify} (a few seconds). */
  default int smokeExecutions() {
    return 2000;
  }
}
