package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.workbench.data.Datasets;
import io.workbench.display.Displayable;
import io.workbench.kernel.render.Renderers;
import io.workbench.kernel.render.TableRender;
import io.workbench.plot.XChartFigure;
import io.workbench.progress.ProgressEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** MIME bundles for tables, charts, figures, workbench values and progress bars. */
class RenderersTest {

  private static String count(String s, String part) {
    return String.valueOf(s.split(java.util.regex.Pattern.quote(part), -1).length - 1);
  }

  @Test
  void longTableIsTruncatedWithRowCount() throws Exception {
    Table t = Datasets.breastCancer().table();
    DisplayData d = Renderers.render(t, null, Set.of());
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("569 rows \u00d7 31 columns (showing 20)"), html.substring(0, 300));
    assertEquals("22", count(html, "<tr>"), "header + 15 first + ellipsis + 5 last rows");
    assertTrue(html.contains("<th>14</th>") && !html.contains("<th>15</th>") && html.contains("<th>564</th>")
        && html.contains("<th>568</th>"), "first 15 and last 5 rows");
    // first value of the shipped CSV (read independently of Tablesaw)
    Path csv;
    try (var files = Files.list(Path.of("..", "datasets", "breast-cancer"))) {
      csv = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    String firstValue = Files.readAllLines(csv).get(1).split(",")[0];
    assertTrue(html.contains("<th>0</th><td>" + firstValue + "</td>"), "first cell " + firstValue);
    String text = (String) d.getData(MIMEType.TEXT_PLAIN);
    assertTrue(text.endsWith("[569 rows x 31 columns]"));
    assertEquals(1 + 21 + 1, text.split("\n").length, "header, 21 shown rows, size line");
  }

  @Test
  void shortTableIsCompleteAndEscaped() {
    Table t = Table.create("tags", StringColumn.create("tag", "<b>&", "plain"));
    String html = TableRender.html(t, 20);
    assertTrue(html.contains("<td>&lt;b&gt;&amp;</td>"), html);
    assertTrue(html.contains("2 rows \u00d7 1 column") && !html.contains("showing"), html);
  }

  @Test
  void chartsRenderAsPngAndSvgOnRequest() throws Exception {
    XYChart c = new XYChartBuilder().width(300).height(180).title("loss").build();
    c.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});
    DisplayData png = Renderers.render(c, null, Set.of());
    byte[] bytes = Base64.getDecoder().decode((String) png.getData(MIMEType.IMAGE_PNG));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    assertEquals(600, img.getWidth());
    assertEquals(360, img.getHeight());
    assertFalse(png.hasDataForType(MIMEType.IMAGE_SVG));

    DisplayData svg = Renderers.render(XChartFigure.of(c), null, Set.of("image/svg+xml"));
    assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
    assertFalse(svg.hasDataForType(MIMEType.IMAGE_PNG), "only what was asked for, plus text");
    assertEquals("Figure['loss', 300x180]", svg.getData(MIMEType.TEXT_PLAIN));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Renderers.render(c, null, Set.of("image/gif")));
    assertTrue(e.getMessage().contains("Unknown MIME type 'image/gif'"), e.getMessage());
  }

  @Test
  void displayablesGetHtmlAndTextAndOthersText() {
    Displayable metric = new Displayable() {
      @Override
      public String toHtml() {
        return "<b>accuracy 0.97</b>";
      }

      @Override
      public String toText() {
        return "accuracy 0.97";
      }
    };
    DisplayData d = Renderers.render(metric, null, Set.of());
    assertEquals("<b>accuracy 0.97</b>", d.getData(MIMEType.TEXT_HTML));
    assertEquals("accuracy 0.97", d.getData(MIMEType.TEXT_PLAIN));
    DisplayData plain = Renderers.render(java.util.List.of(1, 2), null, Set.of());
    assertEquals("[1, 2]", plain.getData(MIMEType.TEXT_PLAIN));
    assertFalse(plain.hasDataForType(MIMEType.TEXT_HTML));
    assertEquals("\"s\"", Renderers.render("s", "\"s\"", Set.of()).getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void progressBarHtmlShowsFractionAndFinalCount() {
    String html = NotebookProgressBar.html(new ProgressEvent("train <net>", 3, 4, "epoch 3/4", Map.of(), false));
    assertTrue(html.contains("value=\"0.7500\"") && html.contains("75%"), html);
    assertTrue(html.contains("train &lt;net&gt;"), html);
    String done = NotebookProgressBar.html(new ProgressEvent("train", 4, 4, "", Map.of(), true));
    assertTrue(done.contains("(4/4 done)"), done);
    String stopped = NotebookProgressBar.html(new ProgressEvent("probing", 14, 141, "done", Map.of(), true));
    assertTrue(stopped.contains("(stopped at 14/141)") && !stopped.contains("done)"), stopped);
    String nested = NotebookProgressBar.html(
        new ProgressEvent("cross-validation", 2, 5, "fold 3/5: epoch 12/40", Map.of(), false, 0.46));
    assertTrue(nested.contains("value=\"0.4600\"") && nested.contains("46%"), nested);
    String unknown = NotebookProgressBar.html(new ProgressEvent("scan", 7, -1, "", Map.of(), false));
    assertTrue(unknown.contains("<progress style=\"width:20em\"></progress>"), unknown);
  }
}
