package io.workbench.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The magics, in a registry that a new magic joins with one call ({@link #line}, {@link #cell}). A cell is split
 * into Java and magic lines by {@link MagicLines} (aware of comments, strings and text blocks); the Java between
 * them runs through JShell, each magic in its turn. {@code %jars GLOB...} and {@code %classpath PATH...} add
 * readable jars or directories to the class path, {@code %load FILE} runs a {@code .jsh} file or another
 * notebook's code cells, {@code %time CODE} and {@code %%time} (whole cell) print the wall time, and {@code %maven
 * COORDINATES...}, {@code %mavenRepo ID URL} and {@code %%loadFromPOM} resolve Maven dependencies ({@link
 * MavenMagics}).
 *
 * <pre>{@code
 * %jars lib/*.jar
 * %load helpers.jsh
 * %time model = trainer.fit(train);
 * }</pre>
 */
final class Magics {

  /** A line magic: runs with the rest of its line. */
  @FunctionalInterface
  interface LineMagic {
    /** Runs; returns {@code {value, text}} of a final expression, or null. */
    Object[] run(String args) throws CellError;
  }

  /** A cell magic: runs with the rest of its line and the cell's other lines. */
  @FunctionalInterface
  interface CellMagic {
    /** Runs; returns {@code {value, text}} of a final expression, or null. */
    Object[] run(String args, String body) throws CellError;
  }

  private final WorkbenchKernel kernel;
  private final Map<String, LineMagic> lineMagics = new LinkedHashMap<>();
  private final Map<String, CellMagic> cellMagics = new LinkedHashMap<>();

  Magics(WorkbenchKernel kernel) {
    this.kernel = kernel;
    line("jars", args -> addToClasspath("%jars", jars(args)));
    line("classpath", this::classpath);
    line("load", this::load);
    line("time", this::timed);
    cell("time", (args, body) -> timed(body));
    MavenMagics.register(this);
  }

  /** Registers (or replaces) a line magic. */
  void line(String name, LineMagic magic) {
    lineMagics.put(name, magic);
  }

  /** Registers (or replaces) a cell magic. */
  void cell(String name, CellMagic magic) {
    cellMagics.put(name, magic);
  }

  /** Names of the line magics, in registration order. */
  List<String> lineMagicNames() {
    return List.copyOf(lineMagics.keySet());
  }

  /** Runs a cell (Java with magics); returns {@code {value, text}} of a final expression, or null. */
  Object[] evalCell(String code) throws CellError {
    MagicLines.Cell cell = MagicLines.parse(code);
    if (cell.cellMagic() != null) {
      CellMagic m = cellMagics.get(cell.cellMagic());
      if (m == null) {
        throw new CellError.MagicError("unknown cell magic %%" + cell.cellMagic(),
            List.of("Unknown cell magic %%" + cell.cellMagic() + "; known cell magics: %%"
                + String.join(", %%", cellMagics.keySet())));
      }
      return m.run(cell.cellArgs(), cell.body());
    }
    Object[] last = null;
    for (MagicLines.Part part : cell.parts()) {
      if (part instanceof MagicLines.Magic magic) {
        LineMagic m = lineMagics.get(magic.name());
        if (m == null) {
          throw magicError("unknown line magic %" + magic.name() + "; known line magics: %"
              + String.join(", %", lineMagics.keySet()));
        }
        last = m.run(magic.args());
      } else if (part instanceof MagicLines.Java java) {
        last = kernel.evalJava(java.source());
      }
    }
    return last;
  }

  private Object[] timed(String code) throws CellError {
    long start = System.nanoTime();
    try {
      return evalCell(code);
    } finally {
      double ms = (System.nanoTime() - start) / 1e6;
      System.out.println(String.format(Locale.ROOT, "Wall time: %s", formatMillis(ms)));
      System.out.flush();
    }
  }

  static String formatMillis(double ms) {
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }

  private Object[] classpath(String args) throws CellError {
    if (args.isEmpty()) {
      System.out.println(ClassPath.currentString());
      return null;
    }
    List<Path> paths = new ArrayList<>();
    for (String a : split(args)) {
      paths.add(Path.of(a).toAbsolutePath().normalize());
    }
    return addToClasspath("%classpath", paths);
  }

  Object[] addToClasspath(String magic, List<Path> paths) throws CellError {
    for (Path p : paths) {
      checkClasspathEntry(magic, p);
    }
    for (Path p : paths) {
      kernel.shell().addToClasspath(p.toString());
    }
    System.out.println("Added to the class path: " + paths.size() + (paths.size() == 1 ? " entry" : " entries"));
    return null;
  }

  /**
   * Checks that a class path entry is a readable directory or a readable jar: a file that is not a zip archive
   * would break every later compilation in the session, so it is refused here, naming the file.
   */
  static void checkClasspathEntry(String magic, Path p) throws CellError {
    if (!Files.exists(p)) {
      throw magicError(magic + ": " + p + " does not exist");
    }
    if (!Files.isReadable(p)) {
      throw magicError(magic + ": " + p + " is not readable");
    }
    if (Files.isDirectory(p)) {
      return;
    }
    if (!Files.isRegularFile(p)) {
      throw magicError(magic + ": " + p + " is neither a directory nor a jar file");
    }
    try (JarFile jar = new JarFile(p.toFile())) {
      jar.size();
    } catch (IOException | SecurityException e) {
      throw magicError(magic + ": " + p + " is not a jar (a zip archive of classes): "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /** The jars a list of glob patterns names (relative to the working directory). */
  static List<Path> jars(String args) throws CellError {
    List<Path> out = new ArrayList<>();
    for (String pattern : split(args)) {
      Path full = Path.of(pattern).toAbsolutePath().normalize();
      Path dir = full.getParent();
      String glob = full.getFileName().toString();
      if (!glob.contains("*") && !glob.contains("?") && !glob.contains("[")) {
        if (!Files.isRegularFile(full)) {
          throw magicError("%jars: " + full + " is not a file");
        }
        out.add(full);
        continue;
      }
      int before = out.size();
      if (dir != null && Files.isDirectory(dir)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
          for (Path p : ds) {
            if (Files.isRegularFile(p)) {
              out.add(p);
            }
          }
        } catch (IOException e) {
          throw magicError("%jars: cannot list " + dir + ": " + e.getMessage());
        }
      }
      if (out.size() == before) {
        throw magicError("%jars: no file matches " + full);
      }
    }
    if (out.isEmpty()) {
      throw magicError("%jars needs at least one jar or glob, for example %jars lib/*.jar");
    }
    return out;
  }

  private Object[] load(String args) throws CellError {
    List<String> a = split(args);
    if (a.size() != 1) {
      throw magicError("%load needs exactly one file (.jsh, .java or .ipynb), got " + a.size());
    }
    Path p = Path.of(a.get(0)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw magicError("%load: " + p + " is not a file");
    }
    if (p.toString().endsWith(".ipynb")) {
      Object[] last = null;
      for (String cell : Notebooks.codeCells(Notebooks.read(p))) {
        last = evalCell(cell);
      }
      return last;
    }
    try {
      return evalCell(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw magicError("%load: cannot read " + p + ": " + e.getMessage());
    }
  }

  static List<String> split(String args) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(args);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return out;
  }

  static CellError magicError(String msg) {
    return new CellError.MagicError(msg, List.of(msg));
  }
}
