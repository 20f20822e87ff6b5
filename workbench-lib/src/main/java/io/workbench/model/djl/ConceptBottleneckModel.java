package io.workbench.model.djl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.io.CheckedJson;
import io.workbench.model.Model;
import io.workbench.stats.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained concept bottleneck model ({@link ConceptBottleneck}): input to named concepts to class. Besides
 * predictions it gives the predicted concepts ({@link #concepts(float[][])}), their accuracy against the true
 * ones ({@link #conceptAccuracy(Dataset)}), and <em>interventions</em>: the class predicted when some concepts
 * are set to their true values ({@link #intervene(Dataset, List)}), as an expert would correct the model at
 * test time. Predictions are computed in plain Java: row by row, bit for bit the same whatever the batch or
 * thread count, and thread-safe.
 *
 * <pre>{@code
 * float[][] c = model.concepts(test.x());                          // rows x concepts, original units
 * float[][] p = model.intervene(test, List.of("p_wave_present"));  // that concept set to its true value
 * model.interventions(test);                                       // accuracy as concepts are fixed one by one
 * }</pre>
 */
public final class ConceptBottleneckModel implements Model, Displayable {

  private static final String FORMAT = "workbench-concept-bottleneck-1";

  /** A linear layer: {@code out x in} weights, row-major, and a bias per output. */
  record Head(float[] w, float[] b) {
    double[] apply(float[] in) {
      return SoftmaxHead.logits(w, b, b.length, in);
    }
  }

  private final PatchEncoder encoder;
  private final float[][] standardizer;
  private final Head conceptHead;
  private final Head taskHead;
  private final ConceptCoding coding;
  private final float[] binary;
  private final List<String> features;
  private final List<String> classes;
  private final Map<String, Object> settings;

  ConceptBottleneckModel(PatchEncoder encoder, float[][] standardizer, Head conceptHead, Head taskHead,
      ConceptCoding coding, List<String> features, List<String> classes, Map<String, Object> settings) {
    this.encoder = encoder;
    this.standardizer = standardizer;
    this.conceptHead = conceptHead;
    this.taskHead = taskHead;
    this.coding = coding;
    this.binary = coding.binaryMask();
    this.features = List.copyOf(features);
    this.classes = List.copyOf(classes);
    this.settings = Map.copyOf(settings);
  }

  /** The bottleneck of one standardised row: binary concepts as probabilities, continuous ones standardised. */
  static float[] bottleneck(PatchEncoder enc, Head conceptHead, float[] binary, float[] xs) {
    float[][] grid = enc.encode(xs);
    float[] pooled = grid[0].clone();
    for (float[] patch : grid) {
      for (int d = 0; d < pooled.length; d++) {
        pooled[d] = Math.max(pooled[d], patch[d]);
      }
    }
    double[] l = conceptHead.apply(pooled);
    float[] out = new float[l.length];
    for (int c = 0; c < l.length; c++) {
      out[c] = binary[c] == 1 ? (float) (1 / (1 + Math.exp(-l[c]))) : (float) l[c];
    }
    return out;
  }

  private float[] bottleneck(float[] raw) {
    return bottleneck(encoder, conceptHead, binary, ParameterSteps.standardize(raw, standardizer));
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  public List<String> featureNames() {
    return features;
  }

  @Override
  public List<String> classNames() {
    return classes;
  }

  /** The concept names, in bottleneck order. */
  public List<String> conceptNames() {
    return coding.names();
  }

  /** Whether concept {@code name} is binary (its bottleneck value is a probability). */
  public boolean isBinary(String name) {
    return coding.binary()[conceptIndex(name)];
  }

  @Override
  public float[][] predictProba(float[][] x) {
    Model.checkInput(this, x);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = SoftmaxHead.softmax(taskHead.apply(bottleneck(x[i])));
    }
    return out;
  }

  /**
   * The predicted concepts, {@code rows x concepts} in original units: a binary concept's probability, a
   * continuous concept's value.
   */
  public float[][] concepts(float[][] x) {
    Model.checkInput(this, x);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      float[] b = bottleneck(x[i]);
      for (int c = 0; c < b.length; c++) {
        b[c] = binary[c] == 1 ? b[c] : coding.decode(c, b[c]);
      }
      out[i] = b;
    }
    return out;
  }

  /**
   * Class probabilities with the named concepts set to the given true values (original units; {@code
   * trueConcepts} is {@code rows x concepts} in {@link #conceptNames()} order, only the named columns are read).
   *
   * @throws IllegalArgumentException for an unknown concept name (listing the names), or a row count or width
   *     that does not match, or a non-finite true value
   */
  public float[][] intervene(float[][] x, float[][] trueConcepts, List<String> which) {
    Model.checkInput(this, x);
    int kc = coding.names().size();
    if (trueConcepts == null || trueConcepts.length != x.length) {
      throw new IllegalArgumentException("trueConcepts must have one row per input row (" + x.length + "), got "
          + (trueConcepts == null ? "null" : trueConcepts.length + " rows"));
    }
    if (which == null) {
      throw new IllegalArgumentException("Name the concepts to intervene on, for example " + coding.names());
    }
    int[] idx = which.stream().mapToInt(this::conceptIndex).toArray();
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (trueConcepts[i] == null || trueConcepts[i].length != kc) {
        throw new IllegalArgumentException("trueConcepts row " + i + " must hold " + kc + " values "
            + coding.names() + ", got " + (trueConcepts[i] == null ? "null" : trueConcepts[i].length));
      }
      float[] b = bottleneck(x[i]);
      for (int c : idx) {
        float v = trueConcepts[i][c];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("trueConcepts row " + i + ", concept '" + coding.names().get(c)
              + "' is " + v + "; expected a finite number");
        }
        b[c] = (v - coding.mean()[c]) / coding.scale()[c];
      }
      out[i] = SoftmaxHead.softmax(taskHead.apply(b));
    }
    return out;
  }

  /** {@link #intervene(float[][], float[][], List)} with the features and true concepts of a dataset. */
  public float[][] intervene(Dataset data, List<String> which) {
    checkData(data);
    return intervene(data.x(), ConceptCoding.values(data, coding.names()), which);
  }

  private void checkData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("A dataset with the features " + io.workbench.check.Checks.abbreviate(features)
          + " and the concept columns " + coding.names() + " is needed, got null");
    }
    Model.checkFeatures(this, data.features());
  }

  private int conceptIndex(String name) {
    int c = coding.names().indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("No concept '" + name + "'; the concepts are " + coding.names());
    }
    return c;
  }

  /**
   * How well the concepts are predicted on {@code data} (which has the concept columns): one row per concept
   * with its {@code kind}, {@code accuracy} (binary: predicted probability thresholded at 0.5; NaN for a
   * continuous concept), {@code r2} (coefficient of determination of the predicted values or probabilities)
   * and {@code mae} (mean absolute error, original units).
   */
  public Table conceptAccuracy(Dataset data) {
    checkData(data);
    float[][] truth = ConceptCoding.values(data, coding.names());
    float[][] pred = concepts(data.x());
    StringColumn name = StringColumn.create("concept");
    StringColumn kind = StringColumn.create("kind");
    DoubleColumn acc = DoubleColumn.create("accuracy");
    DoubleColumn r2 = DoubleColumn.create("r2");
    DoubleColumn mae = DoubleColumn.create("mae");
    for (int c = 0; c < coding.names().size(); c++) {
      double ok = 0;
      double err = 0;
      double sse = 0;
      double mean = 0;
      for (float[] t : truth) {
        mean += t[c] / truth.length;
      }
      double sst = 0;
      for (int i = 0; i < truth.length; i++) {
        double d = pred[i][c] - truth[i][c];
        err += Math.abs(d);
        sse += d * d;
        sst += (truth[i][c] - mean) * (truth[i][c] - mean);
        ok += (pred[i][c] >= 0.5 ? 1 : 0) == truth[i][c] ? 1 : 0;
      }
      boolean bin = coding.binary()[c];
      name.append(coding.names().get(c));
      kind.append(bin ? "binary" : "continuous");
      acc.append(bin ? ok / truth.length : Double.NaN);
      r2.append(sst > 0 ? 1 - sse / sst : Double.NaN);
      mae.append(err / truth.length);
    }
    return Table.create("concept accuracy", name, kind, acc, r2, mae);
  }

  /**
   * Test-time interventions: the task accuracy on {@code data} with no concept corrected, then with the
   * concepts set to their true values one more at a time, in {@link #conceptNames()} order (the last row
   * corrects them all). Columns {@code concepts_fixed} (how many), {@code concepts} (which) and {@code
   * accuracy}.
   */
  public Table interventions(Dataset data) {
    checkData(data);
    float[][] x = data.x();
    float[][] truth = ConceptCoding.values(data, coding.names());
    int[] y = data.y();
    IntColumn count = IntColumn.create("concepts_fixed");
    StringColumn which = StringColumn.create("concepts");
    DoubleColumn acc = DoubleColumn.create("accuracy");
    for (int k = 0; k <= coding.names().size(); k++) {
      List<String> fixed = coding.names().subList(0, k);
      float[][] p = intervene(x, truth, fixed);
      int ok = 0;
      for (int i = 0; i < y.length; i++) {
        ok += Stats.argmax(p[i]) == y[i] ? 1 : 0;
      }
      count.append(k);
      which.append(fixed.isEmpty() ? "(none)" : String.join(", ", fixed));
      acc.append(y.length == 0 ? Double.NaN : (double) ok / y.length);
    }
    return Table.create("interventions", count, which, acc);
  }

  @Override
  public String toHtml() {
    return Tables.html(summary(), caption());
  }

  @Override
  public String toText() {
    return Tables.text(summary(), caption());
  }

  private String caption() {
    return "Concept bottleneck (" + settings.getOrDefault("training", "?") + "): " + coding.names().size()
        + " concepts to " + classes;
  }

  /** One row per concept: its kind and its task-head weight to each class. */
  public Table summary() {
    Table t = Table.create("concept bottleneck", StringColumn.create("concept", coding.names()));
    StringColumn kind = StringColumn.create("kind");
    for (boolean b : coding.binary()) {
      kind.append(b ? "binary" : "continuous");
    }
    t.addColumns(kind);
    int kc = coding.names().size();
    for (int c = 0; c < classes.size(); c++) {
      DoubleColumn w = DoubleColumn.create("weight " + classes.get(c));
      for (int j = 0; j < kc; j++) {
        w.append(taskHead.w()[c * kc + j]);
      }
      t.addColumns(w);
    }
    return t;
  }

  @Override
  public String toString() {
    return "ConceptBottleneckModel[concepts " + coding.names() + ", classes " + classes + ", " + features.size()
        + " features, " + settings + "]";
  }

  // ------------------------------------------------------------------ save and load

  /** Writes the model as one JSON file (atomically: a failed write leaves the old file). */
  public void save(Path file) {
    ObjectNode o = JsonWeights.common(FORMAT, encoder, standardizer, features, classes, settings);
    JsonWeights.putMatrix(o.putArray("conceptHead"), new float[][] {conceptHead.w(), conceptHead.b()});
    JsonWeights.putMatrix(o.putArray("taskHead"), new float[][] {taskHead.w(), taskHead.b()});
    coding.write(o.putObject("concepts"));
    JsonWeights.write(file, o, "concept bottleneck model");
  }

  /** Reads a model written by {@link #save(Path)}; fails naming the file and field for anything malformed. */
  public static ConceptBottleneckModel load(Path file) {
    JsonWeights.Common common = JsonWeights.read(file, "concept bottleneck model", FORMAT);
    CheckedJson o = common.json();
    ConceptCoding coding = ConceptCoding.read(o.object("concepts"));
    int kc = coding.names().size();
    float[][] ch = heads(o, "conceptHead", kc, common.encoder().latent);
    float[][] th = heads(o, "taskHead", common.classes().size(), kc);
    return new ConceptBottleneckModel(common.encoder(), common.standardizer(), new Head(ch[0], ch[1]),
        new Head(th[0], th[1]), coding, common.features(), common.classes(), common.settings());
  }

  private static float[][] heads(CheckedJson o, String field, int out, int in) {
    com.fasterxml.jackson.databind.JsonNode a = o.node().get(field);
    if (a == null || !a.isArray() || a.size() != 2) {
      throw o.error(field, "must hold [weights, bias]");
    }
    List<long[]> shapes = new ArrayList<>(List.of(new long[] {out, in}, new long[] {out}));
    List<float[]> v = JsonWeights.list(o, field, shapes);
    return new float[][] {v.get(0), v.get(1)};
  }
}
