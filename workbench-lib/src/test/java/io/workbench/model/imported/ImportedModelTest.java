package io.workbench.model.imported;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Baseline;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.LayerGradients;
import io.workbench.model.WeightArray;
import io.workbench.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TorchScript and ONNX models written at test time by Debian's PyTorch ({@code torch_models.py} beside this class
 * in the test resources), loaded through DJL and compared with PyTorch's own forward and {@code torch.autograd}
 * gradients. Skipped with a message when {@code python3} has no torch or onnx.
 */
class ImportedModelTest {

  static final double TOL = 1e-5;

  @TempDir
  static Path dir;

  static JsonNode ref;

  @BeforeAll
  static void writeModels() throws IOException {
    String py = Python.with("torch, onnx");
    assumeTrue(py != null, "python3 with torch and onnx (Debian's python3-torch, python3-onnx) is not installed");
    Path script = dir.resolve("torch_models.py");
    try (var in = ImportedModelTest.class.getResourceAsStream("torch_models.py")) {
      Files.copy(in, script);
    }
    Python.Result r = Python.run(py, List.of(script.toString(), dir.toString()), 300);
    assertEquals(0, r.exit(), "torch_models.py failed:\n" + r.out());
    ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
  }

  static float[][] rows(JsonNode n) {
    float[][] out = new float[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new float[n.get(i).size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = (float) n.get(i).get(j).asDouble();
      }
    }
    return out;
  }

