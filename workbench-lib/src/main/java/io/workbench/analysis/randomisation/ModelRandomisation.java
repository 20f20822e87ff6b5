package io.workbench.analysis.randomisation;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.analysis.faithfulness.ParameterRandomization;
import io.workbench.analysis.faithfulness.RandomizationResult;
import io.workbench.explain.Attribution;

/**
 * Model parameter randomisation (Adebayo et al. 2018, "Sanity Checks for Saliency Maps") as a per-row metric: the
 * Spearman correlation of |attribution| before and after the network's layers are re-initialised (all of them,
 * output first, cascading; or one layer at a time, independent, where the score is the last step's), through
 * {@link ParameterRandomization}. An explanation of the model must change: lower is better. Needs a model whose layers
 * can be re-initialised (a DJL network).
 *
 * <pre>{@code
 * double[] rho = new ModelRandomisation().score(in);
 * double[] indep = new ModelRandomisation().independent(true).score(in);
 * }</pre>
 */
public final class ModelRandomisation extends MetricBase {

  private final boolean independent;

  /** Cascading randomisation. */
  public ModelRandomisation() {
    this(false);
  }

  private ModelRandomisation(boolean independent) {
    super(independent ? "model randomisation (independent)" : "model randomisation", "randomisation", false);
    this.independent = independent;
  }

  /** Independent (one layer at a time) instead of cascading randomisation. */
  public ModelRandomisation independent(boolean on) {
    return new ModelRandomisation(on);
  }

  @Override
  public double[] score(MetricInput in) {
    Attribution a = in.attribution();
    float[][] x = a.inputs();
    int[] t = a.targets();
    RandomizationResult r = ParameterRandomization.create().independent(independent).withOptions(in.options())
        .run(in.model(), m -> m == in.model() ? a : in.explain(m, x, t, name()));
    return r.lastStepCorrelations();
  }
}
