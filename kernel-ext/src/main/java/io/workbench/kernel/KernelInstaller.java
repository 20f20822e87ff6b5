package io.workbench.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Writes the Jupyter kernelspec: {@code kernel.json} (argv starting this JVM on the kernel's class path,
 * {@code interrupt_mode: "message"}), two logo PNGs drawn here, and a class-data-sharing archive made by a
 * warm-up kernel session ({@link Warmup}; start-up time). Locations follow {@code jupyter kernelspec install}:
 * {@code --user} (default), {@code --sys-prefix}, {@code --prefix DIR} ({@code DIR/share/jupyter/kernels/NAME}).
 *
 * <pre>{@code
 * ./workbench install-kernel --prefix /tmp/jp      # then: JUPYTER_PATH=/tmp/jp/share/jupyter jupyter ...
 * }</pre>
 */
public final class KernelInstaller {

  /**
   * Environment of the kernel process: OpenMP threads (PyTorch's, XGBoost's) wait passively instead of
   * spinning, which OpenMP reads once at start and Java cannot set later; spinning threads slowed training on
   * a shared 2-core machine several-fold (bench/suites/threads.sh). The launcher and Surefire set the same.
   */
  public static final java.util.Map<String, String> NATIVE_ENV = java.util.Map.of("OMP_WAIT_POLICY", "PASSIVE");


  /** The kernel name (directory under {@code kernels/}). */
  public static final String DEFAULT_NAME = "workbench";
  /**
   * JVM options the kernel runs with, from the argument files in one place ({@link JvmOptions}): offline DJL,
   * headless AWT, deep stacks, JNI without JDK 22+ warnings (DJL, XGBoost), on JDK 23+ {@code
   * --sun-misc-unsafe-memory-access=allow}; C2 thresholds raised so JShell's compiler warms up in C1 code
   * instead of competing with C2 compilations for the CPU at start-up (sustained hot loops in cells still reach
   * C2); and the crash log ({@code -XX:ErrorFile}) in the temporary folder, never the notebook's folder.
   */
  public static final List<String> JVM_OPTIONS = JvmOptions.kernel(Runtime.version().feature());

  /** Added by {@code --fast-start}: C1 only, quickest start, slower sustained Java code. */
  public static final List<String> FAST_START_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  private KernelInstaller() {}

