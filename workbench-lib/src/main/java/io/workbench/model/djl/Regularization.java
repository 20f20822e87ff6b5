package io.workbench.model.djl;

/**
 * Penalties a network trains under besides its loss: L2 weight decay added to the gradients, and optionally
 * early-learning regularisation against noisy labels (ELR; Liu et al., NeurIPS 2020), which keeps a running
 * average {@code t} of each training row's predicted distribution ({@code t <- beta t + (1 - beta) p}) and adds
 * {@code lambda * mean(log(1 - <p, t>))} to the loss. (Dropout and batch normalisation belong to the {@link
 * NetworkDesign}.) Immutable.
 *
 * <pre>{@code
 * Regularization r = Regularization.none().withWeightDecay(1e-4).withElr(3, 0.7);
 * }</pre>
 *
 * @param weightDecay L2 weight decay, at least 0
 * @param elr whether ELR is on
 * @param elrLambda ELR's strength, above 0
 * @param elrBeta ELR's running-average momentum, in [0, 1)
 */
public record Regularization(double weightDecay, boolean elr, double elrLambda, double elrBeta) {

  /** Validates. */
  public Regularization {
    if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    }
    if (!(elrLambda > 0 && Double.isFinite(elrLambda)) || !(elrBeta >= 0 && elrBeta < 1)) {
      throw new IllegalArgumentException(
          "ELR needs lambda > 0 and beta in [0, 1), got " + elrLambda + " and " + elrBeta);
    }
  }

  /** No weight decay, no ELR (ELR's defaults lambda 3 and beta 0.7 kept for when it is turned on). */
  public static Regularization none() {
    return new Regularization(0, false, 3, 0.7);
  }

  /** A copy with another weight decay. */
  public Regularization withWeightDecay(double decay) {
    return new Regularization(decay, elr, elrLambda, elrBeta);
  }

  /** A copy with ELR on at this strength and momentum. */
  public Regularization withElr(double lambda, double beta) {
    return new Regularization(weightDecay, true, lambda, beta);
  }

  /** ELR as written into the settings: {@code lambda=3.0, beta=0.7} or {@code off}. */
  String elrDescription() {
    return elr ? "lambda=" + elrLambda + ", beta=" + elrBeta : "off";
  }
}
