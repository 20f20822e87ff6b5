/**
 * Neural networks on DJL with the PyTorch engine (offline, CPU by default, GPU when visible): logistic and
 * linear regression, MLPs, 1D CNNs for signals and 2D CNNs for images, trained by the immutable {@link
 * io.workbench.model.djl.NeuralTrainer} (started from {@code Models.mlp(..)} and friends) into a {@link
 * io.workbench.model.djl.NeuralNetModel}, which is a {@link io.workbench.model.Differentiable} (input and
 * layer gradients for explainers) and saves to a directory ({@code model.json} + DJL parameters). No DJL type
 * appears in the public API.
 */
package io.workbench.model.djl;
