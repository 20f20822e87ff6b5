package io.workbench.fuzz;

import io.workbench.model.Model;
import io.workbench.model.djl.ConceptBottleneck;
import io.workbench.model.djl.ConceptBottleneckModel;
import io.workbench.model.djl.ProtoNet;
import io.workbench.model.djl.ProtoNetModel;
import io.workbench.progress.ProgressListener;
import io.workbench.testing.ContractData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mutated model files of the interpretable-by-design networks ({@link ProtoNetModel#save}, {@link
 * ConceptBottleneckModel#save}: one JSON file each), loaded and used: predictions, a prototype explanation, the
 * predicted concepts. Loading and predicting are plain Java, so executions run in this JVM.
 */
public final class InterpretableTarget implements FuzzTarget {

  @Override
  public String name() {
    return "interpretable-json";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    Path signals = work.resolve("proto-signals.json");
    ProtoNet.trainer().prototypesPerClass(1).layers(2, 2).latent(2).epochs(1).lastLayerSteps(2)
        .progress(ProgressListener.silent()).seed(1).fit(ContractData.signals()).save(signals);
    Path rows = work.resolve("proto-rows.json");
    ProtoNet.trainer().prototypesPerClass(1).layers(3).latent(2).epochs(1).lastLayerSteps(2)
        .progress(ProgressListener.silent()).seed(1).fit(ContractData.multiclass()).save(rows);
    Path cbm = work.resolve("cbm.json");
    ConceptBottleneck.on("score_a", "x1_positive").layers(3).epochs(1).taskSteps(2)
        .progress(ProgressListener.silent()).seed(1).fit(ContractData.concepts()).save(cbm);
    return List.of(new FuzzInput("proto-signals", Map.of("proto.json", Files.readAllBytes(signals))),
        new FuzzInput("proto-rows", Map.of("proto.json", Files.readAllBytes(rows))),
        new FuzzInput("cbm", Map.of("cbm.json", Files.readAllBytes(cbm))));
  }

  @Override
  public void read(Path dir) {
    Path proto = dir.resolve("proto.json");
    Model m;
    if (Files.exists(proto)) {
      ProtoNetModel p = ProtoNetModel.load(proto);
      p.explain(new float[p.featureNames().size()]).toText();
      p.prototypes();
      m = p;
    } else {
      ConceptBottleneckModel c = ConceptBottleneckModel.load(dir.resolve("cbm.json"));
      c.concepts(new float[1][c.featureNames().size()]);
      c.toText();
      m = c;
    }
    int d = m.featureNames().size();
    float[][] x = new float[2][d];
    for (int j = 0; j < d; j++) {
      x[1][j] = 3f * (j % 2 == 0 ? 1 : -1);
    }
    m.predictProba(x);
  }

  @Override
  public int smokeExecutions() {
    return 600;
  }
}
