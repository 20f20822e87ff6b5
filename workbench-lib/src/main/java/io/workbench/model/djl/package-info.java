/**
 * Neural networks on DJL with the PyTorch engine (offline, CPU by default, GPU when visible): logistic and
 * linear regression, MLPs, 1D CNNs for signals and 2D CNNs for images, the published signal networks (EEGNet,
 * ShallowFBCSPNet, Deep4Net, the PTB-XL 1D ResNet), trained by the immutable {@link
 * io.workbench.model.djl.NeuralTrainer} (started from {@code Models.mlp(..)} and friends) into a {@link
 * io.workbench.model.djl.NeuralNetModel}, which is a {@link io.workbench.model.Differentiable} (input and
 * layer gradients for explainers) and saves to a directory ({@code model.json} + DJL parameters). No DJL type
 * appears in the public API.
 *
 * <p>The trainer's settings are typed values: {@link io.workbench.model.djl.NetworkDesign} (the network),
 * {@link io.workbench.model.djl.OptimizerSettings}, {@link io.workbench.model.djl.TrainingSchedule}, {@link
 * io.workbench.model.djl.Regularization}, with {@link io.workbench.model.EarlyStopping}, {@link
 * io.workbench.model.ClassWeights} and the run options shared with every trainer. A fit prepares the data
 * ({@code TrainingData}) and runs the loop ({@code TrainingLoop}, validation scored by {@code
 * ValidationScores} with the evaluation package's metrics). A network kind is one package-private class
 * implementing {@code NetworkKind} ({@code Dense}: linear and mlp; {@code Cnn}: cnn1d and cnn2d; {@code EegNet},
 * {@code ShallowFbcspNet}, {@code Deep4Net}, {@code ResNet1d} over the blocks of {@code SignalLayers}), listed in
 * {@link io.workbench.model.djl.NetworkKinds}: adding an architecture is one such class.
 *
 * <p>Interpretable-by-design networks: {@link io.workbench.model.djl.ProtoNet} trains a prototype network
 * (ProtoPNet) into a {@link io.workbench.model.djl.ProtoNetModel} that explains a row by the training patches it
 * resembles ({@link io.workbench.model.djl.PrototypeExplanation}); {@link io.workbench.model.djl.ConceptBottleneck}
 * trains a concept bottleneck into a {@link io.workbench.model.djl.ConceptBottleneckModel} with test-time
 * interventions. Both take tabular rows, 1D signals and small images, share an encoder ({@code PatchEncoder}),
 * train through PyTorch's autograd with weights held in Java ({@code ParameterSteps}) and predict in plain Java,
 * and save to one JSON file.
 */
package io.workbench.model.djl;
