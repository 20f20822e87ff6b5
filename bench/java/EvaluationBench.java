import io.workbench.analysis.AttributionMetric;
import io.workbench.analysis.MetricInput;
import io.workbench.analysis.evaluation.MetricSets;
import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.explain.Explainer;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.signal.EcgGenerator;
import io.workbench.signal.SyntheticSignals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The evaluation suite's cost (issue 20): every metric of every family (analysis.evaluation.MetricSets) with its
 * default settings, on the ECG CNN of notebook 11 ({@code Models.cnn1d(16, 32)}, kernel 7, 375 samples), 20 abnormal
 * test windows with the generator's ground truth, for DeepLIFT, integrated gradients (50 steps) and occlusion (13-sample
 * window, stride 3). Per metric and method: model rows spent (model evaluations, and the explainer's own evaluations
 * when a metric re-explains) and wall time of the metric alone (the first explanation is not counted). Prints
 * {@code EVALS metric method rows} and {@code SECONDS metric method s} lines, then a Markdown table. Arguments:
 * optional number of rows (default 20).
 */
public final class EvaluationBench {

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    SyntheticSignals gen = EcgGenerator.defaults().samplesPerClass(80).samplingRate(125).seed(7).generate();
    Split split = gen.data().split(0.7, 42);
    Model cnn = Models.cnn1d(16, 32).kernelSize(7).epochs(8).batchSize(16).learningRate(1e-2).seed(1)
        .fit(split.train());
    int[] testRows = split.testRows();
    int[] y = split.test().y();
    int[] local = IntStream.range(0, y.length).filter(i -> y[i] != 0).limit(rows).toArray();
    Dataset set = split.test().select(local);
    boolean[][] truth = IntStream.of(local).mapToObj(i -> gen.featureMask(testRows[i])).toArray(boolean[][]::new);
    Target t = Target.perRow(set.y());
    Map<String, Explainer<?>> methods = new LinkedHashMap<>();
    methods.put("DeepLIFT", Explain.deepLift(cnn).target(t));
    methods.put("IG-50", Explain.integratedGradients(cnn).steps(50).target(t));
    methods.put("occlusion", Explain.occlusion(cnn, 1, 13).stride(1, 3).target(t));
    List<AttributionMetric> metrics = new ArrayList<>();
    metrics.addAll(MetricSets.faithfulness());
    metrics.addAll(MetricSets.robustness());
    metrics.addAll(MetricSets.localisation());
    metrics.addAll(MetricSets.complexity());
    metrics.addAll(MetricSets.randomisation());
    metrics.addAll(MetricSets.axiomatic());
    StringBuilder table = new StringBuilder("| metric | family |");
    methods.keySet().forEach(m -> table.append(' ').append(m).append(" rows | ").append(m).append(" s |"));
    table.append("\n| --- | --- |").append(" --- | --- |".repeat(methods.size())).append('\n');
    Map<String, MetricInput> inputs = new LinkedHashMap<>();
    methods.forEach((name, e) -> {
      Attribution a = e.explain(set);
      System.out.printf(Locale.ROOT, "EXPLAIN %s %d rows, %d model evaluations%n", name, a.rows(), a.evaluations());
      inputs.put(name, MetricInput.of(cnn, a).withMasks(truth)
          .withExplainer(MetricInput.Reexplainer.of(e, set.sampleShape())));
    });
    for (AttributionMetric metric : metrics) {
      table.append("| ").append(metric.name()).append(" | ").append(metric.family()).append(" |");
      for (Map.Entry<String, MetricInput> in : inputs.entrySet()) {
        long before = in.getValue().evaluations();
        long s = System.nanoTime();
        metric.score(in.getValue());
        double sec = (System.nanoTime() - s) / 1e9;
        long ev = in.getValue().evaluations() - before;
        System.out.printf(Locale.ROOT, "EVALS %s %s %d%nSECONDS %s %s %.3f%n", metric.name().replace(' ', '_'),
            in.getKey(), ev, metric.name().replace(' ', '_'), in.getKey(), sec);
        table.append(String.format(Locale.ROOT, " %d | %.2f |", ev, sec));
      }
      table.append('\n');
    }
    System.out.println(table);
  }
}
