package io.workbench.signal.corpus;

import io.workbench.display.Displayable;
import io.workbench.io.InputFiles;
import io.workbench.signal.Channel;
import io.workbench.signal.Epochs;
import io.workbench.signal.Filter;
import io.workbench.signal.Gdf;
import io.workbench.signal.Recording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * BCI Competition IV dataset 2a (Brunner et al. 2008; nine subjects, four motor imagery classes) as downloaded from
 * the competition or BNCI Horizon: {@code A01T.gdf} ... {@code A09T.gdf} (training sessions) and {@code A01E.gdf}
 * ... (evaluation sessions), 22 EEG and 3 EOG channels at 250 Hz. Trials start at the cue events 769-772 (left
 * hand, right hand, feet, tongue) in T files; in E files every cue is 783 ("unknown") and the labels come from
 * separate files: {@code A0xE.mat} (MATLAB, variable {@code classlabel}, values 1-4, as distributed with the true
 * labels) beside the GDF or in a {@code true_labels/} folder, or {@code A0xE.csv} (one label 1-4 per line, an
 * optional header line). A trial whose start (the 768 event before the cue) is followed by a 1023 event before the
 * next trial is marked rejected, as the experts marked it. Each trial is the usual window from 0.5 to 2.5 s after the
 * cue; EEG channels (names not starting with {@code EOG}) and EOG channels are separated, the EEG named with the
 * 10-20 names of the competition's montage when the file has the 22 channels. Files converted with biosig's
 * {@code save2gdf} (which renumbers the codes and keeps them as event descriptions) are read too.
 *
 * <pre>{@code
 * BciIv2a bci = BciIv2a.open(Path.of("/data/bci-iv-2a"));          // or BciIv2a.writeMiniature(tmp, 42)
 * BciIv2a.Trials train = bci.trials(1, "T", Filter.bandPass(4, 4, 38));
 * BciIv2a.Trials test = bci.trials(1, "E", Filter.bandPass(4, 4, 38));
 * Dataset d = train.kept().toDataset();                               // [22, 500] per trial, four classes
 * }</pre>
 */
public final class BciIv2a implements Displayable {

  /** The four classes in label order (cues 769-772, labels 1-4). */
  public static final List<String> CLASSES = List.of("left hand", "right hand", "feet", "tongue");

  /** The 22 EEG channels of the competition's montage, in file order. */
  public static final List<String> EEG_CHANNELS = List.of("Fz", "FC3", "FC1", "FCz", "FC2", "FC4", "C5", "C3", "C1",
      "Cz", "C2", "C4", "C6", "CP3", "CP1", "CPz", "CP2", "CP4", "P1", "Pz", "P2", "POz");

  /** Event codes of the competition's GDF files. */
  static final int TRIAL_START = 768;
  static final int FIRST_CUE = 769;
  static final int UNKNOWN_CUE = 783;
  static final int REJECTED = 1023;

  /** Seconds after the cue where a trial window starts and ends. */
  public static final double WINDOW_START = 0.5;
  /** Seconds after the cue where a trial window ends. */
  public static final double WINDOW_END = 2.5;

  /**
   * The trials of one session.
   *
   * @param subject 1-9
   * @param session "T" (training) or "E" (evaluation)
   * @param eeg EEG epochs of every trial, labelled with {@link #CLASSES}
   * @param eog EOG epochs of the same trials
   * @param rejected per trial, whether the experts rejected it (event 1023)
   */
  public record Trials(int subject, String session, Epochs eeg, Epochs eog, boolean[] rejected) {

    /** Copies the rejected marks. */
    public Trials {
      rejected = rejected.clone();
    }

    @Override
    public boolean[] rejected() {
      return rejected.clone();
    }

    /** EEG epochs of the trials that were not rejected. */
    public Epochs kept() {
      float[][][] all = eeg.toArray();
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < rejected.length; i++) {
        if (!rejected[i]) {
          keep.add(i);
        }
      }
      float[][][] data = new float[keep.size()][][];
      double[] on = new double[keep.size()];
      int[] lab = new int[keep.size()];
      for (int k = 0; k < data.length; k++) {
        int i = keep.get(k);
        data[k] = all[i];
        on[k] = eeg.onsets()[i];
        lab[k] = eeg.labels()[i];
      }
      return new Epochs(eeg.channels(), eeg.samplingRate(), data, on, lab, eeg.classNames());
    }

