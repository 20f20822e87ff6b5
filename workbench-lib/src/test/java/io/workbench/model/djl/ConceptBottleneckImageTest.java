package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.progress.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A concept bottleneck on small images: 8 x 8 images with one bright blob, the concepts "blob in the top half"
 * and "blob in the left half", the class the quadrant (which the two concepts decide exactly).
 */
class ConceptBottleneckImageTest {

  static Dataset quadrants(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][64];
    int[] y = new int[n];
    double[] top = new double[n];
    double[] left = new double[n];
    for (int i = 0; i < n; i++) {
      int cy = r.nextInt(8);
      int cx = r.nextInt(8);
      top[i] = cy < 4 ? 1 : 0;
      left[i] = cx < 4 ? 1 : 0;
      y[i] = (int) (2 * top[i] + left[i]);
      for (int h = 0; h < 8; h++) {
        for (int w = 0; w < 8; w++) {
          double blob = Math.exp(-0.5 * ((h - cy) * (h - cy) + (w - cx) * (w - cx)));
          x[i][h * 8 + w] = (float) (blob + 0.1 * r.nextGaussian());
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int h = 0; h < 8; h++) {
      for (int w = 0; w < 8; w++) {
        names.add("p" + h + "_" + w);
      }
    }
    Table t = Table.create("quadrants", IntColumn.create("quadrant", y), DoubleColumn.create("blob_top", top),
        DoubleColumn.create("blob_left", left));
    return Dataset.builder(t).target("quadrant").classNames(List.of("bottom-right", "bottom-left", "top-right",
        "top-left")).featureMatrix(names, x).sampleShape(1, 8, 8).build();
  }

  @Test
  void learnsImageConceptsAndInterventionsReachTheTrueConceptModel(@TempDir Path dir) {
    Split split = quadrants(240, 4).split(0.75, 1);
    ConceptBottleneck trainer = ConceptBottleneck.on("blob_top", "blob_left").epochs(30)
        .progress(ProgressListener.silent()).seed(5);
    ConceptBottleneckModel m = trainer.fit(split.train());
    ConceptBottleneckModel independent = trainer.training(ConceptBottleneck.Training.INDEPENDENT).fit(split.train());
    Table acc = m.conceptAccuracy(split.test());
    assertTrue(acc.doubleColumn("accuracy").get(0) >= 0.9 && acc.doubleColumn("accuracy").get(1) >= 0.9,
        "both image concepts are predicted: " + acc.print());
    int[] y = split.test().y();
    List<String> both = List.of("blob_top", "blob_left");
    double truth = ConceptBottleneckTest.accuracy(independent.intervene(split.test(), both), y);
    double all = ConceptBottleneckTest.accuracy(m.intervene(split.test(), both), y);
    double none = ConceptBottleneckTest.accuracy(m.predictProba(split.test()), y);
    assertTrue(truth >= 0.95, "the task head on true concepts: " + truth);
    assertTrue(all >= truth - 0.1 && all >= none, "joint model, both concepts true: " + all + " (none: " + none
        + ") vs the independent model on true concepts " + truth);
    Path f = dir.resolve("cbm-images.json");
    m.save(f);
    ConceptBottleneckModel back = ConceptBottleneckModel.load(f);
    SameProbabilities.assertBitForBit(m, back, split.test().x());
  }
}
