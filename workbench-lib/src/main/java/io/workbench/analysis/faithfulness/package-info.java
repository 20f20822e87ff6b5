/**
 * Do attributions tell the truth about the model? Deletion and insertion curves ({@link
 * io.workbench.analysis.faithfulness.Faithfulness}, Samek et al. 2017, Petsiuk et al. 2018), explanation
 * infidelity ({@link io.workbench.analysis.faithfulness.Infidelity}, Yeh et al. 2019), max-sensitivity
 * ({@link io.workbench.analysis.faithfulness.MaxSensitivity}) and the cascading parameter-randomisation
 * sanity check ({@link io.workbench.analysis.faithfulness.ParameterRandomization}, Adebayo et al. 2018, cascading
 * or independent). The per-row metrics of the evaluation suite: {@link io.workbench.analysis.faithfulness.Road} (Rong
 * et al. 2022), {@link io.workbench.analysis.faithfulness.Irof} (Rieger and Hansen 2020), {@link
 * io.workbench.analysis.faithfulness.Selectivity} (Montavon et al. 2018), {@link
 * io.workbench.analysis.faithfulness.SensitivityN} (Ancona et al. 2018) and {@link
 * io.workbench.analysis.faithfulness.FaithfulnessCorrelation} (Bhatt et al. 2020).
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
