package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Writes every chart type as PNG and SVG to {@code target/gallery/} (800 x 500) for a person to look at,
 * and, when {@code -Dworkbench.gallery.docs=DIR} is given, 600 x 400 PNGs to DIR (how docs/gallery is made).
 */
class GalleryTest {

  @Test
  void writesEveryChartType() throws IOException {
    Path dir = Path.of("target", "gallery");
    Files.createDirectories(dir);
    Map<String, Function<ChartOptions, Figure>> charts = Gallery.charts();
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, Function<ChartOptions, Figure>> e : charts.entrySet()) {
      Figure f = e.getValue().apply(ChartOptions.defaults());
      f.savePng(dir.resolve(e.getKey() + ".png"));
      f.saveSvg(dir.resolve(e.getKey() + ".svg"));
      assertTrue(Files.size(dir.resolve(e.getKey() + ".png")) > 5_000, e.getKey() + " PNG is suspiciously small");
      assertTrue(Files.readString(dir.resolve(e.getKey() + ".svg")).contains("<text"), e.getKey() + " SVG has no text");
      written.add(e.getKey());
    }
    assertEquals(15, written.size(), "one gallery entry per chart type: " + written);
    String docs = System.getProperty("workbench.gallery.docs");
    if (docs != null && !docs.isBlank()) {
      Path out = Path.of(docs);
      Files.createDirectories(out);
      for (Map.Entry<String, Function<ChartOptions, Figure>> e : charts.entrySet()) {
        e.getValue().apply(ChartOptions.defaults().size(600, 400)).savePng(out.resolve(e.getKey() + ".png"));
      }
    }
  }
}
