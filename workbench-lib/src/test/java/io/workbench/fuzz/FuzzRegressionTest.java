package io.workbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every input the fuzzer ever found a bug with (committed under {@code src/test/resources/fuzz/<format>/<case>/})
 * is now read as valid or rejected with the documented exception. Formats with native readers are replayed in a
 * child JVM, so a crash fails the test instead of killing it; the XGBoost boosters here crashed the JVM with
 * SIGSEGV before their check existed.
 */
class FuzzRegressionTest {

  @TestFactory
  Stream<DynamicTest> everyReproducerIsHandled() throws Exception {
    URL root = FuzzRegressionTest.class.getClassLoader().getResource("fuzz");
    if (root == null) {
      throw new AssertionError("no fuzz reproducers on the class path");
    }
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> formats = Files.list(Path.of(root.toURI()))) {
      for (Path format : formats.sorted().toList()) {
        List<Path> cases;
        try (Stream<Path> s = Files.list(format)) {
          cases = s.filter(Files::isDirectory).sorted().toList();
        }
        String name = format.getFileName().toString();
        tests.add(DynamicTest.dynamicTest(name + " (" + cases.size() + " cases)", () -> replay(name, cases)));
      }
    }
    return tests.stream();
  }

  private static void replay(String format, List<Path> cases) throws Exception {
    FuzzChild.target(format);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path work = Files.createTempDirectory("fuzz-regression-");
    try {
      cmd.addAll(IsolatedFuzzer.defaultJvmOptions(work));
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Replay.class.getName(), format));
      cases.forEach(c -> cmd.add(c.toString()));
      File log = work.resolve("out.txt").toFile();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "replay of " + format + " finishes in 120 s");
      String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "the replaying JVM survives every case:\n" + out);
      assertTrue(out.contains("DONE"), out);
      for (Path c : cases) {
        String line = out.lines().filter(l -> l.startsWith("E " + c + " ")).findFirst()
            .orElseThrow(() -> new AssertionError("no result for " + c + ":\n" + out));
        String outcome = line.substring(("E " + c + " ").length()).split(" ", 2)[0];
        assertTrue(outcome.equals("VALID") || outcome.equals("REJECTED"),
            c.getFileName() + " is valid or rejected naming the file, got: " + line.replace("\\n", "\n"));
      }
    } finally {
      IsolatedFuzzer.deleteTree(work);
    }
  }
}
