/**
 * Which features matter: top-k probing for wide data ({@link io.workbench.analysis.selection.ProbingSelector}),
 * correlated feature groups ({@link io.workbench.analysis.selection.FeatureGroups}), grouped permutation
 * importance ({@link io.workbench.analysis.selection.GroupImportance}) and importance-driven forward selection
 * ({@link io.workbench.analysis.selection.ForwardSelection}).
 *
 * <pre>{@code
 * FeatureGroups groups = FeatureGroups.byCorrelation(train, 0.2);
 * FeatureImportance grouped = GroupImportance.create().score(Metric.AUROC).compute(model, test, groups);
 * SelectionPath path = ForwardSelection.create(Models.xgboost()).ranked(grouped.topFeatures(5)).run(train);
 * }</pre>
 */
package io.workbench.analysis.selection;
