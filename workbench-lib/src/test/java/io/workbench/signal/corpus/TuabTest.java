package io.workbench.signal.corpus;

import static io.workbench.signal.corpus.PtbXlTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.signal.Edf;
import io.workbench.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** TUAB on a miniature: parts, labels, patients, channel selection, crop, resampling and lazy windows. */
class TuabTest {

  @TempDir
  Path tmp;

  @Test
  void windowsComeFromTheCommonChannelsAfterTheCrop() throws Exception {
    Path dir = Tuab.writeMiniature(tmp.resolve("tuab"), 9);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".edf")).sorted().toList();
    }
    Tuab tuab = Tuab.open(dir).withCrop(60).withWindow(5).withRate(100);
    Table rec = tuab.recordings();
    assertEquals(files.size(), rec.rowCount(), "every EDF file, nested folders included");
    assertTrue(rec.stringColumn("file").asList().stream().anyMatch(f -> f.contains("s001_2013_08_15")),
        "v2's nested subject/session folders are found");
    Set<String> trainPatients = new HashSet<>();
    Set<String> evalPatients = new HashSet<>();
    for (int i = 0; i < rec.rowCount(); i++) {
      String f = rec.stringColumn("file").get(i);
      assertEquals(f.contains("abnormal") ? "abnormal" : "normal", rec.stringColumn("class").get(i), f);
      assertTrue(Path.of(f).getFileName().toString().startsWith(rec.stringColumn("patient").get(i) + "_"), f);
      (f.startsWith("train") ? trainPatients : evalPatients).add(rec.stringColumn("patient").get(i));
    }
    assertTrue(trainPatients.stream().noneMatch(evalPatients::contains), "no patient in train and eval");

    // 70 s recordings, crop 60 s: 10 s, two windows of 5 s each
    long trainFiles = rec.stringColumn("part").asList().stream().filter("train"::equals).count();
    int count = 0;
    for (TuabWindow w : tuab.windows(Tuab.Part.TRAIN)) {
      assertEquals(21, w.data().length, "21 common channels");
      assertEquals(500, w.data()[0].length, "5 s at 100 Hz");
      assertTrue(w.onset() >= 60, "after the crop");
      count++;
    }
    assertEquals(2 * trainFiles, count, "two windows per training recording");

    // without resampling, a window is the file's samples of that channel from 60 s on
    Path first = files.stream().filter(p -> p.toString().contains("/eval/normal/")).findFirst().orElseThrow();
    Recording r = Edf.read(first);
    double fs = r.samplingRate();
    Tuab same = Tuab.open(dir).withCrop(60).withWindow(5).withRate(fs);
    TuabWindow w = same.windows(Tuab.Part.EVAL).iterator().next();
    assertEquals(dir.resolve("edf").relativize(first).toString(), w.file(), "first window of the first file");
    double[] o1 = r.channel("EEG O1-REF").samples();
    int start = (int) Math.ceil(60 * fs);
    int o1Index = Tuab.CHANNELS.indexOf("EEG O1-REF");
    for (int k = 0; k < w.data()[0].length; k += 31) {
      assertEquals(o1[start + k], w.data()[o1Index][k], 1e-3, "O1 sample " + k);
    }

    Dataset test = tuab.dataset(Tuab.Part.EVAL, 2);
    long evalFiles = rec.rowCount() - trainFiles;
    assertEquals(2 * evalFiles, test.rows(), "two windows per evaluation recording");
    assertEquals(evalPatients, new HashSet<>(List.of(test.groups())), "patients as groups");
    assertEquals(Tuab.CLASSES, test.classNames(), "normal, abnormal");
  }

  @Test
  void hostileLayoutsFailNamingTheFile() throws Exception {
    assertMessage(() -> Tuab.open(tmp), "no train/normal");
    Path dir = tmp.resolve("h");
    Path f = dir.resolve("edf/train/normal/01_tcp_ar/aaaaaaaa_s001_t000.edf");
    Recording one = Recording.of("x", new io.workbench.signal.Channel("EEG FP1-REF", "uV", 100, new double[9000]));
    Edf.write(one, f);
    assertMessage(() -> Tuab.open(dir).windows(Tuab.Part.TRAIN).iterator().hasNext(), "aaaaaaaa_s001_t000.edf",
        "EEG FP2-REF");
    Files.write(f, new byte[100]);
    assertMessage(() -> Tuab.open(dir).windows(Tuab.Part.TRAIN).iterator().hasNext(), "aaaaaaaa_s001_t000.edf");
    assertMessage(() -> Tuab.open(dir).withWindow(0), "window");
    assertMessage(() -> Tuab.open(dir).dataset(Tuab.Part.EVAL, 1), "eval");
  }
}
