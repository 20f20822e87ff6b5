package io.workbench.kernel.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time Javadoc index: which members it documents, under which keys, and with what text. */
class JavadocIndexTest {

  @TempDir
  Path tmp;

  private JavadocIndex index(String... files) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("src/p"));
    for (int i = 0; i < files.length; i += 2) {
      Files.writeString(dir.resolve(files[i]), files[i + 1]);
    }
    Path out = tmp.resolve("out/index.json");
    JavadocIndex.main(new String[] {out.toString(), tmp.resolve("src").toString()});
    return JavadocIndex.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile()));
  }

  @Test
  void publicApiIsIndexedUnderJShellsKeys() throws Exception {
    JavadocIndex idx = index("Shape.java", """
        package p;
        import java.util.List;
        import java.util.Map;
        /**
         * Shapes. Second sentence.
         *
         * <pre>{@code
         * Shape s = new Shape(2);
         *   s.area();   // indented
         * }</pre>
         */
        public class Shape implements Measured {
          /** The largest side: {@value #MAX}. */
          public static final int MAX = 64;
          /** Hidden. */
          static final int HIDDEN = 1;
          /**
           * A shape.
           *
           * @param side the side, at most {@value Shape#MAX}
           */
          public Shape(double side) {}
          /**
           * Scales by factors.
           *
           * @param <T> the key type
           * @param factors one per axis; {@code null} for none
           * @param names {@link Map} of names
           * @return the <em>scaled</em> shape &amp; more
           * @throws IllegalArgumentException when a factor is &lt; 0
           */
          public <T> Shape scale(List<Map<String, T>> names, double... factors) { return this; }
          /** Not public. */
          void hidden() {}
          @Override
          public double size() { return 1; }
          /** The kinds. */
          public enum Kind {
            /** Round. */
            ROUND,
            /** Square. */
            SQUARE
          }
          /**
           * A pair.
           *
           * @param left the left one
           * @param right the right one
           */
          public record Pair(Shape left, Shape right) {}
        }
        """, "Measured.java", """
        package p;
        /** Has a size. */
        public interface Measured {
          /** The size in square metres. */
          double size();
        }
        """, "Internal.java", """
        package p;
        /** Not public. */
        class Internal {
          /** Hidden. */
          public void x() {}
        }
        """);
    for (String name : List.of("p.Measured", "p.Shape", "p.Shape.Kind", "p.Shape.Pair")) {
      assertTrue(idx.types(name).containsKey(name), name);
    }
    assertTrue(idx.types("Internal").isEmpty(), "package-private types are not API");
    assertEquals(4, idx.size());

    Doc type = idx.types("Shape").get("p.Shape");
    assertEquals("Shapes.", type.summary());
    assertEquals("Shape s = new Shape(2);\n  s.area();   // indented", type.example());

    Doc scale = idx.member("Shape", "scale(List,double[])");
    assertEquals("Scales by factors.", scale.summary());
    assertEquals(List.of(new Doc.Tag("<T>", "the key type"), new Doc.Tag("factors", "one per axis; null for none"),
        new Doc.Tag("names", "Map of names")), scale.params());
    assertEquals("the scaled shape & more", scale.returns());
    assertEquals(List.of(new Doc.Tag("IllegalArgumentException", "when a factor is < 0")), scale.exceptions());

    assertEquals("A shape.", idx.member("Shape", "Shape(double)").summary());
    assertEquals("the side, at most 64", idx.member("Shape", "Shape(double)").params().get(0).text(),
        "{@value} of a constant");
    assertEquals("The largest side: 64.", idx.member("Shape", "MAX").summary());
    assertNull(idx.member("Shape", "HIDDEN"));
    assertNull(idx.member("Shape", "hidden()"));
    assertEquals("The size in square metres.", idx.member("Shape", "size()").summary(),
        "an undocumented override inherits the comment");
    assertEquals("Round.", idx.member("Shape.Kind", "ROUND").summary());
    assertEquals("the left one", idx.member("Pair", "left()").summary(), "record accessors from @param");
    assertEquals("A pair.", idx.member("Pair", "Pair(Shape,Shape)").summary(), "the canonical constructor");
    assertEquals("Scales by factors.", idx.member("Shape", "scale(X,Y)").summary(),
        "same name and number of parameters, when only one matches");
  }

  @Test
  void typeNamesAreErasedAsJShellPrintsThem() {
    assertEquals("Map", TypeNames.erase("java.util.Map<String, List<Double>>"));
    assertEquals("Object[]", TypeNames.erase("Object..."));
    assertEquals("List[][]", TypeNames.erase("final java.util.List<String>[][]"));
    assertEquals("Split", TypeNames.erase("io.workbench.data.Dataset.Split"));
    assertEquals("String", TypeNames.erase("@Deprecated String"));
  }

  @Test
  void theShippedIndexDocumentsTheLibrary() throws Exception {
    JavadocIndex shipped = JavadocIndex.shipped();
    long publicTypes;
    try (Stream<Path> s = Files.walk(Path.of("../workbench-lib/src/main/java"))) {
      publicTypes = s.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return Files.readString(f).matches("(?s).*\\npublic (final |abstract |sealed )*(class|interface|record|enum) .*");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).count();
    }
    assertTrue(shipped.size() >= publicTypes, shipped.size() + " types indexed, " + publicTypes + " public files");
    assertTrue(shipped.member("Explain", "kernelShap(Model,Dataset)").summary().startsWith("Kernel SHAP"));
    assertTrue(shipped.member("Display", "display(Object)") != null, "the kernel's display(...) too");
  }
}
