package io.workbench.signal;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.Figure;
import io.workbench.plot.Theme;
import io.workbench.plot.XChartFigure;
import io.workbench.run.Workers;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A loaded recording: named channels (each with its own unit and sampling rate), annotations and an
 * optional start time. Read one with {@link Wfdb#read} or {@link Edf#read}, write one with {@link
 * Edf#write}. A recording is a value: processing returns a new recording.
 *
 * <pre>{@code
 * Recording ecg = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
 * ecg.channel("MLII").samplingRate();                     // 360.0
 * Recording clean = ecg.filter(Filter.bandPass(2, 0.5, 40)).standardize();
 * Beats beats = RPeaks.detect(clean.channel("MLII"));
 * Figure f = ecg.plot();                                  // the first 10 s; ecg.plot(60, 90) for another window
 * }</pre>
 */
public final class Recording implements Displayable {

  private static final int PLOT_POINTS = 4000;
  /** Seconds that {@link #plot()} shows from the start (an ECG's beats stay readable in 800 pixels). */
  public static final double PLOT_SECONDS = 10;
  private static final int MARKED_LABELS = 6;

  private final String name;
  private final List<Channel> channels;
  private final List<Annotation> annotations;
  private final LocalDateTime startTime;

  /**
   * A recording from its parts.
   *
   * @param name a name for display (file name, subject)
   * @param channels at least one channel; names must be distinct
   * @param annotations events (may be empty)
   * @param startTime when the recording started, or {@code null} when unknown
   */
  public Recording(String name, List<Channel> channels, List<Annotation> annotations, LocalDateTime startTime) {
    if (channels == null || channels.isEmpty()) {
      throw new IllegalArgumentException("Recording '" + name + "' needs at least one channel");
    }
    Set<String> seen = new HashSet<>();
    for (Channel c : channels) {
      if (c == null) {
        throw new IllegalArgumentException("Recording '" + name + "' has a null channel");
      }
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException(
            "Recording '" + name + "' has two channels named '" + c.name() + "'; channel names must be distinct");
      }
    }
    this.name = name == null ? "" : name;
    this.channels = List.copyOf(channels);
    this.annotations = annotations == null ? List.of() : List.copyOf(annotations);
    this.startTime = startTime;
  }

  /** A recording of the given channels, without annotations or start time. */
  public static Recording of(String name, Channel... channels) {
    return new Recording(name, Arrays.asList(channels), List.of(), null);
  }

  /** The recording's name. */
  public String name() {
    return name;
  }

  /** The channels, in order. */
  public List<Channel> channels() {
    return channels;
  }

  /** Number of channels. */
  public int numChannels() {
    return channels.size();
  }

  /** Channel names, in order. */
  public List<String> channelNames() {
    return channels.stream().map(Channel::name).toList();
  }

  /** The channel at a position. */
  public Channel channel(int index) {
    if (index < 0 || index >= channels.size()) {
      throw new IllegalArgumentException(
          "Channel index " + index + " is outside 0.." + (channels.size() - 1) + " of recording '" + name + "'");
    }
    return channels.get(index);
  }

  /** The channel with this name, or an error that lists the names. */
  public Channel channel(String channelName) {
    return channel(indexOf(channelName));
  }

  /** Position of a channel, or an error that lists the names. */
  public int indexOf(String channelName) {
    return indexOf(channelNames(), channelName, name);
  }

  /** Position of a name among a recording's channel names, or an error that lists them. */
  static int indexOf(List<String> channelNames, String channelName, String recording) {
    int i = channelNames.indexOf(channelName);
    if (i < 0) {
      throw new IllegalArgumentException(
          "No channel '" + channelName + "' in recording '" + recording + "'; channels are " + channelNames);
    }
    return i;
  }

  /** The annotations, in the order read or given. */
  public List<Annotation> annotations() {
    return annotations;
  }

  /** Start date and time, or {@code null} when unknown. */
  public LocalDateTime startTime() {
    return startTime;
  }

  /** The longest channel's duration in seconds. */
  public double duration() {
    return channels.stream().mapToDouble(Channel::duration).max().orElse(0);
  }

  /** The common sampling rate; fails when channels differ (resample first). */
  public double samplingRate() {
    double fs = channels.get(0).samplingRate();
    for (Channel c : channels) {
      if (c.samplingRate() != fs) {
        throw new IllegalStateException(
            "Recording '" + name + "' has several sampling rates " + samplingRates()
                + "; call resample(rate) first to bring every channel to one rate");
      }
    }
    return fs;
  }

  /** Sampling rate per channel name. */
  public Map<String, Double> samplingRates() {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    channels.forEach(c -> out.put(c.name(), c.samplingRate()));
    return out;
  }

  /** The named channels only, in the given order (annotations kept). */
  public Recording select(String... channelNames) {
    if (channelNames.length == 0) {
      throw new IllegalArgumentException("select needs at least one channel name; channels are " + channelNames());
    }
    List<Channel> out = new ArrayList<>();
    for (String n : channelNames) {
      out.add(channel(n));
    }
    return new Recording(name, out, annotations, startTime);
  }

  /** The same recording with other channels (annotations and start time kept). */
  public Recording withChannels(List<Channel> newChannels) {
    return new Recording(name, newChannels, annotations, startTime);
  }

  /** The same recording with other annotations. */
  public Recording withAnnotations(List<Annotation> newAnnotations) {
    return new Recording(name, channels, newAnnotations, startTime);
  }

  /**
   * The part from {@code from} to {@code to} seconds: samples with time {@code from <= t < to}; the
   * annotations whose onset falls inside, shifted to the new start.
   */
  public Recording slice(double from, double to) {
    if (!(from >= 0) || !(to > from)) {
      throw new IllegalArgumentException("slice needs 0 <= from < to seconds, got from=" + from + ", to=" + to);
    }
    List<Channel> out = new ArrayList<>();
    for (Channel c : channels) {
      int a = (int) Math.min(c.length(), Math.ceil(from * c.samplingRate() - 1e-9));
      int b = (int) Math.min(c.length(), Math.ceil(to * c.samplingRate() - 1e-9));
      out.add(c.withSamples(Arrays.copyOfRange(c.view(), a, b)));
    }
    List<Annotation> ann = new ArrayList<>();
    for (Annotation x : annotations) {
      if (x.onset() >= from && x.onset() < to) {
        ann.add(new Annotation(x.onset() - from, x.duration(), x.label()));
      }
    }
    LocalDateTime start = startTime == null ? null : startTime.plusNanos(Math.round(from * 1e9));
    return new Recording(name, out, ann, start);
  }

  /** Every channel filtered with the zero-phase filter (designed for each channel's rate). */
  public Recording filter(Filter filter) {
    return perChannel("filtering", c -> c.withSamples(filter.apply(c.view(), c.samplingRate())));
  }

  /** Every channel resampled to {@code rate} hertz (see {@link Resampler}). */
  public Recording resample(double rate) {
    return resampled(rate, Resampler::resample);
  }

  /**
   * Every channel resampled to {@code rate} hertz by SciPy's {@code resample_poly} method (see
   * {@link Resampler#resamplePoly(double[], double, double)}), channels in parallel on the worker pool.
   *
   * <pre>{@code
   * Recording r250 = rec.resamplePoly(250);   // 360 Hz: up 25, down 36
   * }</pre>
   */
  public Recording resamplePoly(double rate) {
    return resampled(rate, Resampler::resamplePoly);
  }

  /** A resampling method: samples, rate from, rate to. */
  private interface RateChange {
    double[] apply(double[] x, double from, double to);
  }

  private Recording resampled(double rate, RateChange method) {
    return perChannel("resampling", c -> c.samplingRate() == rate ? c
        : c.withSamples(method.apply(c.view(), c.samplingRate(), rate), rate));
  }

  /** The channels mapped one by one on the worker pool ({@link Workers}), in their order. */
  private Recording perChannel(String what, UnaryOperator<Channel> f) {
    Channel[] out = new Channel[channels.size()];
    Workers.forEach(what, out.length, i -> out[i] = f.apply(channels.get(i)));
    return withChannels(List.of(out));
  }

  /** Every channel standardised to mean 0 and standard deviation 1 (see {@link Signals#standardize}). */
  public Recording standardize() {
    List<Channel> out = new ArrayList<>();
    for (Channel c : channels) {
      out.add(new Channel(c.name(), "z", c.samplingRate(), Signals.standardize(c.view())));
    }
    return withChannels(out);
  }

  /**
   * Welch band power per channel and band (see {@link Welch}): a table with a {@code channel} column and
   * one column per band, in squared channel units.
   */
  public Table bandPower(Band... bands) {
    if (bands.length == 0) {
      throw new IllegalArgumentException("bandPower needs at least one band, e.g. Band.ALPHA");
    }
    Table t = Table.create(name + " band power", StringColumn.create("channel", channelNames()));
    for (Band b : bands) {
      double[] p = new double[channels.size()];
      for (int i = 0; i < p.length; i++) {
        Channel c = channels.get(i);
        p[i] = Welch.psd(c.view(), c.samplingRate()).bandPower(b);
      }
      t.addColumns(DoubleColumn.create(b.name(), p));
    }
    return t;
  }

  /** One row per channel: name, unit, rate, samples, duration, min, mean, standard deviation, max. */
  public Table summary() {
    int n = channels.size();
    double[] rate = new double[n];
    int[] len = new int[n];
    double[] dur = new double[n];
    double[] min = new double[n];
    double[] mean = new double[n];
    double[] sd = new double[n];
    double[] max = new double[n];
    for (int i = 0; i < n; i++) {
      Channel c = channels.get(i);
      rate[i] = c.samplingRate();
      len[i] = c.length();
      dur[i] = c.duration();
      double[] s = Signals.meanStd(c.view());
      mean[i] = s[0];
      sd[i] = s[1];
      min[i] = Double.POSITIVE_INFINITY;
      max[i] = Double.NEGATIVE_INFINITY;
      for (double v : c.view()) {
        if (!Double.isNaN(v)) {
          min[i] = Math.min(min[i], v);
          max[i] = Math.max(max[i], v);
        }
      }
    }
    return Table.create(
        name,
        StringColumn.create("channel", channelNames()),
        StringColumn.create("unit", channels.stream().map(Channel::unit).toList()),
        DoubleColumn.create("rate (Hz)", rate),
        IntColumn.create("samples", len),
        DoubleColumn.create("duration (s)", dur),
        DoubleColumn.create("min", min),
        DoubleColumn.create("mean", mean),
        DoubleColumn.create("std", sd),
        DoubleColumn.create("max", max));
  }

  /** Annotation counts per label, sorted by label. */
  public Map<String, Integer> annotationCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    annotations.forEach(a -> counts.merge(a.label(), 1, Integer::sum));
    return counts;
  }

  /**
   * All channels over the first 10 seconds ({@link #PLOT_SECONDS}) in one line chart (time in seconds); the title
   * states the window when the recording is longer. {@link #plot(double, double)} draws another window.
   */
  public Figure plot() {
    return plot(channelNames());
  }

  /** One channel over the first 10 seconds ({@link #PLOT_SECONDS}), its unit on the y axis. */
  public Figure plot(String channelName) {
    return plot(List.of(channelName));
  }

  /** The given channels over the first 10 seconds ({@link #PLOT_SECONDS}); see {@link #plot(List, double, double)}. */
  public Figure plot(List<String> channelNames) {
    return plot(channelNames, 0, Math.min(PLOT_SECONDS, duration()));
  }

  /**
   * All channels from {@code from} to {@code to} seconds ({@code plot(0, duration())} draws the whole record).
   *
   * <pre>{@code
   * Recording ecg = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
   * ecg.plot();            // the first 10 s, "208: 0-10 s of 1805.6 s"
   * ecg.plot(60, 90);      // half a minute from the first minute on
   * }</pre>
   */
  public Figure plot(double from, double to) {
    return plot(channelNames(), from, to);
  }

  /**
   * The given channels from {@code from} to {@code to} seconds in one line chart: time in seconds since the
   * start of the recording on the x axis, the unit on the y axis (the legend names each channel's unit when
   * they differ); the title names the window unless it is the whole recording. Long windows are drawn from
   * their per-pixel minimum and maximum, so peaks stay visible. Annotation onsets inside the window are
   * marked on the first channel, one colour per label ({@code recording.withAnnotations(beats.toAnnotations("R
   * peak"))} marks R peaks).
   */
  public Figure plot(List<String> channelNames, double from, double to) {
    double total = duration();
    if (!(from >= 0) || !(to > from) || !(from < total)) {
      throw new IllegalArgumentException("Recording '" + name + "': plot window needs 0 <= from < to and from "
          + "before the end at " + fmt(total) + " s, got from=" + from + " s, to=" + to + " s");
    }
    if (channelNames == null || channelNames.isEmpty()) {
      throw new IllegalArgumentException("plot needs at least one channel name; channels are " + channelNames());
    }
    double end = Math.min(to, total);
    Recording part = from == 0 && end == total ? this : slice(from, end);
    List<Channel> chosen = new ArrayList<>();
    for (String n : channelNames) {
      chosen.add(part.channel(n));
    }
    Set<String> units = new HashSet<>();
    chosen.forEach(c -> units.add(c.unit()));
    String yTitle = units.size() == 1 ? unitTitle(chosen.get(0).unit()) : "value (units per channel in legend)";
    String title = name.isEmpty() ? "recording" : name;
    if (from > 0 || end < total) {
      title += ": " + fmt(from) + "-" + fmt(end) + " s of " + fmt(total) + " s";
    }
    XYChart chart = Theme.style(new XYChartBuilder().width(800)
        .height(Math.max(300, Math.min(600, 150 + 60 * chosen.size())))
        .title(title).xAxisTitle("time (s)").yAxisTitle(yTitle).build());
    for (Channel c : chosen) {
      double[][] xy = decimate(c, from);
      String label = units.size() == 1 || c.unit().isEmpty() ? c.name() : c.name() + " (" + c.unit() + ")";
      XYSeries s = chart.addSeries(label, xy[0], xy[1]);
      s.setMarker(SeriesMarkers.NONE);
    }
    int marked = part.markAnnotations(chart, chosen.get(0), from);
    chart.getStyler().setLegendVisible(chosen.size() + marked > 1);
    return XChartFigure.of(chart);
  }

  /**
   * Marks every annotation onset on the first plotted channel, one scatter series per label (at most
   * {@value #MARKED_LABELS} labels); returns the number of series added.
   */
  private int markAnnotations(XYChart chart, Channel on, double offset) {
    Map<String, List<double[]>> byLabel = new TreeMap<>();
    for (Annotation a : annotations) {
      int k = a.sample(on.samplingRate());
      if (k >= 0 && k < on.length()) {
        byLabel.computeIfAbsent(a.label(), l -> new ArrayList<>()).add(new double[] {offset + k / on.samplingRate(), on.sample(k)});
      }
    }
    int added = 0;
    for (Map.Entry<String, List<double[]>> e : byLabel.entrySet()) {
      if (added == MARKED_LABELS || chart.getSeriesMap().containsKey(e.getKey())) {
        break;
      }
      List<double[]> pts = e.getValue();
      XYSeries s = chart.addSeries(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(),
          pts.stream().mapToDouble(p -> p[1]).toArray());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      added++;
    }
    return added;
  }

  private static String unitTitle(String unit) {
    return unit.isEmpty() ? "value" : unit;
  }

  /** Times (seconds, shifted by {@code offset}) and values to draw, at most {@value #PLOT_POINTS} points. */
  private static double[][] decimate(Channel c, double offset) {
    double[] v = c.view();
    double fs = c.samplingRate();
    if (v.length <= PLOT_POINTS) {
      double[] t = new double[v.length];
      for (int i = 0; i < t.length; i++) {
        t[i] = offset + i / fs;
      }
      return new double[][] {t, v.clone()};
    }
    int buckets = PLOT_POINTS / 2;
    double[] t = new double[2 * buckets];
    double[] y = new double[2 * buckets];
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * v.length / buckets);
      int to = (int) ((long) (b + 1) * v.length / buckets);
      int iMin = from;
      int iMax = from;
      for (int i = from; i < to; i++) {
        if (v[i] < v[iMin]) {
          iMin = i;
        }
        if (v[i] > v[iMax]) {
          iMax = i;
        }
      }
      int first = Math.min(iMin, iMax);
      int second = Math.max(iMin, iMax);
      t[2 * b] = offset + first / fs;
      y[2 * b] = v[first];
      t[2 * b + 1] = offset + second / fs;
      y[2 * b + 1] = v[second];
    }
    return new double[][] {t, y};
  }

  @Override
  public String toHtml() {
    StringBuilder h = new StringBuilder("<div class=\"workbench-recording\"><b>Recording ")
        .append(escape(name)).append("</b>: ").append(channels.size()).append(" channel(s), ")
        .append(Numbers.format(duration())).append(" s");
    if (startTime != null) {
      h.append(", start ").append(escape(startTime.toString()));
    }
    h.append(Tables.html(summary(), null));
    if (!annotations.isEmpty()) {
      h.append("<p>").append(annotations.size()).append(" annotation(s): ");
      List<String> parts = new ArrayList<>();
      annotationCounts().forEach((k, v) -> parts.add(escape(k.isEmpty() ? "(empty)" : k) + " &times; " + v));
      h.append(String.join(", ", parts)).append("</p>");
    }
    return h.append("</div>").toString();
  }

  private static String fmt(double v) {
    return Numbers.format(v);
  }

  private static String escape(String s) {
    return Tables.escape(s);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Recording[").append(name).append(": ");
    List<String> parts = new ArrayList<>();
    for (Channel c : channels) {
      parts.add(c.name() + " (" + (c.unit().isEmpty() ? "" : c.unit() + ", ") + fmt(c.samplingRate()) + " Hz, "
          + c.length() + " samples)");
    }
    s.append(String.join(", ", parts));
    if (!annotations.isEmpty()) {
      s.append("; ").append(annotations.size()).append(" annotations");
    }
    return s.append(']').toString();
  }
}
