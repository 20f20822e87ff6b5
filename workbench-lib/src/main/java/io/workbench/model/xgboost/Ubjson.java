package io.workbench.model.xgboost;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of UBJSON that XGBoost uses for its model files, read with every length, count and type checked
 * against the bytes that are really there, and written back in XGBoost's own encoding.
 *
 * <p>Writing follows XGBoost's own writer (sorted keys come out in the order read; integers in the smallest of
 * {@code i}, {@code I}, {@code l}, {@code L}; counted arrays), so a model XGBoost wrote is written back byte for
 * byte.
 *
 * <p>Values: objects are {@code Map<String, Object>} (a repeated key is an error), untyped arrays {@code
 * List<Object>}, strings {@code String} (bytes kept as ISO-8859-1 characters, so writing gives the same bytes),
 * integers {@code Long}, numbers {@code Float} (marker {@code d}) or {@code Double} ({@code D}), {@code Boolean}
 * and {@code null}; typed arrays are {@code float[]} ({@code $d}), {@code double[]} ({@code $D}), {@code int[]}
 * ({@code $l}), {@code long[]} ({@code $L}) and {@link U8} ({@code $U}). Anything else (no-op, high-precision
 * numbers, other typed arrays, lengths not in {@code L} form, nesting deeper than {@link #MAX_DEPTH}) is refused,
 * as is trailing data.
 */
final class Ubjson {

  /** Deepest nesting of objects and arrays read (XGBoost's model needs 6). */
  static final int MAX_DEPTH = 32;

  private final ByteBuffer in;
  private final String where;

  /** A typed array of unsigned bytes. */
  record U8(byte[] values) {
    int get(int i) {
      return values[i] & 0xFF;
    }

    int length() {
      return values.length;
    }
  }

  private Ubjson(byte[] bytes, String where) {
    this.in = ByteBuffer.wrap(bytes);
    this.where = where;
  }

  /**
   * Reads one value filling all of {@code bytes}.
   *
   * @param where how the data is named in messages (the file)
   * @throws IllegalArgumentException naming {@code where} and the byte offset when the data is not such a value
   */
  static Object read(byte[] bytes, String where) {
    Ubjson r = new Ubjson(bytes, where);
    if (bytes.length == 0) {
      throw r.error("is empty");
    }
    Object v = r.value(r.marker(), 0);
    if (r.in.hasRemaining()) {
      throw r.error("has " + r.in.remaining() + " bytes after the end of its top-level value");
    }
    return v;
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(where + " is not a valid XGBoost UBJSON model: at byte " + in.position() + " it "
        + problem);
  }

  private char marker() {
    need(1, "a type marker");
    return (char) (in.get() & 0xFF);
  }

  private void need(long n, String what) {
    if (n < 0 || n > in.remaining()) {
      throw error("needs " + n + " bytes for " + what + " but " + in.remaining() + " remain");
    }
  }

  private Object value(char m, int depth) {
    switch (m) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case 'Z':
        return null;
      case 'T':
        return Boolean.TRUE;
      case 'F':
        return Boolean.FALSE;
      case 'i':
        need(1, "an int8");
        return (long) in.get();
      case 'U':
        need(1, "a uint8");
        return (long) (in.get() & 0xFF);
      case 'I':
        need(2, "an int16");
        return (long) in.getShort();
      case 'l':
        need(4, "an int32");
        return (long) in.getInt();
      case 'L':
        need(8, "an int64");
        return in.getLong();
      case 'd':
        need(4, "a float32");
        return in.getFloat();
      case 'D':
        need(8, "a float64");
        return in.getDouble();
      case 'S':
        return string();
      default:
        in.position(in.position() - 1);
        throw error("has the type marker " + describe(m) + ", which XGBoost models do not use");
    }
  }

  private static String describe(char m) {
    return m >= 32 && m < 127 ? "'" + m + "'" : String.format("0x%02X", (int) m);
  }

  private long length(String what) {
    char m = marker();
    if (m != 'L') {
      in.position(in.position() - 1);
      throw error("gives the length of " + what + " with marker " + describe(m) + "; XGBoost expects 'L' (int64)");
    }
    need(8, "the length of " + what);
    long n = in.getLong();
    if (n < 0) {
      in.position(in.position() - 8);
      throw error("gives " + what + " the negative length " + n);
    }
    return n;
  }

  private String string() {
    long n = length("a string");
    need(n, "a string of " + n + " bytes");
    String s = new String(in.array(), in.position(), (int) n, StandardCharsets.ISO_8859_1);
    in.position(in.position() + (int) n);
    return s;
  }

  private Map<String, Object> object(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nests objects and arrays deeper than " + MAX_DEPTH + " levels");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    while (true) {
      need(1, "a key or '}'");
      if ((in.get(in.position()) & 0xFF) == '}') {
        in.get();
        return out;
      }
      int at = in.position();
      String key = string();
      Object v = value(marker(), depth);
      if (out.containsKey(key)) {
        in.position(at);
        throw error("repeats the key '" + key + "' in one object");
      }
      out.put(key, v);
    }
  }

  private Object array(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nests objects and arrays deeper than " + MAX_DEPTH + " levels");
    }
    need(1, "an array's first marker");
    char first = (char) (in.get(in.position()) & 0xFF);
    if (first == '$') {
      in.get();
      char type = marker();
      char hash = marker();
      if (hash != '#') {
        throw error("has a typed array without its '#' count");
      }
      long n = length("a typed array");
      int size = switch (type) {
        case 'd', 'l' -> 4;
        case 'D', 'L' -> 8;
        case 'U' -> 1;
        default -> throw error("has a typed array of type " + describe(type) + ", which XGBoost does not read");
      };
      if (n > in.remaining() / size) {
        throw error("announces a typed array of " + n + " elements of " + size + " bytes but " + in.remaining()
            + " bytes remain");
      }
      int count = (int) n;
      switch (type) {
        case 'd' -> {
          float[] v = new float[count];
          in.asFloatBuffer().get(v);
          in.position(in.position() + 4 * count);
          return v;
        }
        case 'D' -> {
          double[] v = new double[count];
          in.asDoubleBuffer().get(v);
          in.position(in.position() + 8 * count);
          return v;
        }
        case 'l' -> {
          int[] v = new int[count];
          in.asIntBuffer().get(v);
          in.position(in.position() + 4 * count);
          return v;
        }
        case 'L' -> {
          long[] v = new long[count];
          in.asLongBuffer().get(v);
          in.position(in.position() + 8 * count);
          return v;
        }
        default -> {
          byte[] v = new byte[count];
          in.get(v);
          return new U8(v);
        }
      }
    }
    List<Object> out = new ArrayList<>();
    if (first == '#') {
      in.get();
      long n = length("an array");
      need(n, "an array of " + n + " elements");
      for (long i = 0; i < n; i++) {
        out.add(value(marker(), depth));
      }
      return out;
    }
    while (true) {
      need(1, "an element or ']'");
      if ((in.get(in.position()) & 0xFF) == ']') {
        in.get();
        return out;
      }
      out.add(value(marker(), depth));
    }
  }

  /** Writes a value as XGBoost does: counted untyped arrays, the smallest integer type, typed arrays with counts. */
  static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  private static void write(Object v, ByteArrayOutputStream out) {
    if (v == null) {
      out.write('Z');
    } else if (v instanceof Boolean b) {
      out.write(b ? 'T' : 'F');
    } else if (v instanceof Long l) {
      integer(out, l);
    } else if (v instanceof Float f) {
      out.write('d');
      putInt(out, Float.floatToRawIntBits(f));
    } else if (v instanceof Double d) {
      out.write('D');
      putLong(out, Double.doubleToRawLongBits(d));
    } else if (v instanceof String s) {
      out.write('S');
      putString(out, s);
    } else if (v instanceof Map<?, ?> m) {
      out.write('{');
      for (Map.Entry<?, ?> e : m.entrySet()) {
        putString(out, (String) e.getKey());
        write(e.getValue(), out);
      }
      out.write('}');
    } else if (v instanceof List<?> list) {
      out.write('[');
      out.write('#');
      out.write('L');
      putLong(out, list.size());
      for (Object e : list) {
        write(e, out);
      }
    } else if (v instanceof float[] a) {
      typed(out, 'd', a.length);
      for (float x : a) {
        putInt(out, Float.floatToRawIntBits(x));
      }
    } else if (v instanceof double[] a) {
      typed(out, 'D', a.length);
      for (double x : a) {
        putLong(out, Double.doubleToRawLongBits(x));
      }
    } else if (v instanceof int[] a) {
      typed(out, 'l', a.length);
      for (int x : a) {
        putInt(out, x);
      }
    } else if (v instanceof long[] a) {
      typed(out, 'L', a.length);
      for (long x : a) {
        putLong(out, x);
      }
    } else if (v instanceof U8 a) {
      typed(out, 'U', a.length());
      out.writeBytes(a.values());
    } else {
      throw new IllegalStateException("not a UBJSON value: " + v.getClass());
    }
  }

  /** The smallest integer marker, with XGBoost's bounds (the type's minimum and maximum themselves go up). */
  private static void integer(ByteArrayOutputStream out, long i) {
    if (i > Byte.MIN_VALUE && i < Byte.MAX_VALUE) {
      out.write('i');
      out.write((int) i);
    } else if (i > Short.MIN_VALUE && i < Short.MAX_VALUE) {
      out.write('I');
      out.write((int) (i >>> 8));
      out.write((int) i);
    } else if (i > Integer.MIN_VALUE && i < Integer.MAX_VALUE) {
      out.write('l');
      putInt(out, (int) i);
    } else {
      out.write('L');
      putLong(out, i);
    }
  }

  private static void typed(ByteArrayOutputStream out, char type, int n) {
    out.write('[');
    out.write('$');
    out.write(type);
    out.write('#');
    out.write('L');
    putLong(out, n);
  }

  private static void putString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    out.write('L');
    putLong(out, b.length);
    out.writeBytes(b);
  }

  private static void putInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void putLong(ByteArrayOutputStream out, long v) {
    putInt(out, (int) (v >>> 32));
    putInt(out, (int) v);
  }
}
