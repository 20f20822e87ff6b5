package io.workbench.signal;

import io.workbench.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic motor-imagery EEG (µV) with ground truth. Nine 10-20 channels (F3, Fz, F4, C3, Cz,
 * C4, P3, Pz, P4) on a 3 x 3 grid record background 1/f noise plus two motor sources under C3 and C4,
 * each a mu (8-12 Hz) and beta (18-24 Hz) rhythm projected to the scalp by a Gaussian spatial kernel.
 * During imagery the source contralateral to the imagined hand loses part of its rhythm
 * (event-related desynchronisation, ERD): {@code left hand} desynchronises under C4, {@code right hand}
 * under C3, {@code rest} neither. Eye blinks (frontal), muscle bursts and mains interference are added
 * as artefacts. The model, parameters and defaults are in {@code datasets/GENERATORS-signals.md}.
 *
 * <pre>{@code
 * SyntheticSignals s = MotorImageryGenerator.defaults().trialsPerClass(100).seed(3).generate();
 * s.data();                   // 300 trials, sampleShape [9, 384] (3 s at 128 Hz), features "C3@t12"
 * s.informativeChannels();    // [C3, C4]
 * s.informativeBands();       // [mu 8-12 Hz, beta 18-24 Hz]
 * }</pre>
 */
public final class MotorImageryGenerator {

  /** Class names, in index order. */
  public static final List<String> CLASSES = List.of("left hand", "right hand", "rest");
  /** Channel names, in sample order. */
  public static final List<String> CHANNELS = List.of("F3", "Fz", "F4", "C3", "Cz", "C4", "P3", "Pz", "P4");
  /** The mu band of the generated rhythm. */
  public static final Band MU = new Band("mu", 8, 12);
  /** The beta band of the generated rhythm. */
  public static final Band BETA = new Band("beta", 18, 24);

  private static final double[][] POS = {{-1, 1}, {0, 1}, {1, 1}, {-1, 0}, {0, 0}, {1, 0}, {-1, -1}, {0, -1}, {1, -1}};
  private static final double SPREAD = 0.6;
  // Pink-noise filter (-10 dB/decade) after J. O. Smith, "Spectral Audio Signal Processing": b / a.
  private static final double[] PINK_B = {0.049922035, -0.095993537, 0.050612699, -0.004408786};
  private static final double[] PINK_A = {1, -2.494956002, 2.017265875, -0.522189400};

  private final int trialsPerClass;
  private final double samplingRate;
  private final double trialLength;
  private final double imageryStart;
  private final double erd;
  private final double background;
  private final double muAmplitude;
  private final double betaAmplitude;
  private final double blinkProbability;
  private final double emgProbability;
  private final double mains;
  private final long seed;

  private MotorImageryGenerator(int trialsPerClass, double samplingRate, double trialLength, double imageryStart,
      double erd, double background, double muAmplitude, double betaAmplitude, double blinkProbability,
      double emgProbability, double mains, long seed) {
    this.trialsPerClass = trialsPerClass;
    this.samplingRate = samplingRate;
    this.trialLength = trialLength;
    this.imageryStart = imageryStart;
    this.erd = erd;
    this.background = background;
    this.muAmplitude = muAmplitude;
    this.betaAmplitude = betaAmplitude;
    this.blinkProbability = blinkProbability;
    this.emgProbability = emgProbability;
    this.mains = mains;
    this.seed = seed;
  }

  /**
   * The defaults: 100 trials per class, 128 Hz, 3 s trials with imagery from 0.5 s, ERD depth 0.6,
   * background 1/f noise 5 µV RMS, mu 5 µV RMS, beta 2 µV RMS at the source, blink probability 0.3 and
   * muscle-burst probability 0.1 per trial, 50 Hz mains 1 µV, seed 42.
   */
  public static MotorImageryGenerator defaults() {
    return new MotorImageryGenerator(100, 128, 3.0, 0.5, 0.6, 5, 5, 2, 0.3, 0.1, 1, 42);
  }

  private MotorImageryGenerator with(int tpc, double fs, double len, double start, double depth, double bg, double mu,
      double beta, double blink, double emg, double mn, long sd) {
    return new MotorImageryGenerator(tpc, fs, len, start, depth, bg, mu, beta, blink, emg, mn, sd);
  }

