package io.workbench.signal.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses PTB-XL's {@code scp_codes} cells: a Python dict literal of statement codes and likelihoods (0-100), such
 * as {@code {'NORM': 100.0, 'SR': 0.0}}. Only that shape is accepted (no code is evaluated): keys in single or
 * double quotes, numbers as values, commas between entries; anything else fails saying where the text breaks.
 */
final class ScpCodes {

  private final String text;
  private int at;

  private ScpCodes(String text) {
    this.text = text;
  }

  /** The codes and likelihoods of one cell, in the cell's order; {@code where} prefixes failures. */
  static Map<String, Double> parse(String text, String where) {
    try {
      return new ScpCodes(text).dict();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": column 'scp_codes' is '" + text + "', which is not a dict of"
          + " statement codes and likelihoods like {'NORM': 100.0, 'SR': 0.0}: " + e.getMessage(), e);
    }
  }

  private Map<String, Double> dict() {
    Map<String, Double> out = new LinkedHashMap<>();
    expect('{');
    skip();
    if (peek() == '}') {
      at++;
      end();
      return Collections.unmodifiableMap(out);
    }
    while (true) {
      skip();
      String key = key();
      skip();
      expect(':');
      skip();
      double v = number();
      if (out.put(key, v) != null) {
        throw new IllegalArgumentException("the code '" + key + "' appears twice");
      }
      skip();
      char c = next();
      if (c == '}') {
        end();
        return Collections.unmodifiableMap(out);
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected ',' or '}' at character " + (at - 1) + ", found '" + c + "'");
      }
    }
  }

  private String key() {
    char q = next();
    if (q != '\'' && q != '"') {
      throw new IllegalArgumentException("expected a quoted code at character " + (at - 1) + ", found '" + q + "'");
    }
    int close = text.indexOf(q, at);
    if (close < 0) {
      throw new IllegalArgumentException("the code starting at character " + at + " has no closing quote");
    }
    String k = text.substring(at, close);
    if (k.isBlank() || k.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("the code at character " + at + " is empty or escaped");
    }
    String bad = badCodeCharacter(k);
    if (bad != null) {
      throw new IllegalArgumentException("the code at character " + at + " holds " + bad);
    }
    at = close + 1;
    return k;
  }

  /**
   * Null when {@code code} is a statement code or class as PTB-XL writes them ({@code NORM}, {@code 1AVB},
   * {@code LAO/LAE}, {@code NST_}: printable ASCII without spaces, quotes, commas, colons or braces), else what is
   * wrong with it. Codes become label and column names, so a space or an invisible character would make two
   * names that print alike.
   */
  static String badCodeCharacter(String code) {
    if (code.isEmpty()) {
      return "no characters";
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c <= ' ' || c > '~' || "'\",:{}\\".indexOf(c) >= 0) {
        return String.format("the character U+%04X at position %d (codes are printable ASCII without spaces,"
            + " quotes, commas, colons or braces, like NORM or LAO/LAE)", (int) c, i);
      }
    }
    return null;
  }

  private double number() {
    int start = at;
    while (at < text.length() && "+-.0123456789eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    try {
      double v = Double.parseDouble(text.substring(start, at));
      if (!Double.isFinite(v) || v < 0 || v > 100) {
        throw new IllegalArgumentException("the likelihood " + v + " at character " + start + " is outside 0..100");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a likelihood (a number) at character " + start, e);
    }
  }

  private void end() {
    skip();
    if (at != text.length()) {
      throw new IllegalArgumentException("unexpected text after '}' at character " + at);
    }
  }

  private void expect(char c) {
    skip();
    char got = next();
    if (got != c) {
      throw new IllegalArgumentException("expected '" + c + "' at character " + (at - 1) + ", found '" + got + "'");
    }
  }

  private char next() {
    if (at >= text.length()) {
      throw new IllegalArgumentException("the text ends early");
    }
    return text.charAt(at++);
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skip() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
