package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import org.junit.jupiter.api.Test;

/**
 * The signal generators feed the DJL 1D CNN directly ({@code [channels, length]} samples): a seeded CNN
 * separates the synthetic ECG beat classes (accuracy above 0.95) and the motor-imagery classes (above
 * 0.8) on held-out rows. Accuracy is counted in the test from the predictions and the true labels.
 */
class SignalCnnTest {

  private static double accuracy(NeuralNetModel m, Dataset test) {
    int[] p = m.predict(test);
    int[] y = test.y();
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      if (p[i] == y[i]) {
        ok++;
      }
    }
    return (double) ok / y.length;
  }

  @Test
  void cnnSeparatesSyntheticEcgBeatClasses() {
    SyntheticSignals ecg = EcgGenerator.defaults().samplingRate(100).window(3).samplesPerClass(150).seed(5).generate();
    assertArrayEquals(new int[] {1, 300}, ecg.data().sampleShape());
    Split s = ecg.data().split(0.7, 1);
    NeuralNetModel cnn = Models.cnn1d(16, 32).kernelSize(9).epochs(40).learningRate(3e-3).seed(1).fit(s.train());
    double acc = accuracy(cnn, s.test());
    System.out.printf("ECG 1D CNN: test accuracy %.3f on %d windows%n", acc, s.test().rows());
    assertTrue(acc > 0.95, "ECG CNN accuracy " + acc);
  }

  @Test
  void cnnSeparatesMotorImageryAfterBandPassAndStandardisation() {
    SyntheticSignals mi = MotorImageryGenerator.defaults().trialsPerClass(100).seed(5).generate();
    Dataset d = mi.epochs().filter(Filter.bandPass(4, 8, 30)).standardize().toDataset();
    assertArrayEquals(new int[] {9, 384}, d.sampleShape());
    Split s = d.split(0.7, 1);
    NeuralNetModel cnn = Models.cnn1d(16, 16).epochs(30).learningRate(3e-3).seed(1).fit(s.train());
    double acc = accuracy(cnn, s.test());
    System.out.printf("Motor-imagery 1D CNN: test accuracy %.3f on %d trials (chance 0.333)%n", acc, s.test().rows());
    assertTrue(acc > 0.8, "EEG CNN accuracy " + acc);
  }
}
