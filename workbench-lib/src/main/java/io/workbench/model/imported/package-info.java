/**
 * Models trained elsewhere, loaded from a file as workbench {@link io.workbench.model.Model}s: TorchScript modules
 * ({@link io.workbench.model.imported.TorchScriptModel}, through DJL's PyTorch engine, with gradients: every gradient
 * explainer works) and ONNX models ({@link io.workbench.model.imported.OnnxModel}, through DJL's ONNX Runtime engine:
 * every model-agnostic explainer works). What goes in and comes out is a {@link
 * io.workbench.model.imported.ModelSignature}, given in code or read from a sidecar JSON beside the model. The way
 * back: {@link io.workbench.model.imported.OnnxExport} writes a workbench network as ONNX (DJL 0.32 itself exports
 * nothing).
 *
 * <pre>{@code
 * TorchScriptModel net = TorchScriptModel.load(Path.of("net.pt"));   // net.pt.json beside it
 * OnnxModel same = OnnxModel.load(Path.of("net.onnx"), net.signature());
 * }</pre>
 */
package io.workbench.model.imported;
