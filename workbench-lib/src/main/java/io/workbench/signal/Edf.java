package io.workbench.signal;

import io.workbench.io.AtomicFiles;
import io.workbench.io.InputFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes EDF and EDF+ files (European Data Format, the standard for EEG and sleep recordings):
 * several signals, each with its own number of samples per data record (so its own sampling rate),
 * stored as 16-bit integers with a linear physical/digital scaling, and EDF+ annotations as
 * time-stamped annotation lists (TAL) in the {@code "EDF Annotations"} signal.
 *
 * <p>Reading accepts EDF and EDF+ (continuous or discontinuous; the data records of an EDF+D file are
 * concatenated). Writing produces EDF+C: the physical range of each channel is its minimum and maximum
 * (written in the 8 characters EDF allows, rounded outwards), digital values span -32768..32767, so
 * the quantisation step is {@code (max - min) / 65535}; annotations go into an annotation signal.
 *
 * <pre>{@code
 * Recording eeg = Edf.read(Path.of("sleep.edf"));
 * eeg.annotations();                         // EDF+ annotations, onsets in seconds
 * Edf.write(recording, Path.of("copy.edf")); // EDF+C with the recording's annotations
 * }</pre>
 */
public final class Edf {

  /** Label of the EDF+ annotation signal. */
  public static final String ANNOTATIONS_LABEL = "EDF Annotations";

