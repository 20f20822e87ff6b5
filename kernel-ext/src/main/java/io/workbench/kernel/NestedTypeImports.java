package io.workbench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Single-type imports of the public nested types of the session's workbench packages, so that a cell may write
 * {@code Strategy.MEDIAN} as well as {@code Imputer.Strategy.MEDIAN}. A nested name is left out when it is
 * ambiguous: two nested types share it, or a top-level type of an imported package (or of {@code java.lang})
 * has it, which a single-type import would shadow. Class files are read with ASM; no class is loaded.
 *
 * <pre>{@code
 * NestedTypeImports.imports(List.of("io.workbench.data"));   // [io.workbench.data.Imputer.Strategy, ...]
 * }</pre>
 */
final class NestedTypeImports {

  private NestedTypeImports() {}

  /**
   * The imports (without {@code import} and {@code ;}), sorted.
   *
   * @param packages the packages imported on demand; only {@code io.workbench.*} ones are scanned for nested
   *     types, all of them (and {@code java.lang}) count for clashes
   */
  static List<String> imports(List<String> packages) {
    Map<String, List<String>> bySimpleName = new TreeMap<>();
    for (String pkg : packages) {
      if (!pkg.startsWith("io.workbench.")) {
        continue;
      }
      for (String nested : publicNestedTypes(pkg)) {
        String simple = nested.substring(nested.lastIndexOf('.') + 1);
        bySimpleName.computeIfAbsent(simple, k -> new ArrayList<>()).add(nested);
      }
    }
    List<String> clashPackages = new ArrayList<>(packages);
    clashPackages.add("java.lang");
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : bySimpleName.entrySet()) {
      if (e.getValue().size() == 1 && !topLevelTypeExists(clashPackages, e.getKey())) {
        out.add(e.getValue().get(0));
      }
    }
    return out;
  }

  private static boolean topLevelTypeExists(List<String> packages, String simpleName) {
    ClassLoader cl = ClassLoader.getSystemClassLoader();
    for (String pkg : packages) {
      if (cl.getResource(pkg.replace('.', '/') + "/" + simpleName + ".class") != null) {
        return true;
      }
    }
    return false;
  }

  /** Canonical names of the public static member types of the package's public top-level classes. */
  static List<String> publicNestedTypes(String pkg) {
    String dir = pkg.replace('.', '/');
    List<String> out = new ArrayList<>();
    try {
      Enumeration<URL> roots = ClassLoader.getSystemClassLoader().getResources(dir);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        for (String entry : classFilesIn(url, dir)) {
          String binary = entry.substring(0, entry.length() - ".class".length());
          int dollar = binary.indexOf('$');
          if (dollar < 0 || binary.indexOf('$', dollar + 1) >= 0
              || !Character.isJavaIdentifierStart(binary.charAt(dollar + 1))
              || Character.isDigit(binary.charAt(dollar + 1))) {
            continue;
          }
          String outer = binary.substring(0, dollar);
          if (isPublic(dir + "/" + outer + ".class", null) && isPublic(dir + "/" + entry, dir + "/" + binary)) {
            out.add(pkg + "." + outer + "." + binary.substring(dollar + 1));
          }
        }
      }
    } catch (IOException e) {
      return List.of();   // an unreadable class path entry contributes no nested imports
    }
    return out;
  }

  /** Names of the {@code .class} files directly in {@code dir} under a class path root. */
  private static List<String> classFilesIn(URL url, String dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (url.getProtocol().equals("jar")) {
      JarURLConnection c = (JarURLConnection) url.openConnection();
      c.setUseCaches(false);
      try (JarFile jar = c.getJarFile()) {
        for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
          String name = en.nextElement().getName();
          if (name.startsWith(dir + "/") && name.endsWith(".class") && name.indexOf('/', dir.length() + 1) < 0) {
            out.add(name.substring(dir.length() + 1));
          }
        }
      }
    } else if (url.getProtocol().equals("file")) {
      Path p;
      try {
        p = Path.of(url.toURI());
      } catch (URISyntaxException e) {
        return out;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.class")) {
        for (Path f : ds) {
          out.add(f.getFileName().toString());
        }
      }
    }
    return out;
  }

  /**
   * Whether the class file's type is public; for a member type ({@code memberName} its internal name) it must
   * be a public static member as its InnerClasses attribute says.
   */
  private static boolean isPublic(String resource, String memberName) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      ClassReader r = new ClassReader(in);
      if (memberName == null) {
        return (r.getAccess() & Opcodes.ACC_PUBLIC) != 0 && (r.getAccess() & Opcodes.ACC_SYNTHETIC) == 0;
      }
      boolean[] ok = new boolean[1];
      r.accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
          if (name.equals(memberName) && outerName != null && innerName != null) {
            ok[0] = (access & Opcodes.ACC_PUBLIC) != 0 && (access & Opcodes.ACC_STATIC) != 0
                && (access & Opcodes.ACC_SYNTHETIC) == 0;
          }
        }
      }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return ok[0];
    }
  }
}
