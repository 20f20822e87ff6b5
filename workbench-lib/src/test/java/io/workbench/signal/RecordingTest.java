package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.plot.Figure;
import io.workbench.plot.XChartFigure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/** Recording values, epochs and their datasets. */
class RecordingTest {

  static Recording twoRates() {
    double[] a = new double[1000];
    double[] b = new double[500];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(2 * Math.PI * 10 * i / 100.0);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = 3 + 2 * Math.sin(2 * Math.PI * 2 * i / 50.0);
    }
    return new Recording("demo", List.of(new Channel("EEG", "uV", 100, a), new Channel("Resp", "ml", 50, b)),
        List.of(Annotation.at(1, "go"), new Annotation(4, 2, "rest"), Annotation.at(8, "go")), null);
  }

  @Test
  void accessorsSliceSelectAndErrors() {
    Recording r = twoRates();
    assertEquals(10.0, r.duration(), 1e-12);
    assertEquals(List.of("EEG", "Resp"), r.channelNames());
    Recording s = r.slice(2, 6);
    assertEquals(400, s.channel("EEG").length());
    assertEquals(200, s.channel("Resp").length());
    assertEquals(r.channel("EEG").sample(200), s.channel("EEG").sample(0), 0);
    assertEquals(List.of(new Annotation(2, 2, "rest")), s.annotations());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.channel("ECG"));
    assertTrue(e.getMessage().contains("[EEG, Resp]"), e.getMessage());
    IllegalStateException st = assertThrows(IllegalStateException.class, r::samplingRate);
    assertTrue(st.getMessage().contains("resample"), st.getMessage());
    assertEquals(100.0, r.resample(100).samplingRate());
    assertEquals(1000, r.resample(100).channel("Resp").length());
    e = assertThrows(IllegalArgumentException.class, () -> new Recording("x",
        List.of(new Channel("a", "", 1, new double[1]), new Channel("a", "", 1, new double[1])), List.of(), null));
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Channel("a", "", 0, new double[1]));
    assertTrue(e.getMessage().contains("samplingRate"), e.getMessage());
    assertEquals(java.util.Map.of("go", 2, "rest", 1), r.annotationCounts());
  }

  @Test
  void processingPerChannel() {
    Recording r = twoRates();
    Recording z = r.standardize();
    double[] ms = Signals.meanStd(z.channel("Resp").samples());
    assertEquals(0, ms[0], 1e-12);
    assertEquals(1, ms[1], 1e-12);
    assertEquals("z", z.channel("Resp").unit());
    // each channel is filtered at its own rate: a 5 Hz low-pass scales the 10 Hz EEG sine (100 Hz) and the
    // 2 Hz Resp sine (50 Hz) by their zero-phase gains; the constant 3 passes unchanged
    Filter lp = Filter.lowPass(4, 5);
    Recording f = r.filter(lp);
    double[] eeg = f.channel("EEG").samples();
    double[] eegIn = r.channel("EEG").samples();
    for (int i = 200; i < 800; i++) {
      assertEquals(lp.zeroPhaseGain(10, 100) * eegIn[i], eeg[i], 1e-3);
    }
    double[] resp = f.channel("Resp").samples();
    double[] orig = r.channel("Resp").samples();
    for (int i = 100; i < 400; i++) {
      assertEquals(3 + lp.zeroPhaseGain(2, 50) * (orig[i] - 3), resp[i], 2e-3);
    }
    Table bp = r.bandPower(Band.ALPHA, new Band("slow", 1, 3));
    assertEquals(List.of("channel", "alpha", "slow"), bp.columnNames());
    assertEquals(0.5, bp.doubleColumn("alpha").get(0), 1e-3); // sine of amplitude 1 at 10 Hz
    assertEquals(2.0, bp.doubleColumn("slow").get(1), 1e-2); // amplitude 2 at 2 Hz
  }

  @Test
  void plotAndHtml() {
    Recording r = twoRates();
    Figure f = r.plot();
    XYChart chart = (XYChart) ((XChartFigure) f).chart();
    assertEquals("time (s)", chart.getXAxisTitle());
    assertTrue(chart.getSeriesMap().containsKey("EEG (uV)"));
    assertTrue(chart.getSeriesMap().containsKey("Resp (ml)"));
    XYChart one = (XYChart) ((XChartFigure) r.plot("EEG")).chart();
    assertEquals("uV", one.getYAxisTitle());
    double[] t = one.getSeriesMap().get("EEG").getXData();
    assertEquals(9.99, t[t.length - 1], 1e-9);
    assertTrue(f.toPng().length > 1000);
    assertTrue(f.toSvg().contains("<svg"));
    // a long signal is drawn from per-bucket minima and maxima, keeping its extremes
    double[] spike = new double[100_000];
    spike[54_321] = 7;
    Recording longOne = Recording.of("s", new Channel("x", "mV", 1000, spike));
    XYChart big = (XYChart) ((XChartFigure) longOne.plot(0, longOne.duration())).chart();
    double[] y = big.getSeriesMap().get("x").getYData();
    assertTrue(y.length <= 4000);
    assertEquals(7, java.util.Arrays.stream(y).max().orElse(0), 0);
    assertEquals("s", big.getTitle(), "the whole record needs no window in its title");
    String html = r.toHtml();
    assertTrue(html.contains("<table>") && html.contains("<td>EEG</td>") && html.contains("<td>ml</td>")
        && html.contains("go &times; 2"), html);
    Table summary = r.summary();
    assertEquals(2, summary.rowCount());
    assertEquals(1000, summary.intColumn("samples").get(0));
  }

  @Test
  void plotShowsTheFirstTenSecondsOfALongRecordAndSaysSo() {
    // 300 s at 100 Hz; the value is the time itself, so every plotted point can be checked against its x
    double[] ramp = new double[30_000];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i / 100.0;
    }
    Recording r = Recording.of("208", new Channel("MLII", "mV", 100, ramp))
        .withAnnotations(List.of(new Annotation(5, 0, "N"), new Annotation(65, 0, "V")));
    XYChart first = (XYChart) ((XChartFigure) r.plot()).chart();
    assertEquals("208: 0-10 s of 300 s", first.getTitle());
    double[] t = first.getSeriesMap().get("MLII").getXData();
    assertEquals(0, t[0], 0);
    assertEquals(9.99, t[t.length - 1], 1e-9);
    assertEquals(List.of("MLII", "N"), List.copyOf(first.getSeriesMap().keySet()), "only the onset inside the window");
    XYChart window = (XYChart) ((XChartFigure) r.plot(List.of("MLII"), 60, 70)).chart();
    assertEquals("208: 60-70 s of 300 s", window.getTitle());
    double[] wt = window.getSeriesMap().get("MLII").getXData();
    double[] wy = window.getSeriesMap().get("MLII").getYData();
    assertEquals(60, wt[0], 1e-9);
    assertEquals(69.99, wt[wt.length - 1], 1e-9);
    for (int i = 0; i < wt.length; i++) {
      assertEquals(wt[i], wy[i], 1e-9, "point " + i + " is drawn at its own time");
    }
    assertArrayEquals(new double[] {65}, window.getSeriesMap().get("V").getXData(), 1e-9);
    // a window past the end is cut at the end; one starting after it fails and names the recording's length
    assertEquals("208: 295-300 s of 300 s", ((XChartFigure) r.plot(295, 400)).chart().getTitle());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.plot(300, 310));
    assertTrue(e.getMessage().contains("'208'") && e.getMessage().contains("300 s") && e.getMessage().contains("from=300"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.plot(5, 5));
    assertThrows(IllegalArgumentException.class, () -> r.plot(List.of(), 0, 5));
  }

  @Test
  void epochsWindowsAroundAndDatasets() {
    Recording r = twoRates().resample(100);
    Epochs w = Epochs.windows(r, 2, 1);
    assertEquals(9, w.count());
    assertEquals(200, w.length());
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, w.onsets(), 1e-12);
    Dataset wd = w.toDataset();
    assertEquals(null, wd.target());
    assertArrayEquals(new int[] {2, 200}, wd.sampleShape());

    Epochs e = Epochs.around(r, r.annotations(), 0.5, 1.5);
    assertEquals(List.of("go", "rest"), e.classNames());
    assertArrayEquals(new int[] {0, 1, 0}, e.labels());
    assertArrayEquals(new double[] {0.5, 3.5, 7.5}, e.onsets(), 1e-12);
    float[][] first = e.epoch(0);
    assertEquals((float) r.channel("EEG").sample(50), first[0][0], 0);
    Dataset d = e.toDataset();
    assertEquals(3, d.rows());
    assertEquals("EEG@t0", d.features().get(0));
    assertEquals("Resp@t199", d.features().get(399));
    assertEquals("onset", d.time());
    assertArrayEquals(new int[] {0, 1, 0}, d.y());
    float[][] x = d.x();
    assertEquals(first[1][7], x[0][200 + 7], 0);
    // and back
    Epochs back = Epochs.of(d, 100);
    assertEquals(List.of("EEG", "Resp"), back.channels());
    assertArrayEquals(e.epoch(2)[1], back.epoch(2)[1]);
    // events whose epoch leaves the recording are skipped
    assertEquals(2, Epochs.around(r, r.annotations(), 2, 2).count());
    Epochs z = e.standardize();
    double mean = 0;
    for (float v : z.epoch(1)[0]) {
      mean += v;
    }
    assertEquals(0, mean / 200, 1e-6);
    Dataset bp = e.bandPower(false, Band.ALPHA);
    assertEquals(List.of("EEG alpha", "Resp alpha"), bp.features());
    assertTrue(e.toHtml().contains("<td>go</td><td style=\"text-align:right\">2</td>"), e.toHtml());
    IllegalStateException st = assertThrows(IllegalStateException.class, w::labels);
    assertTrue(st.getMessage().contains("Epochs.around"));
    IllegalStateException rates = assertThrows(IllegalStateException.class, () -> Epochs.windows(twoRates(), 1, 1));
    assertTrue(rates.getMessage().contains("resample"));
  }
}
