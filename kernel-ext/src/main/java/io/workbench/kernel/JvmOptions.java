package io.workbench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options of workbench JVMs, read from Java argument files: {@code jvm.options} (every JVM, on every
 * JDK), {@code jvm-jdk23.options} (added on JDK 23 and newer) and {@code kernel.options} (the kernel process only).
 * The first two are the top-level files that {@code ./workbench}, Surefire and {@code bench/run} read; the build
 * copies them into this jar, so an installed kernelspec needs no checkout. The kernel also gets
 * {@code -XX:ErrorFile} in the temporary folder, so a JVM crash log never lands in the notebook's folder.
 *
 * <pre>{@code
 * List<String> argv = JvmOptions.kernel(Runtime.version().feature());   // what kernel.json starts the JVM with
 * }</pre>
 */
final class JvmOptions {

  /** First JDK feature release that reads {@code jvm-jdk23.options}. */
  static final int MODERN_FEATURE = 23;

  private JvmOptions() {}

  /** The options every workbench JVM of the given JDK feature release runs with. */
  static List<String> shared(int feature) {
    List<String> o = new ArrayList<>(resource("jvm.options"));
    if (feature >= MODERN_FEATURE) {
      o.addAll(resource("jvm-jdk23.options"));
    }
    return List.copyOf(o);
  }

  /** The kernel's options: the shared ones, {@code kernel.options}, and the crash log in the temporary folder. */
  static List<String> kernel(int feature) {
    List<String> o = new ArrayList<>(shared(feature));
    o.addAll(resource("kernel.options"));
    o.add("-XX:ErrorFile=" + crashLogPattern());
    return List.copyOf(o);
  }

  /** Where a crashing kernel JVM writes its log ({@code %p}: its process id). */
  static String crashLogPattern() {
    return Path.of(System.getProperty("java.io.tmpdir"), "workbench-kernel-hs_err_pid%p.log").toString();
  }

  /** The crash log a kernel with the given process id writes. */
  static Path crashLog(long pid) {
    return Path.of(crashLogPattern().replace("%p", Long.toString(pid)));
  }

  private static List<String> resource(String name) {
    try (InputStream in = JvmOptions.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The kernel jar lacks its JVM options file " + name
            + "; rebuild with mvn -DskipTests package");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the JVM options file " + name, e);
    }
  }

  /**
   * The options in an argument file of the subset we write: options separated by whitespace, comments from a
   * {@code #} that starts a word to the end of the line. Quotes, backslashes and {@code #} inside an option are
   * rejected: the Java launcher treats them in ways that differ from a shell (and between JDKs).
   *
   * @param text the file's contents
   * @param name the file's name, for error messages
   */
  static List<String> parse(String text, String name) {
    List<String> out = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int n = 0; n < lines.length; n++) {
      for (String word : lines[n].strip().split("[ \t\f]+")) {
        if (word.isEmpty()) {
          continue;
        }
        if (word.startsWith("#")) {
          break;
        }
        for (char c : new char[] {'"', '\'', '\\', '#'}) {
          if (word.indexOf(c) >= 0) {
            throw new IllegalArgumentException("JVM options file " + name + ", line " + (n + 1) + ": option '"
                + word + "' holds '" + c + "'; write options without quotes, backslashes or '#' inside them");
          }
        }
        out.add(word);
      }
    }
    return out;
  }
}
