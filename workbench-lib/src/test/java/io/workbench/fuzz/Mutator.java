package io.workbench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations: the same input, random generator state and weights always give the same mutant.
 * One to four stacked mutations per execution, each one of: flip a bit, set a byte (random or a boundary value),
 * insert bytes, delete a range, truncate, duplicate or swap chunks, or replace a decimal number in the text by a
 * boundary value ({@code -1}, {@code 0}, {@code 2147483648}, {@code 1e999}, {@code NaN}, ...).
 */
public final class Mutator {

  private static final byte[] INTERESTING_BYTES = {
    0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, '0', '1', '9', '-', '+', '.', ' ', '\n', '\r', ',',
    '"', 0x14, 0x15, '{', '[', 'L', 'd', '$', '#', 'e', '/'
  };
  private static final String[] INTERESTING_NUMBERS = {
    "-1", "0", "1", "-0", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483649",
    "4294967296", "9223372036854775807", "9223372036854775808", "1e999", "-1e999", "1e-320", "NaN", "Infinity",
    "0x1p3", "7d", "0.0", "1.5", "-2.5", "99999999", "1e308", "3"
  };

  private Mutator() {}

  /** A mutant of {@code input}: {@code weights} say how likely each file is to be changed. */
  public static FuzzInput mutate(FuzzInput input, Map<String, Double> weights, SplittableRandom rnd) {
    // sorted: Map.of iterates in an order that changes from one JVM to the next
    List<String> names = new ArrayList<>(new java.util.TreeSet<>(weights.keySet()));
    double total = 0;
    for (double w : weights.values()) {
      total += w;
    }
    int rounds = 1 + (rnd.nextInt(8) == 0 ? rnd.nextInt(4) : rnd.nextInt(2));
    FuzzInput out = input;
    for (int r = 0; r < rounds; r++) {
      double pick = rnd.nextDouble() * total;
      String file = names.get(names.size() - 1);
      for (String n : names) {
        pick -= weights.get(n);
        if (pick < 0) {
          file = n;
          break;
        }
      }
      out = out.with(file, mutate(out.files().get(file), rnd));
    }
    return out;
  }

  /** One mutation of {@code b}. */
  public static byte[] mutate(byte[] b, SplittableRandom rnd) {
    if (b.length == 0) {
      return insert(b, 0, randomBytes(rnd, 1 + rnd.nextInt(8)));
    }
    int at = rnd.nextInt(b.length);
    switch (rnd.nextInt(10)) {
      case 0 -> {
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << rnd.nextInt(8));
        return c;
      }
      case 1 -> {
        byte[] c = b.clone();
        c[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
        return c;
      }
      case 2 -> {
        return insert(b, at, randomBytes(rnd, 1 + rnd.nextInt(16)));
      }
      case 3 -> {
        int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
        return delete(b, at, len);
      }
      case 4 -> {
        return java.util.Arrays.copyOf(b, at);
      }
      case 5 -> {
        int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
        return insert(b, rnd.nextInt(b.length + 1), java.util.Arrays.copyOfRange(b, at, at + len));
      }
      case 6 -> {
        int len = Math.min(b.length - at, 1 + rnd.nextInt(32));
        int to = rnd.nextInt(b.length - len + 1);
        byte[] c = b.clone();
        System.arraycopy(b, at, c, to, len);
        return c;
      }
      case 7 -> {
        byte[] c = b.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n && at + i < c.length; i++) {
          c[at + i] = INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
        }
        return c;
      }
      default -> {
        return replaceNumber(b, at, rnd);
      }
    }
  }

  /** Replaces the decimal number nearest after {@code from} (or a random spot) by a boundary value. */
  private static byte[] replaceNumber(byte[] b, int from, SplittableRandom rnd) {
    int start = -1;
    for (int i = from; i < b.length && i < from + 4096; i++) {
      if (b[i] >= '0' && b[i] <= '9') {
        start = i;
        break;
      }
    }
    byte[] value = INTERESTING_NUMBERS[rnd.nextInt(INTERESTING_NUMBERS.length)].getBytes(StandardCharsets.US_ASCII);
    if (start < 0) {
      return insert(b, from, value);
    }
    while (start > 0 && (b[start - 1] == '-' || b[start - 1] == '+')) {
      start--;
    }
    int end = start;
    while (end < b.length && ((b[end] >= '0' && b[end] <= '9') || b[end] == '.' || b[end] == 'e' || b[end] == 'E'
        || ((b[end] == '-' || b[end] == '+') && end > start && (b[end - 1] == 'e' || b[end - 1] == 'E'))
        || (end == start && (b[end] == '-' || b[end] == '+')))) {
      end++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + value.length);
    out.write(b, 0, start);
    out.writeBytes(value);
    out.write(b, end, b.length - end);
    return out.toByteArray();
  }

  private static byte[] randomBytes(SplittableRandom rnd, int n) {
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(3) == 0 ? INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)] : (byte) rnd.nextInt(256);
    }
    return v;
  }

  private static byte[] insert(byte[] b, int at, byte[] v) {
    byte[] c = new byte[b.length + v.length];
    System.arraycopy(b, 0, c, 0, at);
    System.arraycopy(v, 0, c, at, v.length);
    System.arraycopy(b, at, c, at + v.length, b.length - at);
    return c;
  }

  private static byte[] delete(byte[] b, int at, int len) {
    byte[] c = new byte[b.length - len];
    System.arraycopy(b, 0, c, 0, at);
    System.arraycopy(b, at + len, c, at, b.length - at - len);
    return c;
  }
}
