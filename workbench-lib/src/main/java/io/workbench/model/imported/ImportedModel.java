package io.workbench.model.imported;

import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model trained elsewhere and loaded from a file ({@link TorchScriptModel}, {@link OnnxModel}): its {@link
 * ModelSignature} says what goes in and what comes out; this class turns the raw forward into the workbench's
 * {@link Model} contract (batched, thread-safe {@code predictProba} on raw features, rows checked, outputs checked
 * against the declared classes).
 *
 * <pre>{@code
 * ImportedModel m = OnnxModel.load(Path.of("net.onnx"));   // or TorchScriptModel.load(...)
 * m.signature();                                           // input shape, names, classes, output kind
 * float[][] p = m.predictProba(test.x());
 * }</pre>
 */
public abstract class ImportedModel implements Model, Displayable {

  final Path file;
  final ModelSignature signature;
  final int batchSize;

  ImportedModel(Path file, ModelSignature signature, int batchSize) {
    this.file = file;
    this.signature = signature;
    this.batchSize = batchSize;
  }

  /** The model file this was loaded from. */
  public Path file() {
    return file;
  }

  /** What goes in and what comes out. */
  public ModelSignature signature() {
    return signature;
  }

  /** Rows per native call. */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Task task() {
    return signature.task();
  }

  @Override
  public List<String> featureNames() {
    return signature.featureNames();
  }

  @Override
  public List<String> classNames() {
    return signature.classNames();
  }

  /** The raw forward on {@code rows} samples flattened row-major; returns the outputs flattened row-major. */
  abstract float[] forward(float[] flat, int rows);

  @Override
  public float[][] predictProba(float[][] x) {
    return perRow(x, this::probabilities);
  }

  /** Turns row {@code i} of a raw batch result ({@code width} values a row) into the answer for row {@code row}. */
  interface RowOutput {
    float[] of(float[] raw, int i, int width, int row);
  }

  /** Checks {@code x}, runs the raw forward batch by batch and maps each result row with {@code rowOutput}. */
  final float[][] perRow(float[][] x, RowOutput rowOutput) {
    checkInput(x);
    int n = x.length;
    float[][] out = new float[n][];
    for (int start = 0; start < n; start += batchSize) {
      int m = Math.min(batchSize, n - start);
      float[] raw = forward(flatten(x, start, m), m);
      int width = width(raw.length, m);
      for (int i = 0; i < m; i++) {
        out[start + i] = rowOutput.of(raw, i, width, start + i);
      }
    }
    return out;
  }

