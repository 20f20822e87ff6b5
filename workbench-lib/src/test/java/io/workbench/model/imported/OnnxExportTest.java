package io.workbench.model.imported;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Task;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workbench networks written as ONNX by {@link OnnxExport} and run by ONNX Runtime give the network's own
 * predictions; the files pass ONNX's own checker when Python's onnx is installed.
 */
class OnnxExportTest {

  @TempDir
  Path dir;

  /** Exports, reloads with ONNX Runtime and compares on {@code x}; returns the largest difference. */
  double roundTrip(String name, NeuralNetModel net, float[][] x) throws Exception {
    Path file = OnnxExport.write(net, dir.resolve(name + ".onnx"));
    assertTrue(Files.isRegularFile(dir.resolve(name + ".onnx.json")), "the signature is written beside the file");
    OnnxModel onnx = OnnxModel.load(file);
    assertEquals(net.featureNames(), onnx.featureNames());
    assertEquals(net.classNames(), onnx.classNames());
    float[][] expected = net.predictProba(x);
    float[][] actual = onnx.predictProba(x);
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        max = Math.max(max, Math.abs(expected[i][j] - actual[i][j]) / Math.max(1, Math.abs(expected[i][j])));
      }
    }
    System.out.printf(Locale.ROOT, "ONNX export %s: max |difference| = %.3g%n", name, max);
    assertTrue(max < 1e-5, name + ": ONNX Runtime differs from the network by " + max);
    String py = Python.with("onnx");
    if (py != null) {
      Python.Result r = Python.run(py, List.of("-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]),"
          + " full_check=True); print('ok')", file.toString()), 120);
      assertEquals(0, r.exit(), name + ": onnx.checker refused the file:\n" + r.out());
    } else {
      System.out.println("OnnxExportTest: Python's onnx is not installed (Debian python3-onnx), onnx.checker skipped");
    }
    return max;
  }

  @Test
  void mlpsWithBatchNormDropoutAndEveryActivation() throws Exception {
    Dataset bc = Datasets.breastCancer();
    float[][] x = bc.head(60).x();
    roundTrip("mlp-relu-bn", Models.mlp(16, 8).batchNorm(true).dropout(0.2).epochs(3).seed(1).fit(bc), x);
    roundTrip("mlp-tanh", Models.mlp(8).activation("tanh").epochs(2).seed(2).fit(bc), x);
    roundTrip("mlp-gelu", Models.mlp(8).activation("gelu").epochs(2).seed(3).fit(bc), x);
    roundTrip("logistic", Models.logistic().epochs(2).seed(4).fit(bc), x);
  }

  @Test
  void missingArgumentsAreNamed() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> OnnxExport.write(null, dir.resolve("none.onnx")));
    assertTrue(e.getMessage().contains("network"), e.getMessage());
  }

  @Test
  void regressionIsDeStandardised() throws Exception {
    Dataset diabetes = Datasets.diabetes();
    NeuralNetModel net = Models.mlp(8).epochs(3).seed(5).fit(diabetes);
    assertEquals(Task.REGRESSION, net.task());
    roundTrip("regression", net, diabetes.head(40).x());
    assertEquals(OutputKind.VALUES, ModelSignature.read(dir.resolve("regression.onnx.json")).output());
  }

  @Test
  void convolutionalNetworks() throws Exception {
    Dataset digits = Datasets.digits();
    roundTrip("cnn2d", Models.cnn2d(4, 8).batchNorm(true).epochs(1).seed(6).fit(digits), digits.head(30).x());
    Dataset signals = signals();
    roundTrip("cnn1d", Models.cnn1d(4, 6).batchNorm(true).kernelSize(5).epochs(2).seed(7).fit(signals),
        signals.head(30).x());
  }

  /** Two channels of noise, the class says which channel carries a bump. */
  static Dataset signals() {
    Random rnd = new Random(3);
    int n = 120;
    int length = 24;
    float[][] x = new float[n][2 * length];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      int at = 4 + rnd.nextInt(length - 8);
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < length; t++) {
          x[i][c * length + t] = (float) ((c == y[i] ? 2 * Math.exp(-0.5 * (t - at) * (t - at)) : 0)
              + 0.3 * rnd.nextGaussian());
        }
      }
    }
    List<String> names = new ArrayList<>();
    List<tech.tablesaw.columns.Column<?>> cols = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < length; t++) {
        String name = (c == 0 ? "a" : "b") + "@t" + t;
        names.add(name);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = x[i][c * length + t];
        }
        cols.add(tech.tablesaw.api.DoubleColumn.create(name, v));
      }
    }
    String[] label = new String[n];
    for (int i = 0; i < n; i++) {
      label[i] = y[i] == 0 ? "first" : "second";
    }
    cols.add(tech.tablesaw.api.StringColumn.create("label", label));
    tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create("signals",
        cols.toArray(new tech.tablesaw.columns.Column<?>[0]));
    return Dataset.builder(table).target("label").features(names).classNames("first", "second")
        .sampleShape(2, length).build();
  }
}
