package io.workbench.fuzz;

import io.workbench.data.CsvLoader;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Mutated CSV files loaded with {@link CsvLoader}. The loader's settings (target, categorical columns, missing
 * values) come from {@code loader.txt}, which is not mutated.
 */
public final class CsvTarget implements FuzzTarget {

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public List<FuzzInput> seeds(Path work) {
    List<FuzzInput> out = new ArrayList<>();
    Table iris = Datasets.iris().select(0, 1, 2, 3, 50, 51, 52, 53, 100, 101, 102, 103).table();
    String[] sites = new String[iris.rowCount()];
    for (int i = 0; i < sites.length; i++) {
      sites[i] = i % 3 == 0 ? "north" : "south";
    }
    iris.addColumns(StringColumn.create("site", sites));
    StringWriter w = new StringWriter();
    iris.write().csv(w);
    out.add(input("iris", w.toString(), "target=species\ncategorical=site\n"));
    out.add(input("missing", "age,dose,group,outcome\n50,1.5,a,0\n61,,b,1\n47,2.25,a,0\n70,NA,b,1\n55,3e-1,a,0\n",
        "target=outcome\ncategorical=group\nallowMissing\n"));
    out.add(input("headerless", "1,2.5,0\r\n3,4.5,1\r\n5,6.5,0\r\n7,-8.5,1\r\n", "target=C2\n"));
    out.add(input("regression-cr", "x;y;z\r1.5;2;0.25\r2.5;3;1.75\r3.5;-1;2.5\r", "target=z\nseparator=;\nregression\n"));
    out.add(input("quoted", "\"name, full\",score,label\n\"a \"\"b\"\"\",1,yes\n\"c\",2,no\n\"d\",3,yes\n",
        "target=label\ncategorical=name, full\n"));
    return out;
  }

  private static FuzzInput input(String name, String csv, String settings) {
    return new FuzzInput(name, Map.of("data.csv", csv.getBytes(StandardCharsets.UTF_8),
        "loader.txt", settings.getBytes(StandardCharsets.UTF_8)));
  }

  /** Loading a CSV costs milliseconds (Tablesaw), so the smoke run is shorter than for the binary formats. */
  @Override
  public int smokeExecutions() {
    return 500;
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return Map.of("data.csv", 1.0);
  }

  @Override
  public void read(Path dir) throws Exception {
    CsvLoader loader = CsvLoader.from(dir.resolve("data.csv"));
    boolean numeric = true;
    for (String line : Files.readAllLines(dir.resolve("loader.txt"), StandardCharsets.UTF_8)) {
      String[] kv = line.split("=", 2);
      switch (kv[0]) {
        case "target" -> loader = loader.target(kv[1]);
        case "categorical" -> {
          loader = loader.categorical(kv[1]);
          numeric = false;
        }
        case "separator" -> loader = loader.separator(kv[1].charAt(0));
        case "allowMissing" -> loader = loader.allowMissing();
        case "regression" -> loader = loader.regression();
        default -> { }
      }
    }
    Dataset d = loader.load();
    d.summary();
    if (d.task() == io.workbench.data.Task.CLASSIFICATION) {
      d.y();
    } else {
      d.yDouble();
    }
    if (numeric) {
      d.x();
    }
  }
}
