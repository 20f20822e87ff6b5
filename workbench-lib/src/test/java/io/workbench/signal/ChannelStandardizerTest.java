package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import org.junit.jupiter.api.Test;

class ChannelStandardizerTest {

  @Test
  void fitsPerChannelOnTrainAndAppliesUnchanged() throws Exception {
    SyntheticSignals s = MotorImageryGenerator.defaults().trialsPerClass(8).samplingRate(64).timing(2, 0.5).seed(4).generate();
    Split split = s.data().split(0.75, 1);
    ChannelStandardizer z = ChannelStandardizer.fit(split.train());
    // reference statistics by brute force over the training rows
    float[][] x = split.train().x();
    int len = 128;
    for (int c : new int[] {0, 3, 8}) {
      double sum = 0;
      double n = 0;
      for (float[] row : x) {
        for (int k = 0; k < len; k++) {
          sum += row[c * len + k];
          n++;
        }
      }
      double mean = sum / n;
      double ss = 0;
      for (float[] row : x) {
        for (int k = 0; k < len; k++) {
          ss += Math.pow(row[c * len + k] - mean, 2);
        }
      }
      assertEquals(mean, z.mean()[c], 1e-9);
      assertEquals(Math.sqrt(ss / n), z.scale()[c], 1e-9);
    }
    Dataset test = z.apply(split.test());
    assertArrayEquals(new int[] {9, 128}, test.sampleShape());
    assertArrayEquals(split.test().y(), test.y());
    float[][] raw = split.test().x();
    float[][] out = test.x();
    assertEquals((raw[2][5 * len + 17] - z.mean()[5]) / z.scale()[5], out[2][5 * len + 17], 1e-5);
    // a Jackson round trip keeps it
    ObjectMapper json = new ObjectMapper();
    ChannelStandardizer back = json.readValue(json.writeValueAsString(z), ChannelStandardizer.class);
    assertArrayEquals(z.mean(), back.mean());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> z.apply(Datasets.iris()));
    assertTrue(e.getMessage().contains("same channels"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ChannelStandardizer.fit(Datasets.iris()));
    assertTrue(e.getMessage().contains("sampleShape"), e.getMessage());
  }
}
