package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import io.workbench.kernel.jjava.WorkbenchExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;

/** The JJava extension: its service file, and JJava's own renderer producing workbench output. */
class JJavaExtensionTest {

  @Test
  void serviceFileNamesTheExtension() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org.dflib.jjava.jupyter.Extension")) {
      assertEquals(WorkbenchExtension.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    }
    assertTrue(org.dflib.jjava.jupyter.Extension.class.isAssignableFrom(WorkbenchExtension.class));
  }

  @Test
  void jjavaRendererShowsTablesAndCharts() {
    Renderer r = new Renderer();
    WorkbenchExtension.register(r);
    DisplayData table = r.render(Datasets.iris().table());
    assertTrue(((String) table.getData(MIMEType.TEXT_HTML)).contains("150 rows"));
    var chart = new XYChartBuilder().width(100).height(80).build();
    chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
    DisplayData png = r.render(chart);
    assertTrue(((String) png.getData(MIMEType.IMAGE_PNG)).startsWith("iVBOR"), "base64 PNG");
  }
}
