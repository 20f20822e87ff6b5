/**
 * Model-agnostic explanations. Local attributions ({@link io.workbench.explain.Attribution}: one value
 * per row and feature, with base values, outputs and targets) from exact Shapley values, Kernel SHAP (with
 * standard errors and a stopping rule; {@link io.workbench.explain.KernelShap}), permutation-sampling Shapley
 * values, LIME and occlusion/feature ablation, plus exact TreeSHAP for tree ensembles
 * ({@link io.workbench.explain.TreeShap}: path-dependent or interventional, and SHAP interaction values as
 * {@link io.workbench.explain.InteractionValues}); global importance
 * ({@link io.workbench.explain.FeatureImportance}) from permutation importance or from aggregated
 * attributions; permutation importance scores an {@link io.workbench.eval.Metric}. Networks offering
 * {@link io.workbench.model.Differentiable} also get gradient methods (saliency, input x gradient,
 * integrated gradients, SmoothGrad/VarGrad noise tunnels, GradientSHAP, Grad-CAM/Grad-CAM++; see {@link
 * io.workbench.explain.GradientExplainer}), and attributions to hidden layers and from single hidden units
 * ({@link io.workbench.explain.LayerIntegratedGradients}, {@link io.workbench.explain.LayerConductance}, {@link
 * io.workbench.explain.NeuronGradient}, {@link io.workbench.explain.NeuronIntegratedGradients}). All methods evaluate the model in large batches (on a fixed
 * thread pool for the model-agnostic ones), report progress, honour cancellation and are reproducible
 * from their seed. Without a {@link io.workbench.explain.Target}, every row is explained for the same
 * output (class 1 of a binary model, output 0 of a regression); models with more classes need a choice.
 * Signal and image attributions have an axis view ({@link io.workbench.explain.Axes}): sums over axes,
 * mass per channel ({@link io.workbench.explain.ChannelMass}) and per time window
 * ({@link io.workbench.explain.WindowMass}).
 *
 * <pre>{@code
 * Background bg = Background.kmeans(train, 20, 42);
 * Attribution a = Explain.kernelShap(model, bg).seed(1).explain(test.head(20));
 * a.global().topFeatures(10);
 * signalAttribution.channelMass();   // share of |attribution| per channel, per explained class
 * FeatureImportance imp = Explain.permutationImportance(model, test).explain();
 * }</pre>
 */
package io.workbench.explain;
