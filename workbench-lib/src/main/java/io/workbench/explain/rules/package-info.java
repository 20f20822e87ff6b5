/**
 * Rule explanations for tabular classifiers: anchors (Ribeiro, Singh and Guestrin 2018), IF-THEN rules
 * around one row that keep the model's prediction with high precision wherever they hold. {@link
 * io.workbench.explain.rules.Anchors} searches; {@link io.workbench.explain.rules.Anchor} is the rule with
 * its precision and coverage; {@link io.workbench.explain.rules.AnchorCondition} is one condition of it.
 *
 * <pre>{@code
 * Anchor a = Anchors.create(train).explain(model, test, 0);
 * a.rule();          // "IF x0 > 0.5 AND x2 <= 0.2 THEN 1"
 * a.precision(); a.coverage();
 * }</pre>
 */
package io.workbench.explain.rules;
