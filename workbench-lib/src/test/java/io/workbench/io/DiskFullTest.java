package io.workbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.factory.Models;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.plot.Charts;
import io.workbench.signal.Channel;
import io.workbench.signal.Edf;
import io.workbench.signal.Recording;
import io.workbench.signal.WfdbAnnotation;
import io.workbench.signal.WfdbAnnotations;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every writer keeps the previous valid file when an overwrite fails part-way: a child JVM runs with a file-size
 * limit ({@code prlimit --fsize}, so writes fail with "File too large" exactly as on a full disk) and overwrites an
 * EDF file, an annotation file, a PNG, an SVG and both kinds of saved model; afterwards every old file is
 * byte-identical and no temporary file is left. For the neural network the new weights fit under the limit and
 * only the new {@code model.json} does not: the old code left new weights beside old metadata.
 */
class DiskFullTest {

  private static final int LIMIT_KIB = 8;

  @TempDir Path tmp;

  @Test
  void failedOverwritesKeepThePreviousFiles() throws Exception {
    assumeTrue(hasPrlimit(), "prlimit (util-linux) is not installed");
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    Path target = Files.createDirectories(tmp.resolve("target"));
    // old (small) versions in the target folder
    Edf.write(Recording.of("old", new Channel("x", "uV", 10, DiskFullChild.ramp(20))), target.resolve("rec.edf"));
    WfdbAnnotations.write(target.resolve("rec.atr"), List.of(WfdbAnnotation.of(5, 1), WfdbAnnotation.of(9, 5)));
    Charts.trainingHistory(Map.of("loss", new double[] {3, 2, 1}), Map.of()).savePng(target.resolve("fig.png"));
    Files.writeString(target.resolve("fig.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    Dataset iris = Datasets.iris();
    XGBoostModel oldXgb = (XGBoostModel) Models.xgboost().rounds(1).maxDepth(1).threads(1).seed(1).fit(iris);
    oldXgb.save(target.resolve("xgb"));
    NeuralNetModel oldNn = Models.mlp(4).epochs(1).seed(1).fit(iris);
    oldNn.save(target.resolve("nn"));
    // new (large) versions in the staging folder
    Edf.write(Recording.of("new", new Channel("x", "uV", 100, DiskFullChild.ramp(30_000))), staging.resolve("new.edf"));
    List<WfdbAnnotation> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(WfdbAnnotation.of(10L * i, 1 + i % 5));
    }
    WfdbAnnotations.write(staging.resolve("new.atr"), many);
    ((XGBoostModel) Models.xgboost().rounds(40).maxDepth(4).threads(1).seed(2).fit(iris)).save(staging.resolve("xgb"));
    Models.mlp(4).epochs(80).seed(2).fit(iris).save(staging.resolve("nn"));
    long params = Files.size(staging.resolve("nn/parameters.params"));
    long json = Files.size(staging.resolve("nn/model.json"));
    assertTrue(params < LIMIT_KIB * 1024 && json > LIMIT_KIB * 1024,
        "the new weights (" + params + " B) fit under the limit and the new model.json (" + json + " B) does not");

    Map<String, byte[]> before = snapshot(target);
    String out = runChild(staging, target);
    for (String writer : List.of("edf", "atr", "png", "svg", "xgboost", "djl")) {
      assertTrue(out.contains(writer + " failed"), writer + " must fail under the size limit; child said:\n" + out);
    }
    Map<String, byte[]> after = snapshot(target);
    assertEquals(before.keySet(), after.keySet(), "the same files, no temporary leftovers; child said:\n" + out);
    for (String f : before.keySet()) {
      assertArrayEquals(before.get(f), after.get(f), f + " is unchanged; child said:\n" + out);
    }
    float[][] x = iris.x();
    assertArrayEquals(oldXgb.predictProba(x)[7], XGBoostModel.load(target.resolve("xgb")).predictProba(x)[7]);
    assertArrayEquals(oldNn.predictProba(x)[7], NeuralNetModel.load(target.resolve("nn")).predictProba(x)[7]);
  }

  private static Map<String, byte[]> snapshot(Path dir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!p.equals(dir)) {
          out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
        }
      }
    }
    return out;
  }

  private String runChild(Path staging, Path target) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
    if (Runtime.version().feature() >= 23) {
      cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DiskFullChild.class.getName(),
        staging.toString(), target.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      for (String l = r.readLine(); l != null && !l.equals("ready"); l = r.readLine()) {
        out.append(l).append('\n');
      }
      Process limit = new ProcessBuilder("prlimit", "--pid", Long.toString(p.pid()),
          "--fsize=" + LIMIT_KIB * 1024 + ":" + LIMIT_KIB * 1024).redirectErrorStream(true).start();
      String said = new String(limit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, limit.waitFor(), "prlimit failed: " + said + "\nchild said:\n" + out);
      p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().flush();
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.append(l).append('\n');
      }
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child JVM finishes");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), out.toString());
    return out.toString();
  }

  static boolean hasPrlimit() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "prlimit"))) {
        return true;
      }
    }
    return false;
  }
}