  /** Trials per class (at least 1). */
  public MotorImageryGenerator trialsPerClass(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("trialsPerClass must be >= 1, got " + n);
    }
    return with(n, samplingRate, trialLength, imageryStart, erd, background, muAmplitude, betaAmplitude,
        blinkProbability, emgProbability, mains, seed);
  }

  /** Sampling rate in Hz (at least 64, above twice the beta band). */
  public MotorImageryGenerator samplingRate(double fs) {
    if (!(fs >= 64)) {
      throw new IllegalArgumentException("samplingRate must be >= 64 Hz, got " + fs);
    }
    return with(trialsPerClass, fs, trialLength, imageryStart, erd, background, muAmplitude, betaAmplitude,
        blinkProbability, emgProbability, mains, seed);
  }

  /** Trial length and imagery onset in seconds ({@code 0 <= start}, at least 1 s of imagery). */
  public MotorImageryGenerator timing(double trialSeconds, double imageryStartSeconds) {
    if (!(imageryStartSeconds >= 0 && trialSeconds - imageryStartSeconds >= 1 && trialSeconds <= 30)) {
      throw new IllegalArgumentException("timing needs 0 <= imagery start and at least 1 s of imagery in a trial of"
          + " at most 30 s, got trial " + trialSeconds + " s, start " + imageryStartSeconds + " s");
    }
    return with(trialsPerClass, samplingRate, trialSeconds, imageryStartSeconds, erd, background, muAmplitude,
        betaAmplitude, blinkProbability, emgProbability, mains, seed);
  }

  /** ERD depth: the fraction of the contralateral rhythm's amplitude lost during imagery (0..1; 0 = no class signal). */
  public MotorImageryGenerator erd(double depth) {
    if (!(depth >= 0 && depth <= 1)) {
      throw new IllegalArgumentException("erd depth must be in 0..1, got " + depth);
    }
    return with(trialsPerClass, samplingRate, trialLength, imageryStart, depth, background, muAmplitude,
        betaAmplitude, blinkProbability, emgProbability, mains, seed);
  }

  /** RMS of the background 1/f noise per channel, in µV (>= 0). */
  public MotorImageryGenerator background(double microvolts) {
    return with(trialsPerClass, samplingRate, trialLength, imageryStart, erd, nonNegative(microvolts, "background"),
        muAmplitude, betaAmplitude, blinkProbability, emgProbability, mains, seed);
  }

  /** RMS of the mu and beta rhythms at their source, in µV (>= 0). */
  public MotorImageryGenerator rhythms(double muMicrovolts, double betaMicrovolts) {
    return with(trialsPerClass, samplingRate, trialLength, imageryStart, erd, background,
        nonNegative(muMicrovolts, "mu amplitude"), nonNegative(betaMicrovolts, "beta amplitude"), blinkProbability,
        emgProbability, mains, seed);
  }

  /** Per-trial probabilities of an eye blink and of a muscle burst (0..1 each). */
  public MotorImageryGenerator artefacts(double blink, double emg) {
    if (!(blink >= 0 && blink <= 1 && emg >= 0 && emg <= 1)) {
      throw new IllegalArgumentException("artefact probabilities must be in 0..1, got " + blink + ", " + emg);
    }
    return with(trialsPerClass, samplingRate, trialLength, imageryStart, erd, background, muAmplitude, betaAmplitude,
        blink, emg, mains, seed);
  }

  /** Amplitude of 50 Hz mains interference in µV (>= 0). */
  public MotorImageryGenerator mains(double microvolts) {
    return with(trialsPerClass, samplingRate, trialLength, imageryStart, erd, background, muAmplitude, betaAmplitude,
        blinkProbability, emgProbability, nonNegative(microvolts, "mains"), seed);
  }

  /** Random seed; the same seed gives the same data. */
  public MotorImageryGenerator seed(long s) {
    return with(trialsPerClass, samplingRate, trialLength, imageryStart, erd, background, muAmplitude, betaAmplitude,
        blinkProbability, emgProbability, mains, s);
  }

  private static double nonNegative(double v, String what) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
    return v;
  }

  /** Generates {@code 3 x trialsPerClass} trials in random class order. */
  public SyntheticSignals generate() {
    Random rnd = new Random(seed);
    int n = 3 * trialsPerClass;
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
    int len = (int) Math.round(trialLength * samplingRate);
    int start = (int) Math.round(imageryStart * samplingRate);
    int c3 = CHANNELS.indexOf("C3");
    int c4 = CHANNELS.indexOf("C4");
    double[][] mixing = new double[2][CHANNELS.size()];
    for (int s = 0; s < 2; s++) {
      double[] src = POS[s == 0 ? c3 : c4];
      for (int c = 0; c < CHANNELS.size(); c++) {
        double dx = POS[c][0] - src[0];
        double dy = POS[c][1] - src[1];
        mixing[s][c] = Math.exp(-(dx * dx + dy * dy) / (2 * SPREAD * SPREAD));
      }
    }
    Filter muFilter = Filter.bandPass(3, MU.low(), MU.high());
    Filter betaFilter = Filter.bandPass(3, BETA.low(), BETA.high());
    Filter emgFilter = Filter.highPass(4, 20);
    float[][][] data = new float[n][CHANNELS.size()][len];
    List<List<Interval>> truth = new ArrayList<>();
    List<List<Annotation>> events = new ArrayList<>();
    int ramp = Math.max(1, (int) Math.round(0.25 * samplingRate));
    for (int i = 0; i < n; i++) {
      double[][] x = new double[CHANNELS.size()][len];
      double[] shared = pink(rnd, len);
      for (int c = 0; c < x.length; c++) {
        double[] own = pink(rnd, len);
        for (int k = 0; k < len; k++) {
          x[c][k] = background * (Math.sqrt(0.7) * own[k] + Math.sqrt(0.3) * shared[k]);
        }
      }
      for (int s = 0; s < 2; s++) {
        double[] mu = unitRms(muFilter.apply(white(rnd, len), samplingRate));
        double[] beta = unitRms(betaFilter.apply(white(rnd, len), samplingRate));
        boolean desync = (labels[i] == 0 && s == 1) || (labels[i] == 1 && s == 0);
        for (int k = 0; k < len; k++) {
          double gain = 1;
          if (desync && k >= start) {
            gain = 1 - erd * Math.min(1, (k - start + 1) / (double) ramp);
          }
          double v = gain * (muAmplitude * mu[k] + betaAmplitude * beta[k]);
          for (int c = 0; c < x.length; c++) {
            x[c][k] += mixing[s][c] * v;
          }
        }
      }
      List<Annotation> ev = new ArrayList<>();
      if (rnd.nextDouble() < blinkProbability) {
        double t0 = trialLength * rnd.nextDouble();
        double amp = 60 + 40 * rnd.nextDouble();
        double[] weight = {0.8, 1.0, 0.8, 0.2, 0.25, 0.2, 0.05, 0.05, 0.05};
        for (int k = 0; k < len; k++) {
          double d = (k / samplingRate - t0) / 0.08;
          double bump = amp * Math.exp(-0.5 * d * d);
          for (int c = 0; c < x.length; c++) {
            x[c][k] += weight[c] * bump;
          }
        }
        ev.add(new Annotation(Math.max(0, t0 - 0.2), 0.4, "blink"));
      }
      if (rnd.nextDouble() < emgProbability) {
        int c = new int[] {0, 2, 6, 8}[rnd.nextInt(4)];
        double t0 = (trialLength - 0.3) * rnd.nextDouble();
        double[] burst = emgFilter.apply(white(rnd, len), samplingRate);
        int a = (int) Math.round(t0 * samplingRate);
        int b = Math.min(len, a + (int) Math.round(0.3 * samplingRate));
        for (int k = a; k < b; k++) {
          x[c][k] += 10 * burst[k];
        }
        ev.add(new Annotation(t0, 0.3, "muscle " + CHANNELS.get(c)));
      }
      double pm = 2 * Math.PI * rnd.nextDouble();
      for (int c = 0; c < x.length; c++) {
        for (int k = 0; k < len; k++) {
          data[i][c][k] = (float) (x[c][k] + mains * Math.sin(2 * Math.PI * 50 * k / samplingRate + pm));
        }
      }
      List<Interval> iv = new ArrayList<>();
      if (labels[i] == 0 || labels[i] == 2) {
        iv.add(new Interval(c4, start, len, labels[i] == 0 ? "mu/beta ERD over C4" : "no ERD over C4"));
      }
      if (labels[i] == 1 || labels[i] == 2) {
        iv.add(new Interval(c3, start, len, labels[i] == 1 ? "mu/beta ERD over C3" : "no ERD over C3"));
      }
      truth.add(iv);
      ev.add(0, new Annotation(imageryStart, trialLength - imageryStart, CLASSES.get(labels[i])));
      events.add(ev);
    }
    Dataset d = Epochs.dataset("synthetic motor imagery EEG", CHANNELS, data, labels, CLASSES, null);
    return new SyntheticSignals(d, samplingRate, CHANNELS, truth, events, List.of("C3", "C4"), List.of(MU, BETA));
  }

  private static double[] white(Random rnd, int n) {
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      w[k] = rnd.nextGaussian();
    }
    return w;
  }

  /** Unit-RMS 1/f noise: white noise through the pink filter, after a warm-up that is discarded. */
  private double[] pink(Random rnd, int n) {
    int warm = (int) Math.round(2 * samplingRate);
    double[] w = white(rnd, n + warm);
    double[] y = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      double v = 0;
      for (int j = 0; j < PINK_B.length && j <= k; j++) {
        v += PINK_B[j] * w[k - j];
      }
      for (int j = 1; j < PINK_A.length && j <= k; j++) {
        v -= PINK_A[j] * y[k - j];
      }
      y[k] = v;
    }
    double[] out = new double[n];
    System.arraycopy(y, warm, out, 0, n);
    double mean = 0;
    for (double v : out) {
      mean += v;
    }
    mean /= n;
    for (int k = 0; k < n; k++) {
      out[k] -= mean;
    }
    return unitRms(out);
  }

  private static double[] unitRms(double[] x) {
    double ss = 0;
    for (double v : x) {
      ss += v * v;
    }
    double rms = Math.sqrt(ss / x.length);
    if (rms > 0) {
      for (int k = 0; k < x.length; k++) {
        x[k] /= rms;
      }
    }
    return x;
  }
}
