package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.agreement.AgreementMatrix;
import io.workbench.analysis.agreement.ImportanceFn;
import io.workbench.analysis.agreement.RashomonSet;
import io.workbench.analysis.effects.PartialDependence;
import io.workbench.analysis.faithfulness.Faithfulness;
import io.workbench.analysis.faithfulness.ParameterRandomization;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.LabelNoise;
import io.workbench.data.Split;
import io.workbench.eval.ClassificationReport;
import io.workbench.eval.Evaluation;
import io.workbench.eval.Metric;
import io.workbench.eval.RocCurve;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.FeatureImportance;
import io.workbench.explain.Target;
import io.workbench.labels.LabelIssues;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every result value is one call away from its chart: the figure renders to a non-blank PNG and an SVG
 * that names what it shows.
 */
class ResultChartsTest {

  static Split split;
  static NeuralNetModel mlp;
  static XGBoostModel xgb;

  @BeforeAll
  static void train() {
    split = Datasets.breastCancer().split(0.8, 42);
    mlp = Models.mlp(16).epochs(8).validation(0.2).seed(1).fit(split.train());
    xgb = Models.xgboost().rounds(30).maxDepth(3).threads(1).seed(1).fit(split.train());
  }

  static void assertChart(Figure f, String... svgTexts) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.toPng()));
    assertEquals(f.width(), img.getWidth(), "PNG width of " + f.title());
    int ink = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          ink++;
        }
      }
    }
    assertTrue(ink > img.getWidth() * img.getHeight() / 4 / 50, "chart '" + f.title() + "' is not blank: " + ink);
    String texts = String.join("|", Svg.texts(f.toSvg()));
    for (String t : svgTexts) {
      assertTrue(texts.contains(t), "SVG of '" + f.title() + "' shows '" + t + "': " + texts);
    }
  }

  @Test
  void modelsAndMetrics() throws Exception {
    assertChart(mlp.history().plot(), "Training history", "loss");
    ClassificationReport a = Evaluation.classification(mlp, split.test());
    ClassificationReport b = Evaluation.classification(xgb, split.test());
    assertChart(RocCurve.plot(Map.of("MLP", a.roc(1), "XGBoost", b.roc(1))), "MLP", "XGBoost");
    assertChart(b.precisionRecall(1).plot(), "model");
    assertChart(b.calibration(1, 10).plot(), "model");
    assertChart(b.confusionMatrix().plot(), "malignant", "benign");
  }

  @Test
  void attributionsAndImportances() throws Exception {
    Attribution shap = Explain.treeShap(xgb).explain(split.test().head(40));
    assertChart(shap.beeswarm(), "worst", "tree SHAP: log-odds of benign");
    assertChart(shap.waterfall(0), "tree SHAP, row 0: log-odds of benign", "Log-odds of benign");
    assertChart(shap.bar(), "tree SHAP");
    assertChart(shap.dependence("worst radius", "worst texture"), "worst radius");
    FeatureImportance perm = Explain.permutationImportance(xgb, split.test()).repeats(3).seed(1).explain();
    assertChart(perm.plot(), "importance");
    assertChart(perm.compare(shap.global()), "tree SHAP");
    String msg = assertThrows(IllegalArgumentException.class, () -> shap.waterfall(40)).getMessage();
    assertTrue(msg.contains("0..39"), msg);
    assertThrows(IllegalArgumentException.class, () -> shap.signalPlot(0, 100));
  }

  @Test
  void signalAndImageAttributions() throws Exception {
    Dataset digits = Datasets.digits();
    Split s = digits.split(0.8, 1);
    var logistic = Models.logistic().epochs(5).seed(1).fit(s.train());
    int[] truth = s.test().head(2).y();
    Attribution occ = Explain.occlusion(logistic, 1, 2, 2).target(Target.perRow(truth)).explain(s.test().head(2));
    Attribution sal = Explain.saliency(logistic).target(Target.perRow(truth)).explain(s.test().head(2));
    String digit = "class " + truth[0];
    assertChart(occ.imagePlot(0), "Row 0: probability of " + digit);
    assertChart(Attribution.imagePlot(1, occ, sal), "Row 1: class " + truth[1]);
    assertChart(Attribution.imageGrid(null, 2, occ, sal), "row 0: " + digit, "Each cell: input, occlusion, saliency");
    assertChart(occ.channelMass().plot(), "channel 0");
    float[][] x = new float[20][2 * 50];
    int[] y = new int[20];
    List<String> names = new java.util.ArrayList<>();
    for (String ch : List.of("C3", "C4")) {
      for (int t = 0; t < 50; t++) {
        names.add(ch + "@t" + t);
      }
    }
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 20; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 100; j++) {
        x[i][j] = (float) (Math.sin(j / 5.0) + (y[i] == 1 && j > 60 && j < 70 ? 2 : 0) + 0.1 * r.nextGaussian());
      }
    }
    Dataset sig = Dataset.builder(Dataset.of(x, names, y, List.of("a", "b")).table()).target("label")
        .classNames("a", "b").sampleShape(2, 50).build();
    var cnn = Models.logistic().epochs(5).seed(1).fit(sig);
    Attribution sigOcc = Explain.occlusion(cnn, 1, 5).explain(sig.head(2));
    assertChart(sigOcc.signalPlot(1, 100), "C3", "C4", "occlusion, row 1: probability of b");
    assertChart(sigOcc.signalPlot(1, 100, "C4"), "C4");
    Attribution sigSal = Explain.saliency(cnn).explain(sig.head(2));
    assertChart(Attribution.signalPlot(0, 100, "C3", sigOcc, sigSal), "occlusion", "saliency");
    assertChart(sigOcc.windows(10, 5).plot(), "C3", "C4", "Channel");
    assertChart(sigOcc.channelMass().plot(), "C3", "C4");
  }

  @Test
  void analysisAndLabelValues() throws Exception {
    assertChart(PartialDependence.create().gridSize(10).oneWay(xgb, split.test(), "worst radius").plot(), "worst radius");
    Attribution shap = Explain.kernelShap(mlp, Background.kmeans(split.train(), 5, 1)).samples(200).seed(1)
        .explain(split.test().head(5));
    assertChart(Faithfulness.create().steps(10).deletion(mlp, shap).plot(), "random");
    double[] a = shap.global().importances();
    double[] b = Explain.treeShap(xgb).explain(split.test().head(5)).global().importances();
    assertChart(AgreementMatrix.compute(split.test().features(), Map.of("kernel", a, "tree", b), 5, true)
        .plot("spearman"), "kernel", "tree");
    var rashomon = RashomonSet.create().tolerance(0.5).seed(1)
        .importance(ImportanceFn.permutation(Metric.ACCURACY, 1, 1))
        .fit(List.of(Models.xgboost().rounds(10).threads(1).seed(1), Models.xgboost().rounds(10).threads(1).seed(2)),
            split.train());
    assertChart(rashomon.plot(), "Rashomon");
    var randomised = ParameterRandomization.create().seed(1)
        .run(mlp, m -> Explain.inputXGradient(m).explain(split.test().head(10)));
    assertChart(randomised.plot(), "Cascading randomisation");
    var noisy = LabelNoise.symmetric(Datasets.iris(), 0.1, 1).noisy();
    var report = LabelIssues.find(noisy, Models.xgboost().rounds(10).threads(1).seed(1), 3, 1);
    assertChart(report.noiseMatrixPlot(), "Confident joint", "setosa");
  }
}