  /** Fails unless {@code file} is an existing regular file. */
  static void checkFile(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("model file is null");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Model file " + file + " does not exist or is not a file");
    }
  }

  /**
   * The signature in {@code file}'s sidecar, or an error saying how to write one or to pass one to {@code
   * loader}'s {@code load(file, signature)}.
   */
  static ModelSignature sidecarSignature(Path file, String loader) {
    checkFile(file);
    Path sidecar = ModelSignature.sidecarOf(file).orElseThrow(() -> new IllegalArgumentException(
        "No signature for " + file + ": write " + file.getFileName() + ".json (for example {\"inputShape\": [4],"
            + " \"classes\": [\"a\", \"b\"], \"output\": \"logits\"}) or pass one: " + loader + ".load(file,"
            + " ModelSignature.builder()...build())"));
    return ModelSignature.read(sidecar);
  }

  /** Output columns per row of a raw result, checked against the signature. */
  final int width(int values, int rows) {
    int width = rows == 0 ? 0 : values / rows;
    if (rows > 0 && (values % rows != 0 || !signature.acceptsWidth(width))) {
      throw new IllegalArgumentException("Model file " + file + " returns " + (values % rows == 0 ? width
          : values + " values for " + rows) + " values per row, but its signature expects "
          + signature.expectedWidth());
    }
    return width;
  }

  /** One row of probabilities (or values) from a raw result row. */
  final float[] probabilities(float[] raw, int i, int width, int row) {
    int off = i * width;
    int k = signature.classNames().size();
    OutputKind kind = signature.output();
    if (kind == OutputKind.VALUES) {
      return new float[] {raw[off]};
    }
    if (width == 1 && k == 2) {
      double p1 = kind == OutputKind.LOGITS ? sigmoid(raw[off]) : raw[off];
      checkProbability(p1, row, 1);
      return new float[] {(float) (1 - p1), (float) p1};
    }
    float[] p = new float[width];
    if (kind == OutputKind.PROBABILITIES) {
      double sum = 0;
      for (int j = 0; j < width; j++) {
        checkProbability(raw[off + j], row, j);
        p[j] = raw[off + j];
        sum += p[j];
      }
      if (!signature.multiLabel() && Math.abs(sum - 1) > 1e-3) {
        throw new IllegalArgumentException("Model file " + file + " was declared to return probabilities, but row "
            + row + "'s sum to " + sum + "; declare OutputKind.LOGITS if the module returns scores");
      }
      return p;
    }
    if (signature.multiLabel()) {
      for (int j = 0; j < width; j++) {
        p[j] = (float) sigmoid(raw[off + j]);
      }
      return p;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < width; j++) {
      max = Math.max(max, raw[off + j]);
    }
    if (!Double.isFinite(max)) {
      throw new IllegalArgumentException("Model file " + file + " returned a non-finite logit for row " + row);
    }
    double z = 0;
    for (int j = 0; j < width; j++) {
      z += Math.exp(raw[off + j] - max);
    }
    for (int j = 0; j < width; j++) {
      p[j] = (float) (Math.exp(raw[off + j] - max) / z);
    }
    return p;
  }

  private void checkProbability(double p, int row, int column) {
    if (!(p >= -1e-6 && p <= 1 + 1e-6)) {
      throw new IllegalArgumentException("Model file " + file + " was declared to return probabilities, but row "
          + row + ", column " + column + " is " + p + "; declare OutputKind.LOGITS if the module returns scores");
    }
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** Checks the feature count and finiteness of every row, naming the file, row and feature. */
  final void checkInput(float[][] x) {
    if (x == null) {
      throw new IllegalArgumentException("Input matrix for " + file.getFileName() + " is null");
    }
    int d = signature.sampleSize();
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != d) {
        throw new IllegalArgumentException("Row " + i + " has " + (x[i] == null ? "no" : x[i].length)
            + " values, but " + file.getFileName() + " takes " + d + " (input shape "
            + Arrays.toString(signature.inputShape()) + ")");
      }
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(x[i][j])) {
          throw new IllegalArgumentException("Row " + i + ", feature '" + signature.featureNames().get(j) + "' is "
              + x[i][j] + "; expected a finite number");
        }
      }
    }
  }

  /** Rows {@code start .. start+m} of {@code x}, flattened. */
  final float[] flatten(float[][] x, int start, int m) {
    int d = signature.sampleSize();
    float[] buf = new float[m * d];
    for (int i = 0; i < m; i++) {
      System.arraycopy(x[start + i], 0, buf, i * d, d);
    }
    return buf;
  }

  /** The batch shape {@code [rows, inputShape...]}. */
  final long[] batchShape(int rows) {
    int[] s = signature.inputShape();
    long[] dims = new long[s.length + 1];
    dims[0] = rows;
    for (int i = 0; i < s.length; i++) {
      dims[i + 1] = s[i];
    }
    return dims;
  }

  /** The one output tensor of a forward, with {@code rows} rows; refuses several outputs or a wrong shape. */
  static ai.djl.ndarray.NDArray single(ai.djl.ndarray.NDList out, int rows, Path file) {
    return single(out, rows, file, 2);
  }

  /** {@link #single(ai.djl.ndarray.NDList, int, Path)} for a tensor of rank at most {@code maxRank}. */
  static ai.djl.ndarray.NDArray single(ai.djl.ndarray.NDList out, int rows, Path file, int maxRank) {
    if (out.size() != 1) {
      throw new IllegalArgumentException("Model file " + file + " returns " + out.size() + " tensors; the"
          + " workbench takes models returning one (logits, probabilities or values)");
    }
    ai.djl.ndarray.NDArray o = out.get(0);
    long[] s = o.getShape().getShape();
    if (s.length == 0 || s.length > maxRank || s[0] != rows) {
      throw new IllegalArgumentException("Model file " + file + " returned a tensor of shape " + o.getShape()
          + " for " + rows + " rows; expected " + (maxRank == 2 ? "[rows, outputs] or [rows]" : "[rows, ...]"));
    }
    return o;
  }

  static int checkBatchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("Batch size must be >= 1, got " + rows);
    }
    return rows;
  }

  /** The format's name, for descriptions ({@code TorchScript}, {@code ONNX}). */
  abstract String format();

  /** A one-line description: format, file, input shape, task and classes. */
  public String describe() {
    return format() + " " + file.getFileName() + ", input " + Arrays.toString(signature.inputShape()) + ", "
        + signature.task().name().toLowerCase(Locale.ROOT)
        + (signature.classNames().isEmpty() ? "" : " " + signature.classNames()) + ", output "
        + signature.output().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toHtml() {
    return "<div class=\"wb-model\"><b>" + getClass().getSimpleName() + "</b> "
        + describe().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</div>";
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + describe() + "]";
  }
}
