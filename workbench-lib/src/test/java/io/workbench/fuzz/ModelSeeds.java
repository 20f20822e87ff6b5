package io.workbench.fuzz;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.xgboost.XGBoostModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Seeds for the model targets, written by the models' own {@code save}, and a small use of a loaded model. */
final class ModelSeeds {

  private ModelSeeds() {}

  /** The XGBoost seeds, made once per JVM (both XGBoost targets mutate the same models). */
  private static List<FuzzInput> xgboostSeeds;

  /** Three XGBoost models (3 classes, 2 classes, regression; a forest among them), saved by {@code save}. */
  static synchronized List<FuzzInput> xgboost(Path work) throws IOException {
    if (xgboostSeeds == null) {
      xgboostSeeds = List.copyOf(trainXgboost(work));
    }
    return xgboostSeeds;
  }

  private static List<FuzzInput> trainXgboost(Path work) throws IOException {
    List<FuzzInput> out = new ArrayList<>();
    Map<String, Model> models = new java.util.LinkedHashMap<>();
    models.put("iris-boosted", Models.xgboost().rounds(3).maxDepth(3).threads(1).seed(1).fit(Datasets.iris()));
    models.put("cancer-forest", Models.randomForest().parallelTrees(3).maxDepth(2).threads(1).seed(2)
        .fit(Datasets.breastCancer().head(120)));
    models.put("diabetes-boosted", Models.xgboost().rounds(2).maxDepth(2).threads(1).seed(3)
        .fit(Datasets.diabetes().head(100)));
    for (Map.Entry<String, Model> e : models.entrySet()) {
      Path dir = work.resolve(e.getKey());
      ((XGBoostModel) e.getValue()).save(dir);
      out.add(read(e.getKey(), dir));
    }
    return out;
  }

  /** Two networks (an MLP classifier, a linear regression), saved by {@code save}. */
  static List<FuzzInput> network(Path work) throws IOException {
    List<FuzzInput> out = new ArrayList<>();
    Dataset iris = Datasets.iris();
    Path mlp = work.resolve("iris-mlp");
    Models.mlp(3).epochs(1).seed(1).fit(iris).save(mlp);
    out.add(read("iris-mlp", mlp));
    Path linear = work.resolve("diabetes-linear");
    Models.linear().epochs(1).seed(2).fit(Datasets.diabetes().head(60)).save(linear);
    out.add(read("diabetes-linear", linear));
    return out;
  }

  /**
   * The saved files; in a network's {@code model.json} (also the one of a pipeline's inner network, in {@code
   * model/}) the epochs' wall-clock {@code seconds} are set to 0.25, so that the seeds (and with them every mutant
   * of a seeded run) are the same on every run.
   */
  private static FuzzInput read(String name, Path dir) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    for (Path json : List.of(dir.resolve("model.json"), dir.resolve("model").resolve("model.json"))) {
      if (!Files.isRegularFile(json)) {
        continue;
      }
      com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(json.toFile());
      com.fasterxml.jackson.databind.JsonNode epochs = tree.path("history").path("epochs");
      for (com.fasterxml.jackson.databind.JsonNode e : epochs) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("seconds", 0.25);
      }
      if (epochs.size() > 0) {
        mapper.writeValue(json.toFile(), tree);
      }
    }
    return new FuzzInput(name, FuzzInput.readFrom(dir).files());
  }

  /** Two pipeline models (imputation, one-hot encoding, scaling; XGBoost and a network inside), saved. */
  static List<FuzzInput> pipeline(Path work) throws IOException {
    tech.tablesaw.api.Table t = Datasets.iris().select(0, 1, 2, 3, 50, 51, 52, 53, 100, 101, 102, 103).table();
    String[] site = new String[t.rowCount()];
    for (int i = 0; i < site.length; i++) {
      site[i] = i % 3 == 0 ? "north" : i % 3 == 1 ? "south" : "east";
    }
    t.addColumns(tech.tablesaw.api.StringColumn.create("site", site));
    ((tech.tablesaw.api.NumericColumn<?>) t.column(0)).setMissing(2);
    Dataset data = Dataset.builder(t).target("species").build();
    io.workbench.model.pipeline.Pipeline prep = io.workbench.model.pipeline.Pipeline.of(
        io.workbench.data.Imputer.median(), io.workbench.data.OneHotEncoder.of("site"),
        io.workbench.data.Standardizer.all());
    List<FuzzInput> out = new ArrayList<>();
    Path xgb = work.resolve("pipeline-xgboost");
    prep.then(Models.xgboost().rounds(2).maxDepth(2).threads(1).seed(1)).fit(data).save(xgb);
    out.add(read("pipeline-xgboost", xgb));
    Path nn = work.resolve("pipeline-mlp");
    prep.then(Models.mlp(3).epochs(1).seed(1)).fit(data).save(nn);
    out.add(read("pipeline-mlp", nn));
    return out;
  }

  /** Predictions, and for tree ensembles contributions, trees and importances, on a few fixed rows. */
  static void use(Model m) {
    int d = m.featureNames().size();
    float[][] x = new float[3][d];
    for (int j = 0; j < d; j++) {
      x[0][j] = j;
      x[1][j] = -j * 0.5f;
      x[2][j] = Float.NaN;
    }
    if (m instanceof XGBoostModel xgb) {
      xgb.predictProba(x);
      xgb.predictContrib(x, 0);
      xgb.baseValue(0);
      xgb.treeDumpJson();
      xgb.importance();
      xgb.numTrees();
    } else {
      x[2] = new float[d];
      ((NeuralNetModel) m).predictProba(x);
    }
  }
}
