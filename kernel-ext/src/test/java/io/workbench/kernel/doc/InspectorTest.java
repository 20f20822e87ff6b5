package io.workbench.kernel.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/** JShell's signatures taken apart, and what shift-tab shows for them (JShell in this JVM, no Jupyter). */
class InspectorTest {

  private static Inspector.Target parse(String sig) {
    return Inspector.parse(sig, JavadocIndex.shipped());
  }

  @Test
  void signaturesAsJShellPrintsThem() {
    assertEquals(new Inspector.Target("Explain", "kernelShap(Model,Dataset)", "KernelShap"),
        parse("KernelShap Explain.kernelShap(Model model, Dataset background)"));
    assertEquals(new Inspector.Target("Model", "as(Class)", "Optional"),
        parse("Optional<T> Model.<T>as(Class<T> capability)"));
    assertEquals(new Inspector.Target("Map", "of(K,V)", "Map"), parse("Map<K,V> Map<K, V>.<K, V>of(K k1, V v1)"));
    assertEquals(new Inspector.Target("io.workbench.data.Imputer", "Imputer(List,Strategy,double[])", null),
        parse("io.workbench.data.Imputer(List<String> inputFeatures, Imputer.Strategy strategy, double[] fill)"));
    assertEquals(new Inspector.Target("io.workbench.data.Split", "train()", "Dataset"),
        parse("Dataset io.workbench.data.Split.train()"));
    assertEquals(new Inspector.Target("Split", "train()", "Dataset"),
        parse("Dataset Split(io.workbench.data.Dataset train, io.workbench.data.Dataset test).train()"),
        "JDK 25 prints a record's header");
    assertEquals(new Inspector.Target("java.util.stream.Stream", "map(Function)", "Stream"),
        parse("java.util.stream.Stream<R> java.util.stream.Stream<T>.<R>map(java.util.function.Function<? super T,? extends R>)"),
        "parameters without names");
    assertEquals(new Inspector.Target("String", "format(String,Object[])", "String"),
        parse("String String.format(String format, Object... args)"));
    assertEquals(new Inspector.Target("io.workbench.data.Imputer.Strategy", null, null),
        parse("io.workbench.data.Imputer.Strategy"));
    assertEquals(new Inspector.Target("Imputer.Strategy", "MEDIAN", null), parse("Imputer.Strategy.MEDIAN"));
  }

  @Test
  void describesWorkbenchCallsFromTheIndex() {
    try (JShell js = JShell.builder().executionEngine("local").build()) {
      js.addToClasspath(System.getProperty("java.class.path"));
      js.eval("import io.workbench.explain.*;");
      js.eval("import io.workbench.data.*;");
      SourceCodeAnalysis sca = js.sourceCodeAnalysis();
      String code = "Datasets.breastCancer().split(";
      boolean[] askedJdk = {false};
      Inspector.Page p = Inspector.describe(sca.documentation(code, code.length(), false), () -> {
        askedJdk[0] = true;
        return List.of();
      }, false);
      String doc = JavadocIndex.shipped().member("Dataset", "split(double,long)").summary();
      assertTrue(p.text().startsWith("Split Dataset.split(double trainFraction, long seed)\n" + doc), p.text());
      assertTrue(p.text().contains("Parameters:"), p.text());
      assertTrue(!askedJdk[0], "the index answered; src.zip was not read");
      Inspector.Page detail = Inspector.describe(sca.documentation("Explain", 7, false), List::of, true);
      assertTrue(detail.text().contains("Example:\n    Background bg = Background.kmeans(train, 20, 42);"),
          detail.text());
      assertTrue(detail.html().contains("<pre>Background bg = Background.kmeans(train, 20, 42);"), detail.html());
    }
  }
}
