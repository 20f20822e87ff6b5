package io.workbench.analysis.evaluation;

import io.workbench.analysis.AttributionMetric;
import io.workbench.analysis.axiomatic.Completeness;
import io.workbench.analysis.axiomatic.InputInvariance;
import io.workbench.analysis.axiomatic.NonSensitivity;
import io.workbench.analysis.complexity.Complexity;
import io.workbench.analysis.complexity.EffectiveComplexity;
import io.workbench.analysis.complexity.Sparseness;
import io.workbench.analysis.faithfulness.FaithfulnessCorrelation;
import io.workbench.analysis.faithfulness.Irof;
import io.workbench.analysis.faithfulness.Road;
import io.workbench.analysis.faithfulness.Selectivity;
import io.workbench.analysis.faithfulness.SensitivityN;
import io.workbench.analysis.localisation.LocalisationAuc;
import io.workbench.analysis.localisation.PointingGame;
import io.workbench.analysis.localisation.RelevanceMassAccuracy;
import io.workbench.analysis.localisation.RelevanceRankAccuracy;
import io.workbench.analysis.randomisation.ModelRandomisation;
import io.workbench.analysis.randomisation.RandomLogit;
import io.workbench.analysis.robustness.AverageSensitivity;
import io.workbench.analysis.robustness.LocalLipschitz;
import io.workbench.analysis.robustness.RelativeStability;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of each family with their default settings, to pass to {@link Evaluate#metrics(List)} (or to pick
 * from and re-configure: every metric is an immutable value with {@code withX}-style setters).
 *
 * <pre>{@code
 * List<AttributionMetric> m = new ArrayList<>(MetricSets.faithfulness());
 * m.add(new Sparseness());
 * Evaluate.of(model, data).metrics(m).compare(ig, lrp);
 * }</pre>
 */
public final class MetricSets {

  private MetricSets() {}

  /** Faithfulness correlation, ROAD MoRF and LeRF, selectivity, IROF, sensitivity-n. */
  public static List<AttributionMetric> faithfulness() {
    return List.of(new FaithfulnessCorrelation(), Road.morf(), Road.lerf(), new Selectivity(), new Irof(),
        new SensitivityN());
  }

  /** Local Lipschitz estimate, average sensitivity, relative input and output stability. */
  public static List<AttributionMetric> robustness() {
    return List.of(new LocalLipschitz(), new AverageSensitivity(), RelativeStability.input(),
        RelativeStability.output());
  }

  /**
   * The robustness metrics above plus the relative representation stability of a hidden layer (needs a
   * differentiable network: a DJL network).
   */
  public static List<AttributionMetric> robustness(String layer) {
    List<AttributionMetric> m = new ArrayList<>(robustness());
    m.add(RelativeStability.representation(layer));
    return List.copyOf(m);
  }

  /** Pointing game, relevance mass accuracy, relevance rank accuracy, localisation AUC (need ground truth). */
  public static List<AttributionMetric> localisation() {
    return List.of(new PointingGame(), new RelevanceMassAccuracy(), new RelevanceRankAccuracy(),
        new LocalisationAuc());
  }

  /** Sparseness (Gini), complexity (entropy), effective complexity. */
  public static List<AttributionMetric> complexity() {
    return List.of(new Sparseness(), new Complexity(), new EffectiveComplexity());
  }

  /** Random logit and cascading model randomisation (the latter needs a DJL network). */
  public static List<AttributionMetric> randomisation() {
    return List.of(new RandomLogit(), new ModelRandomisation());
  }

  /** Completeness and non-sensitivity. */
  public static List<AttributionMetric> axiomatic() {
    return List.of(new Completeness(), new NonSensitivity());
  }

  /**
   * Completeness, non-sensitivity and input invariance (the last needs a DJL network whose first layer is dense, or a
   * convolution without zero padding).
   */
  public static List<AttributionMetric> axiomaticForNetworks() {
    return List.of(new Completeness(), new NonSensitivity(), new InputInvariance());
  }

  /**
   * A moderate default set, one or two per family: faithfulness correlation, ROAD MoRF, ROAD LeRF, average
   * sensitivity, sparseness, complexity, random logit (classifiers with at least two classes), and the four
   * localisation metrics when {@code groundTruth}.
   */
  public static List<AttributionMetric> defaults(boolean classifier, boolean groundTruth) {
    List<AttributionMetric> m = new ArrayList<>(List.of(new FaithfulnessCorrelation(), Road.morf(), Road.lerf(),
        new AverageSensitivity(), new Sparseness(), new Complexity()));
    if (classifier) {
      m.add(new RandomLogit());
    }
    if (groundTruth) {
      m.addAll(localisation());
    }
    return List.copyOf(m);
  }
}
