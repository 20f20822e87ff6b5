/**
 * Counterfactual explanations for tabular models: the nearest change of one row that changes the model's
 * answer (Wachter et al. 2017), kept sparse and plausible, with several diverse alternatives on request (as
 * in DiCE, Mothilal et al. 2020). {@link io.workbench.explain.counterfactual.Counterfactuals} searches;
 * {@link io.workbench.explain.counterfactual.CounterfactualSet} is the result, a table of the original row
 * against each counterfactual with the changed cells highlighted.
 *
 * <pre>{@code
 * CounterfactualSet s = Counterfactuals.create(train).immutable("age").count(3).explain(model, test, 0);
 * }</pre>
 */
package io.workbench.explain.counterfactual;
