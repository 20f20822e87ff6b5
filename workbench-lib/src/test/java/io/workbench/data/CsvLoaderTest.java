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
}
