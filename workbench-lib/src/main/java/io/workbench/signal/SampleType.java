package io.workbench.signal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How one stored sample is encoded in the record-based formats (EDF, BDF, GDF, BrainVision): its size and how its
 * bytes become a number. Decoding scales on the way ({@code value = stored * scale + offset}), so a block of raw
 * bytes turns into physical values in one pass.
 */
enum SampleType {
  INT8(1),
  UINT8(1),
  INT16(2),
  UINT16(2),
  INT24(3),
  UINT24(3),
  INT32(4),
  UINT32(4),
  INT64(8),
  UINT64(8),
  FLOAT32(4),
  FLOAT64(8),
  /** BioSemi's status channel: a 24-bit word of which the low 16 bits are the trigger inputs. */
  STATUS24(3);

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  /** Bytes per sample. */
  final int bytes;

  SampleType(int bytes) {
    this.bytes = bytes;
  }

  /** Whether stored values are integers (so that a digital range and a quantisation step exist). */
  boolean isInteger() {
    return this != FLOAT32 && this != FLOAT64;
  }

  /**
   * Decodes {@code n} little-endian samples starting at byte {@code pos}, {@code stride} bytes apart, into {@code
   * dst[off..off+n)} as {@code stored * scale + offset}.
   */
  void decode(byte[] b, int pos, int stride, int n, double[] dst, int off, double scale, double offset) {
    int p = pos;
    int end = off + n;
    switch (this) {
      case INT8 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = b[p] * scale + offset;
        }
      }
      case UINT8 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = (b[p] & 0xFF) * scale + offset;
        }
      }
      case INT16 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = (short) SHORT.get(b, p) * scale + offset;
        }
      }
      case UINT16 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = ((short) SHORT.get(b, p) & 0xFFFF) * scale + offset;
        }
      }
      case INT24 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | b[p + 2] << 16) * scale + offset;
        }
      }
      case UINT24 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16) * scale + offset;
        }
      }
      case STATUS24 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8) * scale + offset;
        }
      }
      case INT32 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = (int) INT.get(b, p) * scale + offset;
        }
      }
      case UINT32 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = ((int) INT.get(b, p) & 0xFFFFFFFFL) * scale + offset;
        }
      }
      case INT64 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = (long) LONG.get(b, p) * scale + offset;
        }
      }
      case UINT64 -> {
        for (int k = off; k < end; k++, p += stride) {
          long v = (long) LONG.get(b, p);
          double u = v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
          dst[k] = u * scale + offset;
        }
      }
      case FLOAT32 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = (float) FLOAT.get(b, p) * scale + offset;
        }
      }
      case FLOAT64 -> {
        for (int k = off; k < end; k++, p += stride) {
          dst[k] = (double) DOUBLE.get(b, p) * scale + offset;
        }
      }
      default -> throw new IllegalStateException("sample type " + this);
    }
  }

  /** The stored value at {@code pos}, unscaled. */
  double stored(byte[] b, int pos) {
    double[] one = new double[1];
    decode(b, pos, bytes, 1, one, 0, 1, 0);
    return one[0];
  }

  /** Writes {@code value} (already rounded and clamped to the type's range) little-endian at {@code pos}. */
  void encode(long value, byte[] b, int pos) {
    for (int i = 0; i < bytes; i++) {
      b[pos + i] = (byte) (value >> (8 * i));
    }
  }
}
