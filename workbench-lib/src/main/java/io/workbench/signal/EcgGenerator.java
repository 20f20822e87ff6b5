package io.workbench.signal;

import io.workbench.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic ECG (one lead, mV) with three classes and ground truth: {@code normal} sinus rhythm,
 * {@code pvc} (a premature ventricular contraction in the middle of the window: no P wave, wide QRS,
 * discordant T wave, full compensatory pause) and {@code st_elevation} (sinus rhythm whose ST segments
 * are raised). Each beat is a sum of Gaussian waves {@code a exp(-(t - t_R - mu)^2 / (2 sigma^2))} (P, Q,
 * R, S, T, as in McSharry et al. 2003, written in time rather than phase), with noise, baseline wander
 * and mains interference added. The model, parameters and defaults are in {@code
 * datasets/GENERATORS-signals.md}.
 *
 * <pre>{@code
 * SyntheticSignals s = EcgGenerator.defaults().samplesPerClass(200).noise(0.05).seed(7).generate();
 * s.data();            // 600 rows, sampleShape [1, 750], features "ECG@t0".."ECG@t749"
 * s.intervals(3);      // where row 3 differs from a normal beat (empty for normal rows)
 * Recording r = EcgGenerator.defaults().recording(60, 0.1);   // one minute, 10% PVCs, beats annotated
 * }</pre>
 */
public final class EcgGenerator {

  /** Class names, in index order. */
  public static final List<String> CLASSES = List.of("normal", "pvc", "st_elevation");

  /** The concept columns of {@link #generateWithConcepts()}, in order. */
  public static final List<String> CONCEPTS = List.of("qrs_width_ms", "p_wave_present", "st_elevation_mv");

  // Normal beat: {mu (s from R), sigma (s), amplitude (mV)} for P, Q, R, S; T is placed by the RR interval.
  private static final double[][] NORMAL = {{-0.17, 0.022, 0.12}, {-0.03, 0.008, -0.10}, {0, 0.010, 1.0},
    {0.03, 0.010, -0.20}};
  private static final double T_SIGMA = 0.045;
  private static final double T_AMP = 0.28;
  // PVC: no P or Q wave; wide R and S, discordant (inverted) T.
  private static final double[][] PVC = {{0.01, 0.035, 1.15}, {0.08, 0.030, -0.45}, {0.33, 0.070, -0.35}};

  private final int samplesPerClass;
  private final double samplingRate;
  private final double window;
  private final double noise;
  private final double wander;
  private final double mains;
  private final double mainsFrequency;
  private final double minRate;
  private final double maxRate;
  private final double stElevation;
  private final double coupling;
  private final long seed;

  private EcgGenerator(int samplesPerClass, double samplingRate, double window, double noise, double wander,
      double mains, double mainsFrequency, double minRate, double maxRate, double stElevation, double coupling,
      long seed) {
    this.samplesPerClass = samplesPerClass;
    this.samplingRate = samplingRate;
    this.window = window;
    this.noise = noise;
    this.wander = wander;
    this.mains = mains;
    this.mainsFrequency = mainsFrequency;
    this.minRate = minRate;
    this.maxRate = maxRate;
    this.stElevation = stElevation;
    this.coupling = coupling;
    this.seed = seed;
  }

  /**
   * The defaults: 100 samples per class, 250 Hz, 3 s windows, white noise 0.03 mV, baseline wander 0.1
   * mV, 50 Hz mains 0.02 mV, heart rate 60-90 bpm, ST elevation 0.2 mV, PVC coupling 0.6 RR, seed 42.
   */
  public static EcgGenerator defaults() {
    return new EcgGenerator(100, 250, 3.0, 0.03, 0.1, 0.02, 50, 60, 90, 0.2, 0.6, 42);
  }

  private EcgGenerator copy(int spc, double fs, double win, double nz, double wd, double mn, double mf, double lo,
      double hi, double st, double cp, long sd) {
    return new EcgGenerator(spc, fs, win, nz, wd, mn, mf, lo, hi, st, cp, sd);
  }

