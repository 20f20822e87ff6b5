package io.workbench.signal;

import io.workbench.io.AtomicFiles;
import io.workbench.io.InputFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes WFDB annotation files in the MIT format: a sequence of 16-bit little-endian words,
 * each holding a 6-bit code and a 10-bit sample interval, with the pseudo-codes SKIP (59, a 32-bit
 * interval follows), NUM (60), SUB (61), CHN (62) and AUX (63, text follows), ended by a zero word.
 * As in the WFDB library, the channel and number fields carry over from one annotation to the next
 * while the subtype and text apply to one annotation only.
 *
 * <pre>{@code
 * List<WfdbAnnotation> ann = WfdbAnnotations.read(Path.of("100.atr"));
 * long pvcs = ann.stream().filter(a -> a.label().equals("V")).count();
 * WfdbAnnotations.write(Path.of("mine.atr"), ann);
 * }</pre>
 */
public final class WfdbAnnotations {

  private static final int SKIP = 59;
  private static final int NUM = 60;
  private static final int SUB = 61;
  private static final int CHN = 62;
  private static final int AUX = 63;

  private static final String[] MNEMONICS = {
    "", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "", "|", "", "s", "T", "*", "D",
    "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", ")", "r"
  };

  private WfdbAnnotations() {}

  /** The mnemonic of a code (as in the WFDB library's {@code ecgcodes.h}); {@code "[code]"} when unnamed. */
  public static String mnemonic(int code) {
    if (code > 0 && code < MNEMONICS.length && !MNEMONICS[code].isEmpty()) {
      return MNEMONICS[code];
    }
    return "[" + code + "]";
  }

  /** The code of a mnemonic such as {@code "N"} or {@code "V"}. */
  public static int code(String mnemonic) {
    for (int c = 1; c < MNEMONICS.length; c++) {
      if (MNEMONICS[c].equals(mnemonic)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown WFDB annotation mnemonic '" + mnemonic + "'");
  }

  /** Whether a code marks a beat (normal, bundle branch block, premature, escape, paced, fusion, ...). */
  public static boolean isBeat(int code) {
    return (code >= 1 && code <= 13) || code == 25 || code == 30 || (code >= 34 && code <= 38) || code == 41;
  }

  /** Reads an annotation file; fails naming the file and byte offset when it is malformed or cut short. */
  public static List<WfdbAnnotation> read(Path file) {
    byte[] b = InputFiles.readAll(file, "WFDB annotation file", InputFiles.MAX_ARRAY);
    List<WfdbAnnotation> out = new ArrayList<>();
    long time = 0;
    int chan = 0;
    int num = 0;
    int pos = 0;
    long pendingTime = -1;
    int pendingCode = 0;
    int sub = 0;
    String aux = "";
    while (true) {
      if (pos + 2 > b.length) {
        if (pos == b.length) {
          break;
        }
        throw new IllegalArgumentException(
            "WFDB annotation file " + file + " ends inside a 16-bit word at byte " + pos);
      }
      int word = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
      int a = word >>> 10;
      int interval = word & 0x3FF;
      pos += 2;
      if (a == 0 && interval == 0) {
        break;
      }
      switch (a) {
        case SKIP -> {
          if (pos + 4 > b.length) {
            throw new IllegalArgumentException(
                "WFDB annotation file " + file + " is truncated inside a SKIP interval at byte " + (pos - 2));
          }
          int hi = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
          int lo = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
          time += (hi << 16) | lo;
          if (time < 0) {
            throw new IllegalArgumentException("WFDB annotation file " + file + " has a SKIP at byte " + (pos - 2)
                + " that moves to sample " + time + ", before the start of the record");
          }
          pos += 4;
        }
        case NUM -> num = (byte) interval;
        case SUB -> sub = (byte) interval;
        case CHN -> chan = interval & 0xFF;
        case AUX -> {
          if (pos + interval > b.length) {
            throw new IllegalArgumentException(
                "WFDB annotation file " + file + " is truncated inside an AUX text of " + interval + " bytes at byte "
                    + (pos - 2));
          }
          aux = new String(b, pos, interval, StandardCharsets.ISO_8859_1);
          pos += interval + (interval % 2);
        }
        default -> {
          if (a == 0) {
            throw new IllegalArgumentException(
                "WFDB annotation file " + file + " has code 0 with interval " + interval + " at byte " + (pos - 2)
                    + "; expected a code in 1..49 or the end marker");
          }
          if (a > 49) {
            throw new IllegalArgumentException(
                "WFDB annotation file " + file + " has the reserved code " + a + " at byte " + (pos - 2));
          }
          if (pendingTime >= 0) {
            out.add(new WfdbAnnotation(pendingTime, pendingCode, sub, chan, num, aux));
            sub = 0;
            aux = "";
          }
          time += interval;
          pendingTime = time;
          pendingCode = a;
        }
      }
    }
    if (pendingTime >= 0) {
      out.add(new WfdbAnnotation(pendingTime, pendingCode, sub, chan, num, aux));
    }
    return out;
  }

  /**
   * Writes annotations (sorted by sample) in the MIT format, with SKIP words for intervals over 1023
   * samples and NUM, CHN, SUB and AUX words where the fields change or are set. The file is replaced
   * atomically: a failed write leaves a previous file of that name as it was.
   */
  public static Path write(Path file, List<WfdbAnnotation> annotations) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long time = 0;
    int chan = 0;
    int num = 0;
    for (int i = 0; i < annotations.size(); i++) {
      WfdbAnnotation x = annotations.get(i);
      long d = x.sample() - time;
      if (d < 0) {
        throw new IllegalArgumentException(
            "Annotations must be sorted by sample: annotation " + i + " at sample " + x.sample()
                + " comes after sample " + time);
      }
      if (d > 1023) {
        if (d > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("Annotation " + i + " is more than 2^31 samples after the previous one");
        }
        word(out, SKIP, 0);
        raw(out, (int) (d >>> 16) & 0xFFFF);
        raw(out, (int) d & 0xFFFF);
        d = 0;
      }
      word(out, x.code(), (int) d);
      time = x.sample();
      if (x.subtype() != 0) {
        word(out, SUB, x.subtype() & 0x3FF);
      }
      if (x.channel() != chan) {
        word(out, CHN, x.channel());
        chan = x.channel();
      }
      if (x.number() != num) {
        word(out, NUM, x.number() & 0x3FF);
        num = x.number();
      }
      if (!x.aux().isEmpty()) {
        byte[] t = x.aux().getBytes(StandardCharsets.ISO_8859_1);
        if (t.length > 255) {
          throw new IllegalArgumentException("Annotation " + i + ": aux text longer than 255 bytes");
        }
        word(out, AUX, t.length);
        out.writeBytes(t);
        if (t.length % 2 == 1) {
          out.write(0);
        }
      }
    }
    word(out, 0, 0);
    try {
      return AtomicFiles.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write WFDB annotation file " + file, e);
    }
  }

  private static void word(ByteArrayOutputStream out, int code, int interval) {
    raw(out, (code << 10) | (interval & 0x3FF));
  }

  private static void raw(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >>> 8) & 0xFF);
  }
}
