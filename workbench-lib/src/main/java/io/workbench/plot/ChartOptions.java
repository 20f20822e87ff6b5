package io.workbench.plot;

/**
 * Size, title, axis labels and units for one chart. Immutable: every setter returns a copy. Empty fields
 * are filled by the chart from its data (feature names, metric names).
 *
 * <pre>{@code
 * ChartOptions o = ChartOptions.defaults().size(600, 400).title("ECG attribution").xUnit("s").yUnit("mV");
 * Figure f = Charts.signalAttribution(signal, attribution, 360, List.of("MLII"), o);
 * }</pre>
 */
public final class ChartOptions {

  /** Default width: fits a notebook output cell. */
  public static final int DEFAULT_WIDTH = 800;
  /** Default height. */
  public static final int DEFAULT_HEIGHT = 500;

  private final int width;
  private final int height;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final String xUnit;
  private final String yUnit;
  private final int maxFeatures;
  private final String valueLabel;

  private ChartOptions(int width, int height, String title, String xLabel, String yLabel, String xUnit,
      String yUnit, int maxFeatures, String valueLabel) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.xUnit = xUnit;
    this.yUnit = yUnit;
    this.maxFeatures = maxFeatures;
    this.valueLabel = valueLabel;
  }

  /** 800 x 500, everything else filled by the chart. */
  public static ChartOptions defaults() {
    return new ChartOptions(DEFAULT_WIDTH, DEFAULT_HEIGHT, "", "", "", "", "", 0, "");
  }

  /** Width and height in pixels at 72 DPI (each 50..10000). */
  public ChartOptions size(int width, int height) {
    if (width < 50 || width > 10_000 || height < 50 || height > 10_000) {
      throw new IllegalArgumentException("size must be within 50..10000 pixels each, got " + width + "x" + height);
    }
    return new ChartOptions(width, height, title, xLabel, yLabel, xUnit, yUnit, maxFeatures, valueLabel);
  }

  /** Chart title; empty means the chart's own default title. */
  public ChartOptions title(String title) {
    return new ChartOptions(width, height, text(title), xLabel, yLabel, xUnit, yUnit, maxFeatures, valueLabel);
  }

  /** X axis label; empty means the chart's default. */
  public ChartOptions xLabel(String label) {
    return new ChartOptions(width, height, title, text(label), yLabel, xUnit, yUnit, maxFeatures, valueLabel);
  }

  /** Y axis label; empty means the chart's default. */
  public ChartOptions yLabel(String label) {
    return new ChartOptions(width, height, title, xLabel, text(label), xUnit, yUnit, maxFeatures, valueLabel);
  }

  /** Unit shown after the x label, as in "time (s)". */
  public ChartOptions xUnit(String unit) {
    return new ChartOptions(width, height, title, xLabel, yLabel, text(unit), yUnit, maxFeatures, valueLabel);
  }

  /** Unit shown after the y label, as in "amplitude (mV)". */
  public ChartOptions yUnit(String unit) {
    return new ChartOptions(width, height, title, xLabel, yLabel, xUnit, text(unit), maxFeatures, valueLabel);
  }

  /** How many features rank-based charts show (0 = the chart's default). */
  public ChartOptions maxFeatures(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxFeatures must be >= 0 (0 = chart default), got " + n);
    }
    return new ChartOptions(width, height, title, xLabel, yLabel, xUnit, yUnit, n, valueLabel);
  }

  /** Width in pixels at 72 DPI. */
  public int width() {
    return width;
  }

  /** Height in pixels at 72 DPI. */
  public int height() {
    return height;
  }

  /** What the colours of a colour bar mean (its caption, e.g. "Ground truth"); empty means the chart's default. */
  public ChartOptions valueLabel(String label) {
    return new ChartOptions(width, height, title, xLabel, yLabel, xUnit, yUnit, maxFeatures, text(label));
  }

  /** The colour bar caption, or {@code fallback} when none was set. */
  public String valueLabelOr(String fallback) {
    return valueLabel.isEmpty() ? fallback : valueLabel;
  }

  /** The title, or {@code fallback} when none was set. */
  public String titleOr(String fallback) {
    return title.isEmpty() ? fallback : title;
  }

  /** The x axis label with its unit, or {@code fallback} (with the unit) when none was set. */
  public String xLabelOr(String fallback) {
    return withUnit(xLabel.isEmpty() ? fallback : xLabel, xUnit);
  }

  /** The y axis label with its unit, or {@code fallback} (with the unit) when none was set. */
  public String yLabelOr(String fallback) {
    return withUnit(yLabel.isEmpty() ? fallback : yLabel, yUnit);
  }

  /** The x unit, possibly empty. */
  public String xUnit() {
    return xUnit;
  }

  /** The y unit, possibly empty. */
  public String yUnit() {
    return yUnit;
  }

  /** The number of features to show, or {@code fallback} when none was set. */
  public int maxFeaturesOr(int fallback) {
    return maxFeatures == 0 ? fallback : maxFeatures;
  }

  private static String withUnit(String label, String unit) {
    return unit.isEmpty() ? label : label + " (" + unit + ")";
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }

  @Override
  public String toString() {
    return "ChartOptions[" + width + "x" + height + ", title='" + title + "']";
  }
}
