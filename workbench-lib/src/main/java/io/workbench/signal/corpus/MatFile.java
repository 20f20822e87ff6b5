package io.workbench.signal.corpus;

import io.workbench.io.InputFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one numeric variable from a MATLAB level 5 MAT-file (the format of BCI Competition IV's label files {@code
 * A0xE.mat}, variable {@code classlabel}): the 128-byte header, then data elements, plain or zlib-compressed
 * ({@code miCOMPRESSED}); a variable is an {@code miMATRIX} of a numeric class whose real part is any integer or
 * floating-point type. Cells, structures, sparse, complex and v7.3 (HDF5) files are refused with a message.
 */
final class MatFile {

  /** Largest MAT-file read, and largest decompressed element. */
  static final int MAX_BYTES = 64 << 20;

  private static final int MI_INT8 = 1;
  private static final int MI_UINT8 = 2;
  private static final int MI_INT16 = 3;
  private static final int MI_UINT16 = 4;
  private static final int MI_INT32 = 5;
  private static final int MI_UINT32 = 6;
  private static final int MI_SINGLE = 7;
  private static final int MI_DOUBLE = 9;
  private static final int MI_INT64 = 12;
  private static final int MI_UINT64 = 13;
  private static final int MI_MATRIX = 14;
  private static final int MI_COMPRESSED = 15;

  private MatFile() {}

  /**
   * The values of variable {@code name} in column-major order.
   *
   * @throws IllegalArgumentException naming the file when it is not a level 5 MAT-file, lacks the variable or holds
   *     it in a form this reader does not take
   */
  static double[] read(Path file, String name) {
    byte[] b = InputFiles.readAll(file, "MAT-file", MAX_BYTES);
    String where = "MAT-file " + file;
    if (b.length < 128) {
      throw new IllegalArgumentException(where + " has " + b.length + " bytes, fewer than the 128-byte header of a"
          + " MATLAB level 5 MAT-file");
    }
    String text = new String(b, 0, 116, StandardCharsets.US_ASCII);
    if (text.startsWith("MATLAB 7.3")) {
      throw new IllegalArgumentException(where + " is a MATLAB 7.3 (HDF5) file; save it with -v7 or -v6, or give"
          + " the labels as a CSV file");
    }
    ByteOrder order;
    if (b[126] == 'I' && b[127] == 'M') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (b[126] == 'M' && b[127] == 'I') {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new IllegalArgumentException(where + " is not a MATLAB level 5 MAT-file (no 'IM'/'MI' endian mark at"
          + " byte 126)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b).order(order);
    buf.position(128);
    while (buf.remaining() >= 8) {
      int type = buf.getInt();
      int size = buf.getInt();
      if (size < 0 || size > buf.remaining()) {
        throw new IllegalArgumentException(where + ": the element at byte " + (buf.position() - 8) + " claims "
            + Integer.toUnsignedString(size) + " bytes but " + buf.remaining() + " remain");
      }
      ByteBuffer body = buf.slice(buf.position(), size).order(order);
      buf.position(Math.min(buf.limit(), buf.position() + (type == MI_COMPRESSED ? size : pad(size))));
      if (type == MI_COMPRESSED) {
        body = inflate(body, where).order(order);
        if (body.remaining() < 8) {
          continue;
        }
        type = body.getInt();
        int inner = body.getInt();
        if (inner < 0 || inner > body.remaining()) {
          throw new IllegalArgumentException(where + ": a compressed element claims " + inner + " bytes but holds "
              + body.remaining());
        }
        body = body.slice(body.position(), inner).order(order);
      }
      if (type != MI_MATRIX) {
        continue;
      }
      double[] v = matrix(body, name, where);
      if (v != null) {
        return v;
      }
    }
    throw new IllegalArgumentException(where + " has no variable '" + name + "'");
  }

  private static int pad(int size) {
    return Math.min(Integer.MAX_VALUE, (size + 7) & ~7);
  }

  private static ByteBuffer inflate(ByteBuffer body, String where) {
    byte[] in = new byte[body.remaining()];
    body.get(in);
    Inflater inf = new Inflater();
    try {
      inf.setInput(in);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] chunk = new byte[1 << 16];
      while (!inf.finished()) {
        int k = inf.inflate(chunk);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IllegalArgumentException(where + ": a compressed element ends early");
        }
        out.write(chunk, 0, k);
        if (out.size() > MAX_BYTES) {
          throw new IllegalArgumentException(where + ": a compressed element inflates to more than " + MAX_BYTES
              + " bytes");
        }
      }
      return ByteBuffer.wrap(out.toByteArray());
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(where + ": a compressed element is not valid zlib data: " + e.getMessage(),
          e);
    } finally {
      inf.end();
    }
  }

