package io.workbench.model.djl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.io.CheckedJson;
import io.workbench.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained prototype network ({@link ProtoNet}): predicts from the similarity of a row's patches to learned
 * prototypes, each of which is a patch of a real training row (its source row and span are kept), and
 * explains a row by the prototypes it matches ({@link #explain(float[])}). Predictions are computed in plain
 * Java from the saved weights: row by row, bit for bit the same whatever the batch or thread count, and
 * thread-safe.
 *
 * <pre>{@code
 * ProtoNetModel m = ProtoNet.trainer().epochs(15).fit(train);
 * Table p = m.prototypes();                  // prototype, class, source row, from, to, weight
 * PrototypeExplanation e = m.explain(test.x()[3]);
 * e.plot();                                  // the row and its best matches, with their source beats
 * m.save(Path.of("proto.json"));  ProtoNetModel back = ProtoNetModel.load(Path.of("proto.json"));
 * }</pre>
 */
public final class ProtoNetModel implements Model, Displayable {

  private static final String FORMAT = "workbench-protonet-1";

  private final PatchEncoder encoder;
  private final float[][] standardizer;
  private final float[][] prototypes;
  private final int[] protoClass;
  private final float[][] last;
  private final float[] flatLast;
  private final int[] sourceRows;
  private final int[] sourcePositions;
  private final float[][] sources;
  private final List<String> features;
  private final List<String> classes;
  private final Map<String, Object> settings;

  ProtoNetModel(PatchEncoder encoder, float[][] standardizer, float[][] prototypes, int[] protoClass,
      float[][] last, int[] sourceRows, int[] sourcePositions, float[][] sources, List<String> features,
      List<String> classes, Map<String, Object> settings) {
    this.encoder = encoder;
    this.standardizer = standardizer;
    this.prototypes = prototypes;
    this.protoClass = protoClass;
    this.last = last;
    this.flatLast = new float[last.length * protoClass.length];
    for (int c = 0; c < last.length; c++) {
      System.arraycopy(last[c], 0, flatLast, c * protoClass.length, protoClass.length);
    }
    this.sourceRows = sourceRows;
    this.sourcePositions = sourcePositions;
    this.sources = sources;
    this.features = List.copyOf(features);
    this.classes = List.copyOf(classes);
    this.settings = Map.copyOf(settings);
  }

  /** The paper's initial last layer: 1 from a prototype to its class, -0.5 to the others. */
  static float[][] initialLastLayer(int[] protoClass, int k) {
    float[][] w = new float[k][protoClass.length];
    for (int c = 0; c < k; c++) {
      for (int m = 0; m < protoClass.length; m++) {
        w[c][m] = protoClass[m] == c ? 1f : -0.5f;
      }
    }
    return w;
  }

  /** Pushed prototypes and where each came from (training row and patch position). */
  record Push(float[][] prototypes, int[] rows, int[] positions) {}

  /** Replaces each prototype by its nearest patch among the training rows of its class. */
  static Push push(PatchEncoder enc, float[][] xs, int[] y, float[][] prototypes, int[] protoClass) {
    int protos = prototypes.length;
    double[] best = new double[protos];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    float[][] out = new float[protos][];
    int[] rows = new int[protos];
    int[] positions = new int[protos];
    for (int i = 0; i < xs.length; i++) {
      float[][] grid = enc.encode(xs[i]);
      for (int m = 0; m < protos; m++) {
        if (protoClass[m] != y[i]) {
          continue;
        }
        for (int j = 0; j < grid.length; j++) {
          double d = distance(grid[j], prototypes[m]);
          if (d < best[m]) {
            best[m] = d;
            out[m] = grid[j].clone();
            rows[m] = i;
            positions[m] = j;
          }
        }
      }
    }
    return new Push(out, rows, positions);
  }

  static double distance(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double v = (double) a[d] - b[d];
      s += v * v;
    }
    return s;
  }

  /**
   * Similarity {@code log((d + 1) / (d + 1e-4))} of each prototype to the patch grid, {@code d} the smallest
   * squared distance over the patches; the position of that patch goes into {@code where} when given.
   */
  static float[] similarities(float[][] grid, float[][] prototypes, int[] where) {
    float[] s = new float[prototypes.length];
    for (int m = 0; m < prototypes.length; m++) {
      double min = Double.POSITIVE_INFINITY;
      int at = 0;
      for (int j = 0; j < grid.length; j++) {
        double d = distance(grid[j], prototypes[m]);
        if (d < min) {
          min = d;
          at = j;
        }
      }
      s[m] = (float) Math.log((min + 1) / (min + 1e-4));
      if (where != null) {
        where[m] = at;
      }
    }
    return s;
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

  @Override
  public float[][] predictProba(float[][] x) {
    Model.checkInput(this, x);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = SoftmaxHead.softmax(logits(similarities(grid(x[i]), prototypes, null)));
    }
    return out;
  }

  float[][] grid(float[] raw) {
    return encoder.encode(ParameterSteps.standardize(raw, standardizer));
  }

  double[] logits(float[] sims) {
    return SoftmaxHead.logits(flatLast, null, last.length, sims);
  }

  /**
   * Why this row gets its prediction: every prototype with its similarity, its contribution to the predicted
   * class's logit (similarity times last-layer weight), where in the row it matches, and its source training
   * row and span; best matches first.
   *
   * @param row raw features ({@code featureNames().size()} values)
   * @throws IllegalArgumentException for a row of another width or with a non-finite value
   */
  public PrototypeExplanation explain(float[] row) {
    Model.checkInput(this, new float[][] {row});
    int[] where = new int[prototypes.length];
    float[] sims = similarities(grid(row), prototypes, where);
    float[] p = SoftmaxHead.softmax(logits(sims));
    int predicted = io.workbench.stats.Stats.argmax(p);
    List<PrototypeExplanation.Match> matches = new ArrayList<>();
    for (int m = 0; m < prototypes.length; m++) {
      int[] at = region(encoder.span(where[m]));
      int[] src = region(encoder.span(sourcePositions[m]));
      matches.add(new PrototypeExplanation.Match(m, classes.get(protoClass[m]), sims[m],
          sims[m] * last[predicted][m], at[0], at[1], sourceRows[m], src[0], src[1], at[2], at[3], src[2],
          src[3]));
    }
    matches.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
    float[][] src = new float[sources.length][];
    for (int m = 0; m < sources.length; m++) {
      src[m] = sources[m].clone();
    }
    return new PrototypeExplanation(row.clone(), encoder.sampleShape, classes, p, predicted, matches, src);
  }

  /** A span as {@code {from, to, top, bottom}}: an image's columns and rows, or a signal's samples and {@code 0, 1}. */
  private int[] region(int[] span) {
    return span.length == 4 ? new int[] {span[2], span[3], span[0], span[1]} : new int[] {span[0], span[1], 0, 1};
  }

  /** The latent prototype vectors (a copy), for tests that recompute distances by brute force. */
  float[][] latentPrototypes() {
    float[][] out = new float[prototypes.length][];
    for (int m = 0; m < prototypes.length; m++) {
      out[m] = prototypes[m].clone();
    }
    return out;
  }

  /** The encoder, for tests that recompute receptive fields. */
  PatchEncoder encoder() {
    return encoder;
  }

  /** Number of prototypes. */
  public int prototypeCount() {
    return prototypes.length;
  }

  /** The class name of prototype {@code m}. */
  public String prototypeClass(int m) {
    return classes.get(protoClass[checkPrototype(m)]);
  }

  /** The index, in the training set, of the row prototype {@code m} was pushed onto. */
  public int prototypeSourceRow(int m) {
    return sourceRows[checkPrototype(m)];
  }

  /**
   * Where prototype m lies in its source training row: samples {@code [from, to)} of a signal ({@code [0, 1)}
   * for a tabular row), or for an image the region {@code {top, bottom, left, right}} (rows {@code [top,
   * bottom)}, columns {@code [left, right)}).
   */
  public int[] prototypeSpan(int m) {
    return encoder.span(sourcePositions[checkPrototype(m)]);
  }

  /** The last layer: {@code classes x prototypes} weights (a copy). */
  public float[][] lastLayer() {
    float[][] out = new float[last.length][];
    for (int c = 0; c < last.length; c++) {
      out[c] = last[c].clone();
    }
    return out;
  }

  private int checkPrototype(int m) {
    if (m < 0 || m >= prototypes.length) {
      throw new IllegalArgumentException("prototype index must be 0.." + (prototypes.length - 1) + ", got " + m);
    }
    return m;
  }

  /**
   * One row per prototype: {@code prototype}, {@code class}, {@code source_row} (index in the training set),
   * {@code from} and {@code to} (the span of the source patch; its columns for an image, whose rows then follow
   * as {@code top} and {@code bottom}), and {@code weight} (last-layer weight to its own class).
   */
  public Table prototypes() {
    int n = prototypes.length;
    IntColumn id = IntColumn.create("prototype");
    StringColumn cls = StringColumn.create("class");
    IntColumn row = IntColumn.create("source_row");
    IntColumn from = IntColumn.create("from");
    IntColumn to = IntColumn.create("to");
    IntColumn top = IntColumn.create("top");
    IntColumn bottom = IntColumn.create("bottom");
    DoubleColumn w = DoubleColumn.create("weight");
    for (int m = 0; m < n; m++) {
      int[] s = region(encoder.span(sourcePositions[m]));
      id.append(m);
      cls.append(classes.get(protoClass[m]));
      row.append(sourceRows[m]);
      from.append(s[0]);
      to.append(s[1]);
      top.append(s[2]);
      bottom.append(s[3]);
      w.append(last[protoClass[m]][m]);
    }
    return encoder.image ? Table.create("prototypes", id, cls, row, from, to, top, bottom, w)
        : Table.create("prototypes", id, cls, row, from, to, w);
  }

  @Override
  public String toHtml() {
    return Tables.html(prototypes(), "Prototype network: " + prototypes.length + " prototypes over " + classes);
  }

  @Override
  public String toText() {
    return Tables.text(prototypes(), "Prototype network: " + prototypes.length + " prototypes over " + classes);
  }

  @Override
  public String toString() {
    return "ProtoNetModel[" + prototypes.length + " prototypes, classes " + classes + ", " + features.size()
        + " features, " + settings + "]";
  }

  // ------------------------------------------------------------------ save and load

  /** Writes the model as one JSON file (atomically: a failed write leaves the old file). */
  public void save(Path file) {
    ObjectNode o = JsonWeights.common(FORMAT, encoder, standardizer, features, classes, settings);
    JsonWeights.putMatrix(o.putArray("prototypes"), prototypes);
    putInts(o.putArray("prototypeClass"), protoClass);
    JsonWeights.putMatrix(o.putArray("lastLayer"), last);
    putInts(o.putArray("sourceRows"), sourceRows);
    putInts(o.putArray("sourcePositions"), sourcePositions);
    JsonWeights.putMatrix(o.putArray("sources"), sources);
    JsonWeights.write(file, o, "prototype network");
  }

  static void putInts(ArrayNode a, int[] v) {
    for (int x : v) {
      a.add(x);
    }
  }

  /**
   * Reads a model written by {@link #save(Path)}; fails naming the file and field for anything malformed.
   */
  public static ProtoNetModel load(Path file) {
    JsonWeights.Common common = JsonWeights.read(file, "prototype network", FORMAT);
    CheckedJson o = common.json();
    PatchEncoder enc = common.encoder();
    List<String> classes = common.classes();
    int[] protoClass = o.integers("prototypeClass");
    int protos = protoClass.length;
    for (int c : protoClass) {
      if (c < 0 || c >= classes.size()) {
        throw o.error("prototypeClass", "must hold class indices 0.." + (classes.size() - 1) + ", got " + c);
      }
    }
    int[] rows = o.integers("sourceRows");
    int[] positions = o.integers("sourcePositions");
    if (rows.length != protos || positions.length != protos) {
      throw o.error("sourceRows", "and sourcePositions must have one entry per prototype (" + protos + ")");
    }
    for (int p : positions) {
      if (p < 0 || p >= enc.positions()) {
        throw o.error("sourcePositions", "must be 0.." + (enc.positions() - 1) + ", got " + p);
      }
    }
    int d = common.features().size();
    return new ProtoNetModel(enc, common.standardizer(), JsonWeights.matrix(o, "prototypes", protos, enc.latent),
        protoClass, JsonWeights.matrix(o, "lastLayer", classes.size(), protos), rows, positions,
        JsonWeights.matrix(o, "sources", protos, d), common.features(), classes, common.settings());
  }
}
