/**
 * CART decision trees (Breiman et al. 1984) written in Java: {@link io.workbench.model.cart.CartTrainer} grows
 * exact, deterministic trees (Gini or variance), {@link io.workbench.model.cart.CartTree} is a {@link
 * io.workbench.model.Model} whose leaves read out as IF-THEN rules ({@link io.workbench.model.cart.TreeRules}).
 * Global surrogates ({@code analysis.surrogate}) are built from it. Not to be confused with {@code
 * Models.decisionTree()}, a single XGBoost tree.
 *
 * <pre>{@code
 * CartTree tree = Models.cart().maxDepth(3).minSamplesLeaf(5).fit(train);
 * tree.rules().toText();
 * }</pre>
 */
package io.workbench.model.cart;
