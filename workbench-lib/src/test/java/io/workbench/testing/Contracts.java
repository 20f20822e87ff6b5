package io.workbench.testing;

import io.workbench.data.Imputer;
import io.workbench.data.OneHotEncoder;
import io.workbench.data.Standardizer;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.KernelShap;
import io.workbench.model.cart.CartTree;
import io.workbench.model.djl.ConceptBottleneck;
import io.workbench.model.djl.ConceptBottleneckModel;
import io.workbench.model.djl.NetworkDesign;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.djl.ProtoNet;
import io.workbench.model.djl.ProtoNetModel;
import io.workbench.model.factory.Models;
import io.workbench.model.pipeline.Pipeline;
import io.workbench.model.pipeline.PipelineModel;
import io.workbench.model.xgboost.XGBoostModel;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The registries of the contract suites: every model family, every trainer and every explainer of the
 * library, each one line. Models are trained once, on first use, and shared by the model and the explainer
 * suites; everything is tiny and seeded, so the three suites add seconds, not minutes, to {@code mvn verify}.
 *
 * <p><b>To register</b> a new model family, add a {@link ModelCase} line to {@link #MODELS}; a new trainer, a
 * {@link TrainerCase} line to {@link #TRAINERS}; a new explainer, an {@link ExplainerCase} line to {@link
 * #EXPLAINERS} (pick the registered model it explains with {@link #model(String)}). The suites ({@code
 * ModelContractTest}, {@code TrainerContractTest}, {@code ExplainerContractTest}) then run every rule on it.
 *
 * <pre>{@code
 * ModelCase.trained("onnx mlp", OnnxModel::fromTrainer, ContractData::binary).saved(OnnxModel::save, OnnxModel::load),
 * TrainerCase.of("onnx", OnnxTrainer.create(), ContractData::binary).wrongTask(ContractData::multiLabel),
 * ExplainerCase.of("DeepLIFT", model("djl mlp"), Explain::deepLift),
 * }</pre>
 */
public final class Contracts {

  private Contracts() {}

  /** Deep4Net shrunk to the 16-sample signals of {@link ContractData#signals()}: 4 filters, 2 taps, pools 2 at stride 1. */
  static NetworkDesign deep4Small() {
    NetworkDesign d = NetworkDesign.deep4Net().withOption("pool_time_length", 2).withOption("pool_time_stride", 1)
        .withOption("filter_time_length", 2);
    for (String k : List.of("n_filters_time", "n_filters_spat", "n_filters_2", "n_filters_3", "n_filters_4")) {
      d = d.withOption(k, 4);
    }
    for (int b = 2; b <= 4; b++) {
      d = d.withOption("filter_length_" + b, 2);
    }
    return d;
  }

  /** The hand-written softmax fixture (3 classes a, b, c over x0..x3) that model-agnostic explainers run on. */
  static final ModelCase<SoftmaxModel> SOFTMAX = ModelCase.of("softmax (hand-written fixture)",
      () -> {
        SoftmaxModel r = SoftmaxModel.random(3, 4, 7);
        return SoftmaxModel.of(r.w, r.c, ContractData.names(4), List.of("a", "b", "c"));
      }, ContractData::multiclass);

