/**
 * Label quality by confident learning (Northcutt, Jiang and Chuang, "Confident Learning: Estimating
 * Uncertainty in Dataset Labels", JAIR 2021): per-class thresholds, the confident joint of given and
 * true labels, the estimated noise matrices and true-label prior, label issues found by five filters and
 * ranked by three label-quality scores, a report that cleans or relabels a dataset, and an experiment
 * that injects noise and compares models trained on noisy, cleaned and true labels.
 *
 * <p>Entry points: {@link io.workbench.labels.LabelIssues} (one call), {@link
 * io.workbench.labels.LabelIssueFinder} (options), {@link io.workbench.labels.ConfidentJoint} (the
 * estimates alone) and {@link io.workbench.labels.NoiseExperiment}.
 *
 * <pre>{@code
 * LabelIssueReport r = LabelIssues.find(data, trainer, 5, 42);   // out-of-fold probabilities inside
 * r.issuesTable();                 // row, given, suggested, quality: worst first
 * Dataset clean = r.cleaned(data); // flagged rows dropped
 * }</pre>
 */
package io.workbench.labels;