  /** Windows per class (at least 1). */
  public EcgGenerator samplesPerClass(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("samplesPerClass must be >= 1, got " + n);
    }
    return copy(n, samplingRate, window, noise, wander, mains, mainsFrequency, minRate, maxRate, stElevation,
        coupling, seed);
  }

  /** Sampling rate in Hz (at least 100). */
  public EcgGenerator samplingRate(double fs) {
    if (!(fs >= 100)) {
      throw new IllegalArgumentException("samplingRate must be >= 100 Hz for the QRS to be resolved, got " + fs);
    }
    return copy(samplesPerClass, fs, window, noise, wander, mains, mainsFrequency, minRate, maxRate, stElevation,
        coupling, seed);
  }

  /** Window length in seconds (2 to 20). */
  public EcgGenerator window(double seconds) {
    if (!(seconds >= 2 && seconds <= 20)) {
      throw new IllegalArgumentException("window must be 2..20 seconds (room for a PVC and its pause), got " + seconds);
    }
    return copy(samplesPerClass, samplingRate, seconds, noise, wander, mains, mainsFrequency, minRate, maxRate,
        stElevation, coupling, seed);
  }

  /** Standard deviation of the white noise in mV (>= 0). */
  public EcgGenerator noise(double mV) {
    return copy(samplesPerClass, samplingRate, window, nonNegative(mV, "noise"), wander, mains, mainsFrequency,
        minRate, maxRate, stElevation, coupling, seed);
  }

  /** Amplitude of the baseline wander in mV (>= 0). */
  public EcgGenerator wander(double mV) {
    return copy(samplesPerClass, samplingRate, window, noise, nonNegative(mV, "wander"), mains, mainsFrequency,
        minRate, maxRate, stElevation, coupling, seed);
  }

  /** Amplitude (mV) and frequency (Hz) of mains interference. */
  public EcgGenerator mains(double mV, double hz) {
    if (!(hz > 0)) {
      throw new IllegalArgumentException("mains frequency must be positive, got " + hz);
    }
    return copy(samplesPerClass, samplingRate, window, noise, wander, nonNegative(mV, "mains"), hz, minRate,
        maxRate, stElevation, coupling, seed);
  }

  /** Heart-rate range in beats per minute (each window draws its rate uniformly), within 40..150. */
  public EcgGenerator heartRate(double minBpm, double maxBpm) {
    if (!(minBpm >= 40 && maxBpm <= 150 && minBpm <= maxBpm)) {
      throw new IllegalArgumentException("heartRate needs 40 <= min <= max <= 150 bpm, got " + minBpm + ", " + maxBpm);
    }
    return copy(samplesPerClass, samplingRate, window, noise, wander, mains, mainsFrequency, minBpm, maxBpm,
        stElevation, coupling, seed);
  }

  /** Mean ST elevation of the {@code st_elevation} class in mV (each window draws 0.7..1.3 times it). */
  public EcgGenerator stElevation(double mV) {
    return copy(samplesPerClass, samplingRate, window, noise, wander, mains, mainsFrequency, minRate, maxRate,
        nonNegative(mV, "stElevation"), coupling, seed);
  }

  /** PVC coupling interval as a fraction of the RR interval (0.4..0.85). */
  public EcgGenerator coupling(double fraction) {
    if (!(fraction >= 0.4 && fraction <= 0.85)) {
      throw new IllegalArgumentException("coupling must be in 0.4..0.85 of the RR interval, got " + fraction);
    }
    return copy(samplesPerClass, samplingRate, window, noise, wander, mains, mainsFrequency, minRate, maxRate,
        stElevation, fraction, seed);
  }

  /** Random seed; the same seed gives the same data. */
  public EcgGenerator seed(long s) {
    return copy(samplesPerClass, samplingRate, window, noise, wander, mains, mainsFrequency, minRate, maxRate,
        stElevation, coupling, s);
  }

  private static double nonNegative(double v, String what) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
    return v;
  }

  /** Generates the windows: {@code 3 x samplesPerClass} rows in random class order. */
  public SyntheticSignals generate() {
    return generate(false);
  }

  /**
   * The windows of {@link #generate()} (the same rows for the same seed) with the clinical concepts of each
   * window as extra numeric columns of the dataset (not features; read them with {@code data.column(name)}),
   * computed from the generator's own parameters:
   * <ul>
   *   <li>{@code qrs_width_ms}: QRS duration of the widest beat in the window, from the onset of its first
   *       QRS wave to the end of its last, each wave taken as {@code mu +- 2.5 sigma} (as in the ground-truth
   *       intervals): 105 ms for sinus beats, 232.5 ms for a PVC;
   *   <li>{@code p_wave_present}: 1 when every beat of the window has a P wave, 0 when one (the PVC) has none;
   *   <li>{@code st_elevation_mv}: the ST elevation of the window's beats in mV (the drawn elevation times the
   *       window's amplitude scale), 0 without elevation.
   * </ul>
   * These are what a concept bottleneck model ({@code ConceptBottleneck}) predicts and intervenes on.
   *
   * <pre>{@code
   * Dataset d = EcgGenerator.defaults().generateWithConcepts().data();
   * double[] qrs = d.column("qrs_width_ms");
   * }</pre>
   */
  public SyntheticSignals generateWithConcepts() {
    return generate(true);
  }

  private SyntheticSignals generate(boolean withConcepts) {
    Random rnd = new Random(seed);
    int n = 3 * samplesPerClass;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    int len = (int) Math.round(window * samplingRate);
    float[][][] data = new float[n][1][];
    List<List<Interval>> truth = new ArrayList<>();
    List<List<Annotation>> events = new ArrayList<>();
    double[][] concepts = new double[CONCEPTS.size()][n];
    for (int i = 0; i < n; i++) {
      double[] y = new double[len];
      List<Interval> iv = new ArrayList<>();
      List<Annotation> ev = new ArrayList<>();
      double[] c = window(rnd, labels[i], y, iv, ev);
      for (int k = 0; k < c.length; k++) {
        concepts[k][i] = c[k];
      }
      addNoise(rnd, y);
      float[] f = new float[len];
      for (int k = 0; k < len; k++) {
        f[k] = (float) y[k];
      }
      data[i][0] = f;
      truth.add(iv);
      events.add(ev);
    }
    Dataset d = Epochs.dataset("synthetic ECG", List.of("ECG"), data, labels, CLASSES, null);
    if (withConcepts) {
      d = withConcepts(d, labels, concepts);
    }
    return new SyntheticSignals(d, samplingRate, List.of("ECG"), truth, events, List.of("ECG"), List.of());
  }

  private static Dataset withConcepts(Dataset d, int[] labels, double[][] concepts) {
    List<tech.tablesaw.columns.Column<?>> cols = new ArrayList<>();
    cols.add(tech.tablesaw.api.IntColumn.create("label", labels));
    for (int k = 0; k < CONCEPTS.size(); k++) {
      cols.add(tech.tablesaw.api.DoubleColumn.create(CONCEPTS.get(k), concepts[k]));
    }
    tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("synthetic ECG with concepts",
        cols.toArray(new tech.tablesaw.columns.Column<?>[0]));
    return Dataset.builder(t).featureMatrix(d.features(), d.x()).sampleShape(d.sampleShape()).target("label")
        .classNames(CLASSES).build();
  }

  /** QRS duration in ms of a beat made of the given waves, {@code [mu, sigma, amplitude]}: onset to end at 2.5 sigma. */
  private static double qrsWidth(double[]... waves) {
    double from = Double.POSITIVE_INFINITY;
    double to = Double.NEGATIVE_INFINITY;
    for (double[] w : waves) {
      from = Math.min(from, w[0] - 2.5 * w[1]);
      to = Math.max(to, w[0] + 2.5 * w[1]);
    }
    return 1000 * (to - from);
  }

  /** Fills one window; returns its concepts in {@link #CONCEPTS} order. */
  private double[] window(Random rnd, int cls, double[] y, List<Interval> truth, List<Annotation> events) {
    double rr = 60.0 / (minRate + (maxRate - minRate) * rnd.nextDouble());
    double scale = 0.8 + 0.4 * rnd.nextDouble();
    double st = cls == 2 ? stElevation * (0.7 + 0.6 * rnd.nextDouble()) : 0;
    double tc = window * (0.45 + 0.1 * rnd.nextDouble());
    List<double[]> beats = new ArrayList<>(); // {time, isPvc}
    if (cls == 1) {
      beats.add(new double[] {tc, 1});
      double prev = tc - coupling * rr;
      double next = prev + 2 * rr;
      for (double t = prev; t > -1; t -= rr * jitter(rnd)) {
        beats.add(new double[] {t, 0});
      }
      for (double t = next; t < window + 1; t += rr * jitter(rnd)) {
        beats.add(new double[] {t, 0});
      }
    } else {
      for (double t = tc; t > -1; t -= rr * jitter(rnd)) {
        beats.add(new double[] {t, 0});
      }
      for (double t = tc + rr * jitter(rnd); t < window + 1; t += rr * jitter(rnd)) {
        beats.add(new double[] {t, 0});
      }
    }
    beats.sort((a, b) -> Double.compare(a[0], b[0]));
    for (double[] b : beats) {
      boolean pvc = b[1] == 1;
      addBeat(y, b[0], pvc, rr, scale, st);
      if (b[0] >= 0 && b[0] < window) {
        events.add(Annotation.at(b[0], pvc ? "V" : "N"));
      }
      if (st > 0) {
        double tT = tWave(rr);
        addInterval(truth, b[0] + 0.05 - 0.008 * Math.log(9), b[0] + tT + 0.02 * Math.log(9), "ST elevation", y.length);
      }
    }
    if (cls == 1) {
      double next = tc - coupling * rr + 2 * rr;
      addInterval(truth, tc - 0.17 - 2.5 * 0.022, tc - 0.17 + 2.5 * 0.022, "absent P wave", y.length);
      addInterval(truth, tc + 0.01 - 2.5 * 0.035, tc + 0.08 + 2.5 * 0.030, "wide QRS", y.length);
      addInterval(truth, tc + 0.33 - 2.5 * 0.070, tc + 0.33 + 2.5 * 0.070, "discordant T wave", y.length);
      addInterval(truth, tc + 0.33 + 2.5 * 0.070, next - 0.17 - 2.5 * 0.022, "compensatory pause", y.length);
    }
    double qrs = cls == 1 ? qrsWidth(PVC[0], PVC[1]) : qrsWidth(NORMAL[1], NORMAL[2], NORMAL[3]);
    return new double[] {qrs, cls == 1 ? 0 : 1, st * scale};
  }

  private void addInterval(List<Interval> truth, double from, double to, String reason, int len) {
    int a = Math.max(0, (int) Math.floor(from * samplingRate));
    int b = Math.min(len, (int) Math.ceil(to * samplingRate) + 1);
    if (b > a) {
      truth.add(new Interval(0, a, b, reason));
    }
  }

  private static double jitter(Random rnd) {
    return 1 + 0.02 * rnd.nextGaussian();
  }

  private static double tWave(double rr) {
    return 0.27 * Math.sqrt(rr / 0.8);
  }

  private void addBeat(double[] y, double tR, boolean pvc, double rr, double scale, double st) {
    int from = Math.max(0, (int) Math.floor((tR - 0.4) * samplingRate));
    int to = Math.min(y.length - 1, (int) Math.ceil((tR + 0.7) * samplingRate));
    double tT = tWave(rr);
    for (int k = from; k <= to; k++) {
      double t = k / samplingRate - tR;
      double v = 0;
      if (pvc) {
        for (double[] w : PVC) {
          v += gauss(t, w);
        }
      } else {
        for (double[] w : NORMAL) {
          v += gauss(t, w);
        }
        v += T_AMP * Math.exp(-(t - tT) * (t - tT) / (2 * T_SIGMA * T_SIGMA));
        if (st > 0) {
          v += st * sigmoid((t - 0.05) / 0.008) * sigmoid((tT - t) / 0.02);
        }
      }
      y[k] += scale * v;
    }
  }

  private static double gauss(double t, double[] w) {
    double d = t - w[0];
    return w[2] * Math.exp(-d * d / (2 * w[1] * w[1]));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private void addNoise(Random rnd, double[] y) {
    double f = 0.15 + 0.2 * rnd.nextDouble();
    double p1 = 2 * Math.PI * rnd.nextDouble();
    double p2 = 2 * Math.PI * rnd.nextDouble();
    double pm = 2 * Math.PI * rnd.nextDouble();
    for (int k = 0; k < y.length; k++) {
      double t = k / samplingRate;
      y[k] += wander * (Math.sin(2 * Math.PI * f * t + p1) + 0.5 * Math.sin(2 * Math.PI * 2.3 * f * t + p2))
          + mains * Math.sin(2 * Math.PI * mainsFrequency * t + pm)
          + noise * rnd.nextGaussian();
    }
  }

  /**
   * A continuous ECG of {@code seconds} with sinus rhythm at one rate drawn from the heart-rate range
   * and each beat a PVC with probability {@code pvcProbability} (never two in a row), with the same noise;
   * annotations {@code N} and {@code V} sit at the true R-peak times (channel {@code "ECG"}, mV).
   */
  public Recording recording(double seconds, double pvcProbability) {
    if (!(seconds >= 5)) {
      throw new IllegalArgumentException("recording needs at least 5 seconds, got " + seconds);
    }
    if (!(pvcProbability >= 0 && pvcProbability <= 0.5)) {
      throw new IllegalArgumentException("pvcProbability must be in 0..0.5, got " + pvcProbability);
    }
    Random rnd = new Random(seed);
    int len = (int) Math.round(seconds * samplingRate);
    double[] y = new double[len];
    double rr = 60.0 / (minRate + (maxRate - minRate) * rnd.nextDouble());
    double scale = 0.8 + 0.4 * rnd.nextDouble();
    List<Annotation> ann = new ArrayList<>();
    double t = 0.3 + 0.5 * rnd.nextDouble();
    boolean lastPvc = true;
    while (t < seconds - 0.05) {
      boolean pvc = !lastPvc && rnd.nextDouble() < pvcProbability;
      double tb = pvc ? t - (1 - coupling) * rr : t;
      addBeat(y, tb, pvc, rr, scale, 0);
      ann.add(Annotation.at(tb, pvc ? "V" : "N"));
      lastPvc = pvc;
      // t is where the next sinus beat is due (prev + RR); a PVC comes early, at prev + coupling * RR, and
      // the compensatory pause puts the next sinus beat at prev + 2 RR = t + RR
      t += pvc ? rr : rr * jitter(rnd);
    }
    addNoise(rnd, y);
    return new Recording("synthetic ECG", List.of(new Channel("ECG", "mV", samplingRate, y)), ann, null);
  }
}
