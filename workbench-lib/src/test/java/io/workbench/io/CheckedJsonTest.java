package io.workbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every wrong type, missing field or duplicate key is an error naming the file and the field's path. */
class CheckedJsonTest {

  @TempDir Path dir;

  private CheckedJson read(String json) throws IOException {
    return CheckedJson.read(Files.writeString(dir.resolve("m.json"), json), "model description");
  }

  private String fails(org.junit.jupiter.api.function.Executable e) {
    String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
    assertTrue(msg.contains(dir.resolve("m.json").toString()), "names the file: " + msg);
    return msg;
  }

  @Test
  void typedFieldsAndNestedPaths() throws IOException {
    CheckedJson j = read("{\"a\": 3, \"s\": \"x\", \"n\": [1.5, 2], \"o\": {\"k\": [\"p\", \"q\"], \"b\": true}}");
    assertEquals(3, j.integer("a"));
    assertEquals("x", j.text("s"));
    assertArrayEquals(new double[] {1.5, 2}, j.numbers("n"));
    assertEquals(List.of("p", "q"), j.object("o").texts("k"));
    assertTrue(j.object("o").bool("b", false));
    assertEquals(7L, j.longInteger("missing", 7));
    String msg = fails(() -> j.integer("s"));
    assertTrue(msg.contains("field 's'") && msg.contains("integer") && msg.contains("the string \"x\""), msg);
    msg = fails(() -> j.object("o").integers("k"));
    assertTrue(msg.contains("field 'o.k'") && msg.contains("element 0"), msg);
    msg = fails(() -> j.text("nope"));
    assertTrue(msg.contains("field 'nope' is missing") && msg.contains("[a, s, n, o]"), msg);
    msg = fails(() -> j.integer("n"));
    assertTrue(msg.contains("field 'n'"), msg);
  }

  @Test
  void nonFiniteNumbersFractionsAndDuplicatesAreRefused() throws IOException {
    CheckedJson j = read("{\"x\": 1.5, \"big\": 1e400, \"nan\": \"NaN\"}");
    assertTrue(fails(() -> j.integer("x")).contains("integer"));
    assertTrue(fails(() -> j.number("big")).contains("finite"));
    assertTrue(fails(() -> j.number("nan")).contains("finite"));
    String msg = fails(() -> read("{\"a\": 1, \"a\": 2}"));
    assertTrue(msg.contains("Duplicate field 'a'"), msg);
    msg = fails(() -> read("[1, 2]"));
    assertTrue(msg.contains("JSON object"), msg);
    msg = fails(() -> read("{\"a\": "));
    assertTrue(msg.contains("not valid JSON") && msg.contains("line 1"), msg);
  }
}
