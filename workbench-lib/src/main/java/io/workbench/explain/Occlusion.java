package io.workbench.explain;

import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Occlusion and feature ablation (as Captum's {@code Occlusion} and {@code FeatureAblation}): parts of the
 * input are replaced by a baseline and the drop of the explained output, {@code f(x) - f(x with part
 * replaced)}, is credited to the replaced features. Each feature's attribution is the drop averaged over
 * all parts covering it (0 for features no part covers). Parts are either sliding windows over the sample
 * shape ({@link Explain#occlusion(Model, int...)}: window and stride per axis of {@code [d]},
 * {@code [channels, length]} or {@code [c, h, w]}) or arbitrary feature groups
 * ({@link Explain#featureAblation(Model)}, e.g. one group per channel x time window; default one group per
 * feature). The base value is the output with everything replaced by the baseline. Parts of many rows are
 * evaluated together in large batches.
 *
 * <pre>{@code
 * Attribution a = Explain.occlusion(model, 1, 25).stride(1, 5).explain(ecg);   // [1, 250] signals, baseline 0
 * Attribution m = Explain.featureAblation(model).baseline(Baseline.mean(train)).explain(rows);
 * Attribution g = Explain.featureAblation(model).groups(new int[][] {{0, 1}, {2}}).explain(rows);
 * }</pre>
 */
public final class Occlusion extends Explainer<Occlusion> {

  private int[] window;
  private int[] stride;
  private int[][] groups;
  private Baseline baseline = Baseline.constant(0);

  Occlusion(Model model, int[] window) {
    super(model);
    if (window != null) {
      if (window.length == 0) {
        throw new IllegalArgumentException("occlusion window needs one size per axis of the sample shape, got none");
      }
      for (int s : window) {
        if (s < 1) {
          throw new IllegalArgumentException("occlusion window sizes must be >= 1, got " + Arrays.toString(window));
        }
      }
      this.window = window.clone();
    }
  }

  /** Step per axis (default 1 on every axis); occlusion only. */
  public Occlusion stride(int... s) {
    if (window == null) {
      throw new IllegalStateException("stride applies to occlusion windows, not to feature groups");
    }
    for (int v : s) {
      if (v < 1) {
        throw new IllegalArgumentException("stride values must be >= 1, got " + Arrays.toString(s));
      }
    }
    Occlusion c = copy();
    c.stride = s.clone();
    return c;
  }

  /** Feature groups to ablate together (feature indices into the flattened row); feature ablation only. */
  public Occlusion groups(int[][] g) {
    if (window != null) {
      throw new IllegalStateException("groups apply to feature ablation; occlusion builds its groups from windows");
    }
    int d = model.featureNames().size();
    if (g == null || g.length == 0) {
      throw new IllegalArgumentException("groups: need at least one group");
    }
    int[][] copy = new int[g.length][];
    for (int q = 0; q < g.length; q++) {
      if (g[q] == null || g[q].length == 0) {
        throw new IllegalArgumentException("group " + q + " is empty");
      }
      for (int j : g[q]) {
        if (j < 0 || j >= d) {
          throw new IllegalArgumentException("group " + q + " has feature index " + j + "; valid indices are 0.." + (d - 1));
        }
      }
      copy[q] = g[q].clone();
    }
    Occlusion c = copy();
    c.groups = copy;
    return c;
  }

  /**
   * The replacement values (default {@code Baseline.constant(0)}): a constant, one value per feature (e.g.
   * {@code Baseline.mean(train)}), or one replacement row per explained row.
   *
   * @throws IllegalArgumentException when the baseline does not have one value per feature of the model
   */
  public Occlusion baseline(Baseline b) {
    if (b == null) {
      throw new IllegalArgumentException("baseline is null; use Baseline.constant(0) for zeros");
    }
    b.check(model);
    Occlusion c = copy();
    c.baseline = b;
    return c;
  }

  @Override
  String methodName() {
    return window != null ? "occlusion" : "feature ablation";
  }

  @Override
  void validate(int[] shape) {
    if (window == null) {
      return;
    }
    if (window.length != shape.length) {
      throw new IllegalArgumentException("occlusion window " + Arrays.toString(window) + " has " + window.length
          + " axes but the sample shape " + Arrays.toString(shape) + " has " + shape.length);
    }
    if (stride != null && stride.length != shape.length) {
      throw new IllegalArgumentException("occlusion stride " + Arrays.toString(stride) + " has " + stride.length
          + " axes but the sample shape " + Arrays.toString(shape) + " has " + shape.length);
    }
    for (int a = 0; a < shape.length; a++) {
      if (window[a] > shape[a]) {
        throw new IllegalArgumentException("occlusion window " + Arrays.toString(window) + " is larger than the sample "
            + Arrays.toString(shape) + " on axis " + a + " (" + window[a] + " > " + shape[a] + ")");
      }
    }
  }

  /** Feature indices of every window position (row-major flattening). */
  static int[][] windows(int[] shape, int[] window, int[] stride) {
    int r = shape.length;
    int[] positions = new int[r];
    for (int a = 0; a < r; a++) {
      positions[a] = (shape[a] - window[a]) / stride[a] + 1;
    }
    int[] strides = new int[r];
    strides[r - 1] = 1;
    for (int a = r - 2; a >= 0; a--) {
      strides[a] = strides[a + 1] * shape[a + 1];
    }
    List<int[]> out = new ArrayList<>();
    int[] pos = new int[r];
    int cells = 1;
    for (int w : window) {
      cells *= w;
    }
    while (true) {
      int[] g = new int[cells];
      int[] off = new int[r];
      for (int c = 0; c < cells; c++) {
        int idx = 0;
        for (int a = 0; a < r; a++) {
          idx += (pos[a] * stride[a] + off[a]) * strides[a];
        }
        g[c] = idx;
        for (int a = r - 1; a >= 0; a--) {
          if (++off[a] < window[a]) {
            break;
          }
          off[a] = 0;
        }
      }
      out.add(g);
      int a = r - 1;
      while (a >= 0 && ++pos[a] >= positions[a]) {
        pos[a] = 0;
        a--;
      }
      if (a < 0) {
        break;
      }
    }
    return out.toArray(new int[0][]);
  }

  @Override
  Attribution compute(Context ctx) {
    int n = ctx.x().length;
    int d = model.featureNames().size();
    int[][] parts;
    if (window != null) {
      int[] st = stride != null ? stride : filled(window.length, 1);
      parts = windows(ctx.shape(), window, st);
    } else if (groups != null) {
      parts = groups;
    } else {
      parts = new int[d][];
      for (int j = 0; j < d; j++) {
        parts[j] = new int[] {j};
      }
    }
    float[][] base = baseline.resolve(model, n);
    int[] cover = new int[d];
    for (int[] g : parts) {
      for (int j : g) {
        cover[j]++;
      }
    }
    int per = parts.length + 1;
    int rowsPerTask = Math.max(1, batchRows() / per);
    int tasks = (n + rowsPerTask - 1) / rowsPerTask;
    double[][] values = new double[n][];
    double[] baseValue = new double[n];
    CoalitionEvaluator[] ev = new CoalitionEvaluator[threads()];
    for (int w = 0; w < threads(); w++) {
      ev[w] = new CoalitionEvaluator(model, new double[] {1.0}, d, batchRows(), ctx.work());
    }
    int[][] partsF = parts;
    ctx.work().parallel(tasks, threads(), (task, w) -> {
      int from = task * rowsPerTask;
      int to = Math.min(n, from + rowsPerTask);
      double[] v = ev[w].evaluate((to - from) * per, m -> ctx.targets()[from + m / per], (m, b, row) -> {
        float[] x = ctx.x()[from + m / per];
        float[] ref = base[from + m / per];
        int g = m % per;
        if (g == partsF.length) {
          System.arraycopy(ref, 0, row, 0, d);
        } else {
          System.arraycopy(x, 0, row, 0, d);
          for (int j : partsF[g]) {
            row[j] = ref[j];
          }
        }
      });
      for (int i = from; i < to; i++) {
        int t = ctx.targets()[i];
        double fx = ctx.fx()[i][t];
        double[] phi = new double[d];
        int o = (i - from) * per;
        for (int g = 0; g < partsF.length; g++) {
          double drop = fx - v[o + g];
          for (int j : partsF[g]) {
            phi[j] += drop;
          }
        }
        for (int j = 0; j < d; j++) {
          if (cover[j] > 0) {
            phi[j] /= cover[j];
          }
        }
        values[i] = phi;
        baseValue[i] = v[o + partsF.length];
      }
      ctx.work().advance(to - from);
    });
    Attribution.Builder b = start(ctx).values(values).baseValues(baseValue).additive(false)
        .evaluations(BackgroundExplainer.sum(ev)).setting("parts", parts.length)
        .setting("baseline", baseline.toString());
    if (window != null) {
      b.setting("window", Arrays.toString(window))
          .setting("stride", Arrays.toString(stride != null ? stride : filled(window.length, 1)));
    }
    return b.build();
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }
}
