/**
 * Global surrogates: a CART tree ({@link io.workbench.model.cart.CartTree}) trained to mimic a black box on a
 * few chosen features, with its fidelity on held-out rows and its leaves read out as IF-THEN rules.
 *
 * <pre>{@code
 * SurrogateTree s = GlobalSurrogate.create().features(top).maxDepth(4).fit(blackBox, train, holdout);
 * s.fidelity();            // held-out agreement with the black box
 * s.rules().toText();      // IF ... THEN ... (support, confidence)
 * }</pre>
 */
package io.workbench.analysis.surrogate;
