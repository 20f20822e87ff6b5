package io.workbench.kernel.jjava;

import io.workbench.display.Displayable;
import io.workbench.kernel.NotebookProgressBar;
import io.workbench.kernel.render.Renderers;
import io.workbench.plot.Figure;
import io.workbench.progress.Progress;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.TextProgressBar;
import java.util.Set;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The workbench inside a stock JJava kernel: registers the workbench renderers (tables, charts, figures,
 * {@link Displayable} values) with JJava's renderer and installs a live progress bar, when JJava finds this
 * class through {@code META-INF/services/org.dflib.jjava.jupyter.Extension} (after {@code %jars} adds the
 * workbench jars). workbench-lib knows nothing of JJava; only this module compiles against its API.
 *
 * <pre>{@code
 * %jars /path/to/workbench/kernel-ext/target/lib/*.jar
 * %jars /path/to/workbench/kernel-ext/target/kernel-ext-*-all.jar
 * Datasets.iris().table()          // now an HTML table
 * }</pre>
 */
public final class WorkbenchExtension implements Extension {

  @Override
  public void install(BaseKernel kernel) {
    register(kernel.getRenderer());
    Progress.install(() -> new Bar(kernel));
  }

  @Override
  public void uninstall(BaseKernel kernel) {
    Progress.reset();
  }

  /** Registers the workbench renderers with a JJava renderer. */
  public static void register(Renderer renderer) {
    for (Class<?> type : new Class<?>[] {Table.class, Figure.class, Chart.class, Displayable.class}) {
      renderer.createRegistration(type).preferring("text/html", "image/png", "text/plain")
          .register((value, context) -> copy(Renderers.bundle(value, null, Set.of()), context.getOutputContainer()));
    }
  }

  private static void copy(Renderers.Bundle bundle, DisplayData out) {
    bundle.data().forEach(out::putData);
    bundle.metadata().forEach(out::putMetaData);
  }

  /** The notebook progress bar published through JJava's display stream. */
  private static final class Bar implements ProgressListener {
    private final BaseKernel kernel;
    private final String id = "wb-progress-" + java.util.UUID.randomUUID();
    private boolean shown;
    private long last;

    Bar(BaseKernel kernel) {
      this.kernel = kernel;
    }

    @Override
    public synchronized void onProgress(ProgressEvent e) {
      long now = System.nanoTime();
      if (shown && !e.finished() && now - last < NotebookProgressBar.MIN_INTERVAL_MILLIS * 1_000_000L) {
        return;
      }
      last = now;
      if (!kernel.getIO().display.isAttached()) {
        return;
      }
      DisplayData d = new DisplayData();
      d.putData("text/plain", TextProgressBar.render(e));
      d.putData("text/html", NotebookProgressBar.html(e));
      d.setDisplayId(id);
      if (shown) {
        kernel.getIO().display.updateDisplay(d);
      } else {
        kernel.getIO().display.display(d);
      }
      shown = true;
    }
  }
}
