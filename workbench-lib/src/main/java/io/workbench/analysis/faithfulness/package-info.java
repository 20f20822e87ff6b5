/**
 * Do attributions tell the truth about the model? Deletion and insertion curves ({@link
 * io.workbench.analysis.faithfulness.Faithfulness}, Samek et al. 2017, Petsiuk et al. 2018), explanation
 * infidelity ({@link io.workbench.analysis.faithfulness.Infidelity}, Yeh et al. 2019), max-sensitivity
 * ({@link io.workbench.analysis.faithfulness.MaxSensitivity}) and the cascading parameter-randomisation
 * sanity check ({@link io.workbench.analysis.faithfulness.ParameterRandomization}, Adebayo et al. 2018).
 * Removed features are replaced by an {@link io.workbench.explain.Baseline}, the same type integrated
 * gradients and occlusion take.
 *
 * <pre>{@code
 * Faithfulness f = Faithfulness.create().baseline(Baseline.mean(train.x())).steps(50).seed(1);
 * FaithfulnessCurve del = f.deletion(model, attribution);   // del.auc() vs del.randomAuc()
 * InfidelityResult inf = Infidelity.create().compute(model, attribution);
 * }</pre>
 */
package io.workbench.analysis.faithfulness;
