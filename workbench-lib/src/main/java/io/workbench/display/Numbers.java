package io.workbench.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of every rendered table and summary line: {@value #SIGNIFICANT_DIGITS} significant
 * digits (more when the integer part is longer), integers without a fraction, trailing zeros dropped, and
 * scientific notation below {@code 1e-4} and from {@code 1e6}. Only the rendering rounds: tables and
 * accessors keep the full {@code double}.
 *
 * <pre>{@code
 * Numbers.format(0.5640000000000001);   // "0.564"
 * Numbers.format(113.0);                // "113"
 * Numbers.format(-7.4e-17);             // "-7.4e-17"
 * Numbers.format(12345.678);            // "12346"
 * }</pre>
 */
public final class Numbers {

  /** Significant digits shown. */
  public static final int SIGNIFICANT_DIGITS = 4;

  private static final double SMALL = 1e-4;
  private static final double LARGE = 1e6;
  private static final double LARGEST_INTEGER = 1e15;

  private Numbers() {}

  /** A number as text (see the class description); {@code NaN}, {@code Inf} and {@code -Inf} as such. */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < LARGEST_INTEGER) {
      return Long.toString((long) v);
    }
    BigDecimal exact = new BigDecimal(Double.toString(v));
    if (a < SMALL || a >= LARGE) {
      BigDecimal r = exact.round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_UP));
      int exponent = r.precision() - r.scale() - 1;
      BigDecimal mantissa = r.movePointLeft(exponent).stripTrailingZeros();
      String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
      return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    int integerDigits = a < 1 ? 0 : (int) Math.floor(Math.log10(a)) + 1;
    int digits = Math.max(SIGNIFICANT_DIGITS, integerDigits);
    BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros();
    String s = r.scale() <= 0 ? r.toBigInteger().toString() : r.toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /**
   * A cell value as text: numbers through {@link #format(double)} (integer types as integers), {@code null}
   * as the empty string, anything else through {@link String#valueOf(Object)}.
   */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return format(d.doubleValue());
    }
    if (value instanceof Float f) {
      return format(Double.parseDouble(Float.toString(f)));
    }
    return String.valueOf(value);
  }
}
