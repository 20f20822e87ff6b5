package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Task;
import io.workbench.eval.Evaluation;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.model.factory.Models;
import io.workbench.signal.EcgGenerator;
import io.workbench.signal.MotorImageryGenerator;
import io.workbench.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published signal networks (EEGNet, ShallowFBCSPNet, Deep4Net, the PTB-XL 1D ResNet): parameter counts
 * against PyTorch models written independently from the papers, training above chance on the generators,
 * gradients, Grad-CAM, saving and loading, and the errors for bad settings.
 */
class SignalNetworksTest {

  /** Trainable parameters of a freshly built network. */
  static long parameters(NetworkDesign d, int channels, int time, int outputs) {
    try (Network n = Network.initialised(d.architecture(new int[] {channels, time}, outputs), Device.cpu(), 1)) {
      long c = 0;
      for (ai.djl.nn.Parameter p : n.trainableParameters()) {
        c += p.getArray().getShape().size();
      }
      return c;
    }
  }

  @Test
  void eegNetParameterCountHasThePapersClosedForm() {
    // Lawhern et al. 2018, table 2 (EEGNet-8,2): temporal 8x64, BN 2x8, depthwise 16xC, BN 2x16, separable 16x16
    // + pointwise 16x16, BN 2x16, classifier 16 x T/32 x K + K (braindecode's padding: T+1, then floors).
    for (int[] s : new int[][] {{22, 1125, 4}, {9, 384, 3}, {64, 128, 2}}) {
      int c = s[0];
      int t = s[1];
      int k = s[2];
      int t2 = ((t + 1) / 4 + 1) / 8;
      long expected = 8 * 64 + 16 + 16L * c + 32 + 16 * 16 + 16 * 16 + 32 + 16L * t2 * k + k;
      assertEquals(expected, parameters(NetworkDesign.eegNet(), c, t, k), "EEGNet C=" + c + " T=" + t + " K=" + k);
    }
  }

  @Test
  void parameterCountsEqualPyTorchModelsBuiltFromThePapers() throws Exception {
    String py = Python.with("torch");
    Assumptions.assumeTrue(py != null, "PyTorch for Python (Debian's /usr/bin/python3 with torch) is not installed");
    Path script = Path.of(SignalNetworksTest.class.getResource("signal_nets_torch.py").toURI());
    Object[][] cases = {
        {"eegnet", NetworkDesign.eegNet(), 22, 1125, 4},          // BCI IV 2a: 22 electrodes, 4.5 s at 250 Hz
        {"shallow_fbcsp", NetworkDesign.shallowFbcspNet(), 22, 1125, 4},
        {"deep4", NetworkDesign.deep4Net(), 22, 1125, 4},
        {"resnet1d", NetworkDesign.resNet1d(), 12, 1000, 71}};   // PTB-XL: 12 leads, 10 s at 100 Hz, 71 statements
    List<String> args = new java.util.ArrayList<>(List.of(script.toString()));
    for (Object[] c : cases) {
      args.add(c[0] + ":" + c[2] + ":" + c[3] + ":" + c[4]);
    }
    Python.Result r = Python.run(py, args, 300);
    assertEquals(0, r.exit(), r.out());
    for (Object[] c : cases) {
      String key = "PARAMS " + c[0] + ":" + c[2] + ":" + c[3] + ":" + c[4] + " ";
      String line = r.out().lines().filter(l -> l.startsWith(key)).findFirst()
          .orElseThrow(() -> new AssertionError("no " + key + "in " + r.out()));
      long expected = Long.parseLong(line.substring(key.length()).trim());
      assertEquals(expected, parameters((NetworkDesign) c[1], (int) c[2], (int) c[3], (int) c[4]),
          c[0] + " " + c[2] + "x" + c[3] + " -> " + c[4]);
    }
  }

  /**
   * Motor imagery, 9 electrodes at 128 Hz, 3 classes, with a clear event-related desynchronisation and no
   * artefacts (small networks learn it in a few epochs; the defaults need hundreds of trials and epochs).
   */
  static Split motorImagery(int perClass, double seconds) {
    return MotorImageryGenerator.defaults().trialsPerClass(perClass).timing(seconds, 0.5).erd(0.95).background(2)
        .artefacts(0, 0).mains(0).seed(5).generate().data().split(0.75, 1);
  }

  /** ECG windows, 1 lead, 2 s at 100 Hz, classes normal / pvc / st_elevation. */
  static Split ecg(int perClass) {
    return EcgGenerator.defaults().samplesPerClass(perClass).samplingRate(100).window(2).seed(5).generate().data()
        .split(0.75, 1);
  }

