package io.workbench.io;

import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import io.workbench.signal.Edf;
import io.workbench.signal.Recording;
import io.workbench.signal.WfdbAnnotation;
import io.workbench.signal.WfdbAnnotations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link DiskFullTest} in a child JVM: reads the new versions (so the native libraries are unpacked),
 * prints {@code ready} and waits for a line on standard input, during which the parent lowers this process's
 * file-size limit ({@code prlimit --fsize}) below the new content, so every write below fails with "File too
 * large" part-way, as on a full disk. Prints one line per writer: {@code <writer> ok} or {@code <writer> failed
 * <exception>}.
 */
public final class DiskFullChild {

  private DiskFullChild() {}

  /** {@code args[0]}: staging folder with the new versions; {@code args[1]}: target folder with the old ones. */
  public static void main(String[] args) throws java.io.IOException {
    Path staging = Path.of(args[0]);
    Path target = Path.of(args[1]);
    Recording edf = Edf.read(staging.resolve("new.edf"));
    List<WfdbAnnotation> atr = WfdbAnnotations.read(staging.resolve("new.atr"));
    Figure fig = Charts.trainingHistory(Map.of("loss", ramp(400)), Map.of("val", ramp(400)));
    fig.toPng();
    fig.toSvg();
    XGBoostModel xgb = XGBoostModel.load(staging.resolve("xgb"));
    NeuralNetModel nn = NeuralNetModel.load(staging.resolve("nn"));
    System.out.println("ready");
    System.out.flush();
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
        .readLine();
    attempt("edf", () -> Edf.write(edf, target.resolve("rec.edf")));
    attempt("atr", () -> WfdbAnnotations.write(target.resolve("rec.atr"), atr));
    attempt("png", () -> fig.savePng(target.resolve("fig.png")));
    attempt("svg", () -> fig.saveSvg(target.resolve("fig.svg")));
    attempt("xgboost", () -> xgb.save(target.resolve("xgb")));
    attempt("djl", () -> nn.save(target.resolve("nn")));
    System.out.flush();
  }

  static double[] ramp(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i * 0.37) + i * 0.01;
    }
    return v;
  }

  private static void attempt(String writer, Runnable r) {
    try {
      r.run();
      System.out.println(writer + " ok");
    } catch (RuntimeException e) {
      System.out.println(writer + " failed " + e.getClass().getSimpleName() + ": "
          + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
  }
}
