package io.workbench.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/**
 * Leakage-free splits, all seeded: stratified train/test and k-fold, group-aware (no group in two
 * parts), and time-ordered (training rows strictly before test rows).
 *
 * <pre>{@code
 * Split s = Splits.trainTest(data, 0.8, 42);           // stratified for classification
 * List<Split> folds = Splits.kFold(data, 5, 42);        // stratified k-fold
 * List<Split> byPatient = Splits.groupKFold(data, 5, 42);
 * Split past = Splits.byTime(data, 0.7);                // train on the earliest 70 %
 * }</pre>
 */
public final class Splits {

  private Splits() {}

  /**
   * Train/test split: stratified by class for classification (each class keeps its share in both parts),
   * shuffled for regression and multi-label (no iterative stratification: a rare label may be missing
   * from a small part; check {@code part.labelCounts()}).
   *
   * @param trainFraction share of rows for training, strictly between 0 and 1
   */
  public static Split trainTest(Dataset data, double trainFraction, long seed) {
    checkFraction(trainFraction);
    int n = data.rows();
    Random rnd = new Random(seed);
    List<Integer> test = new ArrayList<>();
    if (data.task() == Task.CLASSIFICATION) {
      for (int[] members : byClass(data)) {
        int[] m = members.clone();
        shuffle(m, rnd);
        long nTest = Math.round(m.length * (1 - trainFraction));
        if (m.length >= 2 && nTest == 0) {
          nTest = 1;
        }
        if (m.length >= 2 && nTest == m.length) {
          nTest = m.length - 1;
        }
        for (int i = 0; i < nTest; i++) {
          test.add(m[i]);
        }
      }
    } else {
      int[] all = IntStream.range(0, n).toArray();
      shuffle(all, rnd);
      long nTest = Math.round(n * (1 - trainFraction));
      for (int i = 0; i < nTest; i++) {
        test.add(all[i]);
      }
    }
    int[] testRows = test.stream().mapToInt(Integer::intValue).sorted().toArray();
    checkNonEmpty(data, testRows.length, n - testRows.length, "trainFraction " + trainFraction);
    return make(data, complement(testRows, n), testRows);
  }

  /**
   * Stratified k-fold (classification) or shuffled k-fold (regression, multi-label). Every row is in exactly one
   * test fold; each class is dealt round-robin over the folds after a seeded shuffle.
   */
  public static List<Split> kFold(Dataset data, int k, long seed) {
    checkFolds(k, data.rows(), "rows");
    int n = data.rows();
    Random rnd = new Random(seed);
    int[] foldOf = new int[n];
    if (data.task() == Task.CLASSIFICATION) {
      int next = 0;
      for (int[] members : byClass(data)) {
        int[] m = members.clone();
        shuffle(m, rnd);
        for (int r : m) {
          foldOf[r] = next;
          next = (next + 1) % k;
        }
      }
    } else {
      int[] all = IntStream.range(0, n).toArray();
      shuffle(all, rnd);
      for (int i = 0; i < n; i++) {
        foldOf[all[i]] = i % k;
      }
    }
    return folds(data, foldOf, k);
  }

  /**
   * Group-aware k-fold: every group (patient) lands in exactly one test fold, so no group is in the
   * training and test part of the same split. Groups are shuffled (seeded), then placed largest first
   * into the fold with the fewest rows, which balances fold sizes.
   */
  public static List<Split> groupKFold(Dataset data, int k, long seed) {
    String[] groups = data.groups();
    Map<String, List<Integer>> members = groupMembers(groups);
    checkFolds(k, members.size(), "groups in column '" + data.group() + "'");
    List<String> keys = new ArrayList<>(members.keySet());
    shuffleList(keys, new Random(seed));
    keys.sort(Comparator.comparingInt((String g) -> members.get(g).size()).reversed());
    int[] foldRows = new int[k];
    int[] foldOf = new int[groups.length];
    for (String g : keys) {
      int f = 0;
      for (int i = 1; i < k; i++) {
        if (foldRows[i] < foldRows[f]) {
          f = i;
        }
      }
      for (int r : members.get(g)) {
        foldOf[r] = f;
      }
      foldRows[f] += members.get(g).size();
    }
    return folds(data, foldOf, k);
  }

