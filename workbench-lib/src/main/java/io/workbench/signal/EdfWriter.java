package io.workbench.signal;

import io.workbench.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes recordings as EDF+C (16-bit samples) or BDF+C (24-bit samples, BioSemi): the shared writer behind {@link
 * Edf#write} and {@link Bdf#write}. Each channel's physical range is its minimum and maximum written in the 8
 * characters the header allows (rounded outwards); digital values span the full integer range; annotations go into
 * the annotation signal, each in the data record where it starts.
 */
final class EdfWriter {

  private static final double[] RECORD_DURATIONS = {1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.04, 0.02, 0.01, 2, 5, 10};
  private static final String[] MONTHS = EdfReader.MONTHS;

  private EdfWriter() {}

  static Path write(Recording recording, Path file, EdfReader.Kind kind) {
    List<Channel> chans = recording.channels();
    String where = "Writing " + kind.name + " file " + file;
    double dur = recordDuration(chans, where);
    int ns = chans.size() + 1;
    int[] spr = new int[chans.size()];
    long records = 0;
    for (int i = 0; i < chans.size(); i++) {
      Channel c = chans.get(i);
      checkText(c.name(), 16, where, "label of channel " + i);
      checkText(c.unit(), 8, where, "unit of channel '" + c.name() + "'");
      if (c.name().equals(kind.annotations)) {
        throw new IllegalArgumentException(where + ": a channel may not be named '" + kind.annotations + "'");
      }
      if (isStatus(kind, c)) {
        checkTriggers(c, where);
      }
      for (int k = 0; k < c.length(); k++) {
        if (!Double.isFinite(c.view()[k])) {
          throw new IllegalArgumentException(where + ": channel '" + c.name() + "' has the value " + c.view()[k]
              + " at sample " + k + "; EDF stores only finite numbers");
        }
      }
      spr[i] = (int) Math.round(c.samplingRate() * dur);
      records = Math.max(records, (c.length() + spr[i] - 1) / spr[i]);
    }
    records = Math.max(records, 1);
    String[] pminText = new String[chans.size()];
    String[] pmaxText = new String[chans.size()];
    for (int i = 0; i < chans.size(); i++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : chans.get(i).view()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (chans.get(i).length() == 0) {
        lo = -1;
        hi = 1;
      }
      if (isStatus(kind, chans.get(i))) {
        pminText[i] = Integer.toString(digitalMin(kind));
        pmaxText[i] = Integer.toString(digitalMax(kind));
        continue;
      }
      pminText[i] = number8(lo, RoundingMode.FLOOR, where, chans.get(i).name());
      pmaxText[i] = number8(hi, RoundingMode.CEILING, where, chans.get(i).name());
      if (Double.parseDouble(pminText[i]) == Double.parseDouble(pmaxText[i])) {
        pminText[i] = number8(lo - 1, RoundingMode.FLOOR, where, chans.get(i).name());
        pmaxText[i] = number8(hi + 1, RoundingMode.CEILING, where, chans.get(i).name());
      }
    }
    // Annotation lists per data record: the time-keeping TAL first, then the annotations starting there.
    List<ByteArrayOutputStream> tals = new ArrayList<>();
    for (long r = 0; r < records; r++) {
      ByteArrayOutputStream t = new ByteArrayOutputStream();
      t.writeBytes(("+" + decimal(r * dur) + "\u0014\u0014\u0000").getBytes(StandardCharsets.US_ASCII));
      tals.add(t);
    }
    for (Annotation a : recording.annotations()) {
      if (a.label().indexOf('\u0014') >= 0 || a.label().indexOf('\u0015') >= 0 || a.label().indexOf('\u0000') >= 0) {
        throw new IllegalArgumentException(where + ": annotation '" + a.label()
            + "' contains a control character (0x00, 0x14 or 0x15) that EDF+ reserves");
      }
      int r = (int) Math.min(records - 1, Math.floor(a.onset() / dur));
      StringBuilder s = new StringBuilder("+").append(decimal(a.onset()));
      if (a.duration() > 0) {
        s.append('\u0015').append(decimal(a.duration()));
      }
      s.append('\u0014').append(a.label()).append("\u0014\u0000");
      tals.get(r).writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    int annotBytes = 0;
    for (ByteArrayOutputStream t : tals) {
      annotBytes = Math.max(annotBytes, t.size());
    }
    int annotSamples = (annotBytes + kind.bytes - 1) / kind.bytes;
    LocalDateTime start = recording.startTime() == null ? LocalDateTime.of(1985, 1, 1, 0, 0) : recording.startTime();
    StringBuilder h = new StringBuilder();
    if (kind == EdfReader.Kind.BDF) {
      h.append('\u00ff');
      pad(h, "BIOSEMI", 7);
    } else {
      pad(h, "0", 8);
    }
    pad(h, "X X X X", 80);
    pad(h, String.format(Locale.ROOT, "Startdate %02d-%s-%04d X X X", start.getDayOfMonth(),
        MONTHS[start.getMonthValue() - 1], start.getYear()), 80);
    pad(h, String.format(Locale.ROOT, "%02d.%02d.%02d", start.getDayOfMonth(), start.getMonthValue(),
        start.getYear() % 100), 8);
    pad(h, String.format(Locale.ROOT, "%02d.%02d.%02d", start.getHour(), start.getMinute(), start.getSecond()), 8);
    pad(h, Integer.toString(256 * (ns + 1)), 8);
    pad(h, kind.name + "+C", 44);
    pad(h, Long.toString(records), 8);
    pad(h, decimal(dur), 8);
    pad(h, Integer.toString(ns), 4);
    for (Channel c : chans) {
      pad(h, c.name(), 16);
    }
    pad(h, kind.annotations, 16);
    for (int i = 0; i < ns; i++) {
      pad(h, "", 80);
    }
    for (Channel c : chans) {
      pad(h, c.unit(), 8);
    }
    pad(h, "", 8);
    for (String s : pminText) {
      pad(h, s, 8);
    }
    pad(h, "-1", 8);
    for (String s : pmaxText) {
      pad(h, s, 8);
    }
    pad(h, "1", 8);
    for (int i = 0; i < ns; i++) {
      pad(h, Integer.toString(digitalMin(kind)), 8);
    }
    for (int i = 0; i < ns; i++) {
      pad(h, Integer.toString(digitalMax(kind)), 8);
    }
    for (int i = 0; i < ns; i++) {
      pad(h, "", 80);
    }
    for (int s : spr) {
      pad(h, Integer.toString(s), 8);
    }
    pad(h, Integer.toString(annotSamples), 8);
    for (int i = 0; i < ns; i++) {
      pad(h, "", 32);
    }
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    try {
      long count = records;
      AtomicFiles.write(file, out -> writeRecords(out, kind, header, chans, spr, annotSamples, count, pminText,
          pmaxText, tals));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + kind.name + " file " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static void writeRecords(OutputStream out, EdfReader.Kind kind, byte[] header, List<Channel> chans,
      int[] spr, int annotSamples, long records, String[] pminText, String[] pmaxText,
      List<ByteArrayOutputStream> tals) throws IOException {
    out.write(header);
    int dmin = digitalMin(kind);
    int dmax = digitalMax(kind);
    SampleType type = kind == EdfReader.Kind.BDF ? SampleType.INT24 : SampleType.INT16;
    byte[] rec = new byte[kind.bytes * (java.util.Arrays.stream(spr).sum() + annotSamples)];
    for (int r = 0; r < records; r++) {
      int p = 0;
      for (int i = 0; i < chans.size(); i++) {
        double[] v = chans.get(i).view();
        double lo = Double.parseDouble(pminText[i]);
        double hi = Double.parseDouble(pmaxText[i]);
        boolean status = isStatus(kind, chans.get(i));
        double toDigital = ((double) dmax - dmin) / (hi - lo);
        for (int k = 0; k < spr[i]; k++) {
          long idx = (long) r * spr[i] + k;
          double x = v.length == 0 ? 0 : v[(int) Math.min(idx, v.length - 1)];
          long d = status ? Math.round(x) : Math.round((x - lo) * toDigital + dmin);
          d = Math.max(dmin, Math.min(dmax, d));
          type.encode(d, rec, p);
          p += kind.bytes;
        }
      }
      byte[] t = tals.get(r).toByteArray();
      java.util.Arrays.fill(rec, p, rec.length, (byte) 0);
      System.arraycopy(t, 0, rec, p, t.length);
      out.write(rec);
    }
  }

  private static int digitalMin(EdfReader.Kind kind) {
    return kind == EdfReader.Kind.BDF ? -(1 << 23) : -32768;
  }

  private static int digitalMax(EdfReader.Kind kind) {
    return kind == EdfReader.Kind.BDF ? (1 << 23) - 1 : 32767;
  }

  /** BioSemi's status channel of a BDF file: its values are written as the stored integers (trigger codes). */
  private static boolean isStatus(EdfReader.Kind kind, Channel c) {
    return kind == EdfReader.Kind.BDF && c.name().equals(EdfReader.STATUS);
  }

  private static void checkTriggers(Channel c, String where) {
    double[] v = c.view();
    for (int k = 0; k < v.length; k++) {
      if (!(v[k] >= 0 && v[k] <= 0xFFFF && v[k] == Math.rint(v[k]))) {
        throw new IllegalArgumentException(where + ": channel '" + EdfReader.STATUS + "' holds " + v[k] + " at sample "
            + k + "; BioSemi's status channel holds trigger codes, whole numbers 0..65535");
      }
    }
  }

  /** The first record duration that holds a whole number of samples of every channel (records of at most 1 MiB). */
  static double recordDuration(List<Channel> chans, String where) {
    for (double d : RECORD_DURATIONS) {
      boolean ok = true;
      long bytes = 0;
      for (Channel c : chans) {
        double n = c.samplingRate() * d;
        if (Math.abs(n - Math.rint(n)) > 1e-6 * Math.max(1, n) || Math.rint(n) < 1) {
          ok = false;
          break;
        }
        bytes += 3 * Math.round(n);
      }
      if (ok && bytes <= 1 << 20) {
        return d;
      }
    }
    throw new IllegalArgumentException(where + ": no data-record duration in " + java.util.Arrays.toString(RECORD_DURATIONS)
        + " s holds a whole number of samples of every channel (rates " + chans.stream()
            .map(c -> c.name() + "=" + c.samplingRate()).toList() + "); resample the channels first");
  }

  static void checkText(String s, int max, String where, String what) {
    if (s.length() > max) {
      throw new IllegalArgumentException(where + ": the " + what + " '" + s + "' is longer than the " + max
          + " characters EDF allows");
    }
    for (char c : s.toCharArray()) {
      if (c < 32 || c > 126) {
        throw new IllegalArgumentException(where + ": the " + what + " '" + s + "' has a character outside printable "
            + "ASCII, which EDF headers require");
      }
    }
  }

  /** A number in at most 8 characters, rounded in the given direction. */
  static String number8(double v, RoundingMode mode, String where, String channel) {
    for (int scale = 7; scale >= 0; scale--) {
      String s = new BigDecimal(v).setScale(scale, mode).stripTrailingZeros().toPlainString();
      if (s.equals("-0")) {
        s = "0";
      }
      if (s.length() <= 8) {
        return s;
      }
    }
    throw new IllegalArgumentException(where + ": channel '" + channel + "' reaches " + v
        + ", which does not fit the 8 characters of an EDF physical minimum/maximum; rescale it (change its unit)");
  }

  private static String decimal(double v) {
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  private static void pad(StringBuilder h, String s, int width) {
    if (s.length() > width) {
      throw new IllegalStateException("EDF header field '" + s + "' exceeds " + width + " characters");
    }
    h.append(s);
    for (int i = s.length(); i < width; i++) {
      h.append(' ');
    }
  }
}
