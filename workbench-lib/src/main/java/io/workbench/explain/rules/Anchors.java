package io.workbench.explain.rules;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Anchors (Ribeiro, Singh and Guestrin 2018): a high-precision IF-THEN rule around one row of a tabular
 * classifier. Wherever the rule holds, the model predicts the row's class with precision at least {@link
 * #threshold(double)} (estimated); among such rules the search prefers the one that holds for most of the
 * data (coverage).
 *
 * <p>As in the reference implementation's tabular default: each numeric feature is cut at the quartiles of
 * the reference data, and the row's quartile bin gives up to two candidate conditions ({@code x > lower
 * edge}, {@code x <= upper edge}); a {@link #categorical(String...)} feature gives {@code x == value}.
 * Perturbation samples for a candidate rule are reference rows whose constrained features are replaced by
 * values of reference rows that satisfy the rule's conditions on that feature. Precision is the share of
 * samples the model gives the row's class (a rule grown by one condition starts with its parent's samples that
 * satisfy the new condition, and a rule with none gets one); candidates of each size are compared with the KL-LUCB bandit
 * (Kaufmann and Kalyanakrishnan 2013) until the best {@link #beamSize(int)} are told apart within {@link
 * #epsilon(double)} at confidence {@code 1 - delta}; a rule is accepted when its precision's lower bound
 * exceeds {@code threshold - epsilon}; the beam grows rules one condition at a time, only trying rules that
 * cover more than the best accepted one so far, and keeps the accepted rule with the largest coverage (when
 * none is accepted, the most precise rule of the last beam, marked not {@code accepted}). Coverage is the share of
 * the reference rows (up to {@link #coverageRows(int)}, a seeded sample) that satisfy the rule, counted
 * exactly. Each round of sampling is one batched model call; the generator is seeded, so the same seed
 * gives the same anchor whatever the thread count.
 *
 * <pre>{@code
 * Anchors anchors = Anchors.create(train).threshold(0.95).seed(7);
 * Anchor a = anchors.explain(model, test, 0);
 * a.rule();        // "IF mean radius > 15.8 AND worst texture > 29.7 THEN malignant"
 * a.precision();   // estimated precision, >= 0.95 when a.accepted()
 * a.coverage();    // share of the reference data where the rule holds
 * a.toTable();     // the rule grown one condition at a time, with precision and coverage
 * }</pre>
 */
public final class Anchors implements RunSettings<Anchors> {

  /** A guard against endless bandit rounds (each round samples two arms). */
  private static final int MAX_ROUNDS = 2000;

  private final Dataset reference;
  private Set<String> categorical = Set.of();
  private double threshold = 0.95;
  private double delta = 0.1;
  private double epsilon = 0.15;
  private int batchSize = 100;
  private int beamSize = 4;
  private int coverageRows = 10000;
  private RunOptions options = RunOptions.defaults();

  private Anchors(Dataset reference) {
    this.reference = reference;
  }

  /**
   * Anchors drawn against {@code reference} (the training data, usually): threshold 0.95, delta 0.1, epsilon
   * 0.15, batches of 100 samples, beam of 4, coverage over up to 10,000 reference rows, seed 42.
   */
  public static Anchors create(Dataset reference) {
    Checks.notNull(reference, "reference");
    if (reference.rows() < 2) {
      throw new IllegalArgumentException("reference data has " + reference.rows()
          + " rows; anchors need at least 2 to cut features at quartiles and draw samples");
    }
    return new Anchors(reference);
  }

  private Anchors copy() {
    Anchors c = new Anchors(reference);
    c.categorical = categorical;
    c.threshold = threshold;
    c.delta = delta;
    c.epsilon = epsilon;
    c.batchSize = batchSize;
    c.beamSize = beamSize;
    c.coverageRows = coverageRows;
    c.options = options;
    return c;
  }

  /** Features whose conditions are equalities ({@code x == value}) instead of quartile ranges. */
  public Anchors categorical(String... features) {
    Checks.notNull(features, "categorical");
    Checks.indices(reference.features(), List.of(features), "categorical");
    Anchors c = copy();
    c.categorical = Set.of(features);
    return c;
  }

  /** The precision a rule must reach, in (0, 1]; default 0.95 ("tau" in the paper). */
  public Anchors threshold(double tau) {
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + tau);
    }
    Anchors c = copy();
    c.threshold = tau;
    return c;
  }

  /** The bandit's error probability, in (0, 1); default 0.1. */
  public Anchors delta(double d) {
    if (!(d > 0 && d < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + d);
    }
    Anchors c = copy();
    c.delta = d;
    return c;
  }

  /** The precision tolerance of the bandit, in (0, 1); default 0.15. */
  public Anchors epsilon(double e) {
    if (!(e > 0 && e < 1)) {
      throw new IllegalArgumentException("epsilon must be in (0, 1), got " + e);
    }
    Anchors c = copy();
    c.epsilon = e;
    return c;
  }

  /** Perturbation samples drawn per arm and round; default 100. */
  public Anchors batchSize(int n) {
    Checks.positive(n, "batchSize");
    Anchors c = copy();
    c.batchSize = n;
    return c;
  }

  /** Rules kept per size in the beam search; default 4. */
  public Anchors beamSize(int n) {
    Checks.positive(n, "beamSize");
    Anchors c = copy();
    c.beamSize = n;
    return c;
  }

  /** Reference rows over which coverage is counted (a seeded sample when there are more); default 10,000. */
  public Anchors coverageRows(int n) {
    Checks.positive(n, "coverageRows");
    Anchors c = copy();
    c.coverageRows = n;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public Anchors withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    Anchors c = copy();
    c.options = o;
    return c;
  }

  /** The anchor of row {@code row} of {@code data}. */
  public Anchor explain(Model model, Dataset data, int row) {
    Checks.notNull(data, "data");
    if (row < 0 || row >= data.rows()) {
      throw new IllegalArgumentException("row " + row + " is out of range; data has " + data.rows() + " rows");
    }
    Checks.notNull(model, "model");
    Model.checkFeatures(model, data.features());
    return explain(model, data.x(new int[] {row})[0]);
  }

  /** The anchor of one raw feature row, in the model's feature order. */
  public Anchor explain(Model model, float[] x) {
    Checks.notNull(model, "model");
    if (model.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("anchors explain classifiers; this model does " + model.task()
          + " (for a regression model, see counterfactuals or partial dependence)");
    }
    Model.checkFeatures(model, reference.features());
    Checks.notNull(x, "x");
    Model.checkInput(model, new float[][] {x});
    Checks.finiteFeatures(new float[][] {x}, model.featureNames(), "x");
    int label = Stats.argmax(model.predictProba(new float[][] {x})[0]);
    Search s = new Search(model, x, label);
    try (AnalysisRun run = AnalysisRun.start("anchors", -1, options)) {
      return s.run(run);
    }
  }

  /** One search: the row's candidate conditions, the sampling state of every rule seen, the beam. */
  private final class Search {
    private final Model model;
    private final float[] x;
    private final int label;
    private final float[][] ref;
    private final List<AnchorCondition> preds = new ArrayList<>();
    /** Per condition: which reference rows satisfy it. */
    private final List<boolean[]> holdsRef = new ArrayList<>();
    private final int[] coverRows;
    private final Random rnd = new Random(options.seed());
    /** Per rule seen: the indices of the samples that count for it (drawn for it, or inherited). */
    private final Map<List<Integer>, SampleList> samplesOf = new HashMap<>();
    /** Per sample: which conditions it satisfies. */
    private final List<boolean[]> satisfied = new ArrayList<>();
    /** Per sample: whether the model gave it the row's class. */
    private final List<Boolean> agrees = new ArrayList<>();
    private long samples;

    Search(Model model, float[] x, int label) {
      this.model = model;
      this.x = x;
      this.label = label;
      this.ref = reference.x();
      Checks.finiteFeatures(ref, reference.features(), "reference data");
      List<String> names = reference.features();
      for (int j = 0; j < x.length; j++) {
        if (categorical.contains(names.get(j))) {
          add(new AnchorCondition(names.get(j), j, AnchorCondition.Comparison.EQUALS, x[j]));
          continue;
        }
        int col = j;
        double[] v = Arrays.stream(ref).mapToDouble(r -> r[col]).sorted().toArray();
        double[] edges = Arrays.stream(new double[] {0.25, 0.5, 0.75}).map(q -> (float) Stats.quantile(v, q))
            .distinct().toArray();
        int bin = 0;
        while (bin < edges.length && x[j] > edges[bin]) {
          bin++;
        }
        if (bin > 0) {
          add(new AnchorCondition(names.get(j), j, AnchorCondition.Comparison.GREATER, edges[bin - 1]));
        }
        if (bin < edges.length) {
          add(new AnchorCondition(names.get(j), j, AnchorCondition.Comparison.AT_MOST, edges[bin]));
        }
      }
      coverRows = Stats.sampleIndices(ref.length, coverageRows, options.seed() + 1);
    }

    private void add(AnchorCondition p) {
      preds.add(p);
      boolean[] h = new boolean[ref.length];
      for (int i = 0; i < ref.length; i++) {
        h[i] = p.holds(ref[i][p.index()]);
      }
      holdsRef.add(h);
    }

    double coverage(List<Integer> rule) {
      int n = 0;
      for (int i : coverRows) {
        boolean all = true;
        for (int p : rule) {
          all &= holdsRef.get(p)[i];
        }
        n += all ? 1 : 0;
      }
      return (double) n / coverRows.length;
    }

    /** Draws {@code n} samples for each rule in one batched call and adds them to the rules' counts. */
    void sample(AnalysisRun run, List<List<Integer>> rules, int n) {
      int d = x.length;
      float[][] rows = new float[rules.size() * n][];
      int k = 0;
      for (List<Integer> rule : rules) {
        Map<Integer, int[]> allowed = new HashMap<>();
        for (int p : rule) {
          allowed.merge(preds.get(p).index(), rowsWhere(p), Search::intersect);
        }
        for (int s = 0; s < n; s++) {
          float[] r = ref[rnd.nextInt(ref.length)].clone();
          for (Map.Entry<Integer, int[]> e : allowed.entrySet()) {
            int[] ok = e.getValue();
            r[e.getKey()] = ok.length == 0 ? x[e.getKey()] : ref[ok[rnd.nextInt(ok.length)]][e.getKey()];
          }
          rows[k++] = r;
        }
      }
      boolean[] same = new boolean[rows.length];
      run.evaluate(model, rows.length, d, (i, dest) -> System.arraycopy(rows[(int) i], 0, dest, 0, d),
          (i, out) -> same[(int) i] = Stats.argmax(out) == label);
      run.check();
      samples += rows.length;
      for (int r = 0; r < rules.size(); r++) {
        SampleList own = samplesOf.computeIfAbsent(rules.get(r), key -> new SampleList());
        for (int s = 0; s < n; s++) {
          float[] row = rows[r * n + s];
          boolean[] sat = new boolean[preds.size()];
          for (int p = 0; p < sat.length; p++) {
            sat[p] = preds.get(p).holds(row[preds.get(p).index()]);
          }
          own.add(satisfied.size(), same[r * n + s]);
          satisfied.add(sat);
          agrees.add(same[r * n + s]);
        }
      }
    }

    /**
     * A rule grown from {@code parent} by condition {@code p} starts with the parent's samples that satisfy
     * {@code p} (drawn under the parent's conditions and satisfying the new one, they are draws under the
     * grown rule too), as the reference implementation does.
     */
    void inherit(List<Integer> parent, int p, List<Integer> grown) {
      if (samplesOf.containsKey(grown)) {
        return;
      }
      SampleList out = new SampleList();
      SampleList from = samplesOf.get(parent);
      if (from != null) {
        for (int k = 0; k < from.size; k++) {
          int i = from.values[k];
          if (satisfied.get(i)[p]) {
            out.add(i, agrees.get(i));
          }
        }
      }
      samplesOf.put(grown, out);
    }

    private int[] rowsWhere(int p) {
      boolean[] h = holdsRef.get(p);
      int[] out = new int[ref.length];
      int m = 0;
      for (int i = 0; i < h.length; i++) {
        if (h[i]) {
          out[m++] = i;
        }
      }
      return Arrays.copyOf(out, m);
    }

    /** The samples of one rule: a growable list of sample indices, and how many of them agree. */
    private static final class SampleList {
      int[] values = new int[16];
      int size;
      int positives;

      void add(int v, boolean agree) {
        if (size == values.length) {
          values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = v;
        positives += agree ? 1 : 0;
      }
    }

    private static int[] intersect(int[] a, int[] b) {
      return Arrays.stream(a).filter(v -> Arrays.binarySearch(b, v) >= 0).toArray();
    }

    double mean(List<Integer> rule) {
      SampleList own = samplesOf.get(rule);
      return own == null || own.size == 0 ? 0 : (double) own.positives / own.size;
    }

    int n(List<Integer> rule) {
      SampleList own = samplesOf.get(rule);
      return own == null ? 0 : own.size;
    }

    /** KL-LUCB: the indices of the {@code top} rules with the highest precision, told apart within epsilon. */
    List<Integer> lucb(AnalysisRun run, List<List<Integer>> rules, int top) {
      int m = rules.size();
      top = Math.min(top, m);
      List<List<Integer>> fresh = rules.stream().filter(r -> n(r) == 0).toList();
      if (!fresh.isEmpty()) {
        sample(run, fresh, 1);
      }
      if (top == m) {
        return order(rules).subList(0, m);
      }
      for (int t = 1; t <= MAX_ROUNDS; t++) {
        List<Integer> sorted = order(rules);
        double beta = KlBounds.beta(m, t, delta);
        int ut = -1;
        double ub = -1;
        for (int i = top; i < m; i++) {
          List<Integer> r = rules.get(sorted.get(i));
          double u = KlBounds.upper(mean(r), beta / n(r));
          if (u > ub) {
            ub = u;
            ut = sorted.get(i);
          }
        }
        int lt = -1;
        double lb = 2;
        for (int i = 0; i < top; i++) {
          List<Integer> r = rules.get(sorted.get(i));
          double l = KlBounds.lower(mean(r), beta / n(r));
          if (l < lb) {
            lb = l;
            lt = sorted.get(i);
          }
        }
        if (ub - lb <= epsilon) {
          break;
        }
        sample(run, List.of(rules.get(ut), rules.get(lt)), batchSize);
      }
      return order(rules).subList(0, top);
    }

    /** Rule indices by decreasing estimated precision (ties: the earlier rule first). */
    private List<Integer> order(List<List<Integer>> rules) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        idx.add(i);
      }
      idx.sort((a, b) -> {
        int c = Double.compare(mean(rules.get(b)), mean(rules.get(a)));
        return c != 0 ? c : Integer.compare(a, b);
      });
      return idx;
    }

    Anchor run(AnalysisRun run) {
      int arms = preds.size();
      double beta = Math.log(1 / (delta / (1 + (beamSize - 1) * (double) arms)));
      List<List<Integer>> beam = List.of(List.of());
      List<Integer> best = null;
      double bestCoverage = -1;
      Map<List<Integer>, List<Integer>> order = new HashMap<>();
      order.put(List.of(), List.of());
      List<Integer> fallback = List.of();
      for (int size = 1; size <= arms; size++) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (List<Integer> rule : beam) {
          for (int p = 0; p < arms; p++) {
            if (rule.contains(p)) {
              continue;
            }
            List<Integer> grown = new ArrayList<>(rule);
            grown.add(p);
            grown.sort(null);
            List<Integer> key = List.copyOf(grown);
            if (!candidates.contains(key) && coverage(key) > bestCoverage) {
              candidates.add(key);
              inherit(rule, p, key);
              List<Integer> path = new ArrayList<>(order.get(rule));
              path.add(p);
              order.putIfAbsent(key, List.copyOf(path));
            }
          }
        }
        if (candidates.isEmpty()) {
          break;
        }
        List<Integer> chosen = lucb(run, candidates, beamSize);
        List<List<Integer>> next = new ArrayList<>();
        boolean stop = false;
        for (int c : chosen) {
          List<Integer> rule = candidates.get(c);
          next.add(rule);
          for (int round = 0; round < MAX_ROUNDS; round++) {
            double mean = mean(rule);
            double lb = KlBounds.lower(mean, beta / n(rule));
            double ub = KlBounds.upper(mean, beta / n(rule));
            boolean unsure = mean >= threshold ? lb < threshold - epsilon : ub >= threshold + epsilon;
            if (!unsure) {
              break;
            }
            sample(run, List.of(rule), batchSize);
          }
          double mean = mean(rule);
          double lb = KlBounds.lower(mean, beta / n(rule));
          if (mean >= threshold && lb > threshold - epsilon) {
            double cov = coverage(rule);
            if (cov > bestCoverage) {
              bestCoverage = cov;
              best = rule;
              stop |= cov == 1;
            }
          }
        }
        if (stop) {
          break;
        }
        fallback = next.get(0);
        beam = next;
      }
      boolean accepted = best != null;
      List<Integer> rule = accepted ? best : fallback;
      List<Integer> path = order.get(rule);
      List<AnchorCondition> conditions = new ArrayList<>();
      double[] precision = new double[path.size()];
      double[] coverage = new double[path.size()];
      for (int k = 0; k < path.size(); k++) {
        conditions.add(preds.get(path.get(k)));
        List<Integer> prefix = new ArrayList<>(path.subList(0, k + 1));
        prefix.sort(null);
        precision[k] = samplesOf.containsKey(prefix) ? mean(prefix) : Double.NaN;
        coverage[k] = coverage(prefix);
      }
      return new Anchor(conditions, model.classNames().get(label), x.clone(), precision, coverage, accepted,
          threshold, samples);
    }
  }
}
