package io.workbench.signal.corpus;

import static io.workbench.signal.corpus.PtbXlTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.signal.Edf;
import io.workbench.signal.Gdf;
import io.workbench.signal.Recording;
import io.workbench.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BCI IV 2a on a miniature: trials, labels (GDF cues, CSV and MAT files), rejected marks, windows, channels. */
class BciIv2aTest {

  @TempDir
  Path tmp;

  @Test
  void trialsMatchTheEventTableAndTheSamples() throws Exception {
    Path dir = BciIv2a.writeMiniature(tmp.resolve("bci"), 11);
    BciIv2a bci = BciIv2a.open(dir);
    assertEquals(List.of(1, 2), bci.subjects(), "two subjects in the miniature");
    Path t = dir.resolve("A01T.gdf");
    List<Gdf.Event> events = Gdf.events(t);
    List<Integer> cueCodes = new ArrayList<>();
    List<Double> cueOnsets = new ArrayList<>();
    List<Double> rejectedStarts = new ArrayList<>();
    List<Double> trialStarts = new ArrayList<>();
    for (Gdf.Event e : events) {
      if (e.type() >= 769 && e.type() <= 772) {
        cueCodes.add(e.type());
        cueOnsets.add(e.onset());
      } else if (e.type() == 1023) {
        rejectedStarts.add(e.onset());
      } else if (e.type() == 768) {
        trialStarts.add(e.onset());
      }
    }
    BciIv2a.Trials trials = bci.trials(1, "T");
    assertEquals(cueCodes.size(), trials.eeg().count(), "one trial per cue");
    for (int i = 0; i < cueCodes.size(); i++) {
      assertEquals(cueCodes.get(i) - 769, trials.eeg().labels()[i], "label of trial " + i + " from its cue code");
      assertEquals(rejectedStarts.contains(trialStarts.get(i)), trials.rejected()[i], "rejected mark of trial " + i);
    }
    assertEquals(BciIv2a.EEG_CHANNELS, trials.eeg().channels(), "22 EEG channels with their 10-20 names");
    assertEquals(List.of("EOG-left", "EOG-central", "EOG-right"), trials.eog().channels(), "3 EOG channels");
    assertEquals(500, trials.eeg().length(), "0.5-2.5 s at 250 Hz");
    Recording rec = Gdf.read(t);
    int c3 = rec.indexOf("EEG-C3");
    for (int i = 0; i < 3; i++) {
      int from = (int) Math.round((cueOnsets.get(i) + 0.5) * 250);
      for (int k = 0; k < 500; k += 50) {
        assertEquals(rec.channel(c3).sample(from + k), trials.eeg().epoch(i)[7][k], 1e-4, "C3 of trial " + i);
      }
    }
    assertEquals(trials.eeg().count() - trials.rejectedCount(), trials.kept().count(), "rejected trials dropped");

    // evaluation session: labels from the CSV beside the GDF
    List<String> csv = Files.readAllLines(dir.resolve("A01E.csv"));
    int[] want = csv.subList(1, csv.size()).stream().mapToInt(s -> Integer.parseInt(s) - 1).toArray();
    assertArrayEquals(want, bci.trials(1, "E").eeg().labels(), "E labels from A01E.csv");
  }

