package io.workbench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The public nested types of the session's workbench packages, imported when a cell needs them, so that a cell
 * may write {@code Strategy.MEDIAN} as well as {@code Imputer.Strategy.MEDIAN}. A nested name is never imported
 * when it is ambiguous: two nested types share it, or a top-level type of an imported package (or of
 * {@code java.lang}) has it, which a single-type import would shadow. The import happens on demand (a snippet
 * that does not compile because the name is unknown is retried after importing it), not at start: the kernel
 * starts as fast as before, and a user's own class of the same name is never in conflict with an import made
 * before it; should the user declare such a class later, the import is dropped (JShell would otherwise refuse
 * every later snippet). Class files are read with ASM; no class is loaded.
 *
 * <pre>{@code
 * NestedTypeImports nested = new NestedTypeImports(List.of("io.workbench.data"));
 * List<SnippetEvent> events = js.eval("Strategy.MEDIAN");
 * if (nested.importMissing(js, events)) { events = js.eval("Strategy.MEDIAN"); }
 * }</pre>
 */
final class NestedTypeImports {

  private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile(
      "symbol:\\s+(?:class|variable|interface|enum)\\s+([A-Za-z_$][\\w$]*)");

  private final List<String> packages;
  private Map<String, String> candidates;
  private final Map<String, jdk.jshell.Snippet> imported = new java.util.HashMap<>();

  /** Nested types of these packages (imported on demand). */
  NestedTypeImports(List<String> packages) {
    this.packages = List.copyOf(packages);
  }

  /** Simple name to canonical name of every importable nested type (scanned once, on first need). */
  private Map<String, String> candidates() {
    if (candidates == null) {
      Map<String, String> m = new java.util.HashMap<>();
      for (String c : imports(packages)) {
        m.put(c.substring(c.lastIndexOf('.') + 1), c);
      }
      candidates = m;
    }
    return candidates;
  }

