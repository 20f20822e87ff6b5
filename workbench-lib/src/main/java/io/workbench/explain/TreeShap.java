package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import java.util.Arrays;

/**
 * Exact TreeSHAP (Lundberg et al. 2020, path-dependent) for tree ensembles, from the model's {@link
 * TreeEnsemble} capability (XGBoost's {@code predictContrib}). Unlike the model-agnostic explainers the values
 * are in the model's <em>margin</em> space: log-odds of the target class for binary classifiers, the softmax
 * input for multi-class, the predicted value for regression. Base values are the bias column, outputs are
 * the margins ({@code predictMargin}), and the attribution is additive: values sum to output minus base, so
 * {@link Attribution#additivityGap()} checks the native computation. No background data and no sampling:
 * the seed and thread settings have no effect. Rows are explained in batches of {@link #batchRows(int)}, one
 * native call per target class present in a batch.
 *
 * <pre>{@code
 * Model xgb = Models.xgboost().fit(train);
 * Attribution shap = Explain.treeShap(xgb).explain(test);                 // class 1, log-odds
 * Attribution malignant = Explain.treeShap(xgb).target(Target.of("malignant")).explain(test.head(10));
 * shap.global().topFeatures(5);
 * }</pre>
 */
public final class TreeShap extends Explainer<TreeShap> {

  private transient TreeEnsemble trees;

  TreeShap(Model model) {
    super(model);
    this.trees = trees(model);
  }

  @Override
  void bind() {
    trees = trees(model);
  }

  private static TreeEnsemble trees(Model model) {
    return model.as(TreeEnsemble.class).orElseThrow(() -> new IllegalArgumentException(
        "tree SHAP needs a tree ensemble (XGBoost); this model is " + model.getClass().getSimpleName()
            + " without the TreeEnsemble capability; use Explain.kernelShap"));
  }

  @Override
  String methodName() {
    return "tree SHAP";
  }

  @Override
  String outputSpace() {
    if (model.task() == io.workbench.data.Task.REGRESSION) {
      return "value";
    }
    return model.classNames().size() == 2 || model.task() == io.workbench.data.Task.MULTI_LABEL ? "log-odds" : "margin";
  }

  @Override
  Attribution compute(Context ctx) {
    float[][] x = ctx.x();
    int n = x.length;
    int d = x[0].length;
    int[] targets = ctx.targets();
    double[][] values = new double[n][];
    double[] base = new double[n];
    double[] margin = new double[n];
    for (int s = 0; s < n; s += batchRows()) {
      ctx.work().check();
      int e = Math.min(n, s + batchRows());
      int[] classes = Arrays.stream(targets, s, e).distinct().sorted().toArray();
      for (int k : classes) {
        int[] rows = java.util.stream.IntStream.range(s, e).filter(i -> targets[i] == k).toArray();
        float[][] sub = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
          sub[r] = x[rows[r]];
        }
        double[][] phi = trees.predictContrib(sub, k);
        double[] m = trees.predictMargin(sub, k);
        if (phi.length != rows.length || m.length != rows.length) {
          throw new IllegalStateException("tree ensemble returned " + phi.length + " contribution rows and "
              + m.length + " margins for " + rows.length + " inputs");
        }
        for (int r = 0; r < rows.length; r++) {
          if (phi[r].length != d + 1) {
            throw new IllegalStateException("tree ensemble returned " + phi[r].length + " contributions per row, expected "
                + (d + 1) + " (features + bias)");
          }
          values[rows[r]] = Arrays.copyOf(phi[r], d);
          base[rows[r]] = phi[r][d];
          margin[rows[r]] = m[r];
        }
      }
      ctx.work().advance(e - s);
    }
    return start(ctx).values(values).baseValues(base).outputs(margin).additive(true).evaluations(n)
        .setting("output", "margin (log-odds for classifiers)").setting("trees", trees.numTrees()).build();
  }
}
