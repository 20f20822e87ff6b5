package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the charts show matches their data: order, colours, counts, statistics. */
class ChartsBehaviourTest {

  private static final ChartOptions SMALL = ChartOptions.defaults().size(600, 400);

  @Test
  void spearmanMatchesClosedFormWithoutTiesAndHandValueWithTies() {
    Random rnd = new Random(3);
    double[] a = new double[25];
    double[] b = new double[25];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextGaussian();
      b[i] = a[i] + rnd.nextGaussian();
    }
    // closed form for distinct values: 1 - 6 sum d^2 / (n (n^2 - 1)), ranks by counting
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      int ra = 1;
      int rb = 1;
      for (int j = 0; j < a.length; j++) {
        ra += a[j] < a[i] ? 1 : 0;
        rb += b[j] < b[i] ? 1 : 0;
      }
      d2 += (ra - rb) * (double) (ra - rb);
    }
    int n = a.length;
    assertEquals(1 - 6 * d2 / (n * ((double) n * n - 1)), Charts.spearman(a, b), 1e-12);
    // ties: ranks a = [1, 2.5, 2.5, 4], b = [1, 3, 2, 4] -> 4.5 / sqrt(4.5 * 5) by hand
    assertEquals(4.5 / Math.sqrt(22.5), Charts.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}),
        1e-12);
  }

  @Test
  void rankAgreementTitleCarriesSpearmanRho() {
    List<String> names = List.of("a", "b", "c", "d");
    Figure f = Charts.rankAgreement(names, new double[] {4, 3, 2, 1}, new double[] {4, 2, 3, 1}, "SHAP", "LIME",
        SMALL);
    // ranks 1,2,3,4 vs 1,3,2,4: d^2 = 2 -> rho = 1 - 12 / 60 = 0.8
    assertEquals("Ranking agreement: Spearman \u03c1 = 0.800", f.title());
    List<String> texts = Svg.texts(f.toSvg());
    assertTrue(texts.containsAll(List.of("Ranking agreement: Spearman \u03c1 = 0.800", "Rank by SHAP", "Rank by LIME")), texts.toString());
  }

  @Test
  void importanceBarsHaveSolidOutlinesSoNoDashAppearsWithoutALegend() {
    // XChart cycles solid, dashed and dotted lines over series; every bar is one series, so bars 2, 3, ...
    // were outlined dashed. The only line in the legend is "error bars", solid.
    List<String> names = List.of("a", "b", "c", "d", "e", "f");
    double[] imp = {0.6, 0.5, 0.4, 0.3, 0.2, -0.1};
    double[] err = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05};
    for (Figure f : List.of(Charts.importance(names, imp), Charts.importance(names, imp, err, SMALL))) {
      String svg = f.toSvg();
      // "3,0" (a gap of 0) is how the SVG writer spells a solid line; a dash has a gap
      java.util.regex.Matcher dash = java.util.regex.Pattern.compile("stroke-dasharray:\\s*([0-9.,\\s]+)").matcher(svg);
      while (dash.find()) {
        String[] parts = dash.group(1).trim().split("\\s*,\\s*");
        for (int i = 1; i < parts.length; i += 2) {
          assertEquals(0, Double.parseDouble(parts[i]), 0, f.title() + " draws a dashed line: "
              + svg.substring(Math.max(0, dash.start() - 300), Math.min(svg.length(), dash.end() + 60)));
        }
      }
    }
  }

  @Test
  void beeswarmShowsOnlyTheTopFeaturesByMeanAbsoluteAttribution() {
    List<String> names = List.of("small", "largest", "medium", "tiny");
    double[] scale = {0.5, 3, 1, 0.1};
    Random rnd = new Random(11);
    double[][] a = new double[200][4];
    double[][] v = new double[200][4];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 4; j++) {
        v[i][j] = rnd.nextGaussian();
        a[i][j] = scale[j] * v[i][j];
      }
    }
    List<String> texts = Svg.texts(Charts.beeswarm(names, a, v, SMALL.maxFeatures(3)).toSvg());
    assertTrue(texts.containsAll(List.of("largest", "medium", "small")), texts.toString());
    assertFalse(texts.contains("tiny"), "tiny has the smallest mean |attribution| and must be left out");
    // rows are drawn bottom to top, so the most important comes last among the row labels
    assertTrue(texts.indexOf("small") < texts.indexOf("medium") && texts.indexOf("medium") < texts.indexOf("largest"),
        "row order should be small, medium, largest from the bottom: " + texts);
  }

  @Test
  void beeswarmColoursHighFeatureValuesRedAndLowBlue() {
    // one feature: attribution = value, so high values (red) sit right of zero and low values (blue) left
    int n = 300;
    double[][] a = new double[n][1];
    double[][] v = new double[n][1];
    for (int i = 0; i < n; i++) {
      v[i][0] = -1 + 2.0 * i / (n - 1);
      a[i][0] = v[i][0];
    }
    Figure f = Charts.beeswarm(List.of("x"), a, v, SMALL);
    BufferedImage img = f.toImage();
    int mid = img.getWidth() * 0 + findZeroColumn(img);
    int redLeft = Svg.count(img, Theme.lowHigh(1.0), 60, 0, mid);
    int redRight = Svg.count(img, Theme.lowHigh(1.0), 60, mid, img.getWidth() - 80);
    int blueLeft = Svg.count(img, Theme.lowHigh(0.0), 60, 0, mid);
    int blueRight = Svg.count(img, Theme.lowHigh(0.0), 60, mid, img.getWidth() - 80);
    assertTrue(redRight > 5 * Math.max(1, redLeft), "red (high value) dots should be right of zero: " + redLeft + " vs " + redRight);
    assertTrue(blueLeft > 5 * Math.max(1, blueRight), "blue (low value) dots should be left of zero: " + blueLeft + " vs " + blueRight);
  }

  /** The plot's horizontal middle, where attribution 0 is for symmetric data. */
  private static int findZeroColumn(BufferedImage img) {
    // the grey zero line is the longest vertical run of the reference grey
    int best = img.getWidth() / 2;
    int bestRun = 0;
    for (int x = 0; x < img.getWidth() - 80; x++) {
      int run = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        if (Math.abs(r - 0x88) < 30 && Math.abs(g - 0x88) < 30 && Math.abs(b - 0x88) < 30) {
          run++;
        }
      }
      if (run > bestRun) {
        bestRun = run;
        best = x;
      }
    }
    return best;
  }

  @Test
  void swarmOffsetsGrowWithLocalDensityAndStayInTheRow() {
    double[] a = new double[41];
    for (int i = 0; i < 40; i++) {
      a[i] = 0.5; // a dense cluster
    }
    a[40] = 3.0; // one lonely dot
    double[] off = Charts.swarmOffsets(a, 0, 3, 0.4);
    assertEquals(0.0, off[40], 0.0, "a dot alone in its bin stays on the row centre");
    double maxAbs = Arrays.stream(off).limit(40).map(Math::abs).max().orElseThrow();
    assertTrue(maxAbs > 0.3 && maxAbs <= 0.4 + 1e-12, "the dense cluster fills the row height: " + maxAbs);
    assertEquals(40, Arrays.stream(off).limit(40).distinct().count(), "no two dots of the cluster overlap");
  }

  @Test
  void waterfallColoursPositiveRedNegativeBlueAndTitlesThePrediction() {
    List<String> names = List.of("up", "down");
    Figure both = Charts.waterfall(names, new double[] {0.8, -0.3}, new double[] {1.5, 2.0}, 0.2, SMALL);
    assertEquals("Prediction f(x) = 0.7 from base value E[f(X)] = 0.2", both.title());
    BufferedImage img = both.toImage();
    assertTrue(Svg.count(img, Theme.POSITIVE, 10) > 500, "positive bar should be red");
    assertTrue(Svg.count(img, Theme.NEGATIVE, 10) > 200, "negative bar should be blue");
    List<String> texts = Svg.texts(both.toSvg());
    assertTrue(texts.containsAll(List.of("up = 1.5", "down = 2", "+0.8", "\u22120.3")), texts.toString());

    Figure onlyUp = Charts.waterfall(names, new double[] {0.8, 0.3}, null, 0.2, SMALL);
    assertEquals(0, Svg.count(onlyUp.toImage(), Theme.NEGATIVE, 10), "no negative attribution, no blue bar");
  }

  @Test
  void waterfallFoldsTheRestIntoOtherFeatures() {
    List<String> names = List.of("a", "b", "c", "d", "e");
    double[] attr = {0.5, -0.1, 0.05, 0.3, -0.02};
    List<String> texts = Svg.texts(Charts.waterfall(names, attr, null, 0, SMALL.maxFeatures(2)).toSvg());
    assertTrue(texts.containsAll(List.of("a", "d", "3 other features")), texts.toString());
    // the three smallest sum to -0.07
    assertTrue(texts.contains("\u22120.07"), texts.toString());
  }

  @Test
  void confusionMatrixAnnotatesEveryCountAndReportsAccuracy() {
    int[][] cm = {{50, 3, 0}, {4, 41, 7}, {1, 2, 44}};
    Figure f = Charts.confusionMatrix(cm, List.of("cat", "dog", "fox"), SMALL);
    assertEquals(String.format(java.util.Locale.ROOT, "Confusion matrix (accuracy %.1f%%, n = 152)",
        100.0 * 135 / 152), f.title());
    List<String> texts = Svg.texts(f.toSvg());
    for (int[] row : cm) {
      for (int c : row) {
        assertTrue(texts.contains(Integer.toString(c)), "count " + c + " missing from " + texts);
      }
    }
  }

  @Test
  void signalBandIsRedWhereAttributionIsPositiveOnly() {
    int n = 720;
    double[][] s = new double[1][n];
    double[][] a = new double[1][n];
    for (int i = 0; i < n; i++) {
      s[0][i] = Math.sin(2 * Math.PI * i / 90.0);
      a[0][i] = i < n / 2 ? 1.0 : 0.0;
    }
    BufferedImage img = Charts.signalAttribution(s, a, 360, List.of("lead"), SMALL).toImage();
    int plotRight = img.getWidth() - 74;
    int left = reddish(img, 0, plotRight / 2);
    int right = reddish(img, plotRight / 2 + 40, plotRight);
    assertTrue(left > 2000 && right < left / 20, "red band only over the first second: " + left + " vs " + right);
    assertTrue(Svg.texts(Charts.signalAttribution(s, a, 360, List.of("lead"), SMALL).toSvg()).contains("Time (s)"));
  }

  /** Pixels clearly red (red channel well above green and blue). */
  private static int reddish(BufferedImage img, int x0, int x1) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = x0; x < x1; x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        if (r > g + 60 && r > b + 60) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void imageOverlayShowsPositiveRedAndNegativeBlue() {
    double[][] img = new double[4][4];
    double[][] attr = new double[4][4];
    attr[0][0] = 2;
    attr[3][3] = -2;
    Map<String, double[][]> m = new LinkedHashMap<>();
    m.put("saliency", attr);
    Figure f = Charts.imageAttribution(img, m, SMALL);
    BufferedImage out = f.toImage();
    assertTrue(Svg.count(out, Theme.diverging(1), 12) > 400, "positive pixel should be strong red");
    assertTrue(Svg.count(out, Theme.diverging(-1), 12) > 400, "negative pixel should be strong blue");
    assertEquals("Attribution: saliency", f.title());
  }

  @Test
  void curvesLegendShowsScoreWithThreeDecimals() {
    Curve a = new Curve("model A", new double[] {0, 0.2, 1}, new double[] {0, 0.8, 1}, 0.8);
    List<String> texts = Svg.texts(Charts.roc(List.of(a), SMALL).toSvg());
    assertTrue(texts.contains("model A (AUC = 0.800)"), texts.toString());
    List<String> di = Svg.texts(Charts.deletionInsertion(List.of(
        new Curve("deletion", new double[] {0, 0.5, 1}, new double[] {0.9, 0.4, 0.1}, 0.45)), SMALL).toSvg());
    assertTrue(di.contains("deletion (AUC = 0.450)"), di.toString());
  }

  @Test
  void importanceSortsLargestFirstAtTheTop() {
    List<String> texts = Svg.texts(Charts.importance(List.of("low", "high", "mid"), new double[] {0.1, 0.9, 0.5},
        new double[] {0.01, 0.05, 0.02}, SMALL).toSvg());
    // drawn bottom to top
    assertTrue(texts.indexOf("low") < texts.indexOf("mid") && texts.indexOf("mid") < texts.indexOf("high"), texts.toString());
  }

  @Test
  void optionsFillTitlesLabelsAndUnits() {
    Curve c = Curve.of("m", new double[] {0, 1}, new double[] {0, 1});
    Figure f = Charts.calibration(List.of(c), ChartOptions.defaults().size(500, 300).title("My title")
        .xLabel("predicted").xUnit("p").yLabel("observed"));
    assertEquals("My title", f.title());
    assertEquals(500, f.width());
    List<String> texts = Svg.texts(f.toSvg());
    assertTrue(texts.containsAll(List.of("My title", "predicted (p)", "observed", "m")), texts.toString());
  }

  @Test
  void themePalettesAreCentredAndOrdered() {
    Color zero = Theme.diverging(0);
    assertTrue(zero.getRed() > 240 && zero.getGreen() > 240 && zero.getBlue() > 240, "zero is near white: " + zero);
    assertTrue(Theme.diverging(-1).getBlue() > Theme.diverging(-1).getRed(), "negative is blue");
    assertTrue(Theme.diverging(1).getRed() > Theme.diverging(1).getBlue(), "positive is red");
    assertEquals(Theme.diverging(1), Theme.diverging(5), "clamped");
    assertTrue(Theme.sequential(0).getRed() > Theme.sequential(1).getRed(), "sequential darkens");
    assertEquals(new Color(0x0072B2), Theme.categorical(0));
    assertEquals(Theme.categorical(0), Theme.categorical(8), "wraps after eight");
  }
}
