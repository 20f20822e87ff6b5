package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.fuzz.FuzzInput;
import io.workbench.fuzz.FuzzTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Mutated notebooks read with the runner's notebook reader ({@link Notebooks#read}), then their code cells and
 * sources taken as the runner does. Seeds are written by {@link Notebooks#write}.
 */
public final class NotebookFuzzTarget implements FuzzTarget {

  @Override
  public String name() {
    return "ipynb";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    ObjectNode nb = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    ObjectNode meta = nb.putObject("metadata");
    meta.putObject("kernelspec").put("name", "workbench").put("display_name", "Java (Workbench)")
        .put("language", "java");
    meta.putObject("language_info").put("name", "java").put("version", "17");
    var cells = nb.putArray("cells");
    ObjectNode md = cells.addObject();
    md.put("cell_type", "markdown").put("id", "intro").putObject("metadata");
    md.set("source", Notebooks.lines("# Title\n\nSome *text* with `code` and a list:\n- a\n- b\n"));
    ObjectNode code = cells.addObject();
    code.put("cell_type", "code").put("id", "c1").put("execution_count", 1).putObject("metadata");
    code.set("source", Notebooks.lines("var x = 1 + 1;\nSystem.out.println(x);\n"));
    var outs = code.putArray("outputs");
    outs.addObject().put("output_type", "stream").put("name", "stdout").put("text", "2\n");
    ObjectNode res = outs.addObject().put("output_type", "execute_result").put("execution_count", 1);
    res.putObject("data").put("text/plain", "2").put("text/html", "<b>2</b>");
    res.putObject("metadata");
    ObjectNode err = cells.addObject();
    err.put("cell_type", "code").put("id", "c2").putNull("execution_count").putObject("metadata");
    err.put("source", "int[] a = new int[2];\na[5] = 1;");
    err.putArray("outputs").addObject().put("output_type", "error").put("ename", "ArrayIndexOutOfBoundsException")
        .put("evalue", "Index 5 out of bounds for length 2").putArray("traceback").add("line 2");
    cells.addObject().put("cell_type", "raw").put("id", "r1").put("source", "raw text").putObject("metadata");
    Path file = work.resolve("seed.ipynb");
    Notebooks.write(nb, file);
    ObjectNode tiny = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("nbformat", 4).put("nbformat_minor", 4);
    tiny.putObject("metadata");
    tiny.putArray("cells").addObject().put("cell_type", "code").put("source", "1+1").putObject("metadata");
    Path small = work.resolve("tiny.ipynb");
    Notebooks.write(tiny, small);
    return List.of(new FuzzInput("notebook", Map.of("nb.ipynb", Files.readAllBytes(file))),
        new FuzzInput("tiny", Map.of("nb.ipynb", Files.readAllBytes(small))));
  }

  @Override
  public void read(Path dir) {
    ObjectNode nb = Notebooks.read(dir.resolve("nb.ipynb"));
    Notebooks.codeCells(nb).forEach(String::length);
    for (JsonNode cell : nb.get("cells")) {
      Notebooks.source(cell);
    }
  }

  @Override
  public int smokeExecutions() {
    return 2000;
  }
}
