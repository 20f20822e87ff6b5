package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options in one place: the top-level argument files are what the Java launcher reads, what the kernel jar
 * carries, what the kernelspec and this very test JVM (Surefire's argLine) run with.
 */
class JvmOptionsTest {

  private static final Path ROOT = Path.of("..");

  @TempDir
  Path tmp;

  /** The options the Java launcher itself expands from an argument file (the reference for our parser). */
  private List<String> launcherReads(Path argfile) throws Exception {
    Path prog = Files.writeString(tmp.resolve("Args.java"), "public class Args { public static void main(String[] a) {"
        + " for (String s : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())"
        + " System.out.println(\"ARG \" + s); } }");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    JupyterTools.Proc p = JupyterTools.run(List.of(java, "@" + argfile.toAbsolutePath(), prog.toString()), tmp,
        Map.of(), 60);
    assertEquals(0, p.exit(), p.output());
    List<String> out = new ArrayList<>();
    p.output().lines().filter(l -> l.startsWith("ARG ")).map(l -> l.substring(4))
        .filter(a -> !a.startsWith("--add-modules=")).forEach(out::add);   // added by source-file mode
    return out;
  }

  @Test
  void parserAgreesWithTheJavaLauncherOnTheShippedFileAndOnTheSupportedSyntax() throws Exception {
    Path shipped = ROOT.resolve("jvm.options");
    assertEquals(launcherReads(shipped), JvmOptions.parse(Files.readString(shipped), "jvm.options"));
    String syntax = "# a comment line\n\n  -Da=1\t-Db=2   # a comment after options\n-Dc=3\r\n   # indented\n-Dd=4";
    Path file = Files.writeString(tmp.resolve("syntax.options"), syntax);
    List<String> parsed = JvmOptions.parse(syntax, "syntax.options");
    assertEquals(List.of("-Da=1", "-Db=2", "-Dc=3", "-Dd=4"), parsed);
    assertEquals(launcherReads(file), parsed);
  }

  @Test
  void syntaxTheLauncherTreatsOddlyIsRejectedWithFileAndLine() {
    for (String bad : List.of("-Dx=\"ab\"", "-Dx='a'", "-Dx=a\\b", "-Dx=a#b")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> JvmOptions.parse("# ok\n-Da=1\n" + bad + "\n", "bad.options"));
      assertTrue(e.getMessage().startsWith("JVM options file bad.options, line 3: option '" + bad + "'"),
          e.getMessage());
    }
  }

  @Test
  void theJarCarriesTheTopLevelFiles() throws Exception {
    for (String name : List.of("jvm.options", "jvm-jdk23.options")) {
      try (var in = JvmOptions.class.getResourceAsStream(name)) {
        assertTrue(in != null, name + " is not in the kernel's resources");
        assertEquals(Files.readString(ROOT.resolve(name)), new String(in.readAllBytes(), StandardCharsets.UTF_8),
            name + " in the jar differs from the top-level file: rebuild");
      }
    }
  }

  @Test
  void kernelOptionsAddTheModernFileOnlyFromJdk23AndSendCrashLogsToTheTemporaryFolder() throws Exception {
    List<String> shared = JvmOptions.parse(Files.readString(ROOT.resolve("jvm.options")), "jvm.options");
    List<String> modern = JvmOptions.parse(Files.readString(ROOT.resolve("jvm-jdk23.options")), "jvm-jdk23.options");
    assertFalse(modern.isEmpty());
    assertEquals(shared, JvmOptions.shared(17));
    assertEquals(shared, JvmOptions.shared(22));
    List<String> both = new ArrayList<>(shared);
    both.addAll(modern);
    assertEquals(both, JvmOptions.shared(23));
    assertEquals(both, JvmOptions.shared(25));

    List<String> kernel = JvmOptions.kernel(17);
    assertEquals(shared, kernel.subList(0, shared.size()));
    assertTrue(kernel.contains("-XX:Tier4InvocationThreshold=200000"), kernel.toString());
    String crash = kernel.get(kernel.size() - 1);
    assertEquals("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "workbench-kernel-hs_err_pid%p.log"),
        crash);
    assertEquals(KernelInstaller.JVM_OPTIONS, JvmOptions.kernel(Runtime.version().feature()));
  }

  @Test
  void surefireRunsThisJvmWithTheSharedOptions() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String o : JvmOptions.shared(Runtime.version().feature())) {
      assertTrue(args.contains(o), "the parent POM's argLine lacks " + o + ": " + args);
    }
  }
}