  static double accuracy(NeuralNetModel m, Dataset test) {
    return NeuralTrainerTest.accuracy(m.predict(test), test.y());
  }

  @Test
  void eegNetTrainsAboveChanceExplainsAndRoundTrips(@TempDir Path dir) {
    Split s = motorImagery(50, 3);
    NeuralNetModel m = Models.eegNet().epochs(6).batchSize(16).learningRate(3e-3).seed(1).fit(s.train());
    double acc = accuracy(m, s.test());
    assertTrue(acc > 0.6, "EEGNet test accuracy " + acc + " (chance 1/3)");
    assertEquals(List.of("to_plane", "temporal", "spatial", "pool1", "separable", "pool2", "flatten", "output"),
        m.layerNames());
    assertEquals(parameters(NetworkDesign.eegNet(), 9, 384, 3), m.parameterCount());
    gradientsAndGradCam(m, s.test(), "separable");
    roundTrip(m, s.test(), dir);
  }

  @Test
  void shallowFbcspNetTrainsAboveChanceAndExplains() {
    Split s = motorImagery(30, 3);
    NeuralNetModel m = Models.shallowFbcspNet().epochs(3).batchSize(16).seed(1).fit(s.train());
    double acc = accuracy(m, s.test());
    assertTrue(acc > 0.6, "ShallowFBCSPNet test accuracy " + acc + " (chance 1/3)");
    assertEquals(List.of("to_plane", "temporal", "spatial", "pool", "flatten", "output"), m.layerNames());
    gradientsAndGradCam(m, s.test(), "spatial");
  }

  @Test
  void deep4NetBuildsExplainsAndRoundTrips(@TempDir Path dir) {
    // Deep4Net needs at least 441 samples (four conv + pool stages); the published filter counts are checked by
    // the parameter counts, here fewer filters keep the wiring check fast; the slow group trains the defaults
    Split s = motorImagery(8, 3.5);
    NetworkDesign narrow = NetworkDesign.deep4Net().withOption("n_filters_time", 4).withOption("n_filters_spat", 4)
        .withOption("n_filters_2", 4).withOption("n_filters_3", 4).withOption("n_filters_4", 4);
    NeuralNetModel m = Models.deep4Net().design(narrow).epochs(1).batchSize(8).seed(1).fit(s.train());
    assertEquals(List.of("to_plane", "temporal", "spatial", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4",
        "pool4", "flatten", "output"), m.layerNames());
    assertEquals(parameters(narrow, 9, 448, 3), m.parameterCount());
    gradientsAndGradCam(m, s.test(), "conv4");
    roundTrip(m, s.test(), dir);
  }

  @Test
  @Tag("slow")
  void deep4NetTrainsAboveChance() {
    Split s = motorImagery(50, 3.5);
    NeuralNetModel m = Models.deep4Net().epochs(8).batchSize(16).learningRate(3e-3).seed(1).fit(s.train());
    double acc = accuracy(m, s.test());
    assertTrue(acc > 0.6, "Deep4Net test accuracy " + acc + " (chance 1/3)");
  }

  @Test
  @Tag("slow")
  void resNet1dWithTheBenchmarksWidthTrainsAboveChance() {
    Split s = ecg(40);
    NeuralNetModel m = Models.resNet1d().epochs(3).batchSize(16).seed(1).fit(s.train());
    double acc = accuracy(m, s.test());
    assertTrue(acc > 0.6, "ResNet1d test accuracy " + acc + " (chance 1/3)");
  }

  @Test
  void resNet1dTrainsOnEcgSingleAndMultiLabel(@TempDir Path dir) {
    // 32 planes instead of the benchmark's 128 keep this fast (the slow group trains the default width)
    NetworkDesign narrow = NetworkDesign.resNet1d().withOption("planes", 32);
    Split s = ecg(40);
    NeuralNetModel m = Models.resNet1d().design(narrow).epochs(3).batchSize(8).seed(1).fit(s.train());
    double acc = accuracy(m, s.test());
    assertTrue(acc > 0.6, "ResNet1d test accuracy " + acc + " (chance 1/3)");
    assertEquals(List.of("stem", "block1", "block2", "block3", "concat_pool", "dense1", "head_norm", "output"),
        m.layerNames());
    gradientsAndGradCam(m, s.test(), "block1");
    roundTrip(m, s.test(), dir);

    // multi-label, as PTB-XL's statements: "pvc" and "st_elevation" as two independent labels
    NeuralNetModel ml = Models.resNet1d().design(narrow).epochs(3).batchSize(8).seed(1).fit(multiLabel(s.train()));
    assertEquals(Task.MULTI_LABEL, ml.task());
    double[] auc = Evaluation.multiLabel(ml, multiLabel(s.test())).auroc();
    assertTrue(auc[0] > 0.7 && auc[1] > 0.7, "multi-label AUROC " + java.util.Arrays.toString(auc));
  }

