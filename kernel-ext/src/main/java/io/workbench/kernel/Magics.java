package io.workbench.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IJava magics: a cell is split at lines starting with {@code %name}; Java between them runs through
 * JShell, each magic in its turn. {@code %jars GLOB...} and {@code %classpath PATH...} add to the class
 * path, {@code %load FILE} runs a {@code .jsh} file or another notebook's code cells, {@code %time CODE}
 * and {@code %%time} (whole cell) print the wall time.
 *
 * <pre>{@code
 * %jars lib/*.jar
 * %load helpers.jsh
 * %time model = trainer.fit(train);
 * }</pre>
 */
final class Magics {

  private static final Pattern LINE = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(.*)$");
  private static final Pattern CELL = Pattern.compile("^\\s*%%([A-Za-z][\\w-]*)(.*)$");
  static final List<String> LINE_MAGICS = List.of("jars", "classpath", "load", "time");
  static final List<String> CELL_MAGICS = List.of("time");

  private final WorkbenchKernel kernel;

  Magics(WorkbenchKernel kernel) {
    this.kernel = kernel;
  }

  /** Runs a cell (Java with magics); returns {@code {value, text}} of a final expression, or null. */
  Object[] evalCell(String code) throws CellError {
    String[] lines = code.split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first < lines.length) {
      Matcher m = CELL.matcher(lines[first]);
      if (m.matches()) {
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
        return cellMagic(m.group(1), m.group(2).trim(), body);
      }
    }
    StringBuilder java = new StringBuilder();
    Object[] last = null;
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        if (!java.toString().isBlank()) {
          kernel.evalJava(java.toString());
        }
        java.setLength(0);
        last = lineMagic(m.group(1), m.group(2).trim());
      } else {
        java.append(line).append('\n');
      }
    }
    if (!java.toString().isBlank()) {
      last = kernel.evalJava(java.toString());
    }
    return last;
  }

  private Object[] cellMagic(String name, String args, String body) throws CellError {
    if (name.equals("time")) {
      return timed(body);
    }
    throw new CellError.MagicError("unknown cell magic %%" + name,
        List.of("Unknown cell magic %%" + name + "; known cell magics: %%" + String.join(", %%", CELL_MAGICS)));
  }

  private Object[] lineMagic(String name, String args) throws CellError {
    switch (name) {
      case "time":
        return timed(args);
      case "jars":
        addToClasspath(jars(args));
        return null;
      case "classpath":
        if (args.isEmpty()) {
          System.out.println(ClassPath.currentString());
          return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String a : split(args)) {
          Path p = Path.of(a).toAbsolutePath().normalize();
          if (!Files.exists(p)) {
            throw magicError("%classpath: " + p + " does not exist");
          }
          paths.add(p);
        }
        addToClasspath(paths);
        return null;
      case "load":
        return load(args);
      default:
        throw magicError("unknown line magic %" + name + "; known line magics: %"
            + String.join(", %", LINE_MAGICS));
    }
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

  private void addToClasspath(List<Path> paths) {
    for (Path p : paths) {
      kernel.shell().addToClasspath(p.toString());
    }
    System.out.println("Added to the class path: " + paths.size() + (paths.size() == 1 ? " entry" : " entries"));
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

  private static CellError magicError(String msg) {
    return new CellError.MagicError(msg, List.of(msg));
  }
}
