package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shift-tab ({@code inspect_request}) through a real {@code jupyter_client}: the Javadoc of a workbench method
 * (from the index built with the kernel) and of a JDK method (from {@code src.zip}: this JDK's, else a second
 * JDK's, else skipped). The expected text is read from the sources themselves.
 */
class KernelInspectTest {

  @TempDir
  static Path tmp;

  private static JsonNode obs;
  /** The kernelspec whose JDK has src.zip, or null. */
  private static String sourcesKernel;
  private static Path srcZip;

  @BeforeAll
  static void drive() throws Exception {
    String python = JupyterTools.python();
    Path prefix = tmp.resolve("prefix");
    Path jupyterPath = JupyterTools.installKernel(prefix);
    Path thisJdk = Path.of(System.getProperty("java.home"));
    Path other = Path.of(System.getenv().getOrDefault("WORKBENCH_OTHER_JDK", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    if (Files.isReadable(thisJdk.resolve("lib/src.zip"))) {
      sourcesKernel = "workbench-test";
      srcZip = thisJdk.resolve("lib/src.zip");
    } else if (Files.isReadable(other.resolve("lib/src.zip")) && Files.isExecutable(other.resolve("bin/java"))) {
      sourcesKernel = "workbench-src";
      srcZip = other.resolve("lib/src.zip");
      installKernelOn(other, prefix.resolve("share/jupyter/kernels/workbench-src"));
    }
    ObjectNode requests = Notebooks.JSON.createObjectNode();
    ArrayNode ours = requests.putArray("workbench-test");
    ours.addArray().add("Explain.kernelShap(").addNull().add(0);
    ours.addArray().add("var e = Explain.kernelShap").add("var e = Explain.kern".length()).add(0);
    ours.addArray().add("Imputer.Strategy.MEDIAN").addNull().add(0);
    ours.addArray().add("Math.max(1, 2)").add(6).add(0);
    if (sourcesKernel != null) {
      (sourcesKernel.equals("workbench-test") ? ours : requests.putArray(sourcesKernel))
          .addArray().add("String.format(").addNull().add(0);
    }
    Path script = tmp.resolve("inspect_kernel.py");
    try (InputStream in = KernelInspectTest.class.getResourceAsStream("inspect_kernel.py")) {
      Files.copy(in, script);
    }
    JupyterTools.Proc p = JupyterTools.run(List.of(python, script.toString(), requests.toString()), tmp,
        Map.of("JUPYTER_PATH", jupyterPath.toString()), 400);
    String line = p.output().lines().filter(l -> l.startsWith("OBSERVATIONS ")).findFirst()
        .orElseThrow(() -> new AssertionError("the driver failed:\n" + p.output()));
    obs = Notebooks.JSON.readTree(line.substring("OBSERVATIONS ".length()));
  }

  /** A kernelspec running the kernel on another JDK (its own JVM options), with this class path. */
  private static void installKernelOn(Path jdk, Path dir) throws Exception {
    Files.createDirectories(dir);
    String version = JupyterTools.run(List.of(jdk.resolve("bin/java").toString(), "-version"), null, Map.of(), 60)
        .output();
    Matcher m = Pattern.compile("version \"(\\d+)").matcher(version);
    assertTrue(m.find(), version);
    ObjectNode spec = Notebooks.JSON.createObjectNode();
    ArrayNode argv = spec.putArray("argv").add(jdk.resolve("bin/java").toString());
    JvmOptions.kernel(Integer.parseInt(m.group(1))).forEach(argv::add);
    argv.add("-cp").add(ClassPath.currentString()).add(Main.class.getName()).add("kernel").add("{connection_file}");
    spec.put("display_name", "Java (Workbench, " + jdk.getFileName() + ")").put("language", "java")
        .put("interrupt_mode", "message");
    Files.writeString(dir.resolve("kernel.json"), spec.toString());
  }

  private static JsonNode reply(String kernel, String code, int cursor, int detail) {
    JsonNode r = obs.path(kernel).path(code + "@" + cursor + "/" + detail);
    assertEquals("ok", r.path("status").asText(), obs.toString());
    assertTrue(r.path("found").asBoolean(), r.toString());
    return r;
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** The first sentence of the Javadoc right before {@code declaration} in {@code source}. */
  private static String firstSentence(String source, String declaration) {
    int at = source.indexOf(declaration);
    assertTrue(at > 0, "no " + declaration);
    int start = source.lastIndexOf("/**", at);
    String comment = source.substring(start + 3, source.lastIndexOf("*/", at)).replaceAll("(?m)^\\s*\\*", " ");
    String text = flat(comment.replaceAll("\\{@\\w+\\s+([^}]*)}", "$1").replaceAll("<[^>]+>", ""));
    Matcher m = Pattern.compile("^(.*?\\.)(\\s|$)").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  @Test
  void workbenchMethodShowsItsJavadocAndAnExample() throws Exception {
    String source = Files.readString(Path.of("../workbench-lib/src/main/java/io/workbench/explain/Explain.java"));
    String expected = firstSentence(source, "public static KernelShap kernelShap(Model model, Dataset background)");
    String example = source.substring(source.indexOf("<pre>{@code") + "<pre>{@code".length()).lines().skip(1)
        .findFirst().orElseThrow().replaceFirst("^\\s*\\*\\s?", "").strip();
    for (JsonNode r : List.of(reply("workbench-test", "Explain.kernelShap(", "Explain.kernelShap(".length(), 0),
        reply("workbench-test", "var e = Explain.kernelShap", "var e = Explain.kern".length(), 0))) {
      String text = r.get("text").asText();
      assertTrue(text.contains("KernelShap Explain.kernelShap(Model model, Dataset background)"), text);
      assertTrue(flat(text).contains(expected), "'" + expected + "' in:\n" + text);
      assertTrue(text.contains(example), "the class's example '" + example + "' in:\n" + text);
      assertTrue(r.get("html").asText().contains("<pre>"), r.get("html").asText());
    }
    String constant = reply("workbench-test", "Imputer.Strategy.MEDIAN", "Imputer.Strategy.MEDIAN".length(), 0)
        .get("text").asText();
    String imputer = Files.readString(Path.of("../workbench-lib/src/main/java/io/workbench/data/Imputer.java"));
    assertTrue(flat(constant).contains(firstSentence(imputer, "MEDIAN,")), constant);
    assertTrue(reply("workbench-test", "Math.max(1, 2)", 6, 0).get("text").asText().contains("max("),
        "JDK members without sources still show their signature");
  }

  @Test
  void jdkMethodShowsItsJavadocFromSrcZip() throws Exception {
    assumeTrue(sourcesKernel != null, "no JDK with lib/src.zip here (install the JDK's sources, e.g. Debian's"
        + " openjdk-17-source, or set WORKBENCH_OTHER_JDK)");
    String string;
    try (ZipFile zip = new ZipFile(srcZip.toFile())) {
      var entry = zip.getEntry("java.base/java/lang/String.java");
      string = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
    String expected = firstSentence(string, "public static String format(String format, Object... args)");
    String text = reply(sourcesKernel, "String.format(", "String.format(".length(), 0).get("text").asText();
    assertTrue(flat(text).contains(expected), "'" + expected + "' in:\n" + text);
    assertTrue(text.contains("Parameters:") && text.contains("format"), text);
  }
}
