package io.workbench.signal;

import io.workbench.display.Displayable;
import io.workbench.plot.Figure;
import io.workbench.plot.XChartFigure;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A one-sided power spectral density: frequencies in hertz and power per hertz (squared signal units
 * per Hz), as computed by {@link Welch#psd}.
 *
 * <pre>{@code
 * Spectrum s = Welch.psd(samples, 128);
 * double mu = s.bandPower(Band.MU);      // integral of the density over 8-12 Hz
 * s.plot();
 * }</pre>
 */
public final class Spectrum implements Displayable {

  private final double[] frequencies;
  private final double[] density;

  /** A spectrum from frequencies (ascending, evenly spaced) and densities of the same length. */
  public Spectrum(double[] frequencies, double[] density) {
    if (frequencies.length != density.length || frequencies.length < 2) {
      throw new IllegalArgumentException(
          "A spectrum needs at least 2 frequencies and one density per frequency, got " + frequencies.length
              + " and " + density.length);
    }
    this.frequencies = frequencies.clone();
    this.density = density.clone();
  }

  /** Frequencies in Hz. */
  public double[] frequencies() {
    return frequencies.clone();
  }

  /** Power spectral density at each frequency. */
  public double[] density() {
    return density.clone();
  }

  /** Frequency resolution (bin width) in Hz. */
  public double resolution() {
    return frequencies[1] - frequencies[0];
  }

  /**
   * Power in {@code [low, high]} Hz: the sum of the densities of the bins inside, times the bin width
   * (over all bins this equals the signal's variance, by Parseval).
   */
  public double bandPower(double low, double high) {
    if (!(high > low)) {
      throw new IllegalArgumentException("bandPower needs low < high, got " + low + ", " + high);
    }
    double sum = 0;
    for (int i = 0; i < frequencies.length; i++) {
      if (frequencies[i] >= low - 1e-12 && frequencies[i] <= high + 1e-12) {
        sum += density[i];
      }
    }
    return sum * resolution();
  }

  /** Power in a band. */
  public double bandPower(Band band) {
    return bandPower(band.low(), band.high());
  }

  /** The frequency with the highest density in {@code [low, high]} Hz. */
  public double peakFrequency(double low, double high) {
    int best = -1;
    for (int i = 0; i < frequencies.length; i++) {
      if (frequencies[i] >= low && frequencies[i] <= high && (best < 0 || density[i] > density[best])) {
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("No frequency bin in [" + low + ", " + high + "] Hz");
    }
    return frequencies[best];
  }

  /** Columns {@code frequency} and {@code density}. */
  public Table toTable() {
    return Table.create("spectrum", DoubleColumn.create("frequency", frequencies), DoubleColumn.create("density", density));
  }

  /** The density on a logarithmic axis against frequency. */
  public Figure plot() {
    XYChart c = new XYChartBuilder().width(700).height(400).title("power spectral density")
        .xAxisTitle("frequency (Hz)").yAxisTitle("power / Hz").build();
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendVisible(false);
    double[] d = new double[density.length];
    double floor = Double.MAX_VALUE;
    for (double v : density) {
      if (v > 0) {
        floor = Math.min(floor, v);
      }
    }
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.max(density[i], floor == Double.MAX_VALUE ? 1e-30 : floor);
    }
    c.addSeries("psd", frequencies, d).setMarker(SeriesMarkers.NONE);
    return XChartFigure.of(c);
  }

  @Override
  public String toHtml() {
    return "<div>Spectrum: " + frequencies.length + " bins, " + resolution() + " Hz apart, up to "
        + frequencies[frequencies.length - 1] + " Hz</div>";
  }

  @Override
  public String toString() {
    return "Spectrum[" + frequencies.length + " bins, resolution " + resolution() + " Hz]";
  }
}
