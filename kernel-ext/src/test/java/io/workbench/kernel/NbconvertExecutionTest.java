package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebooks executed by Jupyter's own tools ({@code jupyter nbconvert --to notebook --execute}, nbclient)
 * against the kernelspec installed into a temporary prefix: an HTML table, a PNG chart, a progress bar in
 * its final state, and the failing cell reported as an error.
 */
class NbconvertExecutionTest {

  @TempDir
  Path tmp;

  private JupyterTools.Proc nbconvert(Path jupyterPath, Path in, Path out, boolean allowErrors) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(JupyterTools.python(), "-m", "nbconvert",
        "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=workbench-test",
        "--ExecutePreprocessor.timeout=120", "--output", out.toString(), in.toString()));
    if (allowErrors) {
      cmd.add("--allow-errors");
    }
    return JupyterTools.run(cmd, tmp, Map.of("JUPYTER_PATH", jupyterPath.toString()), 240);
  }

  @Test
  void executesRichNotebookAndReportsTheError() throws Exception {
    Path jp = JupyterTools.installKernel(tmp.resolve("prefix"));
    Path in = NotebookFixtures.write(tmp.resolve("rich.ipynb"),
        NotebookFixtures.notebook("workbench-test", NotebookFixtures.RICH));
    Path out = tmp.resolve("rich.out.ipynb");
    JupyterTools.Proc p = nbconvert(jp, in, out, true);
    assertEquals(0, p.exit(), p.output());
    ObjectNode nb = Notebooks.read(out);
    JsonNode cells = nb.get("cells");

    JsonNode table = cells.get(0).at("/outputs/0");
    assertEquals("execute_result", table.get("output_type").asText());
    String html = Notebooks.source(wrap(table.at("/data/text~1html")));
    assertTrue(html.contains("<table") && html.contains("150 rows"), html);

    JsonNode chart = cells.get(1).at("/outputs/0/data");
    byte[] png = Base64.getDecoder().decode(chart.get("image/png").asText().replace("\n", ""));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(640, img.getWidth(), "PNG at twice the 320-pixel nominal width");
    assertEquals(400, img.getHeight());

    JsonNode progress = cells.get(2).get("outputs");
    assertEquals(1, progress.size(), "one display, updated in place: " + progress);
    assertEquals("display_data", progress.get(0).get("output_type").asText());
    String bar = Notebooks.source(wrap(progress.get(0).at("/data/text~1plain")));
    assertTrue(bar.contains("100%") && bar.contains("step 40"), "final state: " + bar);
    assertTrue(Notebooks.source(wrap(progress.get(0).at("/data/text~1html"))).contains("value=\"1.0000\""));

    JsonNode error = cells.get(3).at("/outputs/0");
    assertEquals("error", error.get("output_type").asText());
    assertEquals("EvalException", error.get("ename").asText());
    assertTrue(error.get("evalue").asText().startsWith("java.lang.ArrayIndexOutOfBoundsException"),
        error.toString());
  }

  @Test
  void failingCellFailsTheRunWithoutAllowErrors() throws Exception {
    Path jp = JupyterTools.installKernel(tmp.resolve("prefix"));
    Path in = NotebookFixtures.write(tmp.resolve("fail.ipynb"),
        NotebookFixtures.notebook("workbench-test", "int ok = 1;", "Object o = null;\no.hashCode();"));
    JupyterTools.Proc p = nbconvert(jp, in, tmp.resolve("fail.out.ipynb"), false);
    assertNotEquals(0, p.exit());
    assertTrue(p.output().contains("CellExecutionError") && p.output().contains("NullPointerException"),
        p.output());
  }

  private static JsonNode wrap(JsonNode text) {
    return Notebooks.JSON.createObjectNode().set("source", text);
  }
}
