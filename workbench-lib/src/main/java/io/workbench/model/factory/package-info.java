/**
 * {@link io.workbench.model.factory.Models}: one entry point that names every model family (DJL networks,
 * XGBoost trees, CART) and returns its trainer. It lives apart from the core {@code io.workbench.model}
 * package because it imports the engines, and the core (the {@code Model} interface and its capabilities)
 * imports none: engines depend on the core, the factory on both.
 *
 * <pre>{@code
 * Model mlp = Models.mlp(64, 32).epochs(40).fit(train);
 * Model xgb = Models.xgboost().rounds(200).fit(train);
 * }</pre>
 */
package io.workbench.model.factory;
