package io.workbench.signal;

import io.workbench.data.Dataset;
import io.workbench.data.DatasetBuilder;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Equal-length pieces of a recording, {@code channels x length} each, with an onset and (optionally) a
 * class label: fixed windows ({@link #windows}) or event-locked epochs around annotations ({@link
 * #around}). {@link #toDataset()} turns them into a {@link Dataset} with {@code sampleShape [channels,
 * length]} and features named {@code "C3@t12"} (channel-major, as a 1D CNN expects them).
 *
 * <pre>{@code
 * Epochs trials = Epochs.around(eeg, eeg.annotations(), 0.0, 3.0);  // labels from the annotation text
 * Dataset d = trials.standardize().toDataset();                     // rows x (channels * length)
 * Dataset bp = trials.bandPower(true, Band.MU, Band.BETA);           // log10 band power features
 * Epochs back = Epochs.of(d, 128);                                   // a signal dataset as epochs again
 * }</pre>
 */
public final class Epochs implements Displayable {

  private final List<String> channels;
  private final double samplingRate;
  private final float[][][] data;
  private final double[] onsets;
  private final int[] labels;
  private final List<String> classNames;

  /**
   * Epochs from their parts.
   *
   * @param channels channel names
   * @param samplingRate hertz
   * @param data {@code [epoch][channel][sample]}, all epochs the same shape
   * @param onsets start of each epoch in seconds (in its recording)
   * @param labels class index of each epoch, or {@code null} for unlabelled epochs
   * @param classNames class names (ignored when {@code labels} is null)
   */
  public Epochs(List<String> channels, double samplingRate, float[][][] data, double[] onsets, int[] labels,
      List<String> classNames) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("Epochs need at least one channel");
    }
    if (!(samplingRate > 0)) {
      throw new IllegalArgumentException("samplingRate must be positive, got " + samplingRate);
    }
    if (onsets.length != data.length || (labels != null && labels.length != data.length)) {
      throw new IllegalArgumentException("Epochs need one onset" + (labels == null ? "" : " and one label")
          + " per epoch: " + data.length + " epochs, " + onsets.length + " onsets"
          + (labels == null ? "" : ", " + labels.length + " labels"));
    }
    int length = data.length == 0 ? 0 : data[0][0].length;
    for (int i = 0; i < data.length; i++) {
      if (data[i].length != channels.size()) {
        throw new IllegalArgumentException(
            "Epoch " + i + " has " + data[i].length + " channels, expected " + channels.size());
      }
      for (float[] c : data[i]) {
        if (c.length != length) {
          throw new IllegalArgumentException("Epoch " + i + " has a channel of " + c.length + " samples, expected " + length);
        }
      }
      if (labels != null && (labels[i] < 0 || labels[i] >= classNames.size())) {
        throw new IllegalArgumentException(
            "Label " + labels[i] + " of epoch " + i + " is outside classes 0.." + (classNames.size() - 1));
      }
    }
    this.channels = List.copyOf(channels);
    this.samplingRate = samplingRate;
    this.data = data;
    this.onsets = onsets.clone();
    this.labels = labels == null ? null : labels.clone();
    this.classNames = labels == null ? List.of() : List.copyOf(classNames);
  }

  /**
   * Fixed windows of {@code length} seconds every {@code step} seconds from the start, unlabelled. All
   * channels must share one sampling rate (call {@link Recording#resample} first).
   */
  public static Epochs windows(Recording recording, double length, double step) {
    double fs = recording.samplingRate();
    int len = samples(length, fs, "length");
    int hop = samples(step, fs, "step");
    int n = recording.channels().stream().mapToInt(Channel::length).min().orElse(0);
    List<float[][]> out = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    for (int start = 0; start + len <= n; start += hop) {
      out.add(cut(recording, start, len));
      on.add(start / fs);
    }
    return new Epochs(recording.channelNames(), fs, out.toArray(new float[0][][]),
        on.stream().mapToDouble(Double::doubleValue).toArray(), null, null);
  }

  /**
   * One epoch per annotation, from {@code before} seconds before its onset to {@code after} seconds
   * after (use a negative {@code before} to start after the onset), labelled by the annotation text;
   * classes are the distinct labels, sorted. Events whose epoch would leave the recording are skipped
   * (see {@link #onsets()} for where the kept ones start).
   */
  public static Epochs around(Recording recording, List<Annotation> events, double before, double after) {
    TreeSet<String> names = new TreeSet<>();
    events.forEach(e -> names.add(e.label()));
    return around(recording, events, before, after, new ArrayList<>(names));
  }

  /** As {@link #around(Recording, List, double, double)}, with the class order given; other labels are skipped. */
  public static Epochs around(Recording recording, List<Annotation> events, double before, double after,
      List<String> classNames) {
    double fs = recording.samplingRate();
    if (!(before + after > 0)) {
      throw new IllegalArgumentException("Epoch needs before + after > 0 seconds, got before=" + before + ", after=" + after);
    }
    int len = samples(before + after, fs, "before + after");
    int n = recording.channels().stream().mapToInt(Channel::length).min().orElse(0);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int k = 0; k < classNames.size(); k++) {
      index.put(classNames.get(k), k);
    }
    List<float[][]> out = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    List<Integer> lab = new ArrayList<>();
    for (Annotation e : events) {
      Integer k = index.get(e.label());
      if (k == null) {
        continue;
      }
      int start = (int) Math.round((e.onset() - before) * fs);
      if (start < 0 || start + len > n) {
        continue;
      }
      out.add(cut(recording, start, len));
      on.add(start / fs);
      lab.add(k);
    }
    return new Epochs(recording.channelNames(), fs, out.toArray(new float[0][][]),
        on.stream().mapToDouble(Double::doubleValue).toArray(), lab.stream().mapToInt(Integer::intValue).toArray(),
        classNames);
  }

  /**
   * A signal dataset (sampleShape {@code [channels, length]}, features named {@code "<channel>@t<k>"}) as
   * epochs again, keeping its labels when it has a classification target.
   */
  public static Epochs of(Dataset data, double samplingRate) {
    int[] shape = data.sampleShape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "Epochs.of needs a signal dataset with sampleShape [channels, length], got " + Arrays.toString(shape));
    }
    int c = shape[0];
    int len = shape[1];
    List<String> names = new ArrayList<>();
    for (int ch = 0; ch < c; ch++) {
      String f = data.features().get(ch * len);
      int at = f.lastIndexOf("@t");
      names.add(at > 0 ? f.substring(0, at) : "ch" + ch);
    }
    float[][] x = data.x();
    float[][][] d = new float[x.length][c][len];
    for (int i = 0; i < x.length; i++) {
      for (int ch = 0; ch < c; ch++) {
        System.arraycopy(x[i], ch * len, d[i][ch], 0, len);
      }
    }
    double[] on = new double[x.length];
    boolean labelled = data.target() != null && data.task() == io.workbench.data.Task.CLASSIFICATION;
    return new Epochs(names, samplingRate, d, on, labelled ? data.y() : null, labelled ? data.classNames() : null);
  }

  private static int samples(double seconds, double fs, String what) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException(what + " must be a positive number of seconds, got " + seconds);
    }
    return Math.max(1, (int) Math.round(seconds * fs));
  }

  private static float[][] cut(Recording r, int start, int len) {
    float[][] e = new float[r.numChannels()][len];
    for (int c = 0; c < e.length; c++) {
      double[] v = r.channel(c).view();
      for (int k = 0; k < len; k++) {
        e[c][k] = (float) v[start + k];
      }
    }
    return e;
  }

  /** Number of epochs. */
  public int count() {
    return data.length;
  }

  /** Channel names. */
  public List<String> channels() {
    return channels;
  }

  /** Samples per channel in each epoch. */
  public int length() {
    return data.length == 0 ? 0 : data[0][0].length;
  }

  /** Sampling rate in hertz. */
  public double samplingRate() {
    return samplingRate;
  }

  /** Start of each epoch in seconds. */
  public double[] onsets() {
    return onsets.clone();
  }

  /** Whether the epochs carry class labels. */
  public boolean labelled() {
    return labels != null;
  }

  /** Class index of each epoch; fails for unlabelled epochs. */
  public int[] labels() {
    if (labels == null) {
      throw new IllegalStateException("These epochs have no labels (fixed windows); use Epochs.around to label them");
    }
    return labels.clone();
  }

  /** Class names in index order (empty when unlabelled). */
  public List<String> classNames() {
    return classNames;
  }

  /** A copy of epoch {@code i}, {@code [channel][sample]}. */
  public float[][] epoch(int i) {
    if (i < 0 || i >= data.length) {
      throw new IllegalArgumentException("Epoch index " + i + " is outside 0.." + (data.length - 1));
    }
    float[][] out = new float[data[i].length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = data[i][c].clone();
    }
    return out;
  }

  /** All epochs as a {@code [epoch][channel][sample]} array (a copy). */
  public float[][][] toArray() {
    float[][][] out = new float[data.length][][];
    for (int i = 0; i < data.length; i++) {
      out[i] = epoch(i);
    }
    return out;
  }

  /**
   * Each channel of each epoch filtered with the zero-phase filter (for example a mu/beta band-pass before
   * a CNN). Filtering short epochs has edge effects; filter the continuous recording first when you have
   * it.
   *
   * <pre>{@code
   * Epochs mu = epochs.filter(Filter.bandPass(4, 8, 30));
   * }</pre>
   */
  public Epochs filter(Filter filter) {
    float[][][] out = new float[data.length][channels.size()][];
    for (int i = 0; i < data.length; i++) {
      for (int c = 0; c < channels.size(); c++) {
        float[] v = data[i][c];
        double[] x = new double[v.length];
        for (int k = 0; k < v.length; k++) {
          x[k] = v[k];
        }
        double[] y = filter.apply(x, samplingRate);
        float[] f = new float[y.length];
        for (int k = 0; k < y.length; k++) {
          f[k] = (float) y[k];
        }
        out[i][c] = f;
      }
    }
    return new Epochs(channels, samplingRate, out, onsets, labels, classNames);
  }

  /** Each channel of each epoch standardised to mean 0 and standard deviation 1 (constant ones become 0). */
  public Epochs standardize() {
    float[][][] out = new float[data.length][channels.size()][];
    for (int i = 0; i < data.length; i++) {
      for (int c = 0; c < channels.size(); c++) {
        float[] v = data[i][c];
        double mean = 0;
        for (float f : v) {
          mean += f;
        }
        mean /= v.length;
        double ss = 0;
        for (float f : v) {
          ss += (f - mean) * (f - mean);
        }
        double sd = Math.sqrt(ss / v.length);
        float[] z = new float[v.length];
        for (int k = 0; k < v.length; k++) {
          z[k] = sd > 0 ? (float) ((v[k] - mean) / sd) : 0f;
        }
        out[i][c] = z;
      }
    }
    return new Epochs(channels, samplingRate, out, onsets, labels, classNames);
  }

  /**
   * The sample-wise median of all epochs, {@code [channel][sample]}: a robust template of the typical
   * epoch (for beats: the typical beat shape).
   */
  public float[][] median() {
    if (data.length == 0) {
      throw new IllegalArgumentException("median of no epochs");
    }
    float[][] out = new float[channels.size()][length()];
    float[] column = new float[data.length];
    for (int c = 0; c < out.length; c++) {
      for (int k = 0; k < out[c].length; k++) {
        for (int i = 0; i < data.length; i++) {
          column[i] = data[i][c][k];
        }
        Arrays.sort(column);
        int m = column.length / 2;
        out[c][k] = column.length % 2 == 1 ? column[m] : (column[m - 1] + column[m]) / 2;
      }
    }
    return out;
  }

  /**
   * Pearson's correlation of every epoch with a template {@code [channel][sample]} (all channels' samples
   * together): how much each epoch looks like it, whatever its offset and scale. NaN for a flat epoch.
   */
  public double[] correlation(float[][] template) {
    if (template == null || template.length != channels.size() || template[0].length != length()) {
      throw new IllegalArgumentException("correlation: the template must be [" + channels.size() + "][" + length()
          + "] (channels x samples), got " + (template == null ? "null"
              : "[" + template.length + "][" + (template.length == 0 ? 0 : template[0].length) + "]"));
    }
    double[] out = new double[data.length];
    double n = (double) channels.size() * length();
    for (int i = 0; i < data.length; i++) {
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double syy = 0;
      double sxy = 0;
      for (int c = 0; c < template.length; c++) {
        for (int k = 0; k < template[c].length; k++) {
          double a = data[i][c][k];
          double b = template[c][k];
          sx += a;
          sy += b;
          sxx += a * a;
          syy += b * b;
          sxy += a * b;
        }
      }
      out[i] = (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }
    return out;
  }

  /** Welch band power of every epoch, channel and band: {@code [epoch][channel * bands.length + band]}. */
  public double[][] bandPowers(Band... bands) {
    if (bands.length == 0) {
      throw new IllegalArgumentException("bandPowers needs at least one band");
    }
    double[][] out = new double[data.length][channels.size() * bands.length];
    double[] buf = new double[length()];
    for (int i = 0; i < data.length; i++) {
      for (int c = 0; c < channels.size(); c++) {
        for (int k = 0; k < buf.length; k++) {
          buf[k] = data[i][c][k];
        }
        Spectrum s = Welch.psd(buf, samplingRate, Math.min(buf.length, (int) Math.round(samplingRate)),
            Math.min(buf.length, (int) Math.round(samplingRate)) / 2);
        for (int b = 0; b < bands.length; b++) {
          out[i][c * bands.length + b] = s.bandPower(bands[b]);
        }
      }
    }
    return out;
  }

  /**
   * Band-power features as a dataset: one feature {@code "<channel> <band>"} per channel and band (Welch
   * with one-second segments), {@code log10} of the power when {@code log}; the labels are kept.
   */
  public Dataset bandPower(boolean log, Band... bands) {
    double[][] p = bandPowers(bands);
    List<Column<?>> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < channels.size(); c++) {
      for (int b = 0; b < bands.length; b++) {
        String name = channels.get(c) + " " + bands[b].name();
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          v[i] = log ? Math.log10(Math.max(p[i][c * bands.length + b], 1e-300)) : p[i][c * bands.length + b];
        }
        cols.add(DoubleColumn.create(name, v));
        names.add(name);
      }
    }
    return assemble("band power", cols, names, null);
  }

  /**
   * The epochs as a dataset: features {@code "<channel>@t<k>"} (channel-major), sampleShape {@code
   * [channels, length]}, a {@code label} target when labelled, and an {@code onset} column (seconds)
   * as the time role.
   */
  public Dataset toDataset() {
    return dataset("epochs", channels, data, labels, classNames, onsets);
  }

  /** A signal dataset from {@code [row][channel][sample]} values; no onset column when {@code onsets} is null. */
  static Dataset dataset(String title, List<String> channels, float[][][] data, int[] labels, List<String> classNames,
      double[] onsets) {
    int len = data.length == 0 ? 0 : data[0][0].length;
    List<String> names = new ArrayList<>();
    for (String channel : channels) {
      for (int k = 0; k < len; k++) {
        names.add(channel + "@t" + k);
      }
    }
    float[][] x = new float[data.length][channels.size() * len];
    for (int i = 0; i < data.length; i++) {
      for (int c = 0; c < channels.size(); c++) {
        System.arraycopy(data[i][c], 0, x[i], c * len, len);
      }
    }
    List<Column<?>> cols = new ArrayList<>();
    if (onsets != null) {
      cols.add(DoubleColumn.create("onset", onsets));
    }
    if (labels != null) {
      cols.add(IntColumn.create("label", labels));
    }
    Table t = Table.create(title, cols.toArray(new Column<?>[0]));
    DatasetBuilder b = Dataset.builder(t).featureMatrix(names, x).sampleShape(channels.size(), len);
    if (onsets != null) {
      b = b.time("onset");
    }
    if (labels != null) {
      b = b.target("label").classNames(classNames);
    }
    return b.build();
  }

  private Dataset assemble(String title, List<Column<?>> cols, List<String> names, int[] shape) {
    List<Column<?>> all = new ArrayList<>(cols);
    all.add(DoubleColumn.create("onset", onsets));
    if (labels != null) {
      all.add(IntColumn.create("label", labels));
    }
    Table t = Table.create(title, all.toArray(new Column<?>[0]));
    DatasetBuilder b = Dataset.builder(t).features(names).time("onset");
    if (labels != null) {
      b = b.target("label").classNames(classNames);
    }
    if (shape != null) {
      b = b.sampleShape(shape);
    }
    return b.build();
  }

  @Override
  public String toHtml() {
    StringBuilder h = new StringBuilder("<div><b>Epochs</b>: ").append(count()).append(" x ")
        .append(channels.size()).append(" channels x ").append(length()).append(" samples at ")
        .append(samplingRate).append(" Hz");
    if (labels != null) {
      int[] counts = new int[classNames.size()];
      for (int l : labels) {
        counts[l]++;
      }
      h.append(Tables.html(Table.create("epochs per class", StringColumn.create("class", classNames),
          IntColumn.create("epochs", counts)), null));
    }
    return h.append("</div>").toString();
  }

  @Override
  public String toString() {
    return "Epochs[" + count() + " x " + channels + " x " + length() + " samples at " + samplingRate + " Hz"
        + (labels == null ? "" : ", classes " + classNames) + "]";
  }
}
