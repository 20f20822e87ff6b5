package io.workbench.signal;

import java.util.List;

/**
 * The WFDB signal file formats (signal(5) of the WFDB Applications Guide): how many bytes a run of samples takes,
 * how samples are packed, and which stored value marks an invalid sample. Formats 212, 310 and 311 pack samples in
 * groups (2 samples in 3 bytes; 3 samples in 4 bytes), so a read starts at a group boundary; format 8 stores first
 * differences, so its values depend on everything before them (see {@link WfdbSignals}).
 */
final class WfdbFormat {

  /** The formats read. */
  static final List<Integer> FORMATS = List.of(8, 16, 24, 32, 61, 80, 160, 212, 310, 311);
  /** No invalid-sample code (format 8). */
  static final long NO_INVALID = Long.MIN_VALUE;

  private WfdbFormat() {}

  /** Samples per packing group: 2 for format 212, 3 for 310 and 311, 1 otherwise. */
  static int group(int format) {
    return format == 212 ? 2 : format == 310 || format == 311 ? 3 : 1;
  }

  /** Bytes that {@code samples} samples take (a last, partial group takes only the bytes it needs). */
  static long bytesFor(int format, long samples) {
    return switch (format) {
      case 8, 80 -> samples;
      case 16, 61, 160 -> Math.multiplyExact(2, samples);
      case 24 -> Math.multiplyExact(3, samples);
      case 32 -> Math.multiplyExact(4, samples);
      case 212 -> Math.addExact(Math.multiplyExact(samples / 2, 3), samples % 2 == 1 ? 2 : 0);
      case 310 -> Math.addExact(Math.multiplyExact(samples / 3, 4), samples % 3 == 1 ? 2 : samples % 3 == 2 ? 4 : 0);
      case 311 -> Math.addExact(Math.multiplyExact(samples / 3, 4), samples % 3 == 1 ? 2 : samples % 3 == 2 ? 3 : 0);
      default -> throw new IllegalStateException("format " + format);
    };
  }

  /** Whole samples in {@code bytes} bytes. */
  static long samplesIn(int format, long bytes) {
    return switch (format) {
      case 8, 80 -> bytes;
      case 16, 61, 160 -> bytes / 2;
      case 24 -> bytes / 3;
      case 32 -> bytes / 4;
      case 212 -> bytes / 3 * 2 + (bytes % 3 == 2 ? 1 : 0);
      case 310 -> bytes / 4 * 3 + (bytes % 4 >= 2 ? 1 : 0);
      case 311 -> bytes / 4 * 3 + (bytes % 4 >= 2 ? 1 : 0) + (bytes % 4 == 3 ? 1 : 0);
      default -> throw new IllegalStateException("format " + format);
    };
  }

  /** Bytes a file may hold beyond its samples (the unused rest of a last packing group). */
  static long slack(int format) {
    return format == 212 ? 1 : format == 310 || format == 311 ? 2 : 0;
  }

  /** The stored value of an invalid sample, or {@link #NO_INVALID}. */
  static long invalidCode(int format) {
    return switch (format) {
      case 8 -> NO_INVALID;
      case 80 -> -128;
      case 16, 61, 160 -> -32768;
      case 212 -> -2048;
      case 310, 311 -> -512;
      case 24 -> -(1 << 23);
      case 32 -> Integer.MIN_VALUE;
      default -> throw new IllegalStateException("format " + format);
    };
  }

  /**
   * Decodes {@code n} samples from {@code b} (which starts at a group boundary; bytes missing at its end read as 0)
   * into {@code v}. Not for format 8.
   */
  static void decode(int format, byte[] b, int n, int[] v) {
    switch (format) {
      case 80 -> {
        for (int i = 0; i < n; i++) {
          v[i] = (b[i] & 0xFF) - 128;
        }
      }
      case 16 -> {
        for (int i = 0; i < n; i++) {
          v[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
      }
      case 61 -> {
        for (int i = 0; i < n; i++) {
          v[i] = (short) ((b[2 * i + 1] & 0xFF) | (b[2 * i] << 8));
        }
      }
      case 160 -> {
        for (int i = 0; i < n; i++) {
          v[i] = ((b[2 * i] & 0xFF) | ((b[2 * i + 1] & 0xFF) << 8)) - 32768;
        }
      }
      case 24 -> {
        for (int i = 0; i < n; i++) {
          int p = 3 * i;
          v[i] = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16);
        }
      }
      case 32 -> {
        for (int i = 0; i < n; i++) {
          int p = 4 * i;
          v[i] = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
        }
      }
      case 212 -> {
        for (int i = 0; i < n; i += 2) {
          int p = i / 2 * 3;
          int b1 = byteAt(b, p + 1);
          v[i] = signExtend((byteAt(b, p) | (b1 & 0x0F) << 8), 12);
          if (i + 1 < n) {
            v[i + 1] = signExtend(byteAt(b, p + 2) | (b1 & 0xF0) << 4, 12);
          }
        }
      }
      case 310 -> {
        // two little-endian 16-bit words: samples 0 and 1 in bits 1-10 of each, sample 2 from their top 5 bits
        for (int i = 0; i < n; i += 3) {
          int p = i / 3 * 4;
          int w0 = byteAt(b, p) | byteAt(b, p + 1) << 8;
          int w1 = byteAt(b, p + 2) | byteAt(b, p + 3) << 8;
          v[i] = signExtend((w0 >> 1) & 0x3FF, 10);
          if (i + 1 < n) {
            v[i + 1] = signExtend((w1 >> 1) & 0x3FF, 10);
          }
          if (i + 2 < n) {
            v[i + 2] = signExtend((w0 >> 11) | ((w1 >> 11) << 5), 10);
          }
        }
      }
      case 311 -> {
        // one little-endian 32-bit word: samples in bits 0-9, 10-19 and 20-29
        for (int i = 0; i < n; i += 3) {
          int p = i / 3 * 4;
          int w = byteAt(b, p) | byteAt(b, p + 1) << 8 | byteAt(b, p + 2) << 16 | byteAt(b, p + 3) << 24;
          v[i] = signExtend(w & 0x3FF, 10);
          if (i + 1 < n) {
            v[i + 1] = signExtend((w >> 10) & 0x3FF, 10);
          }
          if (i + 2 < n) {
            v[i + 2] = signExtend((w >> 20) & 0x3FF, 10);
          }
        }
      }
      default -> throw new IllegalStateException("format " + format);
    }
  }

  private static int byteAt(byte[] b, int p) {
    return p < b.length ? b[p] & 0xFF : 0;
  }

  private static int signExtend(int x, int bits) {
    int shift = 32 - bits;
    return (x << shift) >> shift;
  }
}
