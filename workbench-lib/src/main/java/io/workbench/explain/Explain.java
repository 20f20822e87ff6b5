package io.workbench.explain;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;

/**
 * Entry point of the model-agnostic explainers. Each returns an immutable builder; {@code explain(...)}
 * runs it. Local methods return an {@link Attribution}; permutation importance returns a
 * {@link FeatureImportance}. For classifiers the explained output is the class probability (see
 * {@link Target}).
 *
 * <pre>{@code
 * Background bg = Background.kmeans(train, 20, 42);
 * Attribution shap = Explain.kernelShap(model, bg).seed(1).explain(test.head(20));
 * Attribution exact = Explain.exactShapley(model, bg).explain(test.head(5));        // M <= 20
 * Attribution perm = Explain.samplingShapley(model, bg).samples(50).explain(test.head(5));
 * Attribution lime = Explain.lime(model, train).explain(test.head(5));
 * Attribution tree = Explain.treeShap(xgboostModel).explain(test);                   // exact, log-odds
 * Attribution occ = Explain.occlusion(model, 1, 20).stride(1, 10).explain(signals);
 * FeatureImportance imp = Explain.permutationImportance(model, test).repeats(5).explain();
 * Attribution dl = Explain.deepLift(cnn).baseline(Baseline.mean(train)).explain(test.head(8));   // DJL networks
 * Attribution lrp = Explain.lrp(cnn).composite(LrpComposite.epsilonPlusFlat()).explain(test.head(8));
 * }</pre>
 */
public final class Explain {

  private Explain() {}

  /** Permutation importance on an evaluation dataset (labels from its target column). */
  public static PermutationImportance permutationImportance(Model model, Dataset data) {
    if (model == null || data == null) {
      throw new IllegalArgumentException("permutationImportance needs a model and an evaluation dataset");
    }
    Model.checkFeatures(model, data.features());
    if (data.task() != model.task()) {
      throw new IllegalArgumentException("the dataset's target is " + data.task() + " but the model does " + model.task());
    }
    double[] y;
    if (model.task() == Task.CLASSIFICATION) {
      int[] yi = data.y();
      y = new double[yi.length];
      for (int i = 0; i < yi.length; i++) {
        y[i] = yi[i];
      }
    } else {
      y = data.yDouble();
    }
    return new PermutationImportance(model, data.x(), y);
  }

  /** Permutation importance on raw rows and targets (class indices or values). */
  public static PermutationImportance permutationImportance(Model model, float[][] x, double[] y) {
    return new PermutationImportance(model, x, y);
  }

  /** Exact interventional Shapley values (at most {@value ExactShapley#MAX_FEATURES} varying features). */
  public static ExactShapley exactShapley(Model model, Background background) {
    return new ExactShapley(model, background);
  }

  /** Kernel SHAP. */
  public static KernelShap kernelShap(Model model, Background background) {
    return new KernelShap(model, background);
  }

  /** Kernel SHAP with a dataset as background (all rows; summarise large ones with {@link Background}). */
  public static KernelShap kernelShap(Model model, Dataset background) {
    return new KernelShap(model, Background.of(background));
  }

  /**
   * Exact TreeSHAP of a tree ensemble (a model with the {@link io.workbench.model.TreeEnsemble} capability, such
   * as XGBoost), in margin (log-odds) space.
   *
   * @throws IllegalArgumentException when the model is not a tree ensemble
   */
  public static TreeShap treeShap(Model model) {
    if (model == null) {
      throw new IllegalArgumentException("treeShap needs a model");
    }
    return new TreeShap(model);
  }

  /** Permutation-sampling Shapley values with antithetic permutations. */
  public static SamplingShapley samplingShapley(Model model, Background background) {
    return new SamplingShapley(model, background);
  }

  /** LIME with feature statistics from a training dataset (checked against the model by name). */
  public static Lime lime(Model model, Dataset training) {
    if (model == null || training == null) {
      throw new IllegalArgumentException("lime needs a model and training data");
    }
    Model.checkFeatures(model, training.features());
    return new Lime(model, training.x());
  }

  /** LIME with feature statistics from raw training rows. */
  public static Lime lime(Model model, float[][] training) {
    if (model == null) {
      throw new IllegalArgumentException("lime needs a model");
    }
    return new Lime(model, training);
  }

  /** Occlusion with a sliding window (one size per axis of the sample shape; stride 1 by default). */
  public static Occlusion occlusion(Model model, int... window) {
    if (window == null) {
      throw new IllegalArgumentException("occlusion needs a window size per axis");
    }
    return new Occlusion(model, window);
  }

  /** Feature ablation: each feature alone, or the groups given with {@link Occlusion#groups(int[][])}. */
  public static Occlusion featureAblation(Model model) {
    return new Occlusion(model, null);
  }

