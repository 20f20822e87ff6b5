package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.plot.Figure;
import io.workbench.plot.XChartFigure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/**
 * The helpers that let notebooks 04 and 05 drop their index loops: generated trials glued into a session,
 * generated rows plotted with their ground truth, beat templates and correlations, annotation markers.
 */
class SessionAndTemplateTest {

  @Test
  void sessionGluesTrialsAndEpochsCutThemBackExactly() {
    SyntheticSignals mi = MotorImageryGenerator.defaults().trialsPerClass(4).seed(5).generate();
    Recording session = mi.session("s", "uV");
    int len = mi.length();
    float[][] x = mi.data().x();
    assertEquals(12 * len, session.channel("C3").length());
    int c3 = mi.channels().indexOf("C3");
    // trial 5, sample 17 of C3 sits at 5 * len + 17 of the session
    assertEquals(x[5][c3 * len + 17], session.channel("C3").sample(5 * len + 17), 0);
    assertEquals("uV", session.channel("C3").unit());
    Annotation cue = mi.events().get(3).get(0);
    assertTrue(session.annotations().contains(new Annotation(3 * len / mi.samplingRate() + cue.onset(), cue.duration(),
        cue.label())), session.annotations().toString());
    Epochs back = Epochs.around(session, session.annotations(), 0.5, 2.5, MotorImageryGenerator.CLASSES);
    assertEquals(12, back.count());
    assertArrayEquals(mi.data().y(), back.labels());
    float[][][] original = mi.epochs().toArray();
    float[][][] cut = back.toArray();
    for (int i = 0; i < 12; i++) {
      for (int c = 0; c < original[i].length; c++) {
        assertArrayEquals(original[i][c], cut[i][c], 1e-5f, "trial " + i + " channel " + c);
      }
    }
  }

  @Test
  void medianTemplateAndCorrelationByHand() {
    float[][][] d = {{{1, 2, 3}}, {{2, 4, 6}}, {{9, 0, 1}}};
    Epochs e = new Epochs(List.of("ECG"), 10, d, new double[3], null, null);
    // sample-wise medians: median(1, 2, 9) = 2, median(2, 4, 0) = 2, median(3, 6, 1) = 3
    assertArrayEquals(new float[] {2, 2, 3}, e.median()[0]);
    double[] r = e.correlation(new float[][] {{1, 2, 3}});
    assertEquals(1, r[0], 1e-12);
    assertEquals(1, r[1], 1e-12, "correlation ignores scale");
    // (9, 0, 1) against (1, 2, 3): Pearson from the centred sums
    double[] a = {9, 0, 1};
    double[] b = {1, 2, 3};
    double ma = 10 / 3.0;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int k = 0; k < 3; k++) {
      sab += (a[k] - ma) * (b[k] - 2);
      saa += (a[k] - ma) * (a[k] - ma);
      sbb += (b[k] - 2) * (b[k] - 2);
    }
    assertEquals(sab / Math.sqrt(saa * sbb), r[2], 1e-12);
    String msg = assertThrows(IllegalArgumentException.class, () -> e.correlation(new float[][] {{1, 2}})).getMessage();
    assertTrue(msg.contains("[1][3]") && msg.contains("[1][2]"), msg);
  }

  @Test
  void generatedRowsPlotWithTheirTruthAndRecordingsMarkAnnotations() {
    SyntheticSignals ecg = EcgGenerator.defaults().samplesPerClass(2).samplingRate(125).seed(1).generate();
    Figure f = ecg.plot(ecg.rowsOf("normal")[0], ecg.rowsOf("pvc")[0]);
    String svg = f.toSvg();
    assertTrue(svg.contains("Ground truth") && svg.contains("pvc (row " + ecg.rowsOf("pvc")[0] + ")"), "panel names");
    assertThrows(IllegalArgumentException.class, ecg::plot);

    Recording r = Recording.of("r", new Channel("ECG", "mV", 100, new double[500]))
        .withAnnotations(List.of(Annotation.at(1, "R peak"), Annotation.at(2.5, "R peak"), Annotation.at(9, "R peak")));
    XYChart chart = (XYChart) ((XChartFigure) r.slice(0, 3).plot()).chart();
    double[] t = chart.getSeriesMap().get("R peak").getXData();
    assertArrayEquals(new double[] {1, 2.5}, t, 1e-9, "onsets inside the slice, on the time axis");
  }
}
