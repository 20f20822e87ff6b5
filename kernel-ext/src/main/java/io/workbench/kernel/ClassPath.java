package io.workbench.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The kernel's class path as a list of files, with the {@code Class-Path} of runnable jars expanded (so
 * JShell's compiler sees {@code lib/*.jar} behind {@code kernel-ext-*-all.jar}).
 *
 * <pre>{@code
 * List<Path> cp = ClassPath.current();
 * }</pre>
 */
public final class ClassPath {

  private ClassPath() {}

  /** The entries of {@code java.class.path}, expanded. */
  public static List<Path> current() {
    Set<Path> out = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        add(Path.of(e).toAbsolutePath().normalize(), out);
      }
    }
    List<Path> existing = new ArrayList<>();
    for (Path p : out) {
      if (Files.exists(p) && !p.getFileName().toString().startsWith("surefirebooter")) {
        existing.add(p);
      }
    }
    return existing;
  }

  /** The entries joined with the platform path separator. */
  public static String currentString() {
    List<String> s = new ArrayList<>();
    for (Path p : current()) {
      s.add(p.toString());
    }
    return String.join(File.pathSeparator, s);
  }

  private static void add(Path p, Set<Path> out) {
    if (!out.add(p) || !p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
      return;
    }
    try (JarFile jar = new JarFile(p.toFile())) {
      Manifest m = jar.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return;
      }
      for (String rel : cp.trim().split("\\s+")) {
        if (rel.isEmpty()) {
          continue;
        }
        Path entry;
        try {
          entry = rel.startsWith("file:")
              ? Path.of(java.net.URI.create(rel))
              : p.getParent().resolve(java.net.URLDecoder.decode(rel, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          continue;
        }
        add(entry.toAbsolutePath().normalize(), out);
      }
    } catch (IOException e) {
      // an unreadable jar contributes only itself
    }
  }
}
