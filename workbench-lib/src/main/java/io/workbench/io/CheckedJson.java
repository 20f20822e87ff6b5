package io.workbench.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON object read from a file (a model's {@code model.json}, for example) whose fields are read with
 * their types checked: a missing field, a string where a number belongs, a fraction where an integer
 * belongs, {@code NaN} or a duplicated key all fail with an {@link IllegalArgumentException} naming the
 * file and the field ({@code models/mlp/model.json: field 'standardizer.scale' ...}), never a {@code
 * NullPointerException} or {@code ClassCastException}.
 *
 * <pre>{@code
 * CheckedJson json = CheckedJson.read(dir.resolve("model.json"), "model description");
 * String task = json.text("task");
 * double[] scale = json.object("standardizer").numbers("scale");
 * long seed = json.longInteger("seed", 0);
 * }</pre>
 */
public final class CheckedJson {

  /** The largest description read (64 MiB). */
  public static final long MAX_BYTES = 64L << 20;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final JsonNode node;
  private final Path file;
  private final String prefix;

  private CheckedJson(JsonNode node, Path file, String prefix) {
    this.node = node;
    this.file = file;
    this.prefix = prefix;
  }

  /**
   * Reads a JSON file that must hold an object.
   *
   * @param what how the file is described in messages, for example {@code "model description"}
   */
  public static CheckedJson read(Path file, String what) {
    byte[] bytes = InputFiles.readAll(file, what, MAX_BYTES);
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " " + file + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + " " + file + " must hold a JSON object, found "
          + (root == null || root.isMissingNode() ? "nothing" : describe(root)));
    }
    return new CheckedJson(root, file, "");
  }

  /** The file this object was read from. */
  public Path file() {
    return file;
  }

  /** The underlying tree (read-only use). */
  public JsonNode node() {
    return node;
  }

  /** The field names, in file order. */
  public Set<String> fields() {
    Set<String> out = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Whether the field is present and not {@code null}. */
  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** A nested object. */
  public CheckedJson object(String field) {
    JsonNode v = require(field);
    if (!v.isObject()) {
      throw error(field, "must be an object, found " + describe(v));
    }
    return new CheckedJson(v, file, prefix + field + ".");
  }

  /** A string field. */
  public String text(String field) {
    JsonNode v = require(field);
    if (!v.isTextual()) {
      throw error(field, "must be a string, found " + describe(v));
    }
    return v.textValue();
  }

  /** A string field, or {@code fallback} when it is absent. */
  public String text(String field, String fallback) {
    return has(field) ? text(field) : fallback;
  }

  /** An integer field that fits an {@code int}. */
  public int integer(String field) {
    JsonNode v = require(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(field, "must be an integer (32-bit), found " + describe(v));
    }
    return v.intValue();
  }

  /** An integer field, or {@code fallback} when it is absent. */
  public int integer(String field, int fallback) {
    return has(field) ? integer(field) : fallback;
  }

  /** A 64-bit integer field, or {@code fallback} when it is absent. */
  public long longInteger(String field, long fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = node.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(field, "must be an integer (64-bit), found " + describe(v));
    }
    return v.longValue();
  }

  /** A finite number. */
  public double number(String field) {
    JsonNode v = require(field);
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw error(field, "must be a finite number, found " + describe(v));
    }
    return v.doubleValue();
  }

  /** A finite number, or {@code fallback} when it is absent. */
  public double number(String field, double fallback) {
    return has(field) ? number(field) : fallback;
  }

  /** A boolean field, or {@code fallback} when it is absent. */
  public boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = node.get(field);
    if (!v.isBoolean()) {
      throw error(field, "must be true or false, found " + describe(v));
    }
    return v.booleanValue();
  }

  /** An array of strings. */
  public List<String> texts(String field) {
    JsonNode v = array(field);
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw error(field, "must be an array of strings, but element " + i + " is " + describe(v.get(i)));
      }
      out.add(v.get(i).textValue());
    }
    return out;
  }

  /** An array of 32-bit integers. */
  public int[] integers(String field) {
    JsonNode v = array(field);
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw error(field, "must be an array of integers, but element " + i + " is " + describe(e));
      }
      out[i] = e.intValue();
    }
    return out;
  }

  /** An array of finite numbers. */
  public double[] numbers(String field) {
    JsonNode v = array(field);
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
        throw error(field, "must be an array of finite numbers, but element " + i + " is " + describe(e));
      }
      out[i] = e.doubleValue();
    }
    return out;
  }

  /** An error about a field of this object: {@code <file>: field '<path>' <problem>}. */
  public IllegalArgumentException error(String field, String problem) {
    return new IllegalArgumentException(file + ": field '" + prefix + field + "' " + problem);
  }

  private JsonNode array(String field) {
    JsonNode v = require(field);
    if (!v.isArray()) {
      throw error(field, "must be an array, found " + describe(v));
    }
    return v;
  }

  private JsonNode require(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw error(field, "is missing" + (v == null ? "" : " (null)") + "; fields present are " + fields());
    }
    return v;
  }

  /** A short description of a value for messages: its JSON type and (abbreviated) text. */
  static String describe(JsonNode v) {
    String type = switch (v.getNodeType()) {
      case STRING -> "the string";
      case NUMBER -> "the number";
      case BOOLEAN -> "the boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
    String text = v.toString();
    if (text.length() > 60) {
      text = text.substring(0, 60) + "...";
    }
    return type + " " + InputFiles.printable(text);
  }
}