  static int[] ints(JsonNode n) {
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  /** Largest absolute difference, failing above the tolerance; printed for the report. */
  static double assertClose(String what, float[][] expected, float[][] actual, double tol) {
    assertEquals(expected.length, actual.length, what + ": rows");
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length, what + ": row " + i + " width");
      for (int j = 0; j < expected[i].length; j++) {
        max = Math.max(max, Math.abs(expected[i][j] - actual[i][j]));
      }
    }
    System.out.printf(Locale.ROOT, "%s: max |difference| = %.3g%n", what, max);
    assertTrue(max <= tol, what + ": max |difference| " + max + " > " + tol);
    return max;
  }

  static ModelSignature mlpSignature() {
    return ModelSignature.builder().inputShape(4).classes("a", "b", "c").output(OutputKind.LOGITS).build();
  }

  static TorchScriptModel mlp() {
    return TorchScriptModel.load(dir.resolve("mlp.pt"), mlpSignature());
  }

  @Test
  void tracedMlpPredictsAndDifferentiatesAsPyTorch() {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    int[] t = ints(m.get("targets"));
    TorchScriptModel net = mlp();
    assertClose("mlp.pt probabilities", rows(m.get("probs")), net.predictProba(x), TOL);
    assertClose("mlp.pt logits", rows(m.get("logits")), net.output(x, Output.LOGIT), TOL);
    assertClose("mlp.pt d logit / dx", rows(m.get("gradLogit")), net.inputGradients(x, t, Output.LOGIT), TOL);
    assertClose("mlp.pt d probability / dx", rows(m.get("gradProb")), net.inputGradients(x, t, Output.PROBABILITY),
        TOL);
    assertClose("mlp.pt batch size 3", net.predictProba(x), net.withBatchSize(3).predictProba(x), 0);
    assertEquals(List.of("fc1", "fc2"), net.layerNames());
    assertTrue(!net.isConvolution("fc1"), "a linear layer is not a convolution");
    List<WeightArray> w = net.weights();
    assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), w.stream().map(WeightArray::name).toList());
    assertArrayEquals(new int[] {8, 4}, w.get(0).shape());
    JsonNode sd = m.get("parameters").get("fc1.weight");
    for (int k = 0; k < sd.size(); k++) {
      assertEquals(sd.get(k).asDouble(), w.get(0).values()[k], 0, "fc1.weight[" + k + "] equals the state_dict's");
    }
    assertTrue(net.toString().contains("TorchScript mlp.pt"), net.toString());
  }

  @Test
  void integratedGradientsOnATracedModuleAreComplete() {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    Attribution ig = Explain.integratedGradients(mlp()).target(Target.of("c")).steps(64).explain(x);
    double worst = 0;
    for (double d : ig.convergenceDelta().orElseThrow()) {
      worst = Math.max(worst, Math.abs(d));
    }
    System.out.printf(Locale.ROOT, "mlp.pt IG completeness: max |sum - (f(x) - f(0))| = %.3g%n", worst);
    assertTrue(worst < 1e-4, "IG completeness gap " + worst);
    Attribution sal = Explain.saliency(mlp()).target(Target.of("c")).explain(x);
    assertEquals(Math.abs(rows(m.get("gradLogit"))[2][1]), sal.value(2, 1), TOL, "saliency = |d logit_c / dx|");
    Attribution gs = Explain.gradientShap(mlp(), Background.of(x)).target(Target.of("a")).seed(3).explain(x);
    assertEquals(10, gs.rows());
    Attribution sg = Explain.noiseTunnel(Explain.saliency(mlp())).target(Target.of("a")).seed(3).explain(x);
    assertEquals(4, sg.numFeatures());
  }

  @Test
  void cnnWithExportedMethodsGivesGradCam() {
    JsonNode c = ref.get("cnn");
    float[][] x = rows(c.get("x"));
    int[] t = ints(c.get("targets"));
    ModelSignature sig = ModelSignature.builder().inputShape(2, 16).channels("I", "II").classes("n", "v").build();
    TorchScriptModel cnn = TorchScriptModel.load(dir.resolve("cnn.pt"), sig);
    assertEquals("I@t0", cnn.featureNames().get(0));
    float[][] logits = cnn.output(x, Output.LOGIT);
    assertClose("cnn.pt logits", rows(c.get("logits")), logits, TOL);
    assertClose("cnn.pt d logit / dx", rows(c.get("gradLogit")), cnn.inputGradients(x, t, Output.LOGIT), TOL);
    assertEquals(List.of("conv1", "conv2", "fc"), cnn.layerNames());
    assertEquals(List.of("conv2"), cnn.cuttableLayers());
    assertTrue(cnn.isConvolution("conv2") && !cnn.isConvolution("fc"), "conv2 is a convolution, fc is not");
    LayerGradients lg = cnn.layerGradients("conv2", x, t, Output.LOGIT);
    assertArrayEquals(new int[] {5, 4, 16}, lg.shape());
    float[][] acts = new float[5][];
    float[][] grads = new float[5][];
    for (int i = 0; i < 5; i++) {
      acts[i] = lg.activationsOfRow(i);
      grads[i] = lg.gradientsOfRow(i);
    }
    assertClose("cnn.pt conv2 activations", rows(c.get("conv2")), acts, TOL);
    assertClose("cnn.pt d logit / d conv2", rows(c.get("conv2Grad")), grads, TOL);
    Attribution cam = Explain.gradCam(cnn).target(Target.perRow(t)).explain(x);
    assertEquals("conv2", cam.settings().get("layer"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cnn.layerGradients("conv1", x, t, Output.LOGIT));
    assertTrue(e.getMessage().contains("activations_conv1(x)") && e.getMessage().contains("[conv2]"), e.getMessage());
  }

  @Test
  void onnxExportOfTheMlpPredictsAsPyTorch() {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    OnnxModel onnx = OnnxModel.load(dir.resolve("mlp.onnx"), mlpSignature());
    assertClose("mlp.onnx probabilities", rows(m.get("probs")), onnx.predictProba(x), TOL);
    assertClose("mlp.onnx vs mlp.pt", mlp().predictProba(x), onnx.withBatchSize(4).predictProba(x), TOL);
    Attribution shap = Explain.kernelShap(onnx, Background.of(x)).target(Target.of("b")).seed(1).explain(x);
    assertTrue(shap.additivityGap() < 1e-5, "Kernel SHAP on the ONNX model is additive: " + shap.additivityGap());
    Attribution occ = Explain.featureAblation(onnx).target(Target.of("b")).explain(x);
    assertEquals(4, occ.numFeatures());
  }

  @Test
  void binaryLogitIsTheSecondClassAndItsNegationTheFirst() {
    JsonNode b = ref.get("binary");
    float[][] x = rows(b.get("x"));
    ModelSignature sig = ModelSignature.builder().inputShape(4).classes("no", "yes").build();
    TorchScriptModel net = TorchScriptModel.load(dir.resolve("binary.pt"), sig);
    float[][] p = net.predictProba(x);
    float[][] p1 = rows(b.get("p1"));
    float[][] z = rows(b.get("logit"));
    float[][] g = rows(b.get("gradLogit"));
    float[][] expected = new float[x.length][];
    float[][] logits = new float[x.length][];
    float[][] negated = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      expected[i] = new float[] {1 - p1[i][0], p1[i][0]};
      logits[i] = new float[] {-z[i][0], z[i][0]};
      negated[i] = new float[g[i].length];
      for (int j = 0; j < g[i].length; j++) {
        negated[i][j] = -g[i][j];
      }
    }
    assertClose("binary.pt probabilities", expected, p, TOL);
    assertClose("binary.pt log-odds", logits, net.output(x, Output.LOGIT), TOL);
    int[] ones = new int[x.length];
    java.util.Arrays.fill(ones, 1);
    assertClose("binary.pt d z / dx", g, net.inputGradients(x, ones, Output.LOGIT), TOL);
    assertClose("binary.pt d(-z) / dx", negated, net.inputGradients(x, new int[x.length], Output.LOGIT), TOL);
  }

  @Test
  void probabilityModuleRefusesLogitsButDifferentiatesProbabilities() {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    int[] t = ints(m.get("targets"));
    ModelSignature sig = ModelSignature.builder().inputShape(4).classes("a", "b", "c")
        .output(OutputKind.PROBABILITIES).build();
    TorchScriptModel net = TorchScriptModel.load(dir.resolve("probs.pt"), sig);
    assertClose("probs.pt probabilities", rows(m.get("probs")), net.predictProba(x), TOL);
    assertClose("probs.pt d probability / dx", rows(m.get("gradProb")), net.inputGradients(x, t, Output.PROBABILITY),
        TOL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(net).target(Target.of("a")).explain(x));
    assertTrue(e.getMessage().contains("Output.PROBABILITY"), e.getMessage());
    IllegalArgumentException asLogits = assertThrows(IllegalArgumentException.class,
        () -> TorchScriptModel.load(dir.resolve("mlp.pt"), sig).predictProba(x));
    assertTrue(asLogits.getMessage().contains("mlp.pt") && asLogits.getMessage().contains("LOGITS"),
        asLogits.getMessage());
  }

  @Test
  void sidecarIsReadBesideTheModelAndRefusesUnknownKeys() throws IOException {
    Path pt = dir.resolve("sidecar/mlp.pt");
    Files.createDirectories(pt.getParent());
    Files.copy(dir.resolve("mlp.pt"), pt);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TorchScriptModel.load(pt));
    assertTrue(none.getMessage().contains("mlp.pt.json"), none.getMessage());
    mlpSignature().write(dir.resolve("sidecar/mlp.json"));
    assertEquals(mlpSignature(), TorchScriptModel.load(pt).signature());
    Files.writeString(dir.resolve("sidecar/mlp.pt.json"),
        "{\"inputShape\": [4], \"clases\": [\"a\", \"b\", \"c\"], \"output\": \"logits\"}");
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> TorchScriptModel.load(pt));
    assertTrue(typo.getMessage().contains("mlp.pt.json") && typo.getMessage().contains("'clases'"),
        typo.getMessage());
    Files.writeString(dir.resolve("sidecar/mlp.pt.json"), "{\"inputShape\": [4], \"classes\": [\"a\", \"b\", \"c\"],"
        + " \"output\": \"scores\"}");
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> TorchScriptModel.load(pt));
    assertTrue(kind.getMessage().contains("\"scores\""), kind.getMessage());
  }

  @Test
  void badInputFailsNamingTheFile() throws IOException {
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> TorchScriptModel.load(
        dir.resolve("mlp.pt"), ModelSignature.builder().inputShape(5).classes("a", "b", "c").build()));
    assertTrue(shape.getMessage().contains("mlp.pt") && shape.getMessage().contains("[1, 5]"), shape.getMessage());
    IllegalArgumentException onnxShape = assertThrows(IllegalArgumentException.class, () -> OnnxModel.load(
        dir.resolve("mlp.onnx"), ModelSignature.builder().inputShape(2, 2).classes("a", "b", "c").build()));
    assertTrue(onnxShape.getMessage().contains("mlp.onnx"), onnxShape.getMessage());
    Path text = dir.resolve("notes.pt");
    Files.writeString(text, "not a model");
    IllegalArgumentException notModel = assertThrows(IllegalArgumentException.class,
        () -> TorchScriptModel.load(text, mlpSignature()));
    assertTrue(notModel.getMessage().contains("notes.pt") && notModel.getMessage().contains("not a TorchScript"),
        notModel.getMessage());
    Path fake = dir.resolve("notes.onnx");
    Files.writeString(fake, "not a model either");
    IllegalArgumentException notOnnx = assertThrows(IllegalArgumentException.class,
        () -> OnnxModel.load(fake, mlpSignature()));
    assertTrue(notOnnx.getMessage().contains("notes.onnx") && notOnnx.getMessage().contains("not an ONNX"),
        notOnnx.getMessage());
    IllegalArgumentException onnxAsPt = assertThrows(IllegalArgumentException.class,
        () -> TorchScriptModel.load(dir.resolve("mlp.onnx"), mlpSignature()));
    assertTrue(onnxAsPt.getMessage().contains("mlp.onnx"), onnxAsPt.getMessage());
    ModelSignature twoClasses = ModelSignature.builder().inputShape(4).classes("a", "b").build();
    IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
        () -> TorchScriptModel.load(dir.resolve("mlp.pt"), twoClasses));
    assertTrue(classes.getMessage().contains("mlp.pt") && classes.getMessage().contains("returns 3 values per row")
        && classes.getMessage().contains("[a, b]"), classes.getMessage());
    IllegalArgumentException onnxClasses = assertThrows(IllegalArgumentException.class,
        () -> OnnxModel.load(dir.resolve("mlp.onnx"), twoClasses));
    assertTrue(onnxClasses.getMessage().contains("returns 3 values per row"), onnxClasses.getMessage());
    IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
        () -> mlp().predictProba(new float[][] {{1, 2, 3}}));
    assertTrue(row.getMessage().contains("Row 0 has 3 values") && row.getMessage().contains("mlp.pt"),
        row.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> OnnxModel.load(dir.resolve("nothing.onnx"), mlpSignature()));
    assertTrue(missing.getMessage().contains("nothing.onnx"), missing.getMessage());
    IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
        () -> mlp().withRandomizedLayers(List.of("fc9"), 1));
    assertTrue(layer.getMessage().contains("[fc1, fc2]"), layer.getMessage());
  }

  @Test
  void randomizedLayersChangeTheCopyOnly() {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    TorchScriptModel net = mlp();
    TorchScriptModel r = net.withRandomizedLayers(List.of("fc2"), 5);
    assertEquals(List.of("fc2"), r.randomizedLayers());
    assertClose("original unchanged", rows(m.get("probs")), net.predictProba(x), TOL);
    assertEquals(net.weights().get(0), r.weights().get(0), "fc1 is kept");
    float[] w = r.weights().get(2).values();
    float[] before = net.weights().get(2).values();
    double bound = 1 / Math.sqrt(8);
    int changed = 0;
    for (int k = 0; k < w.length; k++) {
      assertTrue(Math.abs(w[k]) <= bound, "fc2.weight within PyTorch's default bound 1/sqrt(8): " + w[k]);
      changed += w[k] != before[k] ? 1 : 0;
    }
    assertEquals(w.length, changed, "every fc2 weight is redrawn");
    assertEquals(r.weights(), net.withRandomizedLayers(List.of("fc2"), 5).weights(), "same seed, same weights");
  }

  @Test
  void concurrentInferenceEqualsSequential() throws Exception {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    TorchScriptModel net = mlp().withBatchSize(2);
    OnnxModel onnx = OnnxModel.load(dir.resolve("mlp.onnx"), mlpSignature()).withBatchSize(3);
    float[][] expected = net.predictProba(x);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][]>> futures = new ArrayList<>();
      for (int k = 0; k < 16; k++) {
        futures.add(pool.submit(() -> k2(net, onnx, x)));
      }
      for (Future<float[][]> f : futures) {
        assertClose("concurrent", expected, f.get(), TOL);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static float[][] k2(TorchScriptModel net, OnnxModel onnx, float[][] x) {
    float[][] a = net.predictProba(x);
    float[][] b = onnx.predictProba(x);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        if (Math.abs(a[i][j] - b[i][j]) > TOL) {
          throw new AssertionError("TorchScript and ONNX differ at " + i + "," + j);
        }
      }
    }
    return a;
  }

  @Test
  void baselineMeanWorksThroughTheImportedModel() {
    JsonNode m = ref.get("mlp");
    float[][] x = rows(m.get("x"));
    Attribution ig = Explain.integratedGradients(mlp()).baseline(Baseline.values(x[0])).target(Target.of("b"))
        .explain(x);
    assertEquals(0.0, ig.value(0, 0), 1e-7, "a row equal to the baseline gets nothing");
  }
}