  /** One line per model family: how it is trained (tiny and seeded), on which data, and saved. */
  static final List<ModelCase<?>> MODELS = List.of(
      SOFTMAX,
      ModelCase.trained("djl logistic", Models.logistic().epochs(3).seed(1)::fit, ContractData::binary).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl linear", Models.linear().epochs(3).seed(1)::fit, ContractData::regression).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl mlp", Models.mlp(8).epochs(3).seed(1)::fit, ContractData::multiclass).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl mlp multi-label", Models.mlp(8).epochs(3).seed(1)::fit, ContractData::multiLabel).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl cnn1d", Models.cnn1d(4).epochs(2).seed(1)::fit, ContractData::signals).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl eegnet (small)", Models.eegNet().design(NetworkDesign.eegNet().withOption("F1", 2).withOption("D", 1).withOption("F2", 2).withOption("kernel_length", 4).withOption("separable_kernel", 4).withOption("pool1", 2).withOption("pool2", 2)).epochs(2).seed(1)::fit, ContractData::signals).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl shallow_fbcsp (small)", Models.shallowFbcspNet().design(NetworkDesign.shallowFbcspNet().withOption("n_filters_time", 4).withOption("n_filters_spat", 4).withOption("filter_time_length", 3).withOption("pool_time_length", 4).withOption("pool_time_stride", 2)).epochs(2).seed(1)::fit, ContractData::signals).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl deep4 (small)", Models.deep4Net().design(deep4Small()).epochs(2).seed(1)::fit, ContractData::signals).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl resnet1d (small)", Models.resNet1d().design(NetworkDesign.resNet1d().withOption("planes", 4).withOption("head_units", 8)).epochs(2).seed(1)::fit, ContractData::signals).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("djl cnn2d", Models.cnn2d(4).epochs(2).seed(1)::fit, ContractData::images).saved(NeuralNetModel::save, NeuralNetModel::load),
      ModelCase.trained("xgboost boosting", Models.xgboost().rounds(6).maxDepth(3).seed(1)::fit, ContractData::binary).saved(XGBoostModel::save, XGBoostModel::load),
      ModelCase.trained("xgboost forest", Models.randomForest().parallelTrees(6).maxDepth(3).seed(1)::fit, ContractData::multiclass).saved(XGBoostModel::save, XGBoostModel::load),
      ModelCase.trained("xgboost tree", Models.decisionTree().maxDepth(3)::fit, ContractData::regression).saved(XGBoostModel::save, XGBoostModel::load),
      ModelCase.trained("protonet signals", ProtoNet.trainer().prototypesPerClass(2).layers(4).latent(4).epochs(2).lastLayerSteps(20).seed(1)::fit, ContractData::signals).saved(ProtoNetModel::save, ProtoNetModel::load),
      ModelCase.trained("protonet images", ProtoNet.trainer().prototypesPerClass(1).layers(4).latent(4).epochs(2).lastLayerSteps(20).seed(1)::fit, ContractData::images).saved(ProtoNetModel::save, ProtoNetModel::load),
      ModelCase.trained("protonet tabular", ProtoNet.trainer().prototypesPerClass(1).layers(8).latent(4).epochs(2).lastLayerSteps(20).seed(1)::fit, ContractData::multiclass).saved(ProtoNetModel::save, ProtoNetModel::load),
      ModelCase.trained("concept bottleneck", ConceptBottleneck.on("score_a", "x1_positive").layers(8).epochs(2).taskSteps(20).seed(1)::fit, ContractData::concepts).saved(ConceptBottleneckModel::save, ConceptBottleneckModel::load),
      ModelCase.trained("cart", Models.cart().maxDepth(3)::fit, ContractData::binary).saved(CartTree::save, CartTree::load),
      ModelCase.trained("cart regression", Models.cart().maxDepth(3)::fit, ContractData::regression).saved(CartTree::save, CartTree::load),
      ModelCase.trained("pipeline xgboost", Pipeline.of(Imputer.median(), OneHotEncoder.of("sex", "site"), Standardizer.all()).then(Models.xgboost().rounds(5).seed(1))::fit, ContractData::raw).saved(PipelineModel::save, PipelineModel::load).rows(Contracts::rawRows),
      ModelCase.trained("pipeline logistic", Pipeline.of(Imputer.median(), OneHotEncoder.of("sex", "site"), Standardizer.all()).then(Models.logistic().epochs(3).seed(1))::fit, ContractData::raw).saved(PipelineModel::save, PipelineModel::load).rows(Contracts::rawRows));

  /** One line per trainer: small settings, the data, and what it must refuse. */
  static final List<TrainerCase> TRAINERS = List.of(
      TrainerCase.of("djl logistic", Models.logistic().epochs(2), ContractData::binary).wrongTask(ContractData::regression),
      TrainerCase.of("djl linear", Models.linear().epochs(2), ContractData::regression).wrongTask(ContractData::binary),
      TrainerCase.of("djl mlp", Models.mlp(8).epochs(2), ContractData::multiclass),
      TrainerCase.of("djl cnn1d", Models.cnn1d(4).epochs(1), ContractData::signals),
      TrainerCase.of("djl cnn2d", Models.cnn2d(4).epochs(1), ContractData::images),
      TrainerCase.of("xgboost boosting", Models.xgboost().rounds(4).maxDepth(3), ContractData::binary).deterministic().wrongTask(ContractData::multiLabel),
      TrainerCase.of("xgboost forest", Models.randomForest().parallelTrees(4).maxDepth(3), ContractData::multiclass).wrongTask(ContractData::multiLabel),
      TrainerCase.of("xgboost tree", Models.decisionTree().maxDepth(3), ContractData::regression).deterministic().wrongTask(ContractData::multiLabel),
      TrainerCase.of("protonet", ProtoNet.trainer().prototypesPerClass(1).layers(4).latent(4).epochs(1).lastLayerSteps(5), ContractData::signals).wrongTask(ContractData::regression),
      TrainerCase.of("concept bottleneck (sequential)", ConceptBottleneck.on("score_a", "x1_positive").training(ConceptBottleneck.Training.SEQUENTIAL).layers(4).epochs(1).taskSteps(5), ContractData::concepts).wrongTask(ContractData::regression),
      TrainerCase.of("cart", Models.cart().maxDepth(3), ContractData::binary).deterministic().wrongTask(ContractData::multiLabel),
      TrainerCase.of("pipeline", Pipeline.of(Imputer.median(), OneHotEncoder.of("sex", "site"), Standardizer.all()).then(Models.xgboost().rounds(4).subsample(0.7)), ContractData::raw).imputing());

  /** One line per explainer: the registered model it explains and its (small, seeded) settings. */
  static final List<ExplainerCase> EXPLAINERS = List.of(
      ExplainerCase.of("exact Shapley", SOFTMAX, m -> Explain.exactShapley(m, background())),
      ExplainerCase.of("kernel SHAP", SOFTMAX, m -> Explain.kernelShap(m, background()).samples(6)).random(),
      ExplainerCase.of("kernel SHAP (cubic surrogate)", SOFTMAX, m -> Explain.kernelShap(m, background()).design(KernelShap.Design.CUBIC).samples(8)).random(),
      ExplainerCase.of("kernel SHAP (exact budget, regression)", model("djl linear"), m -> Explain.kernelShap(m, background())),
      ExplainerCase.of("sampling Shapley", SOFTMAX, m -> Explain.samplingShapley(m, background()).samples(4)).random(),
      ExplainerCase.of("exact Shapley (pipeline, raw features)", model("pipeline xgboost"), m -> Explain.exactShapley(m, Background.of(rawRows((PipelineModel) m, ContractData.raw().head(20))))),
      ExplainerCase.of("LIME", SOFTMAX, m -> Explain.lime(m, ContractData.multiclass()).samples(60)).random(),
      ExplainerCase.of("occlusion", SOFTMAX, m -> Explain.occlusion(m, 2)),
      ExplainerCase.of("feature ablation", SOFTMAX, Explain::featureAblation),
      ExplainerCase.of("occlusion (signals)", model("djl cnn1d"), m -> Explain.occlusion(m, 1, 4).sampleShape(2, 16).stride(1, 4)),
      ExplainerCase.of("saliency", model("djl mlp"), Explain::saliency),
      ExplainerCase.of("input x gradient", model("djl mlp"), Explain::inputXGradient),
      ExplainerCase.of("integrated gradients", model("djl mlp"), Explain::integratedGradients).additivity(1e-2),
      ExplainerCase.of("integrated gradients (softmax)", SOFTMAX, Explain::integratedGradients),
      ExplainerCase.of("noise tunnel", model("djl mlp"), m -> Explain.noiseTunnel(Explain.saliency(m)).samples(4)).random(),
      ExplainerCase.of("gradient SHAP", model("djl mlp"), m -> Explain.gradientShap(m, background()).samples(4)).random().additivity(10),
      ExplainerCase.of("DeepLIFT", model("djl mlp"), Explain::deepLift).additivity(1e-3),
      ExplainerCase.of("DeepLIFT SHAP", model("djl mlp"), m -> Explain.deepLiftShap(m, background())).additivity(1e-3),
      ExplainerCase.of("LRP", model("djl mlp"), Explain::lrp).additivity(1e-3),
      ExplainerCase.of("Grad-CAM", model("djl cnn1d"), Explain::gradCam),
      ExplainerCase.of("Grad-CAM++", model("djl cnn2d"), Explain::gradCamPlusPlus),
      ExplainerCase.of("layer integrated gradients", model("djl cnn1d"), m -> Explain.layerIntegratedGradients(m, "conv1").steps(16)).toLayer().additivity(2e-2),
      ExplainerCase.of("conductance", model("djl mlp"), m -> Explain.conductance(m, "dense1").steps(16)).toLayer().additivity(1e-3),
      ExplainerCase.of("neuron gradient", model("djl cnn2d"), m -> Explain.neuronGradient(m, "conv1", 1, 2, 3)),
      ExplainerCase.of("neuron integrated gradients", model("djl mlp"), m -> Explain.neuronIntegratedGradients(m, "dense1", 5)).additivity(2e-2),
      ExplainerCase.of("tree SHAP", model("xgboost boosting"), Explain::treeShap),
      ExplainerCase.of("tree SHAP (multi-class forest)", model("xgboost forest"), Explain::treeShap),
      ExplainerCase.of("tree SHAP (regression tree)", model("xgboost tree"), Explain::treeShap));

  /** Every model family (and the hand-written fixture the explainers use). */
  public static List<ModelCase<?>> models() {
    return MODELS;
  }

  /** Every trainer. */
  public static List<TrainerCase> trainers() {
    return TRAINERS;
  }

  /** Every explainer, each on a registered model. */
  public static List<ExplainerCase> explainers() {
    return EXPLAINERS;
  }

  /**
   * The registered model case named {@code name}.
   *
   * @throws NoSuchElementException listing the names when there is none
   */
  public static ModelCase<?> model(String name) {
    for (ModelCase<?> c : MODELS) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new NoSuchElementException("no model case '" + name + "'; registered: "
        + MODELS.stream().map(ModelCase::name).toList());
  }

  /** Six Gaussian rows over 4 features: the background of the model-agnostic explainers. */
  static Background background() {
    return Background.of(ContractData.gaussian(6, 4, 99));
  }

  /** A pipeline model's raw rows, written as numbers (category codes, imputed values). */
  static float[][] rawRows(PipelineModel m, io.workbench.data.Dataset d) {
    return m.rawInput(d.head(Math.min(ModelCase.PROBE_ROWS, d.rows()))).x();
  }
}
