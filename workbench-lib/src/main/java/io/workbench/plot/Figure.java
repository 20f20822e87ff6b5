package io.workbench.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.workbench.io.AtomicFiles;
import java.nio.file.Path;

/**
 * A rendered-on-demand chart: PNG and SVG at its size, and a bitmap for inline display.
 *
 * <pre>{@code
 * Figure f = history.plot();
 * f.savePng(Path.of("history.png"));
 * String svg = f.toSvg();
 * }</pre>
 */
public interface Figure {

  /** Width in pixels (at 72 DPI; PNGs at a higher DPI scale up). */
  int width();

  /** Height in pixels (at 72 DPI). */
  int height();

  /** The chart title (may be empty). */
  String title();

  /** The chart as a bitmap at its size. */
  BufferedImage toImage();

  /** PNG bytes at the given DPI (72 gives {@link #width()} x {@link #height()} pixels). */
  byte[] toPng(int dpi);

  /** PNG bytes at 72 DPI. */
  default byte[] toPng() {
    return toPng(72);
  }

  /** The chart as an SVG document. */
  String toSvg();

  /**
   * Draws this figure into an area of another figure (multi-panel layouts). The default draws the
   * bitmap scaled to the area; vector figures override it so SVG output stays vector.
   */
  default Painter painter() {
    return (g, w, h) -> g.drawImage(toImage(), 0, 0, w, h, null);
  }

  /**
   * Writes a PNG (72 DPI) and returns the path. The file is replaced atomically: a failed write (a full disk)
   * leaves a previous file of that name as it was.
   */
  default Path savePng(Path file) {
    return write(file, toPng());
  }

  /** Writes an SVG (replacing a previous file atomically, as {@link #savePng}) and returns the path. */
  default Path saveSvg(Path file) {
    return write(file, toSvg().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Path write(Path file, byte[] bytes) {
    if (file == null) {
      throw new IllegalArgumentException("Cannot save a chart: the file path is null");
    }
    try {
      return AtomicFiles.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write chart to " + file.toAbsolutePath(), e);
    }
  }
}
