package io.workbench.signal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * GDF 2's encodings of two header values: physical units as 16-bit codes (a base unit in the upper 11 bits and a
 * decimal prefix in the lower 5, from ISO/IEEE 11073-10101: 4256 is volt, 4275 microvolt) and dates as 64-bit
 * fixed-point day numbers (days since year 0 in the upper 32 bits, as MATLAB's {@code datenum}, the fraction of the
 * day in the lower 32).
 */
final class GdfFields {

  /** Decimal prefixes by their 5-bit code (11-15 unused). */
  private static final String[] PREFIX = {
    "", "da", "h", "k", "M", "G", "T", "P", "E", "Z", "Y", null, null, null, null, null,
    "d", "c", "m", "u", "n", "p", "f", "a", "z", "y"
  };
  /** The base units this reader names; other codes are reported by number. */
  private static final Map<Integer, String> BASE = Map.of(512, "", 544, "%", 4256, "V", 4288, "Ohm");
  /** Day number of 0001-01-01. */
  private static final long DAY_ONE = 367;
  private static final double TWO32 = 0x1p32;

  private GdfFields() {}

  /** The unit a code names: {@code "uV"} for 4275, {@code "GDF unit 6048"} for a base unit this reader does not know. */
  static String unitName(int code) {
    if (code == 0) {
      return "";
    }
    String base = BASE.get(code & ~31);
    int p = code & 31;
    if (base == null || p >= PREFIX.length || PREFIX[p] == null || (base.isEmpty() && p != 0)) {
      return "GDF unit " + code;
    }
    return PREFIX[p] + base;
  }

  /** The code of a unit name ({@code "uV"}, {@code "µV"}, {@code "mV"}, {@code "%"}), or 0 when it has none here. */
  static int unitCode(String unit) {
    String u = unit.replace('\u00b5', 'u').replace('\u03bc', 'u');
    for (Map.Entry<Integer, String> e : BASE.entrySet()) {
      String base = e.getValue();
      if (base.isEmpty()) {
        if (u.isEmpty()) {
          return e.getKey();
        }
        continue;
      }
      if (u.endsWith(base)) {
        String prefix = u.substring(0, u.length() - base.length());
        for (int p = 0; p < PREFIX.length; p++) {
          if (prefix.equals(PREFIX[p])) {
            return e.getKey() + p;
          }
        }
      }
    }
    return 0;
  }

  /** A day number as a date and time (to the nearest millisecond); an error naming the field when out of range. */
  static LocalDateTime toDateTime(long value, String where, String field) {
    long days = value >>> 32;
    long fraction = value & 0xFFFFFFFFL;
    if (days < DAY_ONE || days > DAY_ONE + 3_652_058L) {
      throw new IllegalArgumentException(where + ": header field '" + field + "' is day " + days
          + " (GDF counts days from year 0), outside the years 1..9999");
    }
    try {
      LocalDateTime midnight = LocalDate.of(1, 1, 1).plusDays(days - DAY_ONE).atStartOfDay();
      return midnight.plus(Math.round(fraction / TWO32 * 86_400_000.0), ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ": header field '" + field + "' is not a valid date: "
          + e.getMessage(), e);
    }
  }

  /** A date and time as a day number. */
  static long toDayNumber(LocalDateTime t) {
    long days = ChronoUnit.DAYS.between(LocalDate.of(1, 1, 1), t.toLocalDate()) + DAY_ONE;
    long fraction = Math.round(t.toLocalTime().toNanoOfDay() / 86_400e9 * TWO32);
    if (fraction >= (1L << 32)) {
      fraction = (1L << 32) - 1;
    }
    return days << 32 | fraction;
  }
}
