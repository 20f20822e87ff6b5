package io.workbench.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Small notebooks for the execution tests. */
final class NotebookFixtures {

  private NotebookFixtures() {}

  /** A notebook of code cells for the given kernel name. */
  static ObjectNode notebook(String kernelName, String... cells) {
    ObjectNode nb = Notebooks.JSON.createObjectNode();
    ArrayNode cs = nb.putArray("cells");
    int i = 0;
    for (String src : cells) {
      ObjectNode c = cs.addObject();
      c.put("id", "c" + i++);
      c.put("cell_type", "code");
      c.putObject("metadata");
      c.putNull("execution_count");
      c.putArray("outputs");
      c.set("source", Notebooks.lines(src));
    }
    ObjectNode ks = nb.putObject("metadata").putObject("kernelspec");
    ks.put("name", kernelName).put("display_name", "Java").put("language", "java");
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    return nb;
  }

  /** Cells exercising tables, charts, a progress bar and an error (last). */
  static final String[] RICH = {
    "Table t = Datasets.iris().table();\nt",
    "var c = new XYChartBuilder().width(320).height(200).title(\"line\").build();\n"
        + "c.addSeries(\"y\", new double[] {1, 2, 3}, new double[] {2, 4, 3});\nc",
    "ProgressListener bar = Progress.current();\n"
        + "for (int i = 1; i <= 40; i++) {\n"
        + "  Thread.sleep(10);\n"
        + "  bar.onProgress(new ProgressEvent(\"fit\", i, 40, \"step \" + i, Map.of(), i == 40));\n"
        + "}",
    "int[] a = new int[2];\na[5] = 1;",
    "\"never runs\""
  };

  static Path write(Path file, ObjectNode nb) {
    Notebooks.write(nb, file);
    return file;
  }

  /**
   * A jar holding {@code lib.Spin.forever()}, a loop that never checks for interruption: code the kernel does
   * not instrument (it comes from a jar, not from a cell), standing for a runaway loop inside a library.
   */
  static Path spinJar(Path dir) throws Exception {
    Path src = java.nio.file.Files.createDirectories(dir.resolve("src/lib")).resolve("Spin.java");
    java.nio.file.Files.writeString(src,
        "package lib; public class Spin { public static long n; public static void forever() { while (true) { n++; } } }");
    Path classes = java.nio.file.Files.createDirectories(dir.resolve("classes"));
    int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed");
    }
    Path jar = dir.resolve("spin.jar");
    try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("lib/Spin.class"));
      out.write(java.nio.file.Files.readAllBytes(classes.resolve("lib/Spin.class")));
      out.closeEntry();
    }
    return jar;
  }
}