  // ---------------------------------------------------------------- gradient methods (feat-grad) begin
  // Models offering model.Differentiable (DJL networks); the explained output is the target's logit by default.

  /** Saliency: |gradient| of the explained output per raw feature (see {@link Saliency}). */
  public static Saliency saliency(Model model) {
    return new Saliency(model);
  }

  /** Input x gradient (see {@link InputXGradient}). */
  public static InputXGradient inputXGradient(Model model) {
    return new InputXGradient(model);
  }

  /** Integrated gradients, 50 Gauss-Legendre steps from an all-zero baseline by default. */
  public static IntegratedGradients integratedGradients(Model model) {
    return new IntegratedGradients(model);
  }

  /** SmoothGrad / SmoothGrad-squared / VarGrad over saliency, input x gradient or integrated gradients. */
  public static NoiseTunnel noiseTunnel(GradientExplainer<?> method) {
    return new NoiseTunnel(method);
  }

  /** Expected gradients (GradientSHAP) with baselines drawn from a background. */
  public static GradientShap gradientShap(Model model, Background background) {
    return new GradientShap(model, background);
  }

  /** Expected gradients with every row of a dataset as a possible baseline. */
  public static GradientShap gradientShap(Model model, Dataset background) {
    if (background == null) {
      throw new IllegalArgumentException("gradientShap needs a background dataset, got null");
    }
    return new GradientShap(model, Background.of(background));
  }

  /** Grad-CAM on the last convolution layer of a 1D or 2D CNN (choose another with {@link GradCam#layer}). */
  public static GradCam gradCam(Model model) {
    return new GradCam(model, false);
  }

  /** Grad-CAM++ on the last convolution layer of a 1D or 2D CNN. */
  public static GradCam gradCamPlusPlus(Model model) {
    return new GradCam(model, true);
  }
  // ---------------------------------------------------------------- gradient methods (feat-grad) end

  // ---------------------------------------------------------------- propagation methods (deeplift-lrp) begin
  // DJL networks (model.Propagation): DeepLIFT and LRP stage by stage; layer and neuron attributions.

  /** DeepLIFT (rescale rule; reveal-cancel on request) against an all-zero reference by default. */
  public static DeepLift deepLift(Model model) {
    return new DeepLift(model);
  }

  /** DeepLIFT averaged over the rows of a background (DeepSHAP). */
  public static DeepLiftShap deepLiftShap(Model model, Background background) {
    return new DeepLiftShap(model, background);
  }

  /** DeepLIFT averaged over every row of a dataset (summarise large ones with {@link Background}). */
  public static DeepLiftShap deepLiftShap(Model model, Dataset background) {
    if (background == null) {
      throw new IllegalArgumentException("deepLiftShap needs a background dataset, got null");
    }
    return new DeepLiftShap(model, Background.of(background));
  }

  /** Layer-wise relevance propagation, {@link LrpComposite#epsilonPlus()} by default. */
  public static Lrp lrp(Model model) {
    return new Lrp(model);
  }
  /**
   * Layer integrated gradients: attributions to the activations of a named hidden layer, path in the layer's
   * space (Captum's {@code LayerIntegratedGradients}).
   *
   * @throws IllegalArgumentException for an unknown layer (the message lists the model's layers)
   */
  public static LayerIntegratedGradients layerIntegratedGradients(Model model, String layer) {
    return new LayerIntegratedGradients(model, layer);
  }

  /**
   * Conductance of a named hidden layer's units on the input path (Captum's {@code LayerConductance}).
   *
   * @throws IllegalArgumentException for an unknown layer (the message lists the model's layers)
   */
  public static LayerConductance conductance(Model model, String layer) {
    return new LayerConductance(model, layer);
  }

  /**
   * The gradient of one hidden unit with respect to the raw inputs (Captum's {@code NeuronGradient}). The unit is
   * {@code index} in {@code layer}: one index per axis of the layer's shape, or one flat index.
   *
   * @throws IllegalArgumentException for an unknown layer (listing the layers) or an index outside the layer
   */
  public static NeuronGradient neuronGradient(Model model, String layer, int... index) {
    return new NeuronGradient(model, layer, index);
  }

  /**
   * Integrated gradients of one hidden unit with respect to the raw inputs (Captum's {@code
   * NeuronIntegratedGradients}); the unit chosen as in {@link #neuronGradient(Model, String, int...)}.
   *
   * @throws IllegalArgumentException for an unknown layer (listing the layers) or an index outside the layer
   */
  public static NeuronIntegratedGradients neuronIntegratedGradients(Model model, String layer, int... index) {
    return new NeuronIntegratedGradients(model, layer, index);
  }
  // ---------------------------------------------------------------- propagation methods (deeplift-lrp) end
}
