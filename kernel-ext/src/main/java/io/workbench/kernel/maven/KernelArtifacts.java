package io.workbench.kernel.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The Maven coordinates of the jars already on the kernel's class path (the workbench, DJL, Tablesaw, XChart...),
 * read from the {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} that Maven writes into every jar it builds, or
 * from a local-repository path ({@code .../GROUP/ARTIFACT/VERSION/ARTIFACT-VERSION.jar}). {@code %maven} never loads
 * a second copy of these.
 */
final class KernelArtifacts {

  private KernelArtifacts() {}

  /** {@code group:artifact} to version, for the given class-path entries. */
  static Map<String, String> of(List<Path> classPath) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Path p : classPath) {
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (!name.endsWith(".jar")) {
        continue;
      }
      boolean found = false;
      try (JarFile jar = new JarFile(p.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          String n = e.getName();
          if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
            Properties props = new Properties();
            try (InputStream in = jar.getInputStream(e)) {
              props.load(in);
            }
            String g = props.getProperty("groupId");
            String a = props.getProperty("artifactId");
            String v = props.getProperty("version");
            if (g != null && a != null && v != null) {
              out.putIfAbsent(g + ":" + a, v);
              found = true;
            }
          }
        }
      } catch (IOException e) {
        continue;
      }
      if (!found) {
        fromRepositoryPath(p, out);
      }
    }
    return out;
  }

  /** {@code .../org/example/lib/1.0/lib-1.0.jar} -> {@code org.example:lib} 1.0. */
  private static void fromRepositoryPath(Path p, Map<String, String> out) {
    int n = p.getNameCount();
    if (n < 4) {
      return;
    }
    String version = p.getName(n - 2).toString();
    String artifact = p.getName(n - 3).toString();
    if (!p.getFileName().toString().startsWith(artifact + "-" + version)) {
      return;
    }
    int repo = -1;
    for (int i = 0; i < n - 3; i++) {
      if (p.getName(i).toString().equals("repository")) {
        repo = i;
      }
    }
    if (repo < 0 || repo + 1 > n - 4) {
      return;
    }
    StringBuilder g = new StringBuilder();
    for (int i = repo + 1; i <= n - 4; i++) {
      g.append(i > repo + 1 ? "." : "").append(p.getName(i));
    }
    out.putIfAbsent(g + ":" + artifact, version);
  }
}
