// Workbench JShell startup (after the imports the launcher adds): text progress bars and show(chart).
import org.knowm.xchart.internal.chartpart.Chart;
Progress.install(() -> new TextProgressBar(System.out));
/** Writes a chart (an XChart chart or a workbench Figure) to a temporary PNG, prints and returns its path. */
Path show(Object chart) throws IOException {
    Figure f = chart instanceof Figure fig ? fig : XChartFigure.of((Chart<?, ?>) chart);
    Path p = Files.createTempFile("workbench-chart-", ".png");
    f.savePng(p);
    System.out.println(p);
    return p;
}
