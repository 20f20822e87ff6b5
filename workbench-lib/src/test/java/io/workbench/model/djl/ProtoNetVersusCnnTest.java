package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.eval.Evaluation;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.progress.ProgressListener;
import io.workbench.signal.EcgGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The price of interpretability on the ECG generator: a prototype network is as accurate as the plain CNN
 * trained on the same seeded data with the same optimiser, learning rate and epochs, within 3 percentage points,
 * on ECG windows and on the 8 x 8 digits (slow: a minute or two on two cores).
 */
@Tag("slow")
class ProtoNetVersusCnnTest {

  @Test
  void prototypeNetworkStaysWithinThreePointsOfThePlainCnn() {
    Dataset d = EcgGenerator.defaults().samplingRate(100).samplesPerClass(100).seed(11).generate().data();
    Split split = d.split(0.7, 2);
    // the same optimiser (Adam), learning rate, epochs, seed and depth for both
    Model proto = ProtoNet.trainer().learningRate(0.003).epochs(40).progress(ProgressListener.silent()).seed(5)
        .fit(split.train());
    Model cnn = Models.cnn1d(16, 16, 16).learningRate(0.003).epochs(40).progress(ProgressListener.silent()).seed(5)
        .fit(split.train());
    double a = Evaluation.of(proto, split.test()).value("accuracy");
    double b = Evaluation.of(cnn, split.test()).value("accuracy");
    assertTrue(a >= b - 0.03, "prototype network " + a + " vs plain CNN " + b);
    assertTrue(b >= 0.85, "the plain CNN learns the classes: " + b);
  }

  @Test
  void onTheDigitsThePrototypeNetworkStaysWithinThreePointsOfThePlainCnn2d() {
    Split split = io.workbench.data.Datasets.digits().split(0.75, 3);
    // the same optimiser (Adam), learning rate, epochs, seed and convolution blocks for both
    Model proto = ProtoNet.trainer().learningRate(0.01).epochs(20).progress(ProgressListener.silent()).seed(5)
        .fit(split.train());
    Model cnn = Models.cnn2d(16, 16).learningRate(0.01).epochs(20).progress(ProgressListener.silent()).seed(5)
        .fit(split.train());
    double a = Evaluation.of(proto, split.test()).value("accuracy");
    double b = Evaluation.of(cnn, split.test()).value("accuracy");
    assertTrue(a >= b - 0.03, "prototype network " + a + " vs plain CNN2d " + b);
    assertTrue(b >= 0.95, "the plain CNN2d learns the digits: " + b);
  }
}
