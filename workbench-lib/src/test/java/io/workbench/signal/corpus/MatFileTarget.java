package io.workbench.signal.corpus;

import io.workbench.fuzz.FuzzInput;
import io.workbench.fuzz.FuzzTarget;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Mutated level 5 MAT-files (BCI IV 2a's label files), read with {@link MatFile#read}. The seeds are encoded here
 * after the MAT-file format description (the project writes no MAT-files): a plain file with a {@code uint8}
 * column and a {@code double} matrix before it, a compressed one (zlib element), a big-endian one with a
 * {@code int16} row, and one whose short variable name is packed into its tag (the small data element form).
 * SciPy 1.10's {@code loadmat} reads all four seeds to the values written here (checked by hand when the target
 * was written); SciPy's {@code savemat} output is read in {@code BciIv2aTest} (slow group).
 */
public final class MatFileTarget implements FuzzTarget {

  private static final int MI_INT8 = 1;
  private static final int MI_UINT8 = 2;
  private static final int MI_INT16 = 3;
  private static final int MI_INT32 = 5;
  private static final int MI_UINT32 = 6;
  private static final int MI_DOUBLE = 9;
  private static final int MI_MATRIX = 14;
  private static final int MI_COMPRESSED = 15;
  private static final int MX_DOUBLE = 6;
  private static final int MX_INT16 = 10;
  private static final int MX_UINT8 = 9;

  @Override
  public String name() {
    return "mat";
  }

  @Override
  public List<FuzzInput> seeds(Path work) {
    byte[] labels = {1, 2, 3, 4, 4, 3, 2, 1, 1, 2};
    byte[] eye = doubles(ByteOrder.LITTLE_ENDIAN, 1, 0, 0, 0, 1, 0, 0, 0, 1);
    byte[] plainLe = file(ByteOrder.LITTLE_ENDIAN, false,
        matrix(ByteOrder.LITTLE_ENDIAN, MX_DOUBLE, new int[] {3, 3}, "other", MI_DOUBLE, eye, false),
        matrix(ByteOrder.LITTLE_ENDIAN, MX_UINT8, new int[] {labels.length, 1}, "classlabel", MI_UINT8, labels,
            false));
    byte[] compressed = file(ByteOrder.LITTLE_ENDIAN, true,
        matrix(ByteOrder.LITTLE_ENDIAN, MX_UINT8, new int[] {labels.length, 1}, "classlabel", MI_UINT8, labels,
            false));
    ByteBuffer shorts = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    for (short s : new short[] {4, 1, 3, 2}) {
      shorts.putShort(s);
    }
    byte[] bigEndian = file(ByteOrder.BIG_ENDIAN, false,
        matrix(ByteOrder.BIG_ENDIAN, MX_INT16, new int[] {1, 4}, "classlabel", MI_INT16, shorts.array(), false));
    byte[] smallName = file(ByteOrder.LITTLE_ENDIAN, false,
        matrix(ByteOrder.LITTLE_ENDIAN, MX_UINT8, new int[] {3, 1}, "y", MI_UINT8, new byte[] {2, 2, 4}, true));
    return List.of(new FuzzInput("plain", Map.of("labels.mat", plainLe)),
        new FuzzInput("compressed", Map.of("labels.mat", compressed)),
        new FuzzInput("big-endian", Map.of("labels.mat", bigEndian)),
        new FuzzInput("small-name", Map.of("labels.mat", smallName)));
  }

  @Override
  public void read(Path dir) {
    Path f = dir.resolve("labels.mat");
    try {
      MatFile.read(f, "classlabel");
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().contains("has no variable 'classlabel'")) {
        throw e;
      }
      MatFile.read(f, "y");
    }
  }

  private static byte[] file(ByteOrder order, boolean compress, byte[]... elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String text = "MATLAB 5.0 MAT-file, written by the workbench fuzz seeds";
    out.writeBytes((text + " ".repeat(116 - text.length())).getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[8]);
    ByteBuffer tail = ByteBuffer.allocate(4).order(order);
    tail.putShort((short) 0x0100);
    tail.putShort((short) (('M' << 8) | 'I'));
    out.writeBytes(tail.array());
    for (byte[] e : elements) {
      if (compress) {
        Deflater d = new Deflater();
        d.setInput(e);
        d.finish();
        byte[] buf = new byte[e.length + 64];
        int n = d.deflate(buf);
        d.end();
        out.writeBytes(tag(order, MI_COMPRESSED, n));
        out.write(buf, 0, n);
      } else {
        out.writeBytes(e);
      }
    }
    return out.toByteArray();
  }

  private static byte[] matrix(ByteOrder order, int mxClass, int[] dims, String name, int type, byte[] data,
      boolean smallName) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer flags = ByteBuffer.allocate(8).order(order);
    flags.putInt(mxClass).putInt(0);
    body.writeBytes(element(order, MI_UINT32, flags.array()));
    ByteBuffer d = ByteBuffer.allocate(4 * dims.length).order(order);
    for (int x : dims) {
      d.putInt(x);
    }
    body.writeBytes(element(order, MI_INT32, d.array()));
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    if (smallName && n.length <= 4) {
      ByteBuffer small = ByteBuffer.allocate(8).order(order);
      small.putInt((n.length << 16) | MI_INT8);
      small.put(Arrays.copyOf(n, 4));
      body.writeBytes(small.array());
    } else {
      body.writeBytes(element(order, MI_INT8, n));
    }
    body.writeBytes(element(order, type, data));
    return element(order, MI_MATRIX, body.toByteArray());
  }

  private static byte[] element(ByteOrder order, int type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(tag(order, type, data.length));
    out.writeBytes(data);
    out.writeBytes(new byte[(8 - data.length % 8) % 8]);
    return out.toByteArray();
  }

  private static byte[] tag(ByteOrder order, int type, int size) {
    return ByteBuffer.allocate(8).order(order).putInt(type).putInt(size).array();
  }

  private static byte[] doubles(ByteOrder order, double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
    for (double x : v) {
      b.putDouble(x);
    }
    return b.array();
  }
}