    /** Number of rejected trials. */
    public int rejectedCount() {
      int n = 0;
      for (boolean r : rejected) {
        n += r ? 1 : 0;
      }
      return n;
    }
  }

  private final Path dir;
  private final TreeSet<String> files;

  private BciIv2a(Path dir, TreeSet<String> files) {
    this.dir = dir;
    this.files = files;
  }

  /**
   * Opens a BCI IV 2a folder: finds the {@code A0xT.gdf}/{@code A0xE.gdf} files and checks that every E file has a
   * label file. The GDF files are read when trials are asked for.
   *
   * @throws IllegalArgumentException naming the folder or the missing label file
   */
  public static BciIv2a open(Path dir) {
    Layouts.requireFolder(dir, "BCI IV 2a folder");
    TreeSet<String> found = new TreeSet<>();
    for (int s = 1; s <= 9; s++) {
      for (String session : List.of("T", "E")) {
        String name = name(s, session) + ".gdf";
        if (Files.exists(dir.resolve(name))) {
          found.add(name);
          if (session.equals("E")) {
            labelFile(dir, s);
          }
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("BCI IV 2a folder " + dir + " has none of the files A01T.gdf ... A09E.gdf");
    }
    return new BciIv2a(dir, found);
  }

  /**
   * Writes a miniature BCI IV 2a folder: for subjects 1 and 2, a training and an evaluation session as GDF 2 files
   * with the competition's 22 EEG + 3 EOG channels at 250 Hz and its event codes (768 trial start, 769-772 cues or
   * 783 in E files, 1023 on some trials, 32766 new run), seeded EEG whose 10 Hz mu rhythm weakens over the
   * motor cortex opposite the imagined hand (C4 for the left hand, C3 for the right, Cz for the feet), blinks on the
   * EOG, and the evaluation labels as {@code A0xE.csv}.
   */
  public static Path writeMiniature(Path dir, long seed) {
    return BciIv2aMiniature.write(dir, seed);
  }

  static String name(int subject, String session) {
    return "A0" + subject + session;
  }

  private static Path labelFile(Path dir, int subject) {
    String base = name(subject, "E");
    for (Path p : List.of(dir.resolve(base + ".mat"), dir.resolve("true_labels").resolve(base + ".mat"),
        dir.resolve(base + ".csv"), dir.resolve("true_labels").resolve(base + ".csv"))) {
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException("BCI IV 2a folder " + dir + " has " + base + ".gdf but no labels for it: put "
        + base + ".mat (variable classlabel) or " + base + ".csv (one label 1-4 per line) beside it or in true_labels/");
  }

  /** The subjects that have at least one session here. */
  public List<Integer> subjects() {
    return files.stream().map(f -> f.charAt(2) - '0').distinct().sorted().toList();
  }

  /** The trials of a session without filtering. */
  public Trials trials(int subject, String session) {
    return trials(subject, session, null);
  }

  /**
   * The trials of one session: reads the GDF file, filters the continuous recording when {@code filter} is not null
   * (zero phase, before cutting, so trial edges see no filter transients), cuts each trial from 0.5 to 2.5 s after
   * its cue and separates EEG from EOG.
   *
   * @param subject 1-9
   * @param session "T" or "E"
   * @throws IllegalArgumentException naming the file when it is missing, unreadable, lacks cues, or when the labels
   *     of an E session do not match its cues
   */
  public Trials trials(int subject, String session, Filter filter) {
    if (subject < 1 || subject > 9 || !(session.equals("T") || session.equals("E"))) {
      throw new IllegalArgumentException("BCI IV 2a has subjects 1-9 and sessions \"T\" and \"E\", got subject "
          + subject + ", session \"" + session + "\"");
    }
    String base = name(subject, session);
    Path file = dir.resolve(base + ".gdf");
    if (!files.contains(base + ".gdf")) {
      throw new IllegalArgumentException("BCI IV 2a file " + file + " is not in the folder; sessions here: " + files);
    }
    List<Gdf.Event> events;
    Recording rec;
    try {
      events = Gdf.events(file).stream().map(BciIv2a::withCode).toList();
      rec = Gdf.read(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("BCI IV 2a file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (filter != null) {
      rec = rec.filter(filter);
    }
    boolean eval = session.equals("E");
    List<Gdf.Event> cues = events.stream().filter(e -> eval ? e.type() == UNKNOWN_CUE
        : e.type() >= FIRST_CUE && e.type() < FIRST_CUE + 4).toList();
    if (cues.isEmpty()) {
      throw new IllegalArgumentException("BCI IV 2a file " + file + " has no cue events ("
          + (eval ? "783" : "769-772") + ")");
    }
    int[] labels = new int[cues.size()];
    if (eval) {
      double[] given = readLabels(labelFile(dir, subject));
      if (given.length != cues.size()) {
        throw new IllegalArgumentException("The labels for " + file + " hold " + given.length + " values but the file"
            + " has " + cues.size() + " cues (783)");
      }
      for (int i = 0; i < given.length; i++) {
        if (given[i] != Math.rint(given[i]) || given[i] < 1 || given[i] > 4) {
          throw new IllegalArgumentException("Label " + (i + 1) + " for " + file + " is " + given[i]
              + ", expected 1-4");
        }
        labels[i] = (int) given[i] - 1;
      }
    } else {
      for (int i = 0; i < labels.length; i++) {
        labels[i] = cues.get(i).type() - FIRST_CUE;
      }
    }
    boolean[] rejected = rejected(events, cues);
    double fs = rec.samplingRate();
    int start = (int) Math.round(WINDOW_START * fs);
    int len = (int) Math.round((WINDOW_END - WINDOW_START) * fs);
    List<Integer> eegIdx = new ArrayList<>();
    List<Integer> eogIdx = new ArrayList<>();
    for (int c = 0; c < rec.numChannels(); c++) {
      (rec.channel(c).name().toUpperCase().startsWith("EOG") ? eogIdx : eegIdx).add(c);
    }
    if (eegIdx.isEmpty()) {
      throw new IllegalArgumentException("BCI IV 2a file " + file + " has no EEG channel; channels are "
          + rec.channelNames());
    }
    float[][][] eeg = new float[cues.size()][][];
    float[][][] eog = new float[cues.size()][][];
    double[] onsets = new double[cues.size()];
    for (int i = 0; i < cues.size(); i++) {
      long from = Math.round(cues.get(i).onset() * fs) + start;
      if (from + len > rec.channel(0).length()) {
        throw new IllegalArgumentException("BCI IV 2a file " + file + ": trial " + (i + 1) + " (cue at "
            + cues.get(i).onset() + " s) ends after the recording (" + rec.duration() + " s)");
      }
      eeg[i] = cut(rec, eegIdx, (int) from, len);
      eog[i] = cut(rec, eogIdx, (int) from, len);
      onsets[i] = from / fs;
    }
    Recording r = rec;
    List<String> eegNames = eegIdx.size() == EEG_CHANNELS.size() ? EEG_CHANNELS
        : eegIdx.stream().map(c -> r.channel(c).name()).toList();
    List<String> eogNames = eogIdx.stream().map(c -> r.channel(c).name()).toList();
    Epochs eegEpochs = new Epochs(eegNames, fs, eeg, onsets, labels, CLASSES);
    Epochs eogEpochs = eogIdx.isEmpty() ? null : new Epochs(eogNames, fs, eog, onsets, labels, CLASSES);
    return new Trials(subject, session, eegEpochs, eogEpochs, rejected);
  }

  private static float[][] cut(Recording rec, List<Integer> channels, int from, int len) {
    float[][] out = new float[channels.size()][len];
    for (int j = 0; j < out.length; j++) {
      Channel ch = rec.channel(channels.get(j));
      for (int k = 0; k < len; k++) {
        out[j][k] = (float) ch.sample(from + k);
      }
    }
    return out;
  }

  /**
   * The event with its BCI code as type: files converted by biosig's {@code save2gdf} from EDF+ store user-defined
   * codes 1, 2, ... with the original code as the description, which the reader gives as the label.
   */
  private static Gdf.Event withCode(Gdf.Event e) {
    try {
      int code = Integer.parseInt(e.label().strip());
      return code == e.type() ? e : new Gdf.Event(code, e.position(), e.channel(), e.duration(), e.onset(),
          e.durationSeconds(), e.label());
    } catch (NumberFormatException notANumber) {
      return e;
    }
  }

  /** A trial is rejected when a 1023 event lies between its start (the 768 before its cue) and the next trial's. */
  static boolean[] rejected(List<Gdf.Event> events, List<Gdf.Event> cues) {
    double[] starts = new double[cues.size()];
    for (int i = 0; i < cues.size(); i++) {
      double cue = cues.get(i).onset();
      starts[i] = cue;
      for (Gdf.Event e : events) {
        if (e.type() == TRIAL_START && e.onset() <= cue && (i == 0 || e.onset() > cues.get(i - 1).onset())) {
          starts[i] = e.onset();
        }
      }
    }
    boolean[] out = new boolean[cues.size()];
    for (Gdf.Event e : events) {
      if (e.type() != REJECTED) {
        continue;
      }
      for (int i = 0; i < starts.length; i++) {
        double end = i + 1 < starts.length ? starts[i + 1] : Double.POSITIVE_INFINITY;
        if (e.onset() >= starts[i] && e.onset() < end) {
          out[i] = true;
        }
      }
    }
    return out;
  }

  /** Labels from a MAT-file (variable {@code classlabel}) or a CSV file (one number per line, optional header). */
  static double[] readLabels(Path file) {
    if (file.getFileName().toString().endsWith(".mat")) {
      return MatFile.read(file, "classlabel");
    }
    String text = new String(InputFiles.readAll(file, "BCI IV 2a label file", 1 << 20), StandardCharsets.UTF_8);
    List<String> lines = text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i);
      int comma = s.lastIndexOf(',');
      String cell = comma >= 0 ? s.substring(comma + 1).strip() : s;
      try {
        out.add(Double.parseDouble(cell));
      } catch (NumberFormatException e) {
        if (i == 0) {
          continue;
        }
        throw new IllegalArgumentException("Label file " + file + " line " + (i + 1) + " is '"
            + InputFiles.printable(s) + "', expected a label 1-4", e);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  public String toHtml() {
    return "<div><b>BCI Competition IV 2a</b> " + dir + ": subjects " + subjects() + ", files " + files + "</div>";
  }

  @Override
  public String toString() {
    return "BciIv2a[" + dir + ", " + files + "]";
  }
}
