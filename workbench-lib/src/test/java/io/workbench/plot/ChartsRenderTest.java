package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/**
 * Every chart type renders to PNG at the asked size (and twice the pixels at 144 DPI), is not blank, and
 * its SVG is well-formed, has the asked size and carries its title, axis labels and legend entries as
 * searchable {@code <text>} elements.
 */
class ChartsRenderTest {

  private static final Map<String, Function<ChartOptions, Figure>> CHARTS = Gallery.charts();

  static Stream<Arguments> charts() {
    return Stream.of(
        Arguments.of("training-history", List.of("Logistic regression, breast cancer", "loss", "accuracy",
            "Epoch", "train", "validation")),
        Arguments.of("roc", List.of("ROC curve", "False positive rate", "True positive rate", "chance",
            "all 30 features (AUC = 0.997)", "radius + texture (AUC = 0.911)")),
        Arguments.of("precision-recall", List.of("Precision-recall curve", "Recall", "Precision")),
        Arguments.of("calibration", List.of("Calibration (reliability diagram)", "Mean predicted probability",
            "Fraction of positives", "perfectly calibrated")),
        Arguments.of("confusion-matrix", List.of("Predicted class", "True class",
            "0", "9")),
        Arguments.of("importance", List.of("Mean |attribution| (95% CI)", "Mean |attribution| (log-odds)",
            "worst concave points", "error bars")),
        Arguments.of("beeswarm", List.of("Attribution summary (171 samples)", "Attribution (log-odds)",
            "worst concave points", "Feature value", "low", "high")),
        Arguments.of("waterfall", List.of("Log-odds of benign", "23 other features")),
        Arguments.of("dependence", List.of("Dependence of the attribution on worst concave points",
            "worst concave points", "Attribution of worst concave points", "worst radius")),
        Arguments.of("signal-attribution", List.of("Attribution over a synthetic ECG", "MLII (mV)", "V1 (mV)",
            "Time (s)", "Attribution")),
        Arguments.of("image-attribution", List.of("Input", "gradient \u00d7 input", "vs mean image",
            "Attribution")),
        Arguments.of("partial-dependence", List.of("Partial dependence on worst texture", "worst texture",
            "P(benign)", "ICE (60 samples)", "Partial dependence (average)")),
        Arguments.of("deletion-insertion", List.of("Deletion and insertion curves", "Mean P(benign)",
            "Fraction of features removed / inserted")),
        Arguments.of("rank-agreement", List.of("Rank by mean |attribution|", "Rank by |correlation with label|",
            "equal rank", "worst concave points")),
        Arguments.of("correlation-matrix", List.of("Correlation matrix", "mean radius", "mean fractal dimension",
            "1.00")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void rendersPngAndSearchableSvg(String name, List<String> expectedTexts) {
    Function<ChartOptions, Figure> make = CHARTS.get(name);
    Figure f = make.apply(ChartOptions.defaults().size(640, 420));
    assertEquals(640, f.width());
    assertEquals(420, f.height());

    BufferedImage at72 = Svg.png(f.toPng());
    assertEquals(640, at72.getWidth(), name + " PNG width");
    assertEquals(420, at72.getHeight(), name + " PNG height");
    double ink = Svg.inkShare(at72);
    assertTrue(ink > 0.03, name + " looks blank: only " + ink + " of its pixels are not background");
    assertTrue(ink < 0.9, name + " is mostly one dark colour: " + ink);

    BufferedImage at144 = Svg.png(f.toPng(144));
    assertEquals(1280, at144.getWidth(), name + " PNG width at 144 DPI");
    assertEquals(840, at144.getHeight(), name + " PNG height at 144 DPI");
    double ink144 = Svg.inkShare(at144);
    assertEquals(ink, ink144, 0.35 * ink, name + ": 144 DPI should show the same drawing, only sharper");

    String svg = f.toSvg();
    Element root = Svg.parse(svg).getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("640px", root.getAttribute("width"), name + " SVG width");
    assertEquals("420px", root.getAttribute("height"), name + " SVG height");
    List<String> texts = Svg.texts(svg);
    for (String t : expectedTexts) {
      assertTrue(texts.contains(t), name + " SVG lacks text '" + t + "'; it has " + texts);
    }
    assertTrue(texts.contains(f.title()) || f.title().isEmpty(), name + " SVG lacks its title " + f.title());
  }
}
