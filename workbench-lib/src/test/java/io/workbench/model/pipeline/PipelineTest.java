package io.workbench.model.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.ColumnSelector;
import io.workbench.data.Dataset;
import io.workbench.data.Imputer;
import io.workbench.data.OneHotEncoder;
import io.workbench.data.Split;
import io.workbench.data.Standardizer;
import io.workbench.data.Task;
import io.workbench.eval.CrossValidation;
import io.workbench.eval.CrossValidationResult;
import io.workbench.eval.Evaluation;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.model.Trainer;
import io.workbench.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A pipeline is fitted on training rows only, travels with its model, and is explained in raw space. */
class PipelineTest {

  @TempDir
  Path dir;

  /**
   * Patients: age (some missing), bmi, sex (f/m), site (a/b/c), outcome sick/healthy driven by age, sex and
   * bmi. Rows from {@code shiftFrom} on are 20 years older, so test rows taken from there move the means.
   */
  static Dataset patients(int n, long seed, int shiftFrom) {
    Random r = new Random(seed);
    DoubleColumn age = DoubleColumn.create("age");
    DoubleColumn bmi = DoubleColumn.create("bmi");
    StringColumn sex = StringColumn.create("sex");
    StringColumn site = StringColumn.create("site");
    StringColumn outcome = StringColumn.create("outcome");
    for (int i = 0; i < n; i++) {
      double a = 40 + 10 * r.nextGaussian() + (i >= shiftFrom ? 20 : 0);
      double b = 25 + 4 * r.nextGaussian();
      boolean female = r.nextBoolean();
      String s = new String[] {"a", "b", "c"}[r.nextInt(3)];
      double logit = 0.08 * (a - 45) + (female ? -1.0 : 0.8) + 0.15 * (b - 25) + 0.5 * r.nextGaussian();
      if (i % 9 == 4) {
        age.appendMissing();
      } else {
        age.append(a);
      }
      bmi.append(b);
      sex.append(female ? "f" : "m");
      site.append(s);
      outcome.append(logit > 0 ? "sick" : "healthy");
    }
    return Dataset.builder(Table.create("patients", age, bmi, sex, site, outcome)).target("outcome").build();
  }

  private static Pipeline prep() {
    return Pipeline.of(Imputer.median(), OneHotEncoder.of("sex", "site"), Standardizer.all());
  }

  @Test
  void stepsAreFittedOnTheTrainingRowsOnly() {
    Dataset data = patients(120, 1, 80);
    Dataset train = data.head(80);
    Dataset test = data.rows(java.util.stream.IntStream.range(80, 120).toArray());
    FittedPipeline p = prep().fit(train);
    assertEquals(List.of("age", "bmi", "sex=f", "sex=m", "site=a", "site=b", "site=c"), p.outputFeatures());

    double[] trainAge = observed(train.table().doubleColumn("age"));
    double median = median(trainAge);
    Imputer imp = (Imputer) p.steps().get(0);
    assertEquals(List.of("age", "bmi"), imp.columns(), "text columns are left to the encoder");
    assertEquals(median, imp.fill()[0], 1e-12, "median of the observed training ages");
    // the scaler's mean of age: training ages with the missing ones filled by the training median
    double sum = 0;
    int n = train.rows();
    for (int i = 0; i < n; i++) {
      sum += (float) (train.table().doubleColumn("age").isMissing(i) ? median : train.table().doubleColumn("age").get(i));
    }
    Standardizer st = (Standardizer) p.steps().get(2);
    assertEquals(sum / n, st.mean()[0], 1e-9, "mean over the training rows only");
    double allMean = Arrays.stream(observed(data.table().doubleColumn("age"))).average().orElseThrow();
    assertTrue(Math.abs(allMean - st.mean()[0]) > 3, "test rows (20 years older) would have moved the mean: "
        + allMean + " vs " + st.mean()[0]);
    float[][] zTrain = p.apply(train).x();
    float[][] zTest = p.apply(test).x();
    assertEquals(0, Arrays.stream(zTrain).mapToDouble(row -> row[0]).average().orElseThrow(), 1e-5);
    assertTrue(Arrays.stream(zTest).mapToDouble(row -> row[0]).average().orElseThrow() > 1,
        "the test part is scaled with the training statistics, so its mean age stays high");

    // the trainer sees exactly the transformed training rows
    List<Dataset> seen = new ArrayList<>();
    Trainer spy = d -> {
      seen.add(d);
      return linear(d.features(), new double[d.numFeatures()], 0);
    };
    PipelineModel m = prep().then(spy).fit(train);
    assertEquals(80, seen.get(0).rows());
    assertArrayEquals(zTrain, seen.get(0).x());
    assertEquals(p, m.pipeline(), "the same fit, as a value");

    assertEquals("Pipeline[Imputer.median(), OneHotEncoder.of(\"sex\", \"site\"), Standardizer.all()]", prep().toString());
    Table steps = p.toTable();
    assertEquals(List.of("Imputer", "OneHotEncoder", "Standardizer"), steps.stringColumn("kind").asList());
    assertTrue(steps.stringColumn("learnt").get(0).contains("age = " + io.workbench.display.Numbers.format(median)),
        steps.print());
    assertTrue(steps.stringColumn("learnt").get(1).contains("sex: [f, m]"), steps.print());
    assertTrue(m.toHtml().contains("Standardizer") && m.toHtml().contains("site: [a, b, c]"), m.toHtml());
  }

