package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image grid (issue 13 point 6, issue 15: digit captions overlapped in notebook 07): size, ink,
 * captions as SVG text, caption boxes that never intersect each other or an image, and bad input.
 */
class ImageGridTest {

  private static final Dataset DIGITS = Datasets.digits();

  private static List<String> captions(int n, String pattern) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format(pattern, i, DIGITS.y()[i]));
    }
    return out;
  }

  @Test
  void digitsWithCaptionsRenderAsTextAndNeverOverlap() {
    float[][] x = DIGITS.x(java.util.stream.IntStream.range(0, 16).toArray());
    List<String> caps = captions(16, "row %d: true %d, suggested label 3 (!)");
    Figure f = Charts.imageGrid(x, DIGITS.sampleShape(), caps, 8);
    assertEquals(ChartOptions.DEFAULT_WIDTH, f.width());
    BufferedImage png = Svg.png(f.toPng());
    assertEquals(f.height(), png.getHeight());
    double ink = Svg.inkShare(png);
    assertTrue(ink > 0.05 && ink < 0.9, "ink share " + ink);
    String texts = String.join("|", Svg.texts(f.toSvg()));
    assertTrue(texts.contains("row 0:"), texts);
    assertTrue(texts.contains("row 15:"), texts);

    ImageGrid grid = new ImageGrid("", planes(x), caps, List.of(), List.of(), 8, ChartOptions.DEFAULT_WIDTH);
    List<ImageGrid.Line> lines = grid.lines();
    assertTrue(lines.size() >= 16, "each caption has at least one line: " + lines.size());
    for (int a = 0; a < lines.size(); a++) {
      Rectangle2D box = lines.get(a).box();
      assertTrue(box.getMaxX() <= ChartOptions.DEFAULT_WIDTH, "caption '" + lines.get(a).text() + "' leaves the figure");
      for (int b = a + 1; b < lines.size(); b++) {
        assertFalse(box.intersects(lines.get(b).box()),
            "captions '" + lines.get(a).text() + "' and '" + lines.get(b).text() + "' overlap");
      }
      for (int i = 0; i < 16; i++) {
        assertFalse(box.intersects(grid.panelBox(i)), "caption '" + lines.get(a).text() + "' covers image " + i);
      }
    }
  }

  @Test
  void longCaptionsWrapThenGetCut() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
    g.setFont(Theme.TICK_FONT);
    var fm = g.getFontMetrics();
    List<String> one = ImageGrid.wrap("true 7, pred 7", fm, 200);
    assertEquals(List.of("true 7, pred 7"), one);
    List<String> wrapped = ImageGrid.wrap("given 4 -> suggested 9, flipped by the noise model", fm, 90);
    assertEquals(2, wrapped.size(), wrapped.toString());
    assertTrue(wrapped.get(1).endsWith("\u2026"), "the rest is cut with an ellipsis: " + wrapped);
    for (String line : wrapped) {
      assertTrue(fm.stringWidth(line) <= 90, "'" + line + "' is wider than its cell");
    }
    assertEquals(List.of(), ImageGrid.wrap("  ", fm, 90));
    g.dispose();
  }

  @Test
  void overlaysAddOnePanelPerMethodAndAColourBar() {
    float[][] x = DIGITS.x(new int[] {0, 1, 2});
    double[][] positive = new double[3][64];
    double[][] negative = new double[3][64];
    for (int i = 0; i < 3; i++) {
      positive[i][27] = 1;
      negative[i][36] = -2;
    }
    Map<String, double[][]> overlays = new LinkedHashMap<>();
    overlays.put("occlusion", positive);
    overlays.put("saliency", negative);
    Figure f = Charts.imageGrid(x, new int[] {8, 8}, captions(3, "row %d: %d"), overlays, 3,
        ChartOptions.defaults().title("Digits and two maps"));
    String texts = String.join("|", Svg.texts(f.toSvg()));
    assertTrue(texts.contains("Digits and two maps") && texts.contains("Each cell: input, occlusion, saliency"), texts);
    BufferedImage png = Svg.png(f.toPng());
    assertTrue(Svg.count(png, Theme.diverging(1), 30) > 20, "red overlay pixels");
    assertTrue(Svg.count(png, Theme.diverging(-1), 30) > 20, "blue overlay pixels");
  }

  @Test
  void badInputNamesTheArgument() {
    float[][] x = DIGITS.x(new int[] {0, 1});
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Charts.imageGrid(x, new int[] {8, 7}, null, 2)).getMessage();
    assertTrue(msg.contains("images[0] has 64 values") && msg.contains("[8, 7]"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Charts.imageGrid(x, new int[] {64}, null, 2)).getMessage();
    assertTrue(msg.contains("not an image shape"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Charts.imageGrid(x, new int[] {8, 8}, List.of("one"), 2)).getMessage();
    assertTrue(msg.contains("1 captions for 2 images"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Charts.imageGrid(x, new int[] {8, 8}, null, 0)).getMessage();
    assertTrue(msg.contains("columns is 0"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(x, new int[] {8, 8}, null,
        Map.of("occlusion", new double[1][64]), 2, ChartOptions.defaults())).getMessage();
    assertTrue(msg.contains("overlay 'occlusion' has 1 rows for 2 images"), msg);
    assertThrows(IllegalArgumentException.class, () -> Charts.imageGrid(new float[0][], new int[] {8, 8}, null, 2));
  }

  @Test
  void heatmapShowsNamesAndRejectsNegativeMass() {
    Figure f = Charts.heatmap(List.of("C3", "C4"), List.of("0", "32", "64"), new double[][] {{1, 2, 0}, {0, 3, 1}},
        ChartOptions.defaults().title("Mass per window"));
    List<String> texts = Svg.texts(f.toSvg());
    assertTrue(texts.contains("C3") && texts.contains("64") && texts.contains("Mass per window"), texts.toString());
    assertTrue(Svg.inkShare(Svg.png(f.toPng())) > 0.03);
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Charts.heatmap(List.of("a"), List.of("b"), new double[][] {{-1}})).getMessage();
    assertTrue(msg.contains("values[0][0] is -1.0"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Charts.heatmap(List.of("a", "b"), List.of("b"), new double[][] {{1}})).getMessage();
    assertTrue(msg.contains("rowNames has 2 names"), msg);
  }

  @Test
  void legendEndsAndSignalTicksAreRoundNumbers() {
    assertEquals(1.9, Charts.roundUp(1.8611566225687661), 0);
    assertEquals(0.0026, Charts.roundUp(0.00251), 0);
    assertEquals(1, Charts.roundUp(0), 0);
    // a channel without attribution used to get ticks at every 20th sample (0.15, 0.3, 0.45, 0.59 ...)
    int len = 384;
    double[][] signal = new double[2][len];
    double[][] attribution = new double[2][len];
    for (int k = 0; k < len; k++) {
      signal[0][k] = Math.sin(k / 3.0);
      signal[1][k] = Math.cos(k / 5.0);
      attribution[1][k] = k > 100 && k < 150 ? 1 : 0;
    }
    List<String> texts = Svg.texts(Charts.signalAttribution(signal, attribution, 128, List.of("A", "B")).toSvg());
    List<Double> ticks = texts.stream().filter(t -> t.matches("-?[0-9.]+")).map(Double::valueOf).toList();
    assertTrue(ticks.contains(2.5), texts.toString());
    for (double t : ticks) {
      assertEquals(0, Math.IEEEremainder(t, 0.5), 1e-12, "tick " + t + " is not a multiple of 0.5: " + ticks);
    }
  }

  private static List<double[][]> planes(float[][] x) {
    List<double[][]> out = new ArrayList<>();
    for (float[] row : x) {
      double[][] m = new double[8][8];
      for (int j = 0; j < 64; j++) {
        m[j / 8][j % 8] = row[j];
      }
      out.add(m);
    }
    return out;
  }
}
