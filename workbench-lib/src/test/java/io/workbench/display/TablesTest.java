package io.workbench.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables render with the one number format; the table value keeps the raw doubles. */
class TablesTest {

  private static Table sample() {
    return Table.create("scores <raw>", StringColumn.create("name", "a<b", "c"),
        IntColumn.create("count", 113, 7), DoubleColumn.create("value", 0.5640000000000001, -7.4e-17));
  }

  @Test
  void htmlRoundsEscapesAndKeepsIntegers() {
    String html = Tables.html(sample());
    assertTrue(html.startsWith("<table>"), html);
    assertTrue(html.contains("<caption>scores &lt;raw&gt;</caption>"), html);
    assertTrue(html.contains("<td>a&lt;b</td>"), html);
    assertTrue(html.contains(">0.564</td>") && html.contains(">-7.4e-17</td>") && html.contains(">113</td>"), html);
    assertFalse(html.contains("0.5640000000000001") || html.contains("113.0"), html);
    assertEquals(0.5640000000000001, sample().doubleColumn("value").get(0), 0.0, "the value keeps full precision");
  }

  @Test
  void textAlignsNumbersRightAndTextLeft() {
    String text = Tables.text(sample(), "caption");
    String[] lines = text.split("\n");
    assertEquals("caption", lines[0]);
    assertEquals("name  count     value", lines[1]);
    assertEquals("a<b     113     0.564", lines[2]);
    assertEquals("c         7  -7.4e-17", lines[3]);
  }

  @Test
  void longTablesShowHeadAndTail() {
    double[] v = new double[100];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 0.5;
    }
    Table t = Table.create("long", DoubleColumn.create("v", v));
    String text = Tables.text(t, null, 8);
    assertTrue(text.contains("0.5\n") && text.contains("99.5\n") && text.contains("...") && !text.contains("50.5"), text);
    assertTrue(text.contains("[100 rows, 8 shown]"), text);
    assertTrue(Tables.html(t, null, 8).contains("100 rows, 8 shown"));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, -1, 8, 9}, Tables.shownRows(10, 8));
    assertArrayEquals(new int[] {0, 1, 2}, Tables.shownRows(3, 8));
    assertThrows(IllegalArgumentException.class, () -> Tables.shownRows(3, 0));
  }
}
