package io.workbench.model.imported;

/**
 * What an imported model's forward returns, so that the workbench can turn it into probabilities (classification),
 * independent label probabilities (multi-label) or predicted values (regression).
 *
 * <ul>
 *   <li>{@link #LOGITS}: pre-softmax scores, one per class (softmax gives the probabilities); for a binary model
 *       one column is allowed, the logit of the second class ({@code p1 = sigmoid(z)}, {@code p0 = 1 - p1}); for a
 *       multi-label model one logit per label, each through a sigmoid.
 *   <li>{@link #PROBABILITIES}: probabilities already (a softmax inside the module); for a binary model one column
 *       is allowed, the probability of the second class. Gradient explainers can then explain only
 *       {@code Output.PROBABILITY}: the logits are not known.
 *   <li>{@link #VALUES}: regression, one predicted value per row.
 * </ul>
 *
 * <pre>{@code
 * ModelSignature s = ModelSignature.builder().inputShape(30).classes("malignant", "benign")
 *     .output(OutputKind.LOGITS).build();
 * }</pre>
 */
public enum OutputKind {
  /** Pre-softmax (or pre-sigmoid) scores. */
  LOGITS,
  /** Probabilities. */
  PROBABILITIES,
  /** Regression values. */
  VALUES
}