  /**
   * Group-aware train/test split: whole groups go to the test part (seeded order) until it holds at
   * least {@code 1 - trainFraction} of the rows.
   */
  public static Split byGroup(Dataset data, double trainFraction, long seed) {
    checkFraction(trainFraction);
    String[] groups = data.groups();
    Map<String, List<Integer>> members = groupMembers(groups);
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "A group split needs at least 2 groups in column '" + data.group() + "', found " + members.size());
    }
    List<String> keys = new ArrayList<>(members.keySet());
    shuffleList(keys, new Random(seed));
    double wantTest = data.rows() * (1 - trainFraction);
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < keys.size() - 1 && test.size() < wantTest; i++) {
      test.addAll(members.get(keys.get(i)));
    }
    int[] testRows = test.stream().mapToInt(Integer::intValue).sorted().toArray();
    checkNonEmpty(data, testRows.length, data.rows() - testRows.length, "trainFraction " + trainFraction);
    return make(data, complement(testRows, data.rows()), testRows);
  }

  /**
   * Time-ordered split: rows sorted by the time column; the earliest {@code trainFraction} train, the rest
   * test. Rows with equal times never straddle the boundary (they all go to the test part).
   */
  public static Split byTime(Dataset data, double trainFraction) {
    checkFraction(trainFraction);
    double[] t = times(data);
    Integer[] order = IntStream.range(0, t.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> t[i]));
    int cut = (int) Math.round(t.length * trainFraction);
    while (cut > 0 && cut < t.length && t[order[cut - 1]] == t[order[cut]]) {
      cut--;
    }
    int[] train = Arrays.stream(order, 0, cut).mapToInt(Integer::intValue).sorted().toArray();
    int[] test = Arrays.stream(order, cut, t.length).mapToInt(Integer::intValue).sorted().toArray();
    checkNonEmpty(data, test.length, train.length, "trainFraction " + trainFraction);
    return make(data, train, test);
  }

  /**
   * Expanding-window time-series folds (as scikit-learn's {@code TimeSeriesSplit}): the time-sorted rows
   * are cut into {@code k + 1} blocks; fold i trains on blocks 0..i and tests on block i + 1.
   */
  public static List<Split> timeSeriesFolds(Dataset data, int k) {
    checkFolds(k + 1, data.rows(), "rows");
    double[] t = times(data);
    Integer[] order = IntStream.range(0, t.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> t[i]));
    int n = t.length;
    List<Split> out = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      int trainEnd = (int) ((long) n * i / (k + 1));
      int testEnd = (int) ((long) n * (i + 1) / (k + 1));
      int[] train = Arrays.stream(order, 0, trainEnd).mapToInt(Integer::intValue).sorted().toArray();
      int[] test = Arrays.stream(order, trainEnd, testEnd).mapToInt(Integer::intValue).sorted().toArray();
      out.add(make(data, train, test));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  static void shuffle(int[] a, Random rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  private static <T> void shuffleList(List<T> a, Random rnd) {
    for (int i = a.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T tmp = a.get(i);
      a.set(i, a.get(j));
      a.set(j, tmp);
    }
  }

  private static int[][] byClass(Dataset data) {
    int[] y = data.y();
    int k = data.numClasses();
    int[] counts = new int[k];
    for (int v : y) {
      counts[v]++;
    }
    int[][] out = new int[k][];
    int[] fill = new int[k];
    for (int c = 0; c < k; c++) {
      out[c] = new int[counts[c]];
    }
    for (int i = 0; i < y.length; i++) {
      out[y[i]][fill[y[i]]++] = i;
    }
    return out;
  }

  private static Map<String, List<Integer>> groupMembers(String[] groups) {
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < groups.length; i++) {
      members.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
    }
    return members;
  }

  private static List<Split> folds(Dataset data, int[] foldOf, int k) {
    List<Split> out = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      final int fold = f;
      int[] test = IntStream.range(0, foldOf.length).filter(i -> foldOf[i] == fold).toArray();
      int[] train = IntStream.range(0, foldOf.length).filter(i -> foldOf[i] != fold).toArray();
      if (test.length == 0) {
        throw new IllegalArgumentException("Fold " + f + " of " + k + " would be empty; use fewer folds");
      }
      out.add(make(data, train, test));
    }
    return out;
  }

  private static Split make(Dataset data, int[] train, int[] test) {
    return new Split(data.select(train), data.select(test), train, test);
  }

  private static int[] complement(int[] sortedRows, int n) {
    boolean[] in = new boolean[n];
    for (int r : sortedRows) {
      in[r] = true;
    }
    return IntStream.range(0, n).filter(i -> !in[i]).toArray();
  }

  private static double[] times(Dataset data) {
    String name = data.time();
    if (name == null) {
      throw new IllegalStateException(
          "This dataset has no time column; set one with toBuilder().time(\"date\") before a time split");
    }
    Column<?> c = data.columnNamed(name);
    double[] t = new double[c.size()];
    for (int i = 0; i < t.length; i++) {
      if (c.isMissing(i)) {
        throw new IllegalArgumentException("Time column '" + name + "' is missing at row index " + i);
      }
      if (c instanceof NumericColumn<?> num) {
        t[i] = num.getDouble(i);
      } else if (c instanceof DateColumn dc) {
        LocalDate d = dc.get(i);
        t[i] = d.toEpochDay();
      } else if (c instanceof DateTimeColumn dt) {
        LocalDateTime d = dt.get(i);
        t[i] = d.toEpochSecond(ZoneOffset.UTC) + d.getNano() * 1e-9;
      } else if (c instanceof InstantColumn ic) {
        t[i] = ic.get(i).getEpochSecond() + ic.get(i).getNano() * 1e-9;
      } else {
        throw new IllegalArgumentException(
            "Time column '" + name + "' is " + c.type().name() + "; expected numbers, dates or date-times");
      }
    }
    return t;
  }

  private static void checkFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException("trainFraction must be strictly between 0 and 1, got " + f);
    }
  }

  private static void checkFolds(int k, int units, String what) {
    if (k < 2) {
      throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
    }
    if (k > units) {
      throw new IllegalArgumentException("k-fold with k = " + k + " needs at least " + k + " " + what + ", found " + units);
    }
  }

  private static void checkNonEmpty(Dataset data, int nTest, int nTrain, String what) {
    if (nTest == 0) {
      throw new IllegalArgumentException(
          "The test split would be empty: " + data.rows() + " rows with " + what + " leave no test row");
    }
    if (nTrain == 0) {
      throw new IllegalArgumentException(
          "The training split would be empty: " + data.rows() + " rows with " + what + " leave no training row");
    }
  }
}
