package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** SVG text survives XChart's outline drawing; stacked and canvas figures render at their size. */
class FigureSvgTextTest {

  @Test
  void plainXChartChartKeepsItsLabelsAsTextIncludingTheRotatedYTitle() {
    // a chart built with XChart's own defaults, not the workbench theme
    XYChart c = new XYChartBuilder().width(500).height(300).title("Plain & <XChart>").xAxisTitle("time")
        .yAxisTitle("voltage").build();
    c.addSeries("lead I", new double[] {0, 1, 2}, new double[] {1, 3, 2});
    String svg = XChartFigure.of(c).toSvg();
    List<String> texts = Svg.texts(svg);
    assertTrue(texts.containsAll(List.of("Plain & <XChart>", "time", "voltage", "lead I")), texts.toString());
    NodeList nodes = Svg.parse(svg).getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      if ("voltage".equals(nodes.item(i).getTextContent())) {
        String transform = ((Element) nodes.item(i).getParentNode()).getAttribute("transform");
        // SVG allows commas or spaces between matrix numbers: compare the numbers themselves
        String[] m = transform.replaceAll("^matrix\\(|\\)$", "").split("[ ,]+");
        assertTrue(transform.startsWith("matrix(") && m.length == 6
            && Double.parseDouble(m[0]) == 0 && Double.parseDouble(m[1]) == -1
            && Double.parseDouble(m[2]) == 1 && Double.parseDouble(m[3]) == 0,
            "y title should be turned a quarter left: " + transform);
      }
    }
    // the glyphs are not also drawn as outlines: the few paths left are the series, markers and frame
    int paths = svg.split("<path", -1).length - 1;
    assertTrue(paths < 12, "expected no glyph outlines, found " + paths + " paths");
  }

  @Test
  void nonTextShapesAreLeftAsShapes() {
    Painter p = (g, w, h) -> {
      g.setColor(Color.RED);
      g.fill(new Ellipse2D.Double(10, 10, 50, 50));
      g.setFont(Theme.TICK_FONT);
      g.drawString("label", 80, 40);
    };
    String svg = CanvasFigure.of("shapes", 200, 100, p).toSvg();
    assertTrue(svg.contains("<path") || svg.contains("<ellipse") || svg.contains("<circle"), "the circle stays a shape");
    assertEquals(List.of("label"), Svg.texts(svg));
  }

  @Test
  void stackFigureRendersAllPanelsAtItsSize(@TempDir Path dir) throws Exception {
    XYChart a = Theme.style(new XYChartBuilder().width(10).height(10).title("top panel").build());
    a.addSeries("a", new double[] {0, 1}, new double[] {0, 1});
    XYChart b = Theme.style(new XYChartBuilder().width(10).height(10).title("bottom panel").build());
    b.addSeries("b", new double[] {0, 1}, new double[] {1, 0});
    StackFigure f = StackFigure.vertical("Two panels", 400, 500, List.of(XChartFigure.of(a), XChartFigure.of(b)));
    BufferedImage img = Svg.png(f.toPng(96));
    assertEquals(Math.round(400 * 96 / 72.0), img.getWidth());
    assertEquals(Math.round(500 * 96 / 72.0), img.getHeight());
    List<String> texts = Svg.texts(f.toSvg());
    assertTrue(texts.containsAll(List.of("Two panels", "top panel", "bottom panel", "a", "b")), texts.toString());
    Path png = f.savePng(dir.resolve("sub/stack.png"));
    Path svg = f.saveSvg(dir.resolve("sub/stack.svg"));
    assertEquals(400, Svg.png(Files.readAllBytes(png)).getWidth());
    assertTrue(Files.readString(svg).contains("Two panels"));
    assertThrows(IllegalArgumentException.class, () -> StackFigure.vertical("none", 100, 100, List.of()));
  }
}
