package io.workbench.explain;

import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which LRP rule each stage of a network takes, as zennit's composites assign them by layer type (Kohlbrenner et
 * al. 2020, "Towards best practice in explaining neural network decisions with LRP"; Montavon et al. 2019): one
 * rule for dense stages, one for convolutions, optionally another for the first weighted stage (the one that
 * sees the input), and per-layer overrides by name. Activations, flattening, dropout and the standardisation
 * pass relevance on, max pools give it to the window's maximum, and the global average pool uses the epsilon
 * rule with the dense stages' epsilon (or {@value #DEFAULT_EPSILON}). A value: every {@code with...} returns a
 * changed copy.
 *
 * <pre>{@code
 * LrpComposite.epsilonPlus();                               // zennit's EpsilonPlus: epsilon on dense, z+ on conv
 * LrpComposite.epsilonGammaBox(-3, 3);                      // zB first, gamma 0.25 on conv, epsilon on dense
 * LrpComposite.epsilonAlpha2Beta1().withLayer("conv1", RelevanceRule.flat());
 * Explain.lrp(cnn).composite(LrpComposite.epsilonPlusFlat()).explain(test.head(8));
 * }</pre>
 */
public final class LrpComposite implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** zennit's epsilon for the dense stages of its composites. */
  public static final double DEFAULT_EPSILON = 1e-6;

  private final String name;
  private final RelevanceRule dense;
  private final RelevanceRule conv;
  private final RelevanceRule first;
  private final Map<String, RelevanceRule> layers;

  private LrpComposite(String name, RelevanceRule dense, RelevanceRule conv, RelevanceRule first,
      Map<String, RelevanceRule> layers) {
    this.name = name;
    this.dense = dense;
    this.conv = conv;
    this.first = first;
    this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
  }

  private static RelevanceRule weighted(RelevanceRule r, String what) {
    if (r == null || !r.isLinearRule()) {
      throw new IllegalArgumentException(what + " needs a rule for dense or convolution stages (epsilon, gamma, "
          + "alphaBeta, zPlus, zBox, flat, wSquare), got " + r);
    }
    return r;
  }

  /** One rule for dense stages and one for convolutions. */
  public static LrpComposite of(RelevanceRule dense, RelevanceRule conv) {
    return new LrpComposite("custom", weighted(dense, "dense"), weighted(conv, "conv"), null, Map.of());
  }

  /** The epsilon rule on every dense and convolution stage ({@code 0}: LRP-0). */
  public static LrpComposite epsilon(double eps) {
    RelevanceRule r = RelevanceRule.epsilon(eps);
    return new LrpComposite(eps == 0 ? "LRP-0" : "epsilon " + eps, r, r, null, Map.of());
  }

  /** zennit's {@code EpsilonPlus}: epsilon ({@value #DEFAULT_EPSILON}) on dense stages, z+ on convolutions. */
  public static LrpComposite epsilonPlus() {
    return new LrpComposite("EpsilonPlus", RelevanceRule.epsilon(DEFAULT_EPSILON), RelevanceRule.zPlus(), null,
        Map.of());
  }

  /** zennit's {@code EpsilonPlusFlat}: {@link #epsilonPlus()} with the flat rule on the first weighted stage. */
  public static LrpComposite epsilonPlusFlat() {
    return epsilonPlus().withFirst(RelevanceRule.flat()).named("EpsilonPlusFlat");
  }

  /** zennit's {@code EpsilonAlpha2Beta1}: epsilon on dense stages, alpha 2 beta 1 on convolutions. */
  public static LrpComposite epsilonAlpha2Beta1() {
    return new LrpComposite("EpsilonAlpha2Beta1", RelevanceRule.epsilon(DEFAULT_EPSILON),
        RelevanceRule.alphaBeta(2, 1), null, Map.of());
  }

  /** zennit's {@code EpsilonAlpha2Beta1Flat}: the same with the flat rule on the first weighted stage. */
  public static LrpComposite epsilonAlpha2Beta1Flat() {
    return epsilonAlpha2Beta1().withFirst(RelevanceRule.flat()).named("EpsilonAlpha2Beta1Flat");
  }

  /**
   * zennit's {@code EpsilonGammaBox}: the z^B rule on the first weighted stage for inputs in {@code [low, high]}
   * (raw units, the same for every feature), gamma 0.25 on convolutions, epsilon on dense stages.
   */
  public static LrpComposite epsilonGammaBox(double low, double high) {
    return new LrpComposite("EpsilonGammaBox", RelevanceRule.epsilon(DEFAULT_EPSILON), RelevanceRule.gamma(0.25),
        RelevanceRule.zBox(low, high), Map.of());
  }

  private LrpComposite named(String n) {
    return new LrpComposite(n, dense, conv, first, layers);
  }

  /** The rule of the first weighted stage (the one that sees the input). */
  public LrpComposite withFirst(RelevanceRule rule) {
    return new LrpComposite(name + "+first " + weighted(rule, "withFirst"), dense, conv, rule, layers);
  }

  /** The rule of one named layer's weighted stage (overrides the others). */
  public LrpComposite withLayer(String layer, RelevanceRule rule) {
    Objects.requireNonNull(layer, "layer");
    Map<String, RelevanceRule> m = new LinkedHashMap<>(layers);
    m.put(layer, weighted(rule, "withLayer(" + layer + ")"));
    return new LrpComposite(name, dense, conv, first, m);
  }

  /**
   * One rule per stage of a network.
   *
   * @throws IllegalArgumentException for a layer override that names no weighted layer (the message lists them),
   *     or a z^B rule placed where the input is not the network's input
   */
  public List<RelevanceRule> rules(List<Propagation.Stage> stages) {
    List<String> weightedLayers = new ArrayList<>();
    for (Propagation.Stage s : stages) {
      if (s.weighted()) {
        weightedLayers.add(s.layer());
      }
    }
    for (String l : layers.keySet()) {
      if (!weightedLayers.contains(l)) {
        throw new IllegalArgumentException("LrpComposite.withLayer: no dense or convolution layer '" + l
            + "'; they are " + weightedLayers);
      }
    }
    double eps = dense.kind() == RelevanceRule.Kind.EPSILON ? dense.a() : DEFAULT_EPSILON;
    List<RelevanceRule> out = new ArrayList<>();
    boolean seenWeighted = false;
    for (Propagation.Stage s : stages) {
      RelevanceRule r = switch (s.kind()) {
        case DENSE, CONV -> {
          RelevanceRule byType = s.kind() == Propagation.Kind.DENSE ? dense : conv;
          RelevanceRule chosen = layers.containsKey(s.layer()) ? layers.get(s.layer())
              : !seenWeighted && first != null ? first : byType;
          seenWeighted = true;
          yield chosen;
        }
        case MAX_POOL -> RelevanceRule.winnerTakesAll();
        case AVG_POOL -> RelevanceRule.epsilon(eps);
        default -> RelevanceRule.pass();
      };
      out.add(r);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LrpComposite c && dense.equals(c.dense) && conv.equals(c.conv) && Objects.equals(first, c.first)
        && layers.equals(c.layers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dense, conv, first, layers);
  }

  @Override
  public String toString() {
    return name + " (dense " + dense + ", conv " + conv + (first != null ? ", first " + first : "")
        + (layers.isEmpty() ? "" : ", layers " + layers) + ")";
  }
}
