package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.kernel.maven.MavenDependencies;
import io.workbench.kernel.maven.MavenSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven}, {@code %mavenRepo} and {@code %%loadFromPOM} against file-based Maven repositories written here (a
 * tiny library with a dependency, compiled at test time), through settings files written here: no network is used
 * (every settings file either mirrors everything to a file repository or says offline).
 */
class MavenMagicsTest {

  @TempDir
  static Path tmp;

  static Path repo;
  static Path extraRepo;
  private static WorkbenchKernel kernel;

  @BeforeAll
  static void writeRepositories() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    extraRepo = Files.createDirectories(tmp.resolve("extra-repo"));
    Path dep1 = compile("dep1", "demo.dep.Greeting",
        "package demo.dep; public class Greeting { public static String word() { return \"hello\"; } }", null);
    Path dep2 = compile("dep2", "demo.dep.Greeting",
        "package demo.dep; public class Greeting { public static String word() { return \"hello v2\"; } }", null);
    Path lib = compile("lib", "demo.lib.Hello", "package demo.lib; public class Hello { public static String greet("
        + "String n) { return demo.dep.Greeting.word() + \" \" + n; } }", dep1);
    Path extra = compile("extra", "demo.extra.Extra",
        "package demo.extra; public class Extra { public static int answer() { return 42; } }", null);
    publish(repo, "greeting", "1.0", dep1, "");
    publish(repo, "greeting", "2.0", dep2, "");
    // hello needs greeting 1.0 and gson 2.8.0, which the kernel has already (and which is not in the repository)
    publish(repo, "hello", "1.0", lib, dependency("org.example", "greeting", "1.0")
        + dependency("com.google.code.gson", "gson", "2.8.0"));
    publish(repo, "other", "1.0", null, dependency("org.example", "greeting", "2.0"));
    publish(extraRepo, "extra", "1.0", extra, "");
    kernel = new WorkbenchKernel();
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
    System.clearProperty("workbench.maven.settings");
  }

  static String dependency(String g, String a, String v) {
    return "<dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
        + "</version></dependency>";
  }

  /** Compiles one class into a jar. */
  static Path compile(String name, String cls, String source, Path classPath) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("build/" + name));
    Path src = dir.resolve(cls.substring(cls.lastIndexOf('.') + 1) + ".java");
    Files.writeString(src, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int rc = classPath == null
        ? ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString())
        : ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", classPath.toString(), "-d",
            classes.toString(), src.toString());
    assertEquals(0, rc, "javac " + name);
    String entry = cls.replace('.', '/') + ".class";
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      out.write(Files.readAllBytes(classes.resolve(entry)));
      out.closeEntry();
    }
    return classes;
  }

  /** Writes org.example:ARTIFACT:VERSION (POM, and the jar built from {@code classes} unless null) into a repository. */
  static void publish(Path repository, String artifact, String version, Path classes, String dependencies)
      throws Exception {
    Path dir = Files.createDirectories(repository.resolve("org/example/" + artifact + "/" + version));
    Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
        + "<groupId>org.example</groupId><artifactId>" + artifact + "</artifactId><version>" + version + "</version>"
        + "<dependencies>" + dependencies + "</dependencies></project>");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve(artifact + "-" + version
        + ".jar")))) {
      if (classes != null) {
        try (var files = Files.walk(classes)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
          }
        }
      }
    }
  }

  /** A settings file with its own local repository and, optionally, a mirror and offline mode. */
  static Path settings(String name, String mirrorOf, Path mirrorTo, boolean offline) throws Exception {
    Path local = tmp.resolve("local-" + name);
    String mirror = mirrorOf == null ? "" : "<mirrors><mirror><id>files</id><mirrorOf>" + mirrorOf + "</mirrorOf><url>"
        + mirrorTo.toUri() + "</url></mirror></mirrors>";
    Path s = tmp.resolve("settings-" + name + ".xml");
    Files.writeString(s, "<settings><localRepository>" + local + "</localRepository><offline>" + offline
        + "</offline>" + mirror + "</settings>");
    return s;
  }

  static String captured(Magics magics, String cell) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      magics.evalCell(cell);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void mavenResolvesTransitivelyThroughAMirrorReportsConflictsAndLoadsTheClasses() throws Exception {
    System.setProperty("workbench.maven.settings", settings("mirror", "*", repo, false).toString());
    Magics magics = new Magics(kernel);
    String out = captured(magics, "%maven org.example:hello:1.0 org.example:other:1.0");
    assertTrue(out.contains("resolved org.example:hello:jar:1.0, org.example:other:jar:1.0 offline"), out);
    assertTrue(out.contains("hello-1.0.jar") && out.contains("greeting-1.0.jar") && !out.contains("greeting-2.0.jar"),
        out);
    assertTrue(out.contains("com.google.code.gson:gson") && out.contains("(asked 2.8.0)"),
        "gson is on the kernel's class path and is not loaded again: " + out);
    assertTrue(out.contains("org.example:greeting 2.0 (wanted by org.example:other:jar:1.0) lost to 1.0"), out);
    Object[] v = magics.evalCell("demo.lib.Hello.greet(\"maven\")");
    assertEquals("hello maven", v[0]);
    assertTrue(Files.isRegularFile(tmp.resolve("local-mirror/org/example/hello/1.0/hello-1.0.jar")),
        "cached in the settings' local repository");
    String again = captured(magics, "%maven org.example:hello:1.0");
    assertTrue(again.contains("nothing new"), again);
  }

  @Test
  void missingArtifactNamesItsCoordinatesAndTheRepositoriesTried() throws Exception {
    System.setProperty("workbench.maven.settings", settings("missing", "*", repo, false).toString());
    Magics magics = new Magics(kernel);
    CellError e = assertThrows(CellError.class, () -> magics.evalCell("%maven org.example:missing:9.9"));
    assertTrue(e.getMessage().contains("org.example:missing:jar:9.9"), e.getMessage());
    assertTrue(e.getMessage().contains("files (" + repo.toUri()) && e.getMessage().contains("mirroring [central]"),
        e.getMessage());
    CellError bad = assertThrows(CellError.class, () -> magics.evalCell("%maven not-coordinates"));
    assertTrue(bad.getMessage().contains("'not-coordinates' is not group:artifact:version"), bad.getMessage());
  }

  @Test
  void offlineSettingsNeverTryTheNetwork() throws Exception {
    MavenDependencies maven = new MavenDependencies(MavenSettings.read(settings("offline", null, null, true)), Map.of(),
        true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> maven.resolve(List.of("org.example:hello:1.0")));
    assertTrue(e.getMessage().contains("not trying the network: the Maven settings say <offline>")
        && e.getMessage().contains("central (" + MavenDependencies.CENTRAL + ")")
        && e.getMessage().contains("org.example:hello:jar:1.0"), e.getMessage());
    maven.addRepository("files", repo.toUri().toString());
    MavenDependencies.Resolution r = maven.resolve(List.of("org.example:greeting:2.0"));
    assertEquals(1, r.jars().size(), r.report());
    assertTrue(r.jars().get(0).toString().endsWith("greeting-2.0.jar"), r.jars().toString());
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> maven.addRepository("x", "ftp://host/repo"));
    assertTrue(url.getMessage().contains("ftp://host/repo"), url.getMessage());
  }

  @Test
  void mavenRepoAndLoadFromPomAddRepositoriesAndDependencies() throws Exception {
    System.setProperty("workbench.maven.settings", settings("pom", "central", repo, false).toString());
    Magics magics = new Magics(kernel);
    magics.evalCell("%mavenRepo extra " + extraRepo.toUri());
    String out = captured(magics, "%maven org.example:extra:1.0");
    assertTrue(out.contains("extra-1.0.jar"), out);
    assertEquals(42, magics.evalCell("demo.extra.Extra.answer()")[0]);
    // other needs greeting 2.0, excluded here; the test-scoped junit is not loaded
    String pom = captured(magics, "%%loadFromPOM\n<properties><v>1.0</v></properties>\n"
        + "<dependency><groupId>org.example</groupId><artifactId>other</artifactId><version>${v}</version>"
        + "<exclusions><exclusion><groupId>org.example</groupId><artifactId>greeting</artifactId></exclusion>"
        + "</exclusions></dependency>\n<dependency><groupId>junit</groupId><artifactId>junit</artifactId>"
        + "<version>4.13</version><scope>test</scope></dependency>");
    assertTrue(pom.contains("other-1.0.jar") && !pom.contains("greeting") && !pom.contains("junit-4.13"), pom);
    CellError xml = assertThrows(CellError.class, () -> magics.evalCell("%%loadFromPOM\n<dependency><groupId>"));
    assertTrue(xml.getMessage().contains("not a POM"), xml.getMessage());
    CellError prop = assertThrows(CellError.class, () -> magics.evalCell("%%loadFromPOM\n"
        + dependency("org.example", "greeting", "${nope}")));
    assertTrue(prop.getMessage().contains("${nope}"), prop.getMessage());
  }

  @Test
  void kernelArtifactsAreNotLoadedTwice() throws Exception {
    System.setProperty("workbench.maven.settings", settings("kernel", "*", repo, true).toString());
    Magics magics = new Magics(kernel);
    String out = captured(magics, "%maven com.google.code.gson:gson:2.8.0");
    assertTrue(out.contains("already on the kernel's class path, not loaded again: com.google.code.gson:gson"), out);
    assertFalse(out.contains("Added to the class path"), out);
  }
}