  @Test
  void crossValidationRefitsThePipelinePerFoldOnRawData() {
    Dataset data = patients(150, 2, 1000);
    PipelineTrainer t = prep().then(Models.xgboost().rounds(20).maxDepth(3).threads(1).seed(3));
    CrossValidationResult cv = CrossValidation.of(t).folds(3).seed(4).run(data);
    assertEquals(150, cv.outOfFold().length);
    double auroc = Evaluation.of(t.fit(data.head(100)), data.rows(java.util.stream.IntStream.range(100, 150).toArray()))
        .value("auroc");
    assertTrue(auroc > 0.75, "raw rows in, a working model out: AUROC " + auroc);
  }

  @Test
  void saveAndLoadGiveBitIdenticalPredictions() throws Exception {
    Dataset data = patients(120, 5, 1000);
    Split s = data.split(0.75, 6);
    PipelineModel xgb = prep().then(Models.xgboost().rounds(15).maxDepth(3).threads(1).seed(7)).fit(s.train());
    PipelineModel mlp = Pipeline.of(ColumnSelector.drop("site"), Imputer.mean(), OneHotEncoder.of("sex"))
        .then(Models.mlp(6).epochs(4).batchSize(16).seed(8)).fit(s.train());
    for (PipelineModel m : List.of(xgb, mlp)) {
      Path out = dir.resolve(m.inner().getClass().getSimpleName());
      m.save(out);
      assertTrue(Files.isRegularFile(out.resolve("pipeline.json")) && Files.isDirectory(out.resolve("model")));
      PipelineModel back = PipelineModel.load(out);
      assertEquals(m.pipeline(), back.pipeline());
      assertEquals(m.featureNames(), back.featureNames());
      assertEquals(m.classNames(), back.classNames());
      assertTrue(Arrays.deepEquals(m.predictProba(s.test()), back.predictProba(s.test())), "bit-identical on raw rows");
      float[][] codes = m.rawInput(s.test()).x();
      assertTrue(Arrays.deepEquals(m.predictProba(codes), back.predictProba(codes)), "bit-identical on codes");
      assertTrue(Arrays.deepEquals(m.predictProba(s.test()), m.predictProba(codes)),
          "raw rows and their codes give the same predictions");
      m.save(out);   // replacing a saved model works and leaves no temporary directory behind
      try (Stream<Path> files = Files.list(dir)) {
        assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".")), "no leftovers in " + dir);
      }
    }
    Path other = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(other.resolve("readme.txt"), "mine");
    String msg = assertThrows(IllegalArgumentException.class, () -> xgb.save(other)).getMessage();
    assertTrue(msg.contains("readme.txt") && msg.contains("new or empty directory"), msg);
    assertEquals("mine", Files.readString(other.resolve("readme.txt")), "nothing of the user's is overwritten");
    // inside the inner model's folder too (the whole of model/ was deleted with the old version)
    Path saved = dir.resolve("XGBoostModel");
    Files.writeString(saved.resolve("model").resolve("notes.txt"), "mine");
    msg = assertThrows(IllegalArgumentException.class, () -> xgb.save(saved)).getMessage();
    assertTrue(msg.contains("model/notes.txt") && msg.contains("new or empty directory"), msg);
    assertEquals("mine", Files.readString(saved.resolve("model").resolve("notes.txt")));
  }

  @Test
  void loadNamesWhatIsWrong() throws Exception {
    PipelineModel m = prep().then(Models.xgboost().rounds(3).threads(1)).fit(patients(60, 9, 1000));
    Path out = dir.resolve("m");
    m.save(out);
    String msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(dir.resolve("absent"))).getMessage();
    assertTrue(msg.contains("pipeline.json"), msg);
    Path json = out.resolve("pipeline.json");
    String good = Files.readString(json);
    Files.writeString(json, good.replace("\"one-hot-encoder\"", "\"one-cold-encoder\""));
    msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out)).getMessage();
    assertTrue(msg.contains("one-cold-encoder") && msg.contains("step 2"), msg);
    Files.writeString(json, good.replace("\"fill\"", "\"filling\""));
    msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out)).getMessage();
    assertTrue(msg.contains("step 1") && msg.contains("imputer"), msg);
    // the inner model's folder must lie inside the pipeline's: it was followed anywhere, absolute or ../, and a
    // valid model elsewhere was loaded
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    ((io.workbench.model.xgboost.XGBoostModel) m.inner()).save(elsewhere.resolve("model"));
    for (String outside : List.of(elsewhere.resolve("model").toString(), "../elsewhere/model", "model/../..")) {
      Files.writeString(json, good.replace("\"model\" : \"model\"", "\"model\" : \"" + outside + "\""));
      msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out), outside).getMessage();
      assertTrue(msg.contains("pipeline.json: field 'model'") && msg.contains("outside"), msg);
    }
    Files.writeString(json, good.replace("\"model\" : \"model\"", "\"model\" : \"../m/model\""));
    assertEquals(m.featureNames(), PipelineModel.load(out).featureNames(), "a path that stays inside is fine");
    Files.writeString(json, good.replace("\"modelType\" : \"xgboost\"", "\"modelType\" : \"lightgbm\""));
    msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out)).getMessage();
    assertTrue(msg.contains("pipeline.json: field 'modelType'") && msg.contains("lightgbm"), msg);
    Files.writeString(json, good.replace("\"formatVersion\" : 1", "\"formatVersion\" : \"one\""));
    msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out)).getMessage();
    assertTrue(msg.contains("field 'formatVersion'") && msg.contains("integer"), msg);
    // statistics a fit cannot give: the standardised values became infinities at prediction time (found by the
    // fuzzer, reproducers in fuzz/pipeline-json), and repeated names broke the tables the steps build
    Map<String, String> broken = new java.util.LinkedHashMap<>();
    broken.put("(?<h>\"scale\" : \\[ )[^,\\]]+", "field 'scale' element 0 is 0.0");
    broken.put("(?<h>\"mean\" : \\[ )[^,\\]]+", "field 'mean' element 0 is Infinity");
    broken.put("(?<h>\"fill\" : \\[ )[^,\\]]+", "field 'fill' element 0 is -1.0E300");
    broken.put("(?<h>\"categories\" : \\[ \\[ )\"[^\"]+\"", "field 'categories' of column 'sex' names 'm' twice");
    broken.put("(?<h>\"inputFeatures\" : \\[ )\"age\"", "field 'inputFeatures' must be an array of feature names");
    List<String> values = List.of("0", "1e999", "-1e300", "\"m\"", "7");
    int v = 0;
    for (Map.Entry<String, String> e : broken.entrySet()) {
      String changed = good.replaceFirst(e.getKey(), "${h}" + java.util.regex.Matcher.quoteReplacement(values.get(v++)));
      assertTrue(!changed.equals(good), e.getKey());
      Files.writeString(json, changed);
      msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out), e.getValue()).getMessage();
      assertTrue(msg.contains(json.toString()) && msg.contains(e.getValue()), msg);
    }
    Files.writeString(json, "{ not json");
    msg = assertThrows(IllegalArgumentException.class, () -> PipelineModel.load(out)).getMessage();
    assertTrue(msg.contains("not valid JSON"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> prep().then(d -> linear(d.features(), new double[d.numFeatures()], 0)).fit(patients(30, 1, 1000))
            .save(dir.resolve("linear"))).getMessage();
    assertTrue(msg.contains("Fn") && msg.contains("XGBoostModel"), msg);
  }

  /**
   * For a model additive over the raw features (linear in the encoded columns), summing the attributions of
   * one feature's one-hot columns gives exactly its Shapley value over the raw features, computed here by
   * brute force over all coalitions of raw features.
   */
  @Test
  void summedOneHotAttributionsEqualRawShapleyValues() {
    Dataset data = patients(60, 11, 1000);
    Map<String, Double> weights = Map.of("age", 0.7, "bmi", -0.4, "sex=f", 1.3, "sex=m", -0.2, "site=a", 0.5,
        "site=b", -0.9, "site=c", 0.1);
    Trainer linear = d -> linear(d.features(), d.features().stream().mapToDouble(weights::get).toArray(), 0.25);
    PipelineModel m = prep().then(linear).fit(data.head(40));
    Dataset bg = data.rows(java.util.stream.IntStream.range(40, 48).toArray());
    Dataset rows = data.rows(java.util.stream.IntStream.range(48, 60).toArray());

    Attribution enc = Explain.exactShapley(m.inner(), Background.of(m.pipeline().apply(bg))).explain(m.pipeline().apply(rows));
    Attribution raw = m.sumToRawFeatures(enc, rows);
    assertEquals(List.of("age", "bmi", "sex", "site"), raw.featureNames());
    float[][] x = m.rawInput(rows).x();
    float[][] b = m.rawInput(bg).x();
    for (int i = 0; i < rows.rows(); i++) {
      double[] phi = bruteForceShapley(m, x[i], b);
      for (int j = 0; j < 4; j++) {
        assertEquals(phi[j], raw.value(i, j), 2e-5, "row " + i + ", raw feature " + raw.featureNames().get(j));
      }
      assertEquals(Arrays.stream(enc.values(i)).sum(), Arrays.stream(raw.values(i)).sum(), 1e-9, "sums kept");
    }
    assertArrayEquals(x, raw.inputs(), "inputs are the raw codes");
    assertEquals(enc.baseValues()[3], raw.baseValues()[3]);

    Attribution direct = Explain.exactShapley(m, Background.of(m.rawInput(bg))).explain(m.rawInput(rows));
    assertEquals(raw.featureNames(), direct.featureNames(), "an explainer on the pipeline model sees raw features");
    for (int i = 0; i < rows.rows(); i++) {
      assertArrayEquals(raw.values(i), direct.values(i), 2e-5);
    }
  }

  @Test
  void aCsvWithCategoriesAndMissingValuesBecomesAnExplainedModelInAFewLines() throws Exception {
    Dataset gen = patients(160, 13, 1000);
    StringBuilder csv = new StringBuilder("id,age,bmi,sex,site,outcome\n");
    Table t = gen.table();
    for (int i = 0; i < gen.rows(); i++) {
      csv.append(5000 + i).append(',').append(t.doubleColumn("age").isMissing(i) ? "NA" : t.doubleColumn("age").get(i))
          .append(',').append(t.doubleColumn("bmi").get(i)).append(',').append(t.stringColumn("sex").get(i))
          .append(',').append(t.stringColumn("site").get(i)).append(',').append(gen.classNames().get(gen.y()[i]))
          .append('\n');
    }
    Path file = Files.writeString(dir.resolve("patients.csv"), csv);

    Dataset data = io.workbench.data.CsvLoader.from(file).target("outcome").categorical("sex", "site").allowMissing()
        .load().drop("id");
    Split split = data.split(0.75, 42);
    PipelineModel model = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex", "site"), Standardizer.all())
        .then(Models.xgboost().rounds(30).maxDepth(3).threads(1).seed(1)).fit(split.train());
    double auroc = Evaluation.of(model, split.test()).value("auroc");
    Attribution shap = Explain.exactShapley(model, Background.of(model.rawInput(split.train().head(30))))
        .explain(model.rawInput(split.test().head(6)));
    Attribution tree = Explain.treeShap(model.inner()).explain(model.pipeline().apply(split.test().head(6)));
    Attribution summed = model.sumToRawFeatures(tree, split.test().head(6));
    model.save(dir.resolve("model"));

    assertEquals(Task.CLASSIFICATION, model.task());
    assertTrue(auroc > 0.75, "AUROC " + auroc);
    assertEquals(List.of("age", "bmi", "sex", "site"), shap.featureNames());
    assertTrue(shap.additivityGap() < 1e-5, "exact Shapley over raw features adds up: " + shap.additivityGap());
    assertTrue(shap.topFeatures(2).contains("age") || shap.topFeatures(2).contains("sex"), shap.topFeatures(4).toString());
    assertNotEquals("site", shap.topFeatures(1).get(0), "site has no effect on the outcome");
    assertEquals(shap.featureNames(), summed.featureNames());
    assertEquals(tree.explainedOutput(), summed.explainedOutput(), "the explained output (log-odds of a class) is kept");
    assertTrue(summed.additivityGap() < 1e-4, "TreeSHAP summed to raw features still adds up: " + summed.additivityGap());
    assertTrue(Arrays.deepEquals(model.predictProba(split.test()),
        PipelineModel.load(dir.resolve("model")).predictProba(split.test())));
  }

  @Test
  void badInputIsNamed() {
    Dataset data = patients(60, 17, 1000);
    PipelineModel m = prep().then(Models.xgboost().rounds(3).threads(1)).fit(data.head(40));
    Table t = data.head(3).table();
    t.replaceColumn("sex", StringColumn.create("sex", "f", "x", "m"));
    Dataset odd = Dataset.builder(t).target("outcome").build();
    String msg = assertThrows(IllegalArgumentException.class, () -> m.rawInput(odd)).getMessage();
    assertTrue(msg.contains("'sex'") && msg.contains("row index 1") && msg.contains("'x'") && msg.contains("[f, m]"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> m.predictProba(odd)).getMessage();
    assertTrue(msg.contains("'x'") && msg.contains("[f, m]"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> m.predictProba(new float[][] {{40, 25, 0.5f, 1}})).getMessage();
    assertTrue(msg.contains("'sex'") && msg.contains("0.5") && msg.contains("Background.sample"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> m.predictProba(new float[][] {{40, 25, 1}})).getMessage();
    assertTrue(msg.contains("3 values") && msg.contains("4"), msg);
    float[][] missingAge = {{Float.NaN, 25, 1, 2}};
    assertEquals(m.predictProba(new float[][] {{(float) ((Imputer) m.pipeline().steps().get(0)).fill()[0], 25, 1, 2}})[0][1],
        m.predictProba(missingAge)[0][1], "NaN is a missing value, filled with the training median");
    msg = assertThrows(IllegalArgumentException.class, () -> m.predictProba(data.drop("site"))).getMessage();
    assertTrue(msg.contains("site"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Pipeline.of(Standardizer.on("agee")).fit(data)).getMessage();
    assertTrue(msg.contains("step 1") && msg.contains("did you mean 'age'"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Pipeline.of(Standardizer.all()).fit(data)).getMessage();
    assertTrue(msg.contains("'age'") && msg.contains("missing"), msg);
    assertThrows(IllegalArgumentException.class, () -> Pipeline.of((io.workbench.data.Step) null));
    assertThrows(IllegalArgumentException.class, () -> prep().then(null));
    Attribution wrong = Explain.exactShapley(m, Background.of(m.rawInput(data.head(5)))).explain(m.rawInput(data.head(2)));
    msg = assertThrows(IllegalArgumentException.class, () -> m.sumToRawFeatures(wrong, data.head(2))).getMessage();
    assertTrue(msg.contains("output features"), msg);
  }

  /** Interventional Shapley values over the raw features by enumerating every coalition. */
  private static double[] bruteForceShapley(Model m, float[] x, float[][] bg) {
    int d = x.length;
    double[] v = new double[1 << d];
    for (int s = 0; s < v.length; s++) {
      float[][] rows = new float[bg.length][];
      for (int k = 0; k < bg.length; k++) {
        rows[k] = bg[k].clone();
        for (int j = 0; j < d; j++) {
          if ((s >> j & 1) == 1) {
            rows[k][j] = x[j];
          }
        }
      }
      float[][] p = m.predictProba(rows);
      double mean = 0;
      for (float[] row : p) {
        mean += row[0];
      }
      v[s] = mean / bg.length;
    }
    double[] phi = new double[d];
    long[] fact = new long[d + 1];
    fact[0] = 1;
    for (int k = 1; k <= d; k++) {
      fact[k] = fact[k - 1] * k;
    }
    for (int j = 0; j < d; j++) {
      for (int s = 0; s < v.length; s++) {
        if ((s >> j & 1) == 0) {
          int size = Integer.bitCount(s);
          phi[j] += (double) fact[size] * fact[d - size - 1] / fact[d] * (v[s | 1 << j] - v[s]);
        }
      }
    }
    return phi;
  }

  private static double[] observed(DoubleColumn c) {
    return java.util.stream.IntStream.range(0, c.size()).filter(i -> !c.isMissing(i)).mapToDouble(c::get).toArray();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A linear regression model over named features: {@code b + sum_j w_j x_j} (the shared test model). */
  private static Model linear(List<String> names, double[] w, double b) {
    return new TestModels.Fn(names, x -> {
      double s = b;
      for (int j = 0; j < w.length; j++) {
        s += w[j] * x[j];
      }
      return s;
    });
  }
}
