package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public package of workbench-lib is imported into a session (kernel and JShell launcher). */
class SessionImportsTest {

  @Test
  void everyLibraryPackageIsImported() throws Exception {
    Path root = Path.of(io.workbench.data.Dataset.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TreeSet<String> packages = new TreeSet<>();
    if (Files.isDirectory(root)) {
      collect(root, root, packages);
    } else {
      try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + root.toUri()), Map.of())) {
        Path top = fs.getPath("/");
        collect(top, top, packages);
      }
    }
    assertTrue(packages.contains("io.workbench.analysis.agreement"), "scan found " + packages);
    assertTrue(packages.size() >= 10, "scan found " + packages);
    String startup = WorkbenchKernel.jshellStartup();
    for (String pkg : packages) {
      assertTrue(WorkbenchKernel.IMPORTS.contains(pkg + ".*"), pkg + " is missing from the session imports");
      assertTrue(startup.contains("import " + pkg + ".*;"), pkg + " is missing from the JShell startup");
    }
    assertFalse(startup.contains("import io.workbench.kernel.*;"), "the kernel's own package is not for users");
  }

  private static void collect(Path root, Path top, TreeSet<String> out) throws Exception {
    try (Stream<Path> files = Files.walk(top.resolve("io/workbench"))) {
      files.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("package-info.class"))
          .forEach(p -> out.add(root.relativize(p.getParent()).toString().replace('/', '.').replaceAll("^\\.|\\.$", "")));
    }
  }
}
