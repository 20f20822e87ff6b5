package io.workbench.kernel;

import io.workbench.fuzz.FuzzReport;
import io.workbench.fuzz.FuzzSmoke;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short fuzz run of the notebook reader (seed 1, deterministic); the long run is {@code bench/fuzz}. */
class NotebookFuzzTest {

  @TempDir Path tmp;

  @Test
  void notebookReaderSurvivesItsMutants() throws Exception {
    FuzzReport r = FuzzSmoke.check(new NotebookFuzzTarget(), tmp);
    System.out.println(r.summary());
  }
}