  /** Slow group: starting Python with scipy takes seconds. */
  @Test
  @Tag("slow")
  void evaluationLabelsComeFromMatFilesWrittenByScipy() throws Exception {
    String py = Python.with("scipy.io, numpy");
    Assumptions.assumeTrue(py != null, "needs Debian's python3-scipy to write MAT-files independently");
    Path dir = BciIv2a.writeMiniature(tmp.resolve("mat"), 2);
    List<String> csv = Files.readAllLines(dir.resolve("A02E.csv"));
    String labels = String.join(",", csv.subList(1, csv.size()));
    Files.delete(dir.resolve("A02E.csv"));
    Files.createDirectories(dir.resolve("true_labels"));
    Path mats = tmp.resolve("mats");
    Files.createDirectories(mats);
    // one Python run writes all three files: plain, compressed, and one with too few labels
    Python.Result r = Python.run(py, List.of("-c", "import numpy, scipy.io\n"
        + "y = numpy.array([[" + labels + "]], dtype=numpy.uint8).T\n"
        + "for c in (False, True):\n"
        + "  scipy.io.savemat('" + mats + "/c' + str(c) + '.mat', {'other': numpy.eye(3), 'classlabel': y},"
        + " do_compression=c)\n"
        + "scipy.io.savemat('" + mats + "/short.mat', {'classlabel': numpy.array([1.0, 2.0])})\n"), 120);
    assertEquals(0, r.exit(), r.out());
    int[] wantLabels = csv.subList(1, csv.size()).stream().mapToInt(s -> Integer.parseInt(s) - 1).toArray();
    for (String compress : List.of("False", "True")) {
      Files.copy(mats.resolve("c" + compress + ".mat"), dir.resolve("true_labels/A02E.mat"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      int[] got = BciIv2a.open(dir).trials(2, "E").eeg().labels();
      assertArrayEquals(wantLabels, got, "labels from a MAT-file, compressed " + compress);
    }
    Files.copy(mats.resolve("short.mat"), dir.resolve("true_labels/A02E.mat"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertMessage(() -> BciIv2a.open(dir).trials(2, "E"), "hold 2 values", "A02E.gdf");
    Files.write(dir.resolve("true_labels/A02E.mat"), "MATLAB 7.3 MAT-file".getBytes());
    assertMessage(() -> BciIv2a.open(dir).trials(2, "E"), "A02E.mat");
  }

  @Test
  void aSessionConvertedByBiosigSave2gdfGivesTheSameTrials() throws Exception {
    Path save2gdf = Path.of("/usr/bin/save2gdf");
    Assumptions.assumeTrue(Files.isExecutable(save2gdf), "needs biosig-tools (save2gdf)");
    Path dir = BciIv2a.writeMiniature(tmp.resolve("bio"), 8);
    BciIv2a.Trials ours = BciIv2a.open(dir).trials(1, "T");
    Path edf = tmp.resolve("A01T.edf");
    Edf.write(Gdf.read(dir.resolve("A01T.gdf")), edf);
    Process p = new ProcessBuilder(save2gdf.toString(), "-f=GDF", edf.toString(), dir.resolve("A01T.gdf").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, "save2gdf: " + out);
    BciIv2a.Trials theirs = BciIv2a.open(dir).trials(1, "T");
    assertArrayEquals(ours.eeg().labels(), theirs.eeg().labels(), "labels through EDF+ and biosig's GDF");
    assertArrayEquals(ours.rejected(), theirs.rejected(), "rejected marks through biosig's GDF");
    float[][] a = ours.eeg().epoch(3);
    float[][] b = theirs.eeg().epoch(3);
    for (int c = 0; c < a.length; c++) {
      for (int k = 0; k < a[c].length; k += 20) {
        // two 16-bit quantisations (GDF, EDF) of a channel spanning a few hundred microvolts
        assertEquals(a[c][k], b[c][k], 0.05, "channel " + c + " sample " + k);
      }
    }
  }

  @Test
  void hostileLayoutsFailNamingTheFile() throws Exception {
    Path dir = BciIv2a.writeMiniature(tmp.resolve("h"), 4);
    Files.move(dir.resolve("A01E.csv"), dir.resolve("labels.txt"));
    assertMessage(() -> BciIv2a.open(dir), "A01E.gdf", "A01E.mat", "A01E.csv");
    Files.writeString(dir.resolve("A01E.csv"), "classlabel\n1\nleft\n");
    assertMessage(() -> BciIv2a.open(dir).trials(1, "E"), "A01E.csv line 3");
    Files.write(dir.resolve("A02T.gdf"), new byte[300]);
    assertMessage(() -> BciIv2a.open(dir).trials(2, "T"), "A02T.gdf");
    assertMessage(() -> BciIv2a.open(dir).trials(3, "T"), "A03T.gdf");
    assertMessage(() -> BciIv2a.open(dir).trials(1, "X"), "sessions");
    assertMessage(() -> BciIv2a.open(tmp), "A01T.gdf ... A09E.gdf");
    assertTrue(Files.exists(dir.resolve("A01T.gdf")), "the layout was written");
  }
}
