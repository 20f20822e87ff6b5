package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV loading: header detection, type inference, roles by name, and a clear error for every kind of bad file. */
class CsvLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private String fails(CsvLoader loader) {
    return assertThrows(IllegalArgumentException.class, loader::load).getMessage();
  }

  @Test
  void loadsWithHeaderTargetAndFeaturesByName() throws IOException {
    Path f = write("ok.csv", "age,weight,smoker,outcome\n50,70.5,yes,sick\n40,80.0,no,well\n61,65.25,no,sick\n");
    Dataset d = CsvLoader.from(f).target("outcome").features("age", "weight").load();
    assertEquals(3, d.rows());
    assertEquals(List.of("age", "weight"), d.features());
    assertEquals(Task.CLASSIFICATION, d.task());
    assertEquals(List.of("sick", "well"), d.classNames(), "text classes sorted");
    assertEquals(65.25f, d.x()[2][1]);
    assertEquals(0, d.y()[0]);
    assertEquals(1, d.y()[1]);
  }

  @Test
  void detectsAMissingHeaderAndNamesColumns() throws IOException {
    Path f = write("nohead.csv", "1,2.5,0\n3,4.5,1\n5,6.5,0\n");
    Dataset d = CsvLoader.from(f).target("C2").load();
    assertEquals(List.of("C0", "C1"), d.features());
    assertEquals(3, d.rows(), "no row lost to a header");
  }

  @Test
  void decimalTargetMeansRegressionAndCategoricalFeaturesStayText() throws IOException {
    Path f = write("reg.csv", "x,site,y\n1,a,0.5\n2,b,1.5\n3,a,2.25\n");
    Dataset d = CsvLoader.from(f).target("y").categorical("site").load();
    assertEquals(Task.REGRESSION, d.task());
    String msg = assertThrows(IllegalArgumentException.class, d::x).getMessage();
    assertTrue(msg.contains("'site'") && msg.contains("OneHotEncoder"), msg);
    Dataset enc = OneHotEncoder.fit(d, "site").apply(d);
    assertEquals(List.of("x", "site=a", "site=b"), enc.features());
  }

  @Test
  void missingFile() {
    String msg = fails(CsvLoader.from(dir.resolve("absent.csv")).target("y"));
    assertTrue(msg.contains("No such file") && msg.contains("absent.csv"), msg);
  }

  @Test
  void emptyFileAndHeaderOnly() throws IOException {
    String msg = fails(CsvLoader.from(write("empty.csv", "")).target("y"));
    assertTrue(msg.contains("empty.csv") && msg.contains("empty"), msg);
    msg = fails(CsvLoader.from(write("head.csv", "a,b,y\n")).target("y"));
    assertTrue(msg.contains("head.csv") && msg.contains("no data rows"), msg);
  }

  @Test
  void raggedRowNamesTheLine() throws IOException {
    Path f = write("ragged.csv", "a,b,y\n1,2,0\n3,4\n5,6,1\n");
    String msg = fails(CsvLoader.from(f).target("y"));
    assertTrue(msg.contains("ragged.csv") && msg.contains("line 3") && msg.contains("2 fields, expected 3"), msg);
  }

  @Test
  void textInANumericFeatureNamesLineAndColumn() throws IOException {
    Path f = write("text.csv", "a,b,y\n1,2,0\n3,oops,1\n5,6,1\n");
    String msg = fails(CsvLoader.from(f).target("y"));
    assertTrue(msg.contains("line 3") && msg.contains("'b'") && msg.contains("'oops' is not a number"), msg);
  }

  @Test
  void unknownTargetListsColumns() throws IOException {
    Path f = write("cols.csv", "a,b,label\n1,2,0\n3,4,1\n");
    String msg = fails(CsvLoader.from(f).target("lable"));
    assertTrue(msg.contains("'lable'") && msg.contains("[a, b, label]"), msg);
    msg = fails(CsvLoader.from(f).target("label").features("a", "c"));
    assertTrue(msg.contains("'c'") && msg.contains("[a, b, label]"), msg);
  }

  @Test
  void singleClassTarget() throws IOException {
    Path f = write("one.csv", "a,y\n1,yes\n2,yes\n3,yes\n");
    String msg = fails(CsvLoader.from(f).target("y"));
    assertTrue(msg.contains("single class") && msg.contains("yes"), msg);
  }

  @Test
  void nanAndInfinityAreRejectedWithTheirLine() throws IOException {
    String msg = fails(CsvLoader.from(write("nan.csv", "a,b,y\n1,2,0\n3,NaN,1\n")).target("y"));
    assertTrue(msg.contains("line 3") && msg.contains("'b'") && msg.contains("NaN"), msg);
    msg = fails(CsvLoader.from(write("inf.csv", "a,b,y\n1,-Infinity,0\n3,4,1\n")).target("y"));
    assertTrue(msg.contains("line 2") && msg.contains("'a'") == false && msg.contains("'b'"), msg);
  }

  @Test
  void missingValuesFailByDefaultAndCanBeImputedOnTrainingDataOnly() throws IOException {
    Path f = write("miss.csv", "a,b,y\n1,2,0\n3,,1\n5,NA,0\n7,8,1\n9,10,0\n11,12,1\n");
    String msg = fails(CsvLoader.from(f).target("y"));
    assertTrue(msg.contains("'b'") && msg.contains("2 missing") && msg.contains("line 3") && msg.contains("line 4"), msg);

    Dataset d = CsvLoader.from(f).target("y").allowMissing().load();
    Dataset train = d.select(0, 1, 2, 3);
    Dataset test = d.select(4, 5);
    Imputer imp = Imputer.fit(train, Imputer.Strategy.MEAN);
    assertEquals(5.0, imp.fill()[1], 1e-12, "mean of the observed training values 2 and 8");
    assertEquals(5f, imp.apply(train).x()[1][1], "filled from training mean");
    assertEquals(10f, imp.apply(test).x()[0][1], "observed test value kept");
    assertEquals(2.0 * 0 + 5.0, Imputer.fit(train, Imputer.Strategy.MEDIAN).fill()[1], 1e-12);
  }

  @Test
  void directoryIsNotAFile() {
    String msg = fails(CsvLoader.from(dir).target("y"));
    assertTrue(msg.contains("directory"), msg);
  }

  @Test
  void invalidUtf8NamesFileAndLine() throws IOException {
    Path f = dir.resolve("latin1.csv");
    byte[] head = "a,b,y\n1,2,0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bad = {'3', ',', (byte) 0xE9, 't', 'e', ',', '1', '\n'};
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    Files.write(f, all);
    String msg = fails(CsvLoader.from(f).target("y").categorical("b"));
    assertTrue(msg.contains("latin1.csv") && msg.contains("line 3") && msg.contains("UTF-8"), msg);
    assertTrue(!msg.contains("Parser Configuration"), "no parser settings dump: " + msg);
  }

  @Test
  void tooManyColumnsNamesFileAndLimit() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c <= 100_000; c++) {
      b.append(c == 0 ? "" : ",").append('c').append(c);
    }
    Path f = write("wide.csv", b + "\n");
    String msg = fails(CsvLoader.from(f));
    assertTrue(msg.contains("wide.csv") && msg.contains("line 1") && msg.contains("100000 columns"), msg);
    assertTrue(!msg.contains("Parser Configuration"), "no parser settings dump: " + msg);
  }

  @Test
  void javaOnlyNumberSyntaxIsRejectedNotRead() throws IOException {
    String msg = fails(CsvLoader.from(write("suffix.csv", "a,b,y\n1,2,0\n3,7d,1\n5,6,1\n")).target("y"));
    assertTrue(msg.contains("suffix.csv") && msg.contains("line 3") && msg.contains("'b'") && msg.contains("'7d'"), msg);
    msg = fails(CsvLoader.from(write("hex.csv", "a,b,y\n0x1p3,2,0\n3,4,1\n")).target("y"));
    assertTrue(msg.contains("hex.csv") && msg.contains("line 2") && msg.contains("'a'") && msg.contains("'0x1p3'"), msg);
    msg = fails(CsvLoader.from(write("float.csv", "a,b,y\n1,2.5f,0\n3,4,1\n")).target("y"));
    assertTrue(msg.contains("line 2") && msg.contains("'2.5f'"), msg);
    // plain decimal forms stay numbers
    Dataset d = CsvLoader.from(write("plain.csv", "a,b,y\n+1.5,-2e3,0\n.5,4.,1\n")).target("y").load();
    assertEquals(-2000f, d.x()[0][1]);
    assertEquals(0.5f, d.x()[1][0]);
  }

  @Test
  void overflowingNumberNamesFileLineAndColumn() throws IOException {
    String msg = fails(CsvLoader.from(write("huge.csv", "a,b,y\n1,2,0\n3,1e999,1\n")).target("y"));
    assertTrue(msg.contains("huge.csv") && msg.contains("line 3") && msg.contains("'b'") && msg.contains("1e999"), msg);
  }

  @Test
  void carriageReturnLineEndingsAreRead() throws IOException {
    Dataset d = CsvLoader.from(write("mac.csv", "a,b,y\r1,2,0\r3,4,1\r5,6,0\r")).target("y").load();
    assertEquals(3, d.rows());
    assertEquals(List.of("a", "b"), d.features());
    assertEquals(6f, d.x()[2][1]);
    Dataset w = CsvLoader.from(write("dos.csv", "a,b,y\r\n1,2,0\r\n3,4,1\r\n")).target("y").load();
    assertEquals(2, w.rows());
    String msg = fails(CsvLoader.from(write("macbad.csv", "a,b,y\r1,2,0\r3,x,1\r")).target("y"));
    assertTrue(msg.contains("line 3"), "line numbers count CR line ends: " + msg);
  }
}