  /** The ECG classes as two labels: {@code pvc} and {@code st_elevation} (normal rows have neither). */
  static Dataset multiLabel(Dataset d) {
    int[] y = d.y();
    int[][] labels = new int[y.length][2];
    for (int i = 0; i < y.length; i++) {
      labels[i][0] = y[i] == 1 ? 1 : 0;
      labels[i][1] = y[i] == 2 ? 1 : 0;
    }
    return Dataset.builder(Dataset.of(d.x(), d.features(), labels, List.of("pvc", "st_elevation")).table())
        .targets("pvc", "st_elevation").sampleShape(d.sampleShape()).build();
  }

  @Test
  void badShapesAndOptionsFailWithMessages() {
    IllegalArgumentException shortSignal = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.deep4Net().architecture(new int[] {9, 300}, 3));
    assertTrue(shortSignal.getMessage().contains("Deep4Net") && shortSignal.getMessage().contains("300"),
        shortSignal.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.eegNet().withOption("F3", 4).architecture(new int[] {9, 384}, 3));
    assertTrue(unknown.getMessage().contains("'F3'") && unknown.getMessage().contains("F1"), unknown.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.shallowFbcspNet().withOption("n_filters_time", 2.5).architecture(new int[] {9, 384}, 3));
    assertTrue(fraction.getMessage().contains("n_filters_time"), fraction.getMessage());
    IllegalArgumentException even = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.resNet1d().withOption("kernel_size", 4).architecture(new int[] {12, 100}, 5));
    assertTrue(even.getMessage().contains("kernel_size") && even.getMessage().contains("odd"), even.getMessage());
    IllegalArgumentException blocks = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.resNet1d().withOption("blocks", 1e6).architecture(new int[] {12, 100}, 5));
    assertTrue(blocks.getMessage().contains("'blocks'"), blocks.getMessage());
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.eegNet().withOption("F1", 1e9).architecture(new int[] {9, 384}, 3));
    assertTrue(huge.getMessage().contains("'F1'") && huge.getMessage().contains("100000"), huge.getMessage());
    IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
        () -> NetworkDesign.eegNet().architecture(new int[] {384}, 3));
    assertTrue(flat.getMessage().contains("[channels, length]"), flat.getMessage());
    // the shortest signal each network takes builds; one sample less fails
    assertEquals(1, new Deep4Net().finalLength(java.util.Map.of(), 441));
    assertThrows(IllegalArgumentException.class, () -> NetworkDesign.deep4Net().architecture(new int[] {2, 440}, 2));
    assertEquals(1, new EegNet().finalLength(java.util.Map.of(), 27));
    assertThrows(IllegalArgumentException.class, () -> NetworkDesign.eegNet().architecture(new int[] {2, 26}, 2));
  }

  /** Save, load: the same probabilities. */
  static void roundTrip(NeuralNetModel m, Dataset test, Path dir) {
    Path f = dir.resolve(m.architecture().kind());
    m.save(f);
    NeuralNetModel back = NeuralNetModel.load(f);
    assertEquals(m.architecture(), back.architecture());
    assertArrayEquals(m.predictProba(test.head(5)), back.predictProba(test.head(5)), m.architecture().kind());
  }

  /**
   * Integrated gradients and saliency have the input's shape and are finite; Grad-CAM runs on the last convolution
   * and on a named one; DeepLIFT says it cannot propagate through these layers.
   */
  static void gradientsAndGradCam(NeuralNetModel m, Dataset test, String convLayer) {
    Dataset few = test.head(3);
    Target t = Target.perRow(few.y());
    for (Attribution a : List.of(Explain.integratedGradients(m).steps(8).target(t).explain(few),
        Explain.saliency(m).target(t).explain(few), Explain.gradCam(m).layer(convLayer).target(t).explain(few),
        Explain.gradCam(m).target(t).explain(few))) {
      assertArrayEquals(m.sampleShape(), a.sampleShape(), a.method());
      assertEquals(3, a.rows(), a.method());
      double total = 0;
      for (double[] row : a.values()) {
        assertEquals(Layers.size(m.sampleShape()), row.length, a.method());
        for (double v : row) {
          assertTrue(Double.isFinite(v), a.method() + " value " + v);
          total += Math.abs(v);
        }
      }
      assertTrue(total > 0, a.method() + " is all zero");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(m));
    assertTrue(e.getMessage().contains("eegNet/shallowFbcspNet/deep4Net/resNet1d do not"), e.getMessage());
  }
}