  /** Parses the command line of {@code workbench install-kernel}. */
  static void main(List<String> args) {
    String name = DEFAULT_NAME;
    String display = "Java (Workbench)";
    Path kernels = null;
    boolean cds = true;
    boolean fastStart = false;
    String classpath = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--user" -> kernels = userKernels();
        case "--sys-prefix" -> kernels = Path.of(sysPrefix(), "share", "jupyter", "kernels");
        case "--prefix" -> kernels = Path.of(value(args, ++i, a), "share", "jupyter", "kernels");
        case "--name" -> name = value(args, ++i, a);
        case "--display-name" -> display = value(args, ++i, a);
        case "--classpath" -> classpath = value(args, ++i, a);
        case "--no-cds" -> cds = false;
        case "--fast-start" -> fastStart = true;
        default -> throw new IllegalArgumentException("install-kernel: unknown option '" + a
            + "'; expected --user, --sys-prefix, --prefix DIR, --name NAME, --display-name TEXT, --no-cds,"
            + " --fast-start");
      }
    }
    if (kernels == null) {
      kernels = userKernels();
    }
    Path dir = install(kernels.resolve(name), display, classpath == null ? defaultClassPath() : classpath, cds,
        fastStart ? FAST_START_OPTIONS : List.of());
    System.out.println("Installed kernelspec " + name + " in " + dir);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new IllegalArgumentException("install-kernel: " + option + " needs a value");
    }
    return args.get(i);
  }

  /** {@code $JUPYTER_DATA_DIR/kernels}, or the per-user Jupyter data directory. */
  static Path userKernels() {
    String data = System.getenv("JUPYTER_DATA_DIR");
    if (data != null && !data.isBlank()) {
      return Path.of(data, "kernels");
    }
    String home = System.getProperty("user.home");
    if (System.getProperty("os.name", "").toLowerCase().contains("mac")) {
      return Path.of(home, "Library", "Jupyter", "kernels");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share"))
        .resolve("jupyter").resolve("kernels");
  }

  /** The prefix of the Python that runs Jupyter ({@code sys.prefix}). */
  static String sysPrefix() {
    for (String py : new String[] {"python3", "/usr/bin/python3"}) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import jupyter_core, sys; print(sys.prefix)")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
          return out;
        }
      } catch (IOException e) {
        // try the next interpreter
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalArgumentException("install-kernel --sys-prefix: no python3 with Jupyter found;"
        + " use --user or --prefix DIR");
  }

  /** The runnable jar when running from it, else the expanded class path. */
  static String defaultClassPath() {
    String cp = System.getProperty("java.class.path", "");
    if (!cp.contains(File.pathSeparator) && cp.endsWith("-all.jar")) {
      return Path.of(cp).toAbsolutePath().normalize().toString();
    }
    return ClassPath.currentString();
  }

  /** Writes the kernelspec into {@code dir}; returns it. */
  public static Path install(Path dir, String displayName, String classpath, boolean cds) {
    return install(dir, displayName, classpath, cds, List.of());
  }

  /** Writes the kernelspec into {@code dir} with extra JVM options; returns it. */
  public static Path install(Path dir, String displayName, String classpath, boolean cds, List<String> extraJvm) {
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalArgumentException("install-kernel: the kernel class path is empty");
    }
    try {
      Files.createDirectories(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> jvm = new ArrayList<>(JVM_OPTIONS);
      jvm.addAll(extraJvm);
      Path archive = dir.resolve("workbench.jsa");
      if (cds && makeArchive(java, archive, classpath, jvm)) {
        jvm.add(0, "-XX:SharedArchiveFile=" + archive);
        jvm.add(1, "-Xlog:cds=off");
        jvm.add(2, "-Xlog:cds+dynamic=off");
      } else {
        Files.deleteIfExists(archive);   // made from an older jar: kernel.json no longer names it
      }
      ObjectNode spec = Notebooks.JSON.createObjectNode();
      ArrayNode argv = spec.putArray("argv");
      argv.add(java);
      jvm.forEach(argv::add);
      argv.add("-cp").add(classpath).add(Main.class.getName()).add("kernel").add("{connection_file}");
      ObjectNode env = spec.putObject("env");
      NATIVE_ENV.forEach(env::put);
      spec.put("display_name", displayName);
      spec.put("language", "java");
      spec.put("interrupt_mode", "message");
      spec.putObject("metadata").put("debugger", false);
      AtomicFiles.writeString(dir.resolve("kernel.json"),
          Notebooks.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
      writeLogo(dir.resolve("logo-64x64.png"), 64);
      writeLogo(dir.resolve("logo-32x32.png"), 32);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the kernelspec to " + dir, e);
    }
  }

  /**
   * Makes the class-data-sharing archive: a kernel session ({@link Warmup}) under {@code -XX:ArchiveClassesAtExit},
   * written to a temporary sibling and renamed over {@code archive} only when the session and the JVM's exit
   * succeeded, so a kernel starting meanwhile maps the old archive or the new one, never a partial file. False
   * (and {@code archive} untouched) when that fails, or at once when the class path has directories, which the
   * JVM cannot archive (a development class path of {@code target/classes}).
   */
  static boolean makeArchive(String java, Path archive, String classpath, List<String> jvm) {
    for (String entry : classpath.split(File.pathSeparator)) {
      if (Files.isDirectory(Path.of(entry))) {
        return false;
      }
    }
    Path tmp = archive.resolveSibling(archive.getFileName() + ".new-" + ProcessHandle.current().pid());
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
    cmd.add("-Xlog:cds=off");
    cmd.add("-Xlog:cds+dynamic=off");
    cmd.addAll(jvm);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(Main.class.getName());
    cmd.add("kernel");
    try {
      Files.deleteIfExists(tmp);
      if (!Warmup.session(cmd, archive.getParent(), 180_000) || !Files.isRegularFile(tmp)) {
        return false;
      }
      Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // a leftover temporary file is harmless: the next install replaces it
      }
    }
  }

  /** The kernel logo: a rounded tile with a small bar chart and a "J". */
  static void writeLogo(Path file, int size) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    double s = size / 64.0;
    g.setColor(new Color(0x1f4e79));
    g.fill(new RoundRectangle2D.Double(0, 0, size, size, 14 * s, 14 * s));
    int[] heights = {14, 26, 20, 36};
    Color[] colors = {new Color(0x8fd3ff), new Color(0x5fb4f0), new Color(0xf0a35f), new Color(0xffd166)};
    for (int i = 0; i < heights.length; i++) {
      g.setColor(colors[i]);
      int w = (int) Math.round(7 * s);
      int x = (int) Math.round((30 + i * 8.5) * s);
      int h = (int) Math.round(heights[i] * s);
      g.fillRect(x, (int) Math.round(54 * s) - h, w, h);
    }
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke((float) (2 * s)));
    g.drawLine((int) Math.round(28 * s), (int) Math.round(55 * s), (int) Math.round(62 * s), (int) Math.round(55 * s));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(34 * s)));
    g.drawString("J", (int) Math.round(8 * s), (int) Math.round(46 * s));
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
