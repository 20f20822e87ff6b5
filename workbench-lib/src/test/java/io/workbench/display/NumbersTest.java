package io.workbench.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one number format: four significant digits, integers as integers, no floating-point noise. */
class NumbersTest {

  @Test
  void theIssueExamples() {
    assertEquals("0.564", Numbers.format(0.5640000000000001));
    assertEquals("-7.4e-17", Numbers.format(-0.000000000000000074));
    assertEquals("113", Numbers.format(113.0));
    assertEquals("0", Numbers.format(-0.0));
    assertEquals("0.1", Numbers.format(0.1f));
  }

  @Test
  void significantDigitsAndNotation() {
    assertEquals("0.1235", Numbers.format(0.123456));
    assertEquals("123.5", Numbers.format(123.456));
    assertEquals("12346", Numbers.format(12345.678), "the integer part is never cut");
    assertEquals("0.0001235", Numbers.format(0.00012345));
    assertEquals("1.235e-05", Numbers.format(0.000012345));
    assertEquals("2.5e+06", Numbers.format(2_500_000.5));
    assertEquals("-1.5", Numbers.format(-1.5));
    assertEquals("1000000", Numbers.format(1e6), "an integer stays an integer");
    assertEquals("NaN", Numbers.format(Double.NaN));
    assertEquals("Inf", Numbers.format(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", Numbers.format(Double.NEGATIVE_INFINITY));
    assertEquals("", Numbers.format((Object) null));
    assertEquals("7", Numbers.format((Object) 7));
    assertEquals("abc", Numbers.format((Object) "abc"));
  }

  @Test
  void agreesWithBigDecimalRoundingOnRandomValues() {
    Random rnd = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(9) - 3);
      String s = Numbers.format(v);
      double back = Double.parseDouble(s.replace("Inf", "Infinity"));
      double a = Math.abs(v);
      int digits = a < 1 ? 4 : Math.max(4, (int) Math.floor(Math.log10(a)) + 1);
      double expected = new BigDecimal(Double.toString(v)).round(new MathContext(digits)).doubleValue();
      assertEquals(expected, back, Math.abs(expected) * 1e-12, "value " + v + " shown as " + s);
      assertTrue(s.replaceAll("e[+-]\\d+$", "").replace("-", "").replace(".", "").replaceAll("^0+", "").length() <= digits,
          "no more than the significant digits: " + v + " -> " + s);
    }
  }
}
