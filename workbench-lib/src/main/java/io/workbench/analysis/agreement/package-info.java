/**
 * Do importance rankings agree? Spearman, Kendall and top-k agreement of two rankings ({@link
 * io.workbench.analysis.agreement.RankAgreement}), all pairs of several methods ({@link
 * io.workbench.analysis.agreement.AgreementMatrix}), and Rashomon sets: many near-optimal models and how much
 * their importances differ ({@link io.workbench.analysis.agreement.RashomonSet}).
 *
 * <pre>{@code
 * Agreement a = RankAgreement.compare(features, shap.global().importances(), perm.importances(), 10);
 * RashomonResult r = RashomonSet.create().tolerance(0.01).fit(trainers, data);
 * }</pre>
 */
package io.workbench.analysis.agreement;
