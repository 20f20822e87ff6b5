package io.workbench.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading and writing Jupyter notebooks (nbformat 4) with Jackson, checking the structure so a corrupt
 * file fails with a message naming the file, the cell and what is wrong. Writes are atomic: a failed or
 * interrupted write leaves the previous file intact.
 *
 * <pre>{@code
 * ObjectNode nb = Notebooks.read(Path.of("notebooks/01-quick-start.ipynb"));
 * List<String> code = Notebooks.codeCells(nb);
 * }</pre>
 */
public final class Notebooks {

  /**
   * The one JSON mapper of the kernel side (notebooks and kernel messages). Jackson refuses strings over
   * 20,000,000 characters by default; Jupyter sets no such limit on an output, so the limit is raised to what
   * a Java string can hold. Other limits (nesting depth 1,000, numbers of 1,000 digits) stay.
   */
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build());

  private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

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
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException("Notebook " + file + " is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
          + String.valueOf(e.getOriginalMessage()).replaceAll("(?s)\\s*\\(start marker at.*", ""), e);
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
      checkCell(file, i + 1, cells.get(i));
    }
    return (ObjectNode) root;
  }

  /** nbformat 4: a cell is an object with a known cell_type and a source that is a string or a list of strings. */
  private static void checkCell(Path file, int number, JsonNode c) {
    String where = "Notebook " + file + ": cell " + number;
    if (!c.isObject() || !c.path("cell_type").isTextual()) {
      throw new IllegalArgumentException(where + " has no \"cell_type\"");
    }
    String type = c.get("cell_type").asText();
    if (!CELL_TYPES.contains(type)) {
      throw new IllegalArgumentException(where + " has \"cell_type\": \"" + type
          + "\"; expected one of code, markdown, raw");
    }
    JsonNode src = c.get("source");
    if (src == null || !(src.isTextual() || src.isArray())) {
      throw new IllegalArgumentException(where + " needs \"source\" as a string or a list of strings, found "
          + (src == null ? "none" : kind(src)));
    }
    for (int k = 0; k < src.size(); k++) {
      if (!src.get(k).isTextual()) {
        throw new IllegalArgumentException(where + " needs \"source\" as a string or a list of strings;"
            + " element " + (k + 1) + " is " + kind(src.get(k)));
      }
    }
    JsonNode outputs = c.get("outputs");
    if (type.equals("code") && outputs != null && !outputs.isArray()) {
      throw new IllegalArgumentException(where + " has \"outputs\" that is " + kind(outputs) + ", not a list");
    }
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
      default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The source of a cell as one string. */
  public static String source(JsonNode cell) {
    return text(cell.get("source"));
  }

  /**
   * A multi-line field of nbformat (a string, or a list of strings to concatenate) as one string; a missing
   * field is empty. Parts that are not strings are refused, never coerced.
   */
  public static String text(JsonNode field) {
    if (field == null || field.isMissingNode() || field.isNull()) {
      return "";
    }
    if (field.isTextual()) {
      return field.asText();
    }
    if (!field.isArray()) {
      throw new IllegalArgumentException("Expected a string or a list of strings, found " + kind(field));
    }
    StringBuilder b = new StringBuilder();
    for (JsonNode line : field) {
      if (!line.isTextual()) {
        throw new IllegalArgumentException("Expected a string or a list of strings, found an element that is "
            + kind(line));
      }
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

  /** Writes a notebook with Jackson's default pretty printer, atomically (see {@link AtomicFiles}). */
  public static void write(ObjectNode notebook, Path file) {
    try {
      AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, notebook));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot write notebook " + file + ": " + e.getMessage(), e);
    }
  }
}