  /** A sub-element of a matrix: its type and its data. */
  private record Element(int type, ByteBuffer data) {}

  /** The values when this matrix is the named numeric variable, else null. */
  private static double[] matrix(ByteBuffer m, String name, String where) {
    Element flags = sub(m, where);
    Element dims = sub(m, where);
    Element nameElement = sub(m, where);
    byte[] nb = new byte[nameElement.data().remaining()];
    nameElement.data().get(nb);
    if (!new String(nb, StandardCharsets.UTF_8).equals(name)) {
      return null;
    }
    String what = where + ": variable '" + name + "'";
    if (flags.data().remaining() < 8) {
      throw new IllegalArgumentException(what + " has no array flags");
    }
    int f = flags.data().getInt();
    int cls = f & 0xFF;
    if (cls < 6 || cls > 15) {
      throw new IllegalArgumentException(what + " is of MATLAB class " + cls + "; a numeric array (class 6-15) is"
          + " expected, not a cell, structure, character or sparse array");
    }
    if ((f & 0x800) != 0) {
      throw new IllegalArgumentException(what + " is complex; real numbers are expected");
    }
    long count = 1;
    ByteBuffer d = dims.data();
    while (d.remaining() >= 4) {
      int k = d.getInt();
      if (k < 0) {
        throw new IllegalArgumentException(what + " has a negative dimension " + k);
      }
      count *= k;
      if (count > MAX_BYTES) {
        throw new IllegalArgumentException(what + " has more than " + MAX_BYTES + " elements");
      }
    }
    Element real = sub(m, where);
    return values(real, (int) count, what);
  }

  /** The next sub-element (plain, or in the small data element format). */
  private static Element sub(ByteBuffer m, String where) {
    if (m.remaining() < 8) {
      throw new IllegalArgumentException(where + ": a matrix element ends early");
    }
    int first = m.getInt();
    if ((first >>> 16) != 0) {
      int size = first >>> 16;
      if (size > 4) {
        throw new IllegalArgumentException(where + ": a small data element claims " + size + " bytes (at most 4)");
      }
      ByteBuffer data = m.slice(m.position(), size).order(m.order());
      m.position(m.position() + 4);
      return new Element(first & 0xFFFF, data);
    }
    int size = m.getInt();
    if (size < 0 || size > m.remaining()) {
      throw new IllegalArgumentException(where + ": a matrix sub-element claims " + Integer.toUnsignedString(size)
          + " bytes but " + m.remaining() + " remain");
    }
    ByteBuffer data = m.slice(m.position(), size).order(m.order());
    m.position(Math.min(m.limit(), m.position() + pad(size)));
    return new Element(first, data);
  }

  private static double[] values(Element real, int count, String what) {
    int width = switch (real.type()) {
      case MI_INT8, MI_UINT8 -> 1;
      case MI_INT16, MI_UINT16 -> 2;
      case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
      case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
      default -> throw new IllegalArgumentException(what + " holds data of MAT type " + real.type()
          + ", not a number type");
    };
    ByteBuffer d = real.data();
    if ((long) count * width != d.remaining()) {
      throw new IllegalArgumentException(what + " has dimensions for " + count + " values but " + d.remaining()
          + " bytes of data (" + width + " per value)");
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = switch (real.type()) {
        case MI_INT8 -> d.get();
        case MI_UINT8 -> d.get() & 0xFF;
        case MI_INT16 -> d.getShort();
        case MI_UINT16 -> d.getShort() & 0xFFFF;
        case MI_INT32 -> d.getInt();
        case MI_UINT32 -> d.getInt() & 0xFFFFFFFFL;
        case MI_SINGLE -> d.getFloat();
        case MI_INT64 -> d.getLong();
        case MI_UINT64 -> {
          long v = d.getLong();
          yield v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
        }
        default -> d.getDouble();
      };
    }
    return out;
  }
}
