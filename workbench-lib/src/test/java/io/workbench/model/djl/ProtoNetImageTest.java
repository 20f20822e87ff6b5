package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.progress.ProgressListener;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prototype networks on small images (the 8 x 8 digits): prototypes are latent patches of training digits,
 * and the match region of an explanation is checked against a brute force over the latent grid and over
 * single-pixel perturbations.
 */
class ProtoNetImageTest {

  static Split split;
  static ProtoNetModel model;

  @BeforeAll
  static void train() {
    split = Datasets.digits().head(600).split(0.75, 1);
    model = ProtoNet.trainer().epochs(12).progress(ProgressListener.silent()).seed(5)
        .fit(split.train());
  }

  @Test
  void learnsTheDigits() {
    double acc = ProtoNetTest.accuracy(model, split.test());
    assertTrue(acc >= 0.93, "test accuracy of the prototype network on 150 held-out digits: " + acc);
  }

  @Test
  void staysWithinAFewPointsOfThePlainCnn2dOnTheSameDigits() {
    // the same data, optimiser (Adam), learning rate, epochs, seed and convolution blocks
    NeuralNetModel cnn = io.workbench.model.factory.Models.cnn2d(16, 16).learningRate(0.01).epochs(12)
        .progress(ProgressListener.silent()).seed(5).fit(split.train());
    double a = ProtoNetTest.accuracy(model, split.test());
    double b = NeuralTrainerTest.accuracy(cnn.predict(split.test()), split.test().y());
    assertTrue(a >= b - 0.04, "prototype network " + a + " vs plain CNN2d " + b);
  }

  @Test
  void everyPrototypeIsAPatchOfATrainingDigitOfItsClass() {
    float[][] x = split.train().x();
    int[] y = split.train().y();
    float maxSimilarity = (float) Math.log((0 + 1) / (0 + 1e-4));
    for (int m = 0; m < model.prototypeCount(); m++) {
      int src = model.prototypeSourceRow(m);
      assertEquals(model.prototypeClass(m), split.train().classNames().get(y[src]), "prototype " + m);
      int id = m;
      PrototypeExplanation.Match self = model.explain(x[src]).matches().stream()
          .filter(a -> a.prototype() == id).findFirst().orElseThrow();
      assertEquals(maxSimilarity, (float) self.similarity(), 0f,
          "prototype " + m + " lies exactly on a patch of its source digit");
      int[] span = model.prototypeSpan(m);
      assertEquals(4, span.length, "an image region: top, bottom, left, right");
      assertArrayEquals(span, new int[] {self.top(), self.bottom(), self.from(), self.to()},
          "its match in the source digit is the pushed patch");
    }
  }

  @Test
  void theMatchRegionIsWhereTheLatentDistanceIsDecided() {
    PatchEncoder enc = model.encoder();
    float[][] protos = model.latentPrototypes();
    float[][] test = split.test().x();
    for (int r = 0; r < 5; r++) {
      float[] row = test[r];
      PrototypeExplanation.Match best = model.explain(row).matches().get(0);
      // brute force over the latent grid: the closest patch of the row to the best prototype
      float[][] grid = model.grid(row);
      int at = -1;
      double min = Double.POSITIVE_INFINITY;
      for (int j = 0; j < grid.length; j++) {
        double d = ProtoNetModel.distance(grid[j], protos[best.prototype()]);
        if (d < min) {
          min = d;
          at = j;
        }
      }
      assertEquals((float) Math.log((min + 1) / (min + 1e-4)), (float) best.similarity(), 0f, "row " + r);
      int[] span = enc.span(at);
      assertArrayEquals(span, new int[] {best.top(), best.bottom(), best.from(), best.to()}, "row " + r);
      assertTrue(0 <= best.top() && best.top() < best.bottom() && best.bottom() <= 8 && 0 <= best.from()
          && best.from() < best.to() && best.to() <= 8, "region inside the 8 x 8 image: " + best);
      // brute force over pixels: only pixels inside the region move the matched patch, and some of them do
      int inside = 0;
      for (int p = 0; p < 64; p++) {
        float[] moved = row.clone();
        moved[p] += 8f;
        float[] patch = model.grid(moved)[at];
        boolean in = p / 8 >= span[0] && p / 8 < span[1] && p % 8 >= span[2] && p % 8 < span[3];
        if (!in) {
          assertArrayEquals(grid[at], patch, 0f, "pixel " + p + " outside the region leaves the patch as is");
        } else if (ProtoNetModel.distance(patch, grid[at]) > 0) {
          inside++;
        }
      }
      assertTrue(inside > 0, "pixels inside the region drive the match, row " + r);
    }
  }

  @Test
  void explainsWithAChartAndSavesBitForBit(@TempDir Path dir) throws Exception {
    PrototypeExplanation e = model.explain(split.test().x()[0]);
    assertTrue(e.table().columnNames().contains("top") && e.toHtml().contains("prototype"), "renders as a table");
    assertTrue(e.plot() != null, "draws the image grid");
    assertTrue(model.prototypes().columnNames().contains("bottom"));
    Path f = dir.resolve("digits-proto.json");
    model.save(f);
    ProtoNetModel back = ProtoNetModel.load(f);
    SameProbabilities.assertBitForBit(model, back, split.test().x());
    assertArrayEquals(model.prototypeSpan(3), back.prototypeSpan(3));
    java.nio.file.Files.writeString(f, java.nio.file.Files.readString(f).replace("\"sampleShape\":[1,8,8]",
        "\"sampleShape\":[1,1,8,8]"));
    IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ProtoNetModel.load(f));
    assertTrue(bad.getMessage().contains("sampleShape") && bad.getMessage().contains("[1, 1, 8, 8]"), bad.getMessage());
  }
}