  /**
   * Imports the nested types that the evaluated snippet could not resolve, when it did not run (it was
   * rejected, or is a declaration waiting for those names).
   *
   * @return whether anything was imported (then evaluate the source again)
   */
  boolean importMissing(jdk.jshell.JShell js, List<jdk.jshell.SnippetEvent> events) {
    Set<String> missing = new LinkedHashSet<>();
    for (jdk.jshell.SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue;   // a dependent updated by the snippet, not the snippet itself
      }
      if (e.status() == jdk.jshell.Snippet.Status.REJECTED) {
        js.diagnostics(e.snippet()).forEach(d -> {
          java.util.regex.Matcher m = UNKNOWN.matcher(d.getMessage(java.util.Locale.ENGLISH));
          while (m.find()) {
            missing.add(m.group(1));
          }
        });
      } else if ((e.status() == jdk.jshell.Snippet.Status.RECOVERABLE_NOT_DEFINED
          || e.status() == jdk.jshell.Snippet.Status.RECOVERABLE_DEFINED)
          && e.snippet() instanceof jdk.jshell.DeclarationSnippet d) {
        // names come as "class Order" or "variable x"
        js.unresolvedDependencies(d).forEach(n -> missing.add(n.substring(n.lastIndexOf(' ') + 1)));
      }
    }
    missing.removeIf(n -> imported.containsKey(n));
    if (missing.isEmpty()) {
      return false;
    }
    boolean any = false;
    for (String name : missing) {
      String canonical = candidates().get(name);
      if (canonical == null) {
        continue;
      }
      for (jdk.jshell.SnippetEvent e : js.eval("import " + canonical + ";")) {
        if (e.status().isDefined()) {
          imported.put(name, e.snippet());
          any = true;
        }
      }
    }
    return any;
  }

  /** Drops the imports whose simple name a type the user just declared now has. */
  void dropShadowed(jdk.jshell.JShell js, List<jdk.jshell.SnippetEvent> events) {
    for (jdk.jshell.SnippetEvent e : events) {
      if (e.snippet() instanceof jdk.jshell.TypeDeclSnippet t && e.status().isDefined()) {
        jdk.jshell.Snippet imp = imported.remove(t.name());
        if (imp != null) {
          js.drop(imp);
        }
      }
    }
  }

  /** The nested types imported so far, by simple name. */
  Set<String> importedNames() {
    return Set.copyOf(imported.keySet());
  }

  /**
   * The imports (without {@code import} and {@code ;}), sorted by simple name.
   *
   * @param packages the packages imported on demand; only {@code io.workbench.*} ones are scanned for nested
   *     types, all of them (and {@code java.lang}) count for clashes
   */
  static List<String> imports(List<String> packages) {
    List<String> workbench = packages.stream().filter(p -> p.startsWith("io.workbench.")).toList();
    Map<String, List<String>> bySimpleName = new TreeMap<>();
    for (String nested : publicNestedTypes(workbench)) {
      String simple = nested.substring(nested.lastIndexOf('.') + 1);
      bySimpleName.computeIfAbsent(simple, k -> new ArrayList<>()).add(nested);
    }
    List<String> jdk = new ArrayList<>(packages.stream().filter(p -> p.startsWith("java.")).toList());
    jdk.add("java.lang");
    Set<String> taken = topLevelNames(packages.stream().filter(p -> !p.startsWith("java.")).toList());
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : bySimpleName.entrySet()) {
      if (e.getValue().size() == 1 && !taken.contains(e.getKey()) && !jdkTypeExists(jdk, e.getKey())) {
        out.add(e.getValue().get(0));
      }
    }
    return out;
  }

  /** Whether a JDK package has a top-level type of this name (found through the module graph: quick). */
  private static boolean jdkTypeExists(List<String> packages, String simpleName) {
    ClassLoader cl = ClassLoader.getSystemClassLoader();
    for (String pkg : packages) {
      if (cl.getResource(pkg.replace('.', '/') + "/" + simpleName + ".class") != null) {
        return true;
      }
    }
    return false;
  }

  /** Simple names of the top-level types of the packages (class path ones, listed from their jars or folders). */
  static Set<String> topLevelNames(List<String> packages) {
    Set<String> out = new java.util.HashSet<>();
    forEachClassFile(packages, (files, pkg, name) -> {
      if (name.indexOf('$') < 0) {
        out.add(name.substring(0, name.length() - ".class".length()));
      }
    });
    return out;
  }

  /** Canonical names of the public static member types of the packages' public top-level classes. */
  static List<String> publicNestedTypes(List<String> packages) {
    List<String> out = new ArrayList<>();
    forEachClassFile(packages, (files, pkg, name) ->
        member(files, pkg.replace('.', '/'), name).ifPresent(m -> out.add(pkg + "." + m)));
    return out;
  }

  /** What is done with one class file of a package. */
  private interface ClassFileAction {
    void accept(ClassFiles files, String pkg, String fileName) throws IOException;
  }

  /** Visits the class files directly in each package, opening every jar or folder that holds them once. */
  private static void forEachClassFile(List<String> packages, ClassFileAction action) {
    Set<String> roots = new LinkedHashSet<>();
    try {
      for (String pkg : packages) {
        Enumeration<URL> urls = ClassLoader.getSystemClassLoader().getResources(pkg.replace('.', '/'));
        while (urls.hasMoreElements()) {
          String u = urls.nextElement().toString();
          int bang = u.indexOf("!/");
          roots.add(u.startsWith("jar:") && bang > 0 ? u.substring(4, bang) : u);
        }
      }
      for (String root : roots) {
        try (ClassFiles files = ClassFiles.open(root)) {
          for (String pkg : packages) {
            for (String name : files.list(pkg.replace('.', '/'))) {
              action.accept(files, pkg, name);
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // an unreadable class path entry contributes what was found so far
    }
  }

  /** {@code Outer.Inner} when {@code name} ({@code Outer$Inner.class}) is a public static member of a public class. */
  private static java.util.Optional<String> member(ClassFiles files, String dir, String name) throws IOException {
    String binary = name.substring(0, name.length() - ".class".length());
    int dollar = binary.indexOf('$');
    if (dollar <= 0 || dollar == binary.length() - 1 || binary.indexOf('$', dollar + 1) >= 0
        || !Character.isJavaIdentifierStart(binary.charAt(dollar + 1))) {
      return java.util.Optional.empty();
    }
    String outer = binary.substring(0, dollar);
    byte[] outerBytes = files.read(dir + "/" + outer + ".class");
    if (outerBytes == null || !publicTopLevel(outerBytes)
        || !publicStaticMember(files.read(dir + "/" + name), dir + "/" + binary)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(outer + "." + binary.substring(dollar + 1));
  }

  private static boolean publicTopLevel(byte[] classFile) {
    int access = new ClassReader(classFile).getAccess();
    return (access & Opcodes.ACC_PUBLIC) != 0 && (access & Opcodes.ACC_SYNTHETIC) == 0;
  }

  /** Whether the class file's InnerClasses attribute says it is a public static member named {@code internal}. */
  private static boolean publicStaticMember(byte[] classFile, String internal) {
    if (classFile == null) {
      return false;
    }
    boolean[] ok = new boolean[1];
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public void visitInnerClass(String name, String outerName, String innerName, int access) {
        if (name.equals(internal) && outerName != null && innerName != null) {
          ok[0] = (access & Opcodes.ACC_PUBLIC) != 0 && (access & Opcodes.ACC_STATIC) != 0
              && (access & Opcodes.ACC_SYNTHETIC) == 0;
        }
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return ok[0];
  }

  /** The class files of one class path root (a jar or a directory), opened once. */
  private static final class ClassFiles implements AutoCloseable {
    private final JarFile jar;
    private final Path dir;

    private ClassFiles(JarFile jar, Path dir) {
      this.jar = jar;
      this.dir = dir;
    }

    /** {@code root} is {@code file:/x.jar} (from a {@code jar:} URL) or a {@code file:} URL of a package folder. */
    static ClassFiles open(String root) throws IOException, URISyntaxException {
      Path p = Path.of(new URI(root));
      if (Files.isRegularFile(p)) {
        return new ClassFiles(new JarFile(p.toFile()), null);
      }
      return new ClassFiles(null, p);
    }

    /** Names of the {@code .class} files directly in the package folder {@code pkgDir}. */
    List<String> list(String pkgDir) throws IOException {
      List<String> out = new ArrayList<>();
      if (jar != null) {
        for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
          String name = en.nextElement().getName();
          if (name.startsWith(pkgDir + "/") && name.endsWith(".class") && name.indexOf('/', pkgDir.length() + 1) < 0) {
            out.add(name.substring(pkgDir.length() + 1));
          }
        }
        return out;
      }
      Path folder = dir.toString().endsWith(pkgDir) ? dir : null;
      if (folder == null || !Files.isDirectory(folder)) {
        return out;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.class")) {
        for (Path f : ds) {
          out.add(f.getFileName().toString());
        }
      }
      return out;
    }

    /** The bytes of a class file by its path in the root, or null. */
    byte[] read(String path) throws IOException {
      if (jar != null) {
        JarEntry e = jar.getJarEntry(path);
        if (e == null) {
          return null;
        }
        try (InputStream in = jar.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
      String pkgDir = path.substring(0, path.lastIndexOf('/'));
      Path f = dir.resolve(path.substring(pkgDir.length() + 1));
      return dir.toString().endsWith(pkgDir) && Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
    }

    @Override
    public void close() throws IOException {
      if (jar != null) {
        jar.close();
      }
    }
  }
}
