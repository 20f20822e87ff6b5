package io.workbench.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing Jupyter notebooks (nbformat 4) with Jackson, checking the structure so a corrupt
 * file fails with a message naming the file and what is wrong.
 *
 * <pre>{@code
 * ObjectNode nb = Notebooks.read(Path.of("notebooks/01-quick-start.ipynb"));
 * List<String> code = Notebooks.codeCells(nb);
 * }</pre>
 */
public final class Notebooks {

  static final ObjectMapper JSON = new ObjectMapper();

  private Notebooks() {}

  /** Reads and validates a notebook. */
  public static ObjectNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Notebook " + file + " does not exist or is not a file");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Notebook " + file + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
          + e.getOriginalMessage().replaceAll("(?s)\\s*\\(start marker at.*", ""), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read notebook " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Notebook " + file + " must hold a JSON object, found "
          + (root == null ? "nothing" : root.getNodeType()));
    }
    JsonNode major = root.get("nbformat");
    if (major == null || !major.isInt() || major.asInt() != 4) {
      throw new IllegalArgumentException("Notebook " + file + " must have \"nbformat\": 4, found " + major);
    }
    JsonNode cells = root.get("cells");
    if (cells == null || !cells.isArray()) {
      throw new IllegalArgumentException("Notebook " + file + " needs a \"cells\" array");
    }
    for (int i = 0; i < cells.size(); i++) {
      JsonNode c = cells.get(i);
      if (!c.isObject() || !c.path("cell_type").isTextual()) {
        throw new IllegalArgumentException("Notebook " + file + ": cell " + i + " has no \"cell_type\"");
      }
      JsonNode src = c.get("source");
      if (src == null || !(src.isTextual() || src.isArray())) {
        throw new IllegalArgumentException("Notebook " + file + ": cell " + i
            + " needs \"source\" as a string or a list of strings");
      }
    }
    return (ObjectNode) root;
  }

  /** The source of a cell as one string. */
  public static String source(JsonNode cell) {
    JsonNode src = cell.get("source");
    if (src.isTextual()) {
      return src.asText();
    }
    StringBuilder b = new StringBuilder();
    for (JsonNode line : src) {
      b.append(line.asText());
    }
    return b.toString();
  }

  /** The sources of the code cells, in order. */
  public static List<String> codeCells(ObjectNode notebook) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : notebook.get("cells")) {
      if ("code".equals(c.path("cell_type").asText())) {
        out.add(source(c));
      }
    }
    return out;
  }

  /** Text split into nbformat's list of lines (each keeps its newline). */
  public static ArrayNode lines(String text) {
    ArrayNode a = JSON.createArrayNode();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      a.add(text.substring(start, end));
      start = end;
    }
    return a;
  }

  /** Writes a notebook with one-space indentation, as Jupyter does. */
  public static void write(ObjectNode notebook, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), notebook);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write notebook " + file + ": " + e.getMessage(), e);
    }
  }
}
