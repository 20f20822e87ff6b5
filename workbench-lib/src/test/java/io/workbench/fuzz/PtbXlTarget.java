package io.workbench.fuzz;

import io.workbench.data.Dataset;
import io.workbench.signal.corpus.PtbXl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutated PTB-XL folders (the two CSV files with their {@code scp_codes} dictionaries, and the WFDB records they
 * name), opened with {@link PtbXl#open} and loaded as a dataset. The seed is three records of the miniature written
 * by {@link PtbXl#writeMiniature}; mutations go mostly to the CSV files, whose readers (quoted CSV, Python dict
 * literals, folds and patients) are this target's subject; the records are the WFDB target's.
 */
public final class PtbXlTarget implements FuzzTarget {

  private static final String DATABASE = "ptbxl_database.csv";
  private static final String STATEMENTS = "scp_statements.csv";

  @Override
  public String name() {
    return "ptbxl";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    Path mini = PtbXl.writeMiniature(work.resolve("mini"), 3);
    PtbXl full = PtbXl.open(mini);
    List<String> lines = Files.readAllLines(mini.resolve(DATABASE), StandardCharsets.UTF_8);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(DATABASE, (String.join("\n", lines.subList(0, 4)) + "\n").getBytes(StandardCharsets.UTF_8));
    files.put(STATEMENTS, Files.readAllBytes(mini.resolve(STATEMENTS)));
    for (int row = 0; row < 3; row++) {
      String base = full.recording(row, 100).file().toString();
      String rel = mini.relativize(Path.of(base)).toString().replace('\\', '/');
      String stem = rel.substring(0, rel.length() - ".hea".length());
      files.put(stem + ".hea", Files.readAllBytes(mini.resolve(stem + ".hea")));
      files.put(stem + ".dat", Files.readAllBytes(mini.resolve(stem + ".dat")));
    }
    return List.of(new FuzzInput("three-records", files));
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    Map<String, Double> w = new LinkedHashMap<>();
    for (String f : seed.files().keySet()) {
      w.put(f, f.equals(DATABASE) ? 6.0 : f.equals(STATEMENTS) ? 3.0 : f.endsWith(".hea") ? 0.5 : 0.1);
    }
    return w;
  }

  @Override
  public void read(Path dir) {
    PtbXl p = PtbXl.open(dir);
    p.records();
    for (PtbXl.LabelSet set : PtbXl.LabelSet.values()) {
      p.labels(set);
    }
    Dataset d = p.dataset(PtbXl.LabelSet.ALL, 100);
    d.rows();
  }

  @Override
  public int smokeExecutions() {
    return 150;
  }
}
