package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDF 1.x as biosig writes it ({@code save2gdf -f=GDF1}, the version of BCI Competition IV's files) read by our
 * GDF reader. Debian's save2gdf aborts ({@code malloc(): invalid size}) when it writes GDF 1 straight from our EDF+
 * file, so the source goes through biosig's own EDF first ({@code -f=EDF}), which re-quantises it: the GDF 1 values
 * equal that EDF's exactly and the source's within one quantisation step.
 */
class Gdf1CrossCheckTest {

  @TempDir
  Path tmp;

  @Test
  void biosigGdf1ReadByOursEqualsTheSourceEdf() throws Exception {
    assumeTrue(EdfTest.hasSave2gdf(), "biosig-tools (save2gdf) is not installed");
    Recording src = SignalFormatsCrossCheckTest.eeg(6);
    Path edf = Edf.write(src, tmp.resolve("src.edf"));
    Path biosigEdf = tmp.resolve("biosig.edf");
    EdfTest.save2gdf("EDF", edf, biosigEdf);
    Path gdf = tmp.resolve("biosig1.gdf");
    EdfTest.save2gdf("GDF1", biosigEdf, gdf);
    LazyRecording lazy = Gdf.open(gdf);
    assertTrue(lazy.format().startsWith("GDF 1"), "save2gdf -f=GDF1 wrote " + lazy.format());
    Recording source = Edf.read(edf);
    Recording viaBiosig = Edf.read(biosigEdf);
    Recording ours = lazy.load();
    assertEquals(src.channelNames(), ours.channelNames());
    for (String name : src.channelNames()) {
      double[] exact = viaBiosig.channel(name).samples();
      double[] first = source.channel(name).samples();
      double[] got = ours.channel(name).samples();
      assertEquals(exact.length, got.length, name + " length");
      assertEquals(source.channel(name).samplingRate(), ours.channel(name).samplingRate(), 1e-9, name + " rate");
      double step = (Arrays.stream(first).max().orElseThrow() - Arrays.stream(first).min().orElseThrow()) / 65535;
      for (int i = 0; i < got.length; i++) {
        assertEquals(exact[i], got[i], 1e-9 * Math.max(1, Math.abs(exact[i])), name + " sample " + i + " (biosig EDF)");
        assertEquals(first[i], got[i], step * 1.0001, name + " sample " + i + " (source EDF)");
      }
    }
  }
}
