package io.workbench.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.agreement.AgreementMatrix;
import io.workbench.analysis.agreement.RankAgreement;
import io.workbench.analysis.agreement.RashomonSet;
import io.workbench.analysis.effects.InteractionStrength;
import io.workbench.analysis.effects.PartialDependence;
import io.workbench.analysis.selection.FeatureGroups;
import io.workbench.analysis.selection.ForwardSelection;
import io.workbench.analysis.selection.GroupImportance;
import io.workbench.analysis.selection.ProbingSelector;
import io.workbench.analysis.surrogate.GlobalSurrogate;
import io.workbench.data.Dataset;
import io.workbench.display.Displayable;
import io.workbench.eval.Metric;
import io.workbench.model.cart.CartTrainer;
import io.workbench.testing.TestModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every analysis result renders as an HTML table with escaped names and as text. */
class DisplayTest {

  @Test
  void everyResultRenders() {
    float[][] x = TestModels.grid(new float[] {-1f, 0f, 1f}, 3);
    List<String> names = List.of("a<b", "c", "d");
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] * x[i][1];
    }
    Dataset data = Dataset.of(x, names, y);
    TestModels.Fn f = new TestModels.Fn(names, r -> r[0] * r[1] + r[2]);
    Map<String, double[]> methods = new LinkedHashMap<>();
    methods.put("m1", new double[] {3, 2, 1});
    methods.put("m2", new double[] {1, 2, 3});
    List<Displayable> results = List.of(
        GlobalSurrogate.create().minSamplesLeaf(1).fit(f, data, data),
        CartTrainer.create().fit(data),
        RankAgreement.compare(names, new double[] {3, 2, 1}, new double[] {1, 2, 3}, 2),
        AgreementMatrix.compute(names, methods, 2, true),
        PartialDependence.create().oneWay(f, data, "a<b"),
        PartialDependence.create().twoWay(f, data, "a<b", "c"),
        InteractionStrength.create().pairwise(f, data, names),
        GroupImportance.create().score(Metric.MSE).compute(f, data, FeatureGroups.singletons(names)),
        FeatureGroups.byCorrelation(data, 0.5),
        ForwardSelection.create(CartTrainer.create().maxDepth(2)).folds(3).maxFeatures(2).run(data),
        RashomonSet.create().score(Metric.MSE).fit(List.of(CartTrainer.create().maxDepth(1), CartTrainer.create()), data),
        ProbingSelector.create().rank(f, data, 2));
    for (Displayable d : results) {
      String html = d.toHtml();
      assertTrue(html.startsWith("<table"), d.getClass().getSimpleName() + ": " + html);
      assertTrue(!html.contains("a<b"), "names are escaped in " + d.getClass().getSimpleName());
      assertTrue(!d.toText().isBlank(), d.getClass().getSimpleName());
      assertTrue(!d.toString().isBlank(), d.getClass().getSimpleName());
      // issue 15: one number format, no floating-point noise such as 0.5640000000000001 or 113.0000
      for (String shown : List.of(html, d.toText())) {
        assertTrue(!java.util.regex.Pattern.compile("\\d\\.\\d{7,}|\\.0000\\b").matcher(shown).find(),
            d.getClass().getSimpleName() + " shows raw doubles: " + shown);
      }
    }
  }
}
