package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting DJL/PyTorch, training and predicting print nothing on stdout or stderr (fresh JVM). */
class QuietEngineTest {

  @TempDir Path tmp;

  @Test
  void engineStartTrainingAndInferenceAreSilent() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File out = tmp.resolve("out.txt").toFile();
    File err = tmp.resolve("err.txt").toFile();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
    if (Runtime.version().feature() >= 23) {
      // the options README and launcher give for JDK 23+; without them the JVM itself warns about JNA and classgraph
      cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), QuietEngineMain.class.getName()));
    Process p = new ProcessBuilder(cmd)
        .redirectOutput(out).redirectError(err).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish in 120 s");
    }
    String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stderr);
    assertEquals("", Files.readString(out.toPath(), StandardCharsets.UTF_8), "stdout");
    assertEquals("", stderr, "stderr");
  }
}
