import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.factory.Models;
import io.workbench.progress.ProgressListener;

/**
 * Training time at a given native thread count (PyTorch intra-op threads, XGBoost nthread), through the run
 * options: an MLP (breast cancer, 569 x 30, mlp(64, 32), 30 epochs of 32 rows), a CNN (digits, 1797 x 1x8x8,
 * cnn2d(16, 32), 3 epochs) and XGBoost (digits, 10 classes, 100 rounds, depth 6). One warm-up fit each, then
 * {@code reps} timed fits; prints one line per fit: {@code <workload>_s <seconds>}.
 * Usage: java -cp CP bench/java/ThreadsBench.java NATIVE_THREADS REPS   (bench/suites/threads.sh runs the grid)
 */
public class ThreadsBench {

  public static void main(String[] args) {
    int threads = Integer.parseInt(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ProgressListener quiet = ProgressListener.silent();
    Dataset bc = Datasets.breastCancer();
    Dataset digits = Datasets.digits();
    var mlp = Models.mlp(64, 32).epochs(30).seed(1).nativeThreads(threads).progress(quiet);
    var cnn = Models.cnn2d(16, 32).epochs(3).seed(1).nativeThreads(threads).progress(quiet);
    var xgb = Models.xgboost().rounds(100).maxDepth(6).seed(1).nativeThreads(threads).progress(quiet);
    mlp.epochs(2).fit(bc);
    cnn.epochs(1).fit(digits.head(300));
    xgb.rounds(5).fit(digits);
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      mlp.fit(bc);
      long t1 = System.nanoTime();
      cnn.fit(digits);
      long t2 = System.nanoTime();
      xgb.fit(digits);
      long t3 = System.nanoTime();
      System.out.printf("mlp_s %.4f%ncnn_s %.4f%nxgb_s %.4f%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
  }
}
