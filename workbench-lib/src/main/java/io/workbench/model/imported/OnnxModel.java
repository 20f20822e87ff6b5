package io.workbench.model.imported;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An ONNX model ({@code torch.onnx.export}, {@code tf2onnx}, {@code skl2onnx} with one float output) as a {@link
 * io.workbench.model.Model} for every model-agnostic method (permutation importance, Kernel/exact/sampling SHAP,
 * LIME, occlusion, surrogates, label issues), run by DJL's ONNX Runtime engine on the CPU. Batched and
 * thread-safe (ONNX Runtime sessions run concurrently). No gradients: ONNX Runtime only runs forward.
 *
 * <pre>{@code
 * OnnxModel net = OnnxModel.load(Path.of("datasets/pytorch-net/net.onnx"));      // sidecar net.onnx.json or net.json
 * Attribution shap = Explain.kernelShap(net, Background.kmeans(train, 20, 1)).explain(test.head(10));
 * }</pre>
 *
 * <p><b>Natives, offline.</b> ONNX Runtime's natives travel inside Microsoft's {@code onnxruntime} jar (Maven Central,
 * every platform); on first use ONNX Runtime's Java loader copies the library for this platform into a fresh
 * temporary folder ({@code java.io.tmpdir/onnxruntime-java*}, removed at exit) and loads it from there; the system
 * property {@code onnxruntime.native.path} points it at an already extracted copy instead. DJL's engine downloads
 * nothing for ONNX Runtime on the CPU.
 *
 * <p>The model must take one float input of shape {@code [batch, inputShape...]} (a dynamic batch dimension, or
 * the batch size fixed in the file: then use {@link #withBatchSize(int)} to match) and return one tensor.
 */
public final class OnnxModel extends ImportedModel {

  private static final Cleaner CLEANER = Cleaner.create();

  private final Session session;

  private OnnxModel(Path file, ModelSignature signature, int batchSize, Session session) {
    super(file, signature, batchSize);
    this.session = session;
  }

  /** Loads an ONNX file with the signature in its sidecar ({@code FILE.json} or the name with {@code .json}). */
  public static OnnxModel load(Path file) {
    return load(file, sidecarSignature(file, "OnnxModel"));
  }

  /**
   * Loads an ONNX file with the given signature; runs one zero sample through it to check the input shape and the
   * number of outputs against the signature.
   *
   * @throws IllegalArgumentException naming the file when it is missing, is not an ONNX model, refuses the input
   *     shape or returns a number of outputs that does not match the declared classes
   */
  public static OnnxModel load(Path file, ModelSignature signature) {
    checkFile(file);
    if (signature == null) {
      throw new IllegalArgumentException("signature is null; use OnnxModel.load(file) to read " + file + ".json");
    }
    Session s = Session.open(file);
    try {
      OnnxModel model = new OnnxModel(file, signature, 1024, s);
      model.predictProba(new float[1][signature.sampleSize()]);
      return model;
    } catch (RuntimeException e) {
      s.cleanable.clean();
      throw e;
    }
  }

  /** The same model (sharing the session) evaluating {@code rows} rows per native call. */
  public OnnxModel withBatchSize(int rows) {
    return new OnnxModel(file, signature, checkBatchSize(rows), session);
  }

  @Override
  String format() {
    return "ONNX";
  }

  @Override
  float[] forward(float[] flat, int rows) {
    try (NDManager sub = session.model.getNDManager().newSubManager()) {
      NDArray in = sub.create(flat, new Shape(batchShape(rows)));
      NDList out;
      try {
        out = session.model.getBlock().forward(new ParameterStore(sub, false), new NDList(in), false);
      } catch (EngineException | IllegalArgumentException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage().lines().findFirst().orElse("");
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
          msg = cause.getMessage().lines().findFirst().orElse(msg);
        }
        throw new IllegalArgumentException("Model file " + file + " refused an input of shape "
            + Arrays.toString(batchShape(rows)) + " (signature inputShape " + Arrays.toString(signature.inputShape())
            + "): " + msg, e);
      }
      return single(out, rows, file).toType(DataType.FLOAT32, false).toFloatArray();
    }
  }

  /** A loaded ONNX Runtime session and the DJL model that owns it; closed once nothing references it. */
  private static final class Session {
    final ai.djl.Model model;
    final Cleaner.Cleanable cleanable;

    private Session(ai.djl.Model model) {
      this.model = model;
      ai.djl.Model m = model;
      this.cleanable = CLEANER.register(this, m::close);
    }

    static Session open(Path file) {
      if (System.getProperty("ai.djl.offline") == null) {
        System.setProperty("ai.djl.offline", "true");
      }
      Engine engine;
      try {
        engine = Engine.getEngine("OnnxRuntime");
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        throw new IllegalStateException("The ONNX Runtime engine did not start (is com.microsoft.onnxruntime:"
            + "onnxruntime on the class path?): " + e.getMessage(), e);
      }
      ai.djl.Model model = ai.djl.Model.newInstance(file.getFileName().toString(), Device.cpu(),
          engine.getEngineName());
      try {
        model.load(file);
      } catch (IOException | MalformedModelException | RuntimeException e) {
        model.close();
        Throwable c = e.getCause() != null ? e.getCause() : e;
        String msg = c.getMessage() == null ? c.getClass().getSimpleName()
            : c.getMessage().lines().findFirst().orElse("");
        throw new IllegalArgumentException("Model file " + file + " is not an ONNX model: " + msg, e);
      }
      return new Session(model);
    }
  }
}
