package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The axis view of {@link Attribution}: named axes, sums over axes, mass per channel and per window, on
 * small arrays whose expected values are worked out by hand in the comments (channel-major layout: a
 * signal feature is {@code c * length + t}, an image feature {@code (c * h + i) * w + j}).
 */
class AxisViewTest {

  /** Two channels (C3, C4) of four samples; features "C3@t0".."C4@t3". */
  static Attribution signal(double[][] values, int... targets) {
    List<String> names = new ArrayList<>();
    for (String ch : List.of("C3", "C4")) {
      for (int t = 0; t < 4; t++) {
        names.add(ch + "@t" + t);
      }
    }
    int n = values.length;
    float[][] x = new float[n][8];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 8; j++) {
        x[i][j] = 10 * i + j;
      }
    }
    double[] base = new double[n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (double v : values[i]) {
        out[i] += v;
      }
    }
    return Attribution.builder("test", names).sampleShape(2, 4).values(values).inputs(x).baseValues(base)
        .outputs(out).targets(targets).classNames(List.of("left", "right")).additive(true)
        .outputSpace("probability").build();
  }

  @Test
  void axesAreNamedAndIndexedChannelMajor() {
    Attribution a = signal(new double[][] {{0, 1, 2, 3, 4, 5, 6, 7}}, 1);
    Axes ax = a.axes();
    assertEquals(List.of("channel", "time"), ax.names());
    assertEquals(List.of("C3", "C4"), ax.channelNames());
    assertEquals(4, ax.size("time"));
    // channel 1 (C4), sample 2 -> 1 * 4 + 2 = 6, not the time-major 2 * 2 + 1 = 5
    assertEquals(6, ax.index(1, 2));
    assertEquals(6.0, a.value(0, ax.index(ax.channel("C4"), 2)));
    assertEquals("[channel=2 (C3, C4), time=4]", ax.toString());
    assertArrayEquals(new double[] {4, 5, 6, 7}, a.values(0, "C4"));
    assertArrayEquals(new double[] {0, 1, 2, 3}, a.inputs(0, "C3"));

    Attribution table = Attribution.builder("t", List.of("a", "b")).values(new double[][] {{1, 2}})
        .inputs(new float[][] {{0, 0}}).baseValues(new double[1]).outputs(new double[1]).targets(new int[1]).build();
    assertEquals(List.of("feature"), table.axes().names());
    String msg = assertThrows(IllegalArgumentException.class, table::channelMass).getMessage();
    assertTrue(msg.contains("features only"), msg);

    List<String> pixels = new ArrayList<>();
    for (int j = 0; j < 12; j++) {
      pixels.add("p" + j);
    }
    Axes image = Axes.of(new int[] {2, 2, 3}, pixels);
    assertEquals(List.of("channel", "height", "width"), image.names());
    assertEquals(List.of("channel 0", "channel 1"), image.channelNames());
    // (c * h + i) * w + j = (1 * 2 + 0) * 3 + 2 = 8
    assertEquals(8, image.index(1, 0, 2));
  }

  @Test
  void sumsMeansAndMassOverAxes() {
    // row 0: C3 = [1, -2, 3, 0], C4 = [0, 0, 5, 1]
    Attribution a = signal(new double[][] {{1, -2, 3, 0, 0, 0, 5, 1}}, 1);
    Attribution perChannel = a.sumOver("time");
    assertArrayEquals(new int[] {2}, perChannel.sampleShape());
    assertEquals(List.of("C3", "C4"), perChannel.featureNames());
    assertArrayEquals(new double[] {2, 6}, perChannel.values(0), "1 - 2 + 3 + 0 = 2; 0 + 0 + 5 + 1 = 6");
    assertTrue(perChannel.additive(), "sums keep additivity");
    assertEquals(0, perChannel.additivityGap(), 1e-12);
    // inputs are averaged: C3 inputs 0..3 -> 1.5, C4 inputs 4..7 -> 5.5
    assertArrayEquals(new float[] {1.5f, 5.5f}, perChannel.inputs()[0]);
    assertArrayEquals(new double[] {0.5, 1.5}, a.meanOver("time").values(0));
    assertFalse(a.meanOver("time").additive());
    assertArrayEquals(new double[] {6, 6}, a.absSumOver("time").values(0), "|1|+|-2|+|3| = 6; 5 + 1 = 6");

    Attribution overChannels = a.sumOver("channel");
    assertEquals(List.of("time 0", "time 1", "time 2", "time 3"), overChannels.featureNames());
    assertArrayEquals(new double[] {1, -2, 8, 1}, overChannels.values(0));
    Attribution total = a.sumOver("channel", "time");
    assertEquals(List.of("total"), total.featureNames());
    assertArrayEquals(new double[] {8}, total.values(0));
    assertTrue(total.method().contains("sum over channel, time"), total.method());

    String msg = assertThrows(IllegalArgumentException.class, () -> a.sumOver("tme")).getMessage();
    assertTrue(msg.contains("'tme'") && msg.contains("time"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> a.sumOver("time", "time")).getMessage();
    assertTrue(msg.contains("twice"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> a.values(0, "Cz")).getMessage();
    assertTrue(msg.contains("[C3, C4]"), msg);
  }

  @Test
  void imageAxesReduceOverChannelsOrPlanes() {
    double[] v = new double[12];
    for (int j = 0; j < 12; j++) {
      v[j] = j;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 12; j++) {
      names.add("p" + j);
    }
    Attribution a = Attribution.builder("img", names).sampleShape(2, 2, 3).values(new double[][] {v})
        .inputs(new float[1][12]).baseValues(new double[1]).outputs(new double[1]).targets(new int[1]).build();
    // over channels: pixel (i, j) = v[i * 3 + j] + v[6 + i * 3 + j] = 2 * (i * 3 + j) + 6
    assertArrayEquals(new double[] {6, 8, 10, 12, 14, 16}, a.sumOver("channel").values(0));
    assertEquals("height 0, width 1", a.sumOver("channel").featureNames().get(1));
    // per channel: 0 + ... + 5 = 15, 6 + ... + 11 = 51
    assertArrayEquals(new double[] {15, 51}, a.sumOver("height", "width").values(0));
    assertArrayEquals(new double[][] {{15, 51}}, a.perChannel());
  }

  @Test
  void channelMassPerRowSharesAndClasses() {
    // row 0 (left):  C3 mass 6, C4 mass 6   -> shares 0.5, 0.5
    // row 1 (right): C3 mass 1, C4 mass 3   -> shares 0.25, 0.75
    // row 2 (right): C3 mass 0, C4 mass 0   -> shares 0, 0 (all-zero row)
    Attribution a = signal(new double[][] {
        {1, -2, 3, 0, 0, 0, 5, 1}, {0, 0, 0, -1, 3, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0}}, 0, 1, 1);
    ChannelMass m = a.channelMass();
    assertArrayEquals(new double[][] {{6, 6}, {1, 3}, {0, 0}}, m.perRow());
    assertArrayEquals(new double[][] {{0.5, 0.5}, {0.25, 0.75}, {0, 0}}, m.shares());
    assertArrayEquals(new double[] {7 / 3.0, 9 / 3.0}, m.mean(), 1e-12);
    assertArrayEquals(new double[] {0.75 / 3, 1.25 / 3}, m.meanShare(), 1e-12);
    Map<String, double[]> byClass = m.meanShareByClass();
    assertEquals(List.of("left", "right"), List.copyOf(byClass.keySet()));
    assertArrayEquals(new double[] {0.5, 0.5}, byClass.get("left"), 1e-12);
    assertArrayEquals(new double[] {0.125, 0.375}, byClass.get("right"), 1e-12);
    Table t = m.toTable();
    assertEquals(List.of("channel", "mean |attribution|", "share", "share (left)", "share (right)"), t.columnNames());
    assertEquals(0.375, t.doubleColumn("share (right)").get(1), 1e-12);
    assertTrue(m.toHtml().contains("<td>C4</td>"), m.toHtml());
    assertTrue(m.toString().contains("share (right)"), m.toString());
    assertTrue(t.name().contains("each row's own class"), t.name());
  }

  @Test
  void windowsTotalsAndTopK() {
    // C3 = [1, -2, 3, 0]: windows of 2 every 1 sample: [0,2) 3, [1,3) 5, [2,4) 3
    // C4 = [0, 0, 5, 1]:                                [0,2) 0, [1,3) 5, [2,4) 6; row total 12
    Attribution a = signal(new double[][] {{1, -2, 3, 0, 0, 0, 5, 1}, {0, 0, 0, 0, 2, 0, 0, 0}}, 1, 1);
    WindowMass w = a.windows(2, 1);
    assertArrayEquals(new int[] {0, 1, 2}, w.starts());
    assertArrayEquals(new double[][] {{3, 5, 3}, {0, 5, 6}}, w.perRow()[0]);
    // row 1: only C4 t0 = 2 -> C4 window [0,2) = 2
    assertArrayEquals(new double[][] {{0, 0, 0}, {2, 0, 0}}, w.perRow()[1]);
    assertArrayEquals(new double[] {1.5, 2.5, 1.5}, w.mean()[0], 1e-12);
    assertArrayEquals(new double[] {1, 2.5, 3}, w.mean()[1], 1e-12);
    assertArrayEquals(new double[] {2.5, 5, 4.5}, w.overTime(), 1e-12);
    // shares: row 0 = {3, 10, 9} / 12, row 1 = {2, 0, 0} / 2 -> averaged
    assertArrayEquals(new double[] {(3 / 12.0 + 1) / 2, 10 / 24.0, 9 / 24.0}, w.shareOverTime(), 1e-12);
    List<WindowMass.Window> top = w.top(0, 2);
    assertEquals(new WindowMass.Window("C4", 2, 4, 6, 0.5), top.get(0));
    assertEquals(5, top.get(1).mass(), 0);
    assertEquals(new WindowMass.Window("C4", 2, 4, 3, 3 / 7.0), w.top(1).get(0), "mean total (12 + 2) / 2 = 7");
    assertEquals(List.of("channel", "start", "end", "mass", "share"), w.toTable().columnNames());
    assertEquals(6, w.toTable().rowCount());
    // non-overlapping windows that fit: length 3, stride 2 on 4 samples -> one window [0, 3)
    assertArrayEquals(new int[] {0}, a.windows(3, 2).starts());
    String msg = assertThrows(IllegalArgumentException.class, () -> a.windows(5, 1)).getMessage();
    assertTrue(msg.contains("1..4"), msg);
    assertThrows(IllegalArgumentException.class, () -> a.windows(2, 0));
    assertThrows(IllegalArgumentException.class, () -> w.top(0));
    assertThrows(IllegalArgumentException.class, () -> w.top(2, 1));
  }

  @Test
  void selectKeepsRowsAndTheirTargets() {
    Attribution a = signal(new double[][] {{1, 0, 0, 0, 0, 0, 0, 0}, {2, 0, 0, 0, 0, 0, 0, 0}}, 0, 1);
    Attribution b = a.select(1, 0, 1);
    assertEquals(3, b.rows());
    assertArrayEquals(new int[] {1, 0, 1}, b.targets());
    assertEquals(2, b.value(0, 0));
    assertEquals(1, b.value(1, 0));
    assertArrayEquals(new double[] {2, 1, 2}, b.outputs());
    assertEquals(10f, b.inputs()[0][0]);
    assertArrayEquals(new int[] {0, 1}, a.head(5).targets(), "head(5) of two rows keeps both");
    assertArrayEquals(new int[] {0}, a.head(1).targets());
    assertThrows(IllegalArgumentException.class, () -> a.head(0));
    assertThrows(IllegalArgumentException.class, () -> a.select(2));
    assertThrows(IllegalArgumentException.class, () -> a.select());
  }

  @Test
  void explainedOutputNamesTheClass() {
    Attribution right = signal(new double[][] {{1, 0, 0, 0, 0, 0, 0, 0}}, 1);
    assertEquals("right", right.explainedClass());
    assertEquals("probability of right", right.explainedOutput());
    Attribution mixed = signal(new double[][] {{1, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0}}, 0, 1);
    assertEquals("probability of each row's own class", mixed.explainedOutput());
    Attribution regression = Attribution.builder("r", List.of("a")).values(new double[][] {{1}})
        .inputs(new float[][] {{0}}).baseValues(new double[1]).outputs(new double[1]).targets(new int[1])
        .outputSpace("value").build();
    assertEquals("predicted value", regression.explainedOutput());
  }
}