  private static final int DIGITAL_MIN = -32768;
  private static final int DIGITAL_MAX = 32767;
  private static final double[] RECORD_DURATIONS = {1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.04, 0.02, 0.01, 2, 5, 10};
  private static final java.util.regex.Pattern TAL_ONSET = java.util.regex.Pattern.compile("[+-]\\d+(\\.\\d*)?");
  private static final java.util.regex.Pattern TAL_DURATION = java.util.regex.Pattern.compile("\\d+(\\.\\d*)?");
  private static final java.util.regex.Pattern CLOCK = java.util.regex.Pattern.compile("(\\d\\d)\\.(\\d\\d)\\.(\\d\\d)");
  private static final java.util.regex.Pattern DAY = java.util.regex.Pattern.compile("(\\d\\d)\\.(\\d\\d)\\.(\\d\\d|yy)");
  private static final java.util.regex.Pattern FULL_DATE =
      java.util.regex.Pattern.compile("(\\d\\d)-([A-Za-z]{3})-(\\d{4})");
  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };

  private Edf() {}

  /**
   * Reads an EDF or EDF+ file; fails naming the file and header field when something is malformed. The file
   * must be a regular file; its data records are read in blocks (files over 2 GiB too), and the heap must hold
   * the samples as doubles, or the read fails before allocating them.
   */
  public static Recording read(Path file) {
    String where = "EDF file " + file;
    long size = InputFiles.requireRegularFile(file, "EDF file");
    if (size < 256) {
      throw new IllegalArgumentException(where + " has " + size + " bytes, fewer than the 256-byte header");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] b = readFully(ch, 0, 256, where);
      String version = field(b, 0, 8);
      if (!version.equals("0")) {
        throw new IllegalArgumentException(where + ": header field 'version' is '" + InputFiles.printable(version)
            + "', expected '0' (BDF and other variants are not read)");
      }
      int ns = parseInt(field(b, 252, 4), where, "number of signals");
      if (ns < 1) {
        throw new IllegalArgumentException(where + ": header field 'number of signals' is " + ns + ", expected >= 1");
      }
      int headerBytes = parseInt(field(b, 184, 8), where, "number of bytes in header record");
      if (headerBytes != 256 * (ns + 1)) {
        throw new IllegalArgumentException(
            where + ": header field 'number of bytes in header record' is " + headerBytes + " but " + ns
                + " signals need " + 256 * (ns + 1));
      }
      if (size < headerBytes) {
        throw new IllegalArgumentException(
            where + " has " + size + " bytes, fewer than its " + headerBytes + "-byte header");
      }
      return readRecords(ch, readFully(ch, 0, headerBytes, where), size, file, where);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private static Recording readRecords(FileChannel ch, byte[] b, long size, Path file, String where)
      throws IOException {
    String recordingId = field(b, 88, 80);
    String date = field(b, 168, 8);
    String time = field(b, 176, 8);
    int headerBytes = b.length;
    String reserved = field(b, 192, 44);
    boolean plus = reserved.startsWith("EDF+");
    long records = parseInt(field(b, 236, 8), where, "number of data records");
    double duration = parseDouble(field(b, 244, 8), where, "duration of a data record");
    int ns = parseInt(field(b, 252, 4), where, "number of signals");
    if (duration < 0) {
      throw new IllegalArgumentException(
          where + ": header field 'duration of a data record' is " + duration + ", expected >= 0");
    }
    LocalDateTime start = startTime(date, time, recordingId, plus, where);
    String[] label = new String[ns];
    String[] unit = new String[ns];
    double[] pmin = new double[ns];
    double[] pmax = new double[ns];
    int[] dmin = new int[ns];
    int[] dmax = new int[ns];
    int[] nsamp = new int[ns];
    boolean[] annot = new boolean[ns];
    int base = 256;
    for (int i = 0; i < ns; i++) {
      label[i] = field(b, base + 16 * i, 16);
      annot[i] = plus && label[i].equals(ANNOTATIONS_LABEL);
    }
    base += 16 * ns + 80 * ns;
    for (int i = 0; i < ns; i++) {
      unit[i] = field(b, base + 8 * i, 8);
    }
    base += 8 * ns;
    for (int i = 0; i < ns; i++) {
      pmin[i] = parseDouble(field(b, base + 8 * i, 8), where, signalField("physical minimum", i, label[i]));
    }
    base += 8 * ns;
    for (int i = 0; i < ns; i++) {
      pmax[i] = parseDouble(field(b, base + 8 * i, 8), where, signalField("physical maximum", i, label[i]));
    }
    base += 8 * ns;
    for (int i = 0; i < ns; i++) {
      dmin[i] = parseInt(field(b, base + 8 * i, 8), where, signalField("digital minimum", i, label[i]));
    }
    base += 8 * ns;
    for (int i = 0; i < ns; i++) {
      dmax[i] = parseInt(field(b, base + 8 * i, 8), where, signalField("digital maximum", i, label[i]));
    }
    base += 8 * ns + 80 * ns;
    long recordBytes = 0;
    long samplesPerRecord = 0;
    for (int i = 0; i < ns; i++) {
      nsamp[i] = parseInt(field(b, base + 8 * i, 8), where, signalField("number of samples in each data record", i,
          label[i]));
      if (nsamp[i] < 1) {
        throw new IllegalArgumentException(where + ": header field '"
            + signalField("number of samples in each data record", i, label[i]) + "' is " + nsamp[i]
            + ", expected >= 1");
      }
      recordBytes += 2L * nsamp[i];
      if (!annot[i]) {
        samplesPerRecord += nsamp[i];
        if (dmax[i] <= dmin[i] || dmin[i] < -32768 || dmax[i] > 32767) {
          throw new IllegalArgumentException(where + ": header fields 'digital minimum' " + dmin[i]
              + " and 'digital maximum' " + dmax[i] + " of signal " + i + " ('" + label[i]
              + "') must satisfy -32768 <= minimum < maximum <= 32767");
        }
        if (pmax[i] == pmin[i]) {
          throw new IllegalArgumentException(where + ": header fields 'physical minimum' and 'physical maximum' of signal "
              + i + " ('" + label[i] + "') are both " + pmin[i] + "; the scaling would divide by zero");
        }
        if (!(duration > 0) || !Double.isFinite(nsamp[i] / duration)) {
          throw new IllegalArgumentException(where + ": header field 'duration of a data record' is " + duration
              + " but the file has ordinary signals, which need a positive duration giving a finite sampling rate");
        }
      }
    }
    long available = size - headerBytes;
    if (records < 0) {
      if (records != -1) {
        throw new IllegalArgumentException(
            where + ": header field 'number of data records' is " + records + ", expected >= 0 (or -1 while recording)");
      }
      records = available / recordBytes;
    }
    long need = records * recordBytes;
    if (available < need) {
      throw new IllegalArgumentException(where + " is truncated: header field 'number of data records' says " + records
          + " records of " + recordBytes + " bytes (" + need + " bytes after the header) but the file holds "
          + available);
    }
    if (available > need) {
      throw new IllegalArgumentException(where + " holds " + available + " bytes after the header but header field "
          + "'number of data records' says " + records + " records of " + recordBytes + " bytes (" + need
          + "); the header and the file size disagree");
    }
    if (records * (long) maxOf(nsamp) > InputFiles.MAX_ARRAY || recordBytes > InputFiles.MAX_ARRAY) {
      throw new IllegalArgumentException(where + " has " + records + " data records of up to " + maxOf(nsamp)
          + " samples per signal; at most " + InputFiles.MAX_ARRAY + " samples per signal are read at once");
    }
    // the samples as doubles, and the copy each Channel keeps
    InputFiles.requireHeap(16 * records * samplesPerRecord, where);
    double[][] values = new double[ns][];
    for (int i = 0; i < ns; i++) {
      values[i] = annot[i] ? null : new double[(int) (records * nsamp[i])];
    }
    List<Annotation> annotations = new ArrayList<>();
    int perBlock = (int) Math.max(1, Math.min(records, (8L << 20) / recordBytes));
    byte[] block = new byte[0];
    for (long r0 = 0; r0 < records; r0 += perBlock) {
      int n = (int) Math.min(perBlock, records - r0);
      block = readFully(ch, headerBytes + r0 * recordBytes, (int) (n * recordBytes), where);
      int p = 0;
      for (long r = r0; r < r0 + n; r++) {
        for (int i = 0; i < ns; i++) {
          if (annot[i]) {
            parseTal(block, p, 2 * nsamp[i], where + " data record " + r, annotations);
            p += 2 * nsamp[i];
            continue;
          }
          double scale = (pmax[i] - pmin[i]) / ((double) dmax[i] - dmin[i]);
          double[] dst = values[i];
          int off = (int) (r * nsamp[i]);
          for (int k = 0; k < nsamp[i]; k++) {
            int d = (short) ((block[p] & 0xFF) | (block[p + 1] << 8));
            dst[off + k] = pmin[i] + (d - dmin[i]) * scale;
            p += 2;
          }
        }
      }
    }
    List<Channel> channels = new ArrayList<>();
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < ns; i++) {
      if (!annot[i]) {
        String name = label[i].isEmpty() ? "signal " + i : label[i];
        int count = seen.merge(name, 1, Integer::sum);
        channels.add(new Channel(count > 1 ? name + " (" + count + ")" : name, unit[i], nsamp[i] / duration, values[i]));
      }
    }
    if (channels.isEmpty()) {
      throw new IllegalArgumentException(where + " holds only annotations and no signal to read");
    }
    String name = file.getFileName().toString();
    return new Recording(name, channels, annotations, start);
  }

  /** {@code length} bytes from {@code offset}; the file ending early is an error naming it. */
  private static byte[] readFully(FileChannel ch, long offset, int length, String where) throws IOException {
    byte[] b = new byte[length];
    ByteBuffer buf = ByteBuffer.wrap(b);
    long at = offset;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, at);
      if (n < 0) {
        throw new IllegalArgumentException(where + " ended at byte " + at + " while being read; expected "
            + (offset + length) + " bytes (was it changed meanwhile?)");
      }
      at += n;
    }
    return b;
  }

  /**
   * Writes a recording as EDF+C. Every channel's sampling rate times the data-record duration (the first
   * of 1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.04, 0.02, 0.01, 2, 5 and 10 s that fits every channel) must be a
   * whole number; channels shorter than the longest are padded with their last value. Labels are at
   * most 16 ASCII characters, units at most 8. A recording without a start time is written with the
   * EDF placeholder 01.01.85 00.00.00; patient and recording fields are EDF+ anonymous ({@code X}). The
   * file is replaced atomically: a failed write (a full disk) leaves a previous file of that name as it was.
   */
  public static Path write(Recording recording, Path file) {
    List<Channel> chans = recording.channels();
    String where = "Writing EDF file " + file;
    double dur = recordDuration(chans, where);
    int ns = chans.size() + 1;
    int[] spr = new int[chans.size()];
    long records = 0;
    for (int i = 0; i < chans.size(); i++) {
      Channel c = chans.get(i);
      checkText(c.name(), 16, where, "label of channel " + i);
      checkText(c.unit(), 8, where, "unit of channel '" + c.name() + "'");
      if (c.name().equals(ANNOTATIONS_LABEL)) {
        throw new IllegalArgumentException(where + ": a channel may not be named '" + ANNOTATIONS_LABEL + "'");
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
    int annotSamples = (annotBytes + 1) / 2;
    LocalDateTime start = recording.startTime() == null ? LocalDateTime.of(1985, 1, 1, 0, 0) : recording.startTime();
    StringBuilder h = new StringBuilder();
    pad(h, "0", 8);
    pad(h, "X X X X", 80);
    pad(h, String.format(Locale.ROOT, "Startdate %02d-%s-%04d X X X", start.getDayOfMonth(),
        MONTHS[start.getMonthValue() - 1], start.getYear()), 80);
    pad(h, String.format(Locale.ROOT, "%02d.%02d.%02d", start.getDayOfMonth(), start.getMonthValue(),
        start.getYear() % 100), 8);
    pad(h, String.format(Locale.ROOT, "%02d.%02d.%02d", start.getHour(), start.getMinute(), start.getSecond()), 8);
    pad(h, Integer.toString(256 * (ns + 1)), 8);
    pad(h, "EDF+C", 44);
    pad(h, Long.toString(records), 8);
    pad(h, decimal(dur), 8);
    pad(h, Integer.toString(ns), 4);
    for (Channel c : chans) {
      pad(h, c.name(), 16);
    }
    pad(h, ANNOTATIONS_LABEL, 16);
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
      pad(h, Integer.toString(DIGITAL_MIN), 8);
    }
    for (int i = 0; i < ns; i++) {
      pad(h, Integer.toString(DIGITAL_MAX), 8);
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
    byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
    try {
      long count = records;
      AtomicFiles.write(file, out -> writeRecords(out, header, chans, spr, annotSamples, count, pminText,
          pmaxText, tals));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write EDF file " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static void writeRecords(OutputStream out, byte[] header, List<Channel> chans, int[] spr,
      int annotSamples, long records, String[] pminText, String[] pmaxText, List<ByteArrayOutputStream> tals)
      throws IOException {
    out.write(header);
    byte[] rec = new byte[2 * (java.util.Arrays.stream(spr).sum() + annotSamples)];
    for (int r = 0; r < records; r++) {
      int p = 0;
      for (int i = 0; i < chans.size(); i++) {
        double[] v = chans.get(i).view();
        double lo = Double.parseDouble(pminText[i]);
        double hi = Double.parseDouble(pmaxText[i]);
        double toDigital = ((double) DIGITAL_MAX - DIGITAL_MIN) / (hi - lo);
        for (int k = 0; k < spr[i]; k++) {
          int idx = r * spr[i] + k;
          double x = v.length == 0 ? 0 : v[Math.min(idx, v.length - 1)];
          long d = Math.round((x - lo) * toDigital + DIGITAL_MIN);
          d = Math.max(DIGITAL_MIN, Math.min(DIGITAL_MAX, d));
          rec[p++] = (byte) d;
          rec[p++] = (byte) (d >> 8);
        }
      }
      byte[] t = tals.get(r).toByteArray();
      java.util.Arrays.fill(rec, p, rec.length, (byte) 0);
      System.arraycopy(t, 0, rec, p, t.length);
      out.write(rec);
    }
  }

  private static double recordDuration(List<Channel> chans, String where) {
    for (double d : RECORD_DURATIONS) {
      boolean ok = true;
      long bytes = 0;
      for (Channel c : chans) {
        double n = c.samplingRate() * d;
        if (Math.abs(n - Math.rint(n)) > 1e-6 * Math.max(1, n) || Math.rint(n) < 1) {
          ok = false;
          break;
        }
        bytes += 2 * Math.round(n);
      }
      if (ok && bytes <= 1 << 20) {
        return d;
      }
    }
    throw new IllegalArgumentException(where + ": no data-record duration in " + java.util.Arrays.toString(RECORD_DURATIONS)
        + " s holds a whole number of samples of every channel (rates " + chans.stream()
            .map(c -> c.name() + "=" + c.samplingRate()).toList() + "); resample the channels first");
  }

  private static void parseTal(byte[] b, int start, int length, String where, List<Annotation> out) {
    int end = start + length;
    int p = start;
    while (p < end && b[p] != 0) {
      int tEnd = p;
      while (tEnd < end && b[tEnd] != 0) {
        tEnd++;
      }
      if (tEnd >= end) {
        throw new IllegalArgumentException(where + ": an EDF+ annotation list (TAL) at byte " + p
            + " is not terminated by a 0 byte within its signal");
      }
      String tal = new String(b, p, tEnd - p, StandardCharsets.UTF_8);
      int firstSep = tal.indexOf('\u0014');
      if (firstSep < 0) {
        throw new IllegalArgumentException(where + ": EDF+ annotation list (TAL) '" + InputFiles.printable(tal)
            + "' at byte " + p + " has no 0x14 separator after its onset");
      }
      String timing = tal.substring(0, firstSep);
      String onsetText = timing;
      double dur = 0;
      int d = timing.indexOf('\u0015');
      if (d >= 0) {
        onsetText = timing.substring(0, d);
        String durText = timing.substring(d + 1);
        if (!TAL_DURATION.matcher(durText).matches() || !Double.isFinite(Double.parseDouble(durText))) {
          throw new IllegalArgumentException(where + ": EDF+ annotation duration '" + InputFiles.printable(durText) + "' at byte "
              + p + " is not an unsigned decimal number of seconds (such as 30 or 1.5)");
        }
        dur = Double.parseDouble(durText);
      }
      if (onsetText.isEmpty() || (onsetText.charAt(0) != '+' && onsetText.charAt(0) != '-')) {
        throw new IllegalArgumentException(where + ": EDF+ annotation onset '" + InputFiles.printable(onsetText) + "' at byte " + p
            + " must start with '+' or '-'");
      }
      if (!TAL_ONSET.matcher(onsetText).matches() || !Double.isFinite(Double.parseDouble(onsetText))) {
        throw new IllegalArgumentException(where + ": EDF+ annotation onset '" + InputFiles.printable(onsetText) + "' at byte " + p
            + " is not a signed decimal number of seconds (such as +12.5)");
      }
      double onset = Double.parseDouble(onsetText);
      String[] texts = tal.substring(firstSep + 1).split("\u0014", -1);
      for (String text : texts) {
        if (!text.isEmpty()) {
          if (onset < 0) {
            throw new IllegalArgumentException(where + ": EDF+ annotation '" + text + "' has the negative onset "
                + onset + " s; annotations before the recording start are not supported");
          }
          out.add(new Annotation(onset, dur, text));
        }
      }
      p = tEnd + 1;
    }
  }

  /**
   * The start from the header's {@code dd.mm.yy} date and {@code hh.mm.ss} time (years 1985-2084); in EDF+
   * the 4-digit year of {@code Startdate dd-MMM-yyyy} in the recording field (required when the date's year is
   * {@code yy}). A malformed field is an error naming it, not a silently missing start time.
   */
  private static LocalDateTime startTime(String date, String time, String recordingId, boolean plus, String where) {
    java.util.regex.Matcher t = CLOCK.matcher(time);
    java.util.regex.Matcher d = DAY.matcher(date);
    if (!t.matches()) {
      throw new IllegalArgumentException(where + ": header field 'starttime of recording' is '" + InputFiles.printable(time)
          + "', expected hh.mm.ss");
    }
    if (!d.matches()) {
      throw new IllegalArgumentException(where + ": header field 'startdate of recording' is '" + InputFiles.printable(date)
          + "', expected dd.mm.yy");
    }
    Integer year = d.group(3).equals("yy") ? null : Integer.parseInt(d.group(3)) >= 85
        ? 1900 + Integer.parseInt(d.group(3)) : 2000 + Integer.parseInt(d.group(3));
    String[] parts = recordingId.split(" ");
    if (parts.length > 1 && parts[0].equals("Startdate") && !parts[1].equals("X")) {
      java.util.regex.Matcher full = FULL_DATE.matcher(parts[1]);
      if (full.matches() && List.of(MONTHS).contains(full.group(2).toUpperCase(Locale.ROOT))) {
        year = Integer.parseInt(full.group(3));
      } else if (plus) {
        throw new IllegalArgumentException(where + ": header field 'local recording identification' has Startdate '"
            + InputFiles.printable(parts[1]) + "', expected dd-MMM-yyyy (such as 02-MAR-2002) or X");
      }
    }
    if (year == null) {
      throw new IllegalArgumentException(where + ": header field 'startdate of recording' is '" + date
          + "' (year yy) but the recording field gives no Startdate dd-MMM-yyyy with the year");
    }
    try {
      return LocalDateTime.of(LocalDate.of(year, Integer.parseInt(d.group(2)), Integer.parseInt(d.group(1))),
          LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)), Integer.parseInt(t.group(3))));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(where + ": header fields 'startdate of recording' '" + date
          + "' and 'starttime of recording' '" + time + "' are not a valid date and time: " + e.getMessage(), e);
    }
  }

  private static String signalField(String field, int i, String label) {
    return field + "' of signal " + i + " ('" + label + "')";
  }

  private static String field(byte[] b, int offset, int length) {
    return new String(b, offset, length, StandardCharsets.ISO_8859_1).trim();
  }

  private static int parseInt(String s, String where, String field) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": header field '" + field + (field.contains("'") ? "" : "'")
          + " is '" + InputFiles.printable(s) + "', expected an integer");
    }
  }

  private static double parseDouble(String s, String where, String field) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v) || s.matches(".*[a-zA-Z].*")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": header field '" + field + (field.contains("'") ? "" : "'")
          + " is '" + InputFiles.printable(s) + "', expected a number");
    }
  }

  private static int maxOf(int[] a) {
    int m = 0;
    for (int v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static void checkText(String s, int max, String where, String what) {
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
