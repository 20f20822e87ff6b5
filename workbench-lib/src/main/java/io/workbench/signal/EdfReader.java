package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens EDF, EDF+ (continuous and discontinuous), BDF and BDF+ files as {@link LazyRecording}s: the 256-byte fixed
 * header and 256 bytes per signal are parsed and checked against the file size, the annotation signals of EDF+/BDF+
 * are read (they are spread over the data records), and the data records become a {@link RecordFile}. EDF stores
 * 16-bit samples, BDF 24-bit ones (BioSemi's "Status" channel becomes its 16 trigger bits).
 *
 * <p>Time zero is the start of the first data record (its time-keeping annotation in EDF+, as MNE counts it); the
 * start time of the header is moved by that fraction of a second. In EDF+D each data record's time-keeping
 * annotation gives its start: adjacent records form a continuous piece, and a later start leaves a gap.
 */
final class EdfReader {

  /** EDF or BDF: the version field, the sample size and the annotation signal's label. */
  enum Kind {
    EDF("EDF", 2, "EDF Annotations"),
    BDF("BDF", 3, "BDF Annotations");

    final String name;
    final int bytes;
    final String annotations;

    Kind(String name, int bytes, String annotations) {
      this.name = name;
      this.bytes = bytes;
      this.annotations = annotations;
    }
  }

  /** Label of BioSemi's status channel in BDF files. */
  static final String STATUS = "Status";

  private static final Pattern TAL_ONSET = Pattern.compile("[+-]\\d+(\\.\\d*)?");
  private static final Pattern TAL_DURATION = Pattern.compile("\\d+(\\.\\d*)?");
  private static final Pattern CLOCK = Pattern.compile("(\\d\\d)\\.(\\d\\d)\\.(\\d\\d)");
  private static final Pattern DAY = Pattern.compile("(\\d\\d)\\.(\\d\\d)\\.(\\d\\d|yy)");
  private static final Pattern FULL_DATE = Pattern.compile("(\\d\\d)-([A-Za-z]{3})-(\\d{4})");
  static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  /** The latest start of a data record accepted, in seconds (about 31 years). */
  private static final double MAX_ONSET = 1e9;
  /** Annotations are checked against the heap every this many. */
  private static final int HEAP_CHECK = 1 << 16;

  private EdfReader() {}

  /** The kind of file from its first byte: 0xFF is BDF, '0' is EDF; anything else is an error naming the file. */
  static Kind kindOf(byte first, String version, String where) {
    if ((first & 0xFF) == 0xFF) {
      return Kind.BDF;
    }
    if (version.equals("0")) {
      return Kind.EDF;
    }
    throw new IllegalArgumentException(where + ": header field 'version' is '" + InputFiles.printable(version)
        + "', expected '0' (EDF) or the byte 0xFF followed by 'BIOSEMI' (BDF)");
  }

  /**
   * Opens the file; {@code expected} is the kind the caller reads (the other kind is an error that names the right
   * call), or {@code null} for either.
   *
   * @param eager whether the caller will load every sample: a file whose samples cannot fit the heap then fails
   *     before its annotations are scanned
   */
  static LazyRecording open(Path file, Kind expected, boolean eager) {
    String where = (expected == null ? "EDF/BDF" : expected.name) + " file " + file;
    long size = InputFiles.requireRegularFile(file, (expected == null ? "EDF/BDF" : expected.name) + " file");
    if (size < 256) {
      throw new IllegalArgumentException(where + " has " + size + " bytes, fewer than the 256-byte header");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] fixed = new byte[256];
      InputFiles.readAt(ch, 0, fixed, 0, 256, where);
      Kind kind = kindOf(fixed[0], field(fixed, 0, 8), where);
      if (expected != null && kind != expected) {
        throw new IllegalArgumentException(where + " is a " + kind.name + " file (header field 'version'), not "
            + expected.name + "; read it with " + (kind == Kind.BDF ? "Bdf" : "Edf") + ".read or Recordings.open");
      }
      where = kind.name + " file " + file;
      int ns = parseInt(field(fixed, 252, 4), where, "number of signals");
      if (ns < 1) {
        throw new IllegalArgumentException(where + ": header field 'number of signals' is " + ns + ", expected >= 1");
      }
      int headerBytes = parseInt(field(fixed, 184, 8), where, "number of bytes in header record");
      if ((long) headerBytes != 256L * (ns + 1)) {
        throw new IllegalArgumentException(where + ": header field 'number of bytes in header record' is "
            + headerBytes + " but " + ns + " signals need " + 256L * (ns + 1));
      }
      if (size < headerBytes) {
        throw new IllegalArgumentException(where + " has " + size + " bytes, fewer than its " + headerBytes
            + "-byte header");
      }
      byte[] header = new byte[headerBytes];
      InputFiles.readAt(ch, 0, header, 0, headerBytes, where);
      return new Header(kind, file, where, header, size).open(ch, eager);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  /** The parsed header of one file. */
  private static final class Header {
    final Kind kind;
    final Path file;
    final String where;
    final int ns;
    final int headerBytes;
    final boolean plus;
    final boolean discontinuous;
    final long records;
    final double duration;
    final String[] label;
    final String[] unit;
    final double[] pmin;
    final double[] pmax;
    final int[] dmin;
    final int[] dmax;
    final int[] nsamp;
    final boolean[] annot;
    final long recordBytes;
    final long samplesPerRecord;
    final LocalDateTime start;

    Header(Kind kind, Path file, String where, byte[] b, long size) {
      this.kind = kind;
      this.file = file;
      this.where = where;
      headerBytes = b.length;
      String reserved = field(b, 192, 44);
      plus = reserved.startsWith("EDF+") || reserved.startsWith("BDF+");
      discontinuous = plus && reserved.startsWith("D", 4);
      long rec = parseLong(field(b, 236, 8), where, "number of data records");
      duration = parseDouble(field(b, 244, 8), where, "duration of a data record");
      ns = parseInt(field(b, 252, 4), where, "number of signals");
      if (duration < 0) {
        throw new IllegalArgumentException(
            where + ": header field 'duration of a data record' is " + duration + ", expected >= 0");
      }
      start = startTime(field(b, 168, 8), field(b, 176, 8), field(b, 88, 80), plus, where);
      label = new String[ns];
      unit = new String[ns];
      pmin = new double[ns];
      pmax = new double[ns];
      dmin = new int[ns];
      dmax = new int[ns];
      nsamp = new int[ns];
      annot = new boolean[ns];
      int base = 256;
      for (int i = 0; i < ns; i++) {
        label[i] = field(b, base + 16 * i, 16);
        annot[i] = plus && (label[i].equals(Kind.EDF.annotations) || label[i].equals(Kind.BDF.annotations));
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
      int lo = kind == Kind.BDF ? -(1 << 23) : -32768;
      int hi = kind == Kind.BDF ? (1 << 23) - 1 : 32767;
      long bytes = 0;
      long perRecord = 0;
      boolean anyAnnot = false;
      for (int i = 0; i < ns; i++) {
        nsamp[i] = parseInt(field(b, base + 8 * i, 8), where,
            signalField("number of samples in each data record", i, label[i]));
        if (nsamp[i] < 1) {
          throw new IllegalArgumentException(where + ": header field '"
              + signalField("number of samples in each data record", i, label[i]) + "' is " + nsamp[i]
              + ", expected >= 1");
        }
        bytes += (long) kind.bytes * nsamp[i];
        anyAnnot |= annot[i];
        if (!annot[i]) {
          perRecord += nsamp[i];
          if (dmax[i] <= dmin[i] || dmin[i] < lo || dmax[i] > hi) {
            throw new IllegalArgumentException(where + ": header fields 'digital minimum' " + dmin[i]
                + " and 'digital maximum' " + dmax[i] + " of signal " + i + " ('" + label[i] + "') must satisfy "
                + lo + " <= minimum < maximum <= " + hi);
          }
          if (pmax[i] == pmin[i]) {
            throw new IllegalArgumentException(where + ": header fields 'physical minimum' and 'physical maximum' "
                + "of signal " + i + " ('" + label[i] + "') are both " + pmin[i] + "; the scaling would divide by zero");
          }
          if (!(duration > 0) || !Double.isFinite(nsamp[i] / duration)) {
            throw new IllegalArgumentException(where + ": header field 'duration of a data record' is " + duration
                + " but the file has ordinary signals, which need a positive duration giving a finite sampling rate");
          }
        }
      }
      if (discontinuous && !anyAnnot) {
        throw new IllegalArgumentException(where + ": the header says " + kind.name + "+D (discontinuous) but no signal"
            + " is labelled '" + kind.annotations + "'; the data records' start times are missing");
      }
      recordBytes = bytes;
      samplesPerRecord = perRecord;
      long available = size - headerBytes;
      if (rec < 0) {
        if (rec != -1) {
          throw new IllegalArgumentException(where + ": header field 'number of data records' is " + rec
              + ", expected >= 0 (or -1 while recording)");
        }
        rec = available / recordBytes;
      }
      records = rec;
      long need;
      try {
        need = Math.multiplyExact(records, recordBytes);
      } catch (ArithmeticException e) {
        need = Long.MAX_VALUE;
      }
      if (available < need) {
        throw new IllegalArgumentException(where + " is truncated: header field 'number of data records' says "
            + records + " records of " + recordBytes + " bytes (" + need + " bytes after the header) but the file "
            + "holds " + available);
      }
      if (available > need) {
        throw new IllegalArgumentException(where + " holds " + available + " bytes after the header but header field"
            + " 'number of data records' says " + records + " records of " + recordBytes + " bytes (" + need
            + "); the header and the file size disagree");
      }
    }

    LazyRecording open(FileChannel ch, boolean eager) {
      if (eager) {
        int widest = Arrays.stream(nsamp).max().orElse(0);
        if (records * widest > InputFiles.MAX_ARRAY) {
          throw new IllegalArgumentException(where + " has " + records + " data records of up to " + widest
              + " samples per signal; at most " + InputFiles.MAX_ARRAY + " samples per signal are read at once"
              + " (open it with open(path) and read parts)");
        }
        // the samples as doubles
        InputFiles.requireHeap(8 * records * samplesPerRecord, where);
      }
      List<RecordFile.Slot> slots = new ArrayList<>();
      List<ChannelInfo> infos = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      long offset = 0;
      for (int i = 0; i < ns; i++) {
        if (!annot[i]) {
          double rate = nsamp[i] / duration;
          boolean status = kind == Kind.BDF && label[i].equals(STATUS);
          double scale = status ? 1 : (pmax[i] - pmin[i]) / ((double) dmax[i] - dmin[i]);
          double shift = status ? 0 : pmin[i] - dmin[i] * scale;
          SampleType type = status ? SampleType.STATUS24 : kind == Kind.BDF ? SampleType.INT24 : SampleType.INT16;
          slots.add(new RecordFile.Slot(offset, nsamp[i], type, scale, shift, rate));
          String name = label[i].isEmpty() ? "signal " + i : label[i];
          int count = seen.merge(name, 1, Integer::sum);
          infos.add(new ChannelInfo(count > 1 ? name + " (" + count + ")" : name, status ? "" : unit[i], rate,
              records * nsamp[i], Math.abs(scale)));
        }
        offset += (long) kind.bytes * nsamp[i];
      }
      if (infos.isEmpty()) {
        throw new IllegalArgumentException(where + " holds only annotations and no signal to read");
      }
      RecordFile.Slot[] slotArray = slots.toArray(new RecordFile.Slot[0]);
      List<Annotation> annotations = new ArrayList<>();
      RecordFile data;
      LocalDateTime begin = start;
      if (plus && records > 0) {
        Timeline t = scanAnnotations(ch, annotations);
        double zero = Double.isNaN(t.onsets[0]) && !discontinuous ? 0 : t.onsets[0];
        data = discontinuous ? t.file(this, slotArray, zero)
            : RecordFile.continuous(file, where, headerBytes, recordBytes, slotArray, records);
        for (int k = 0; k < annotations.size(); k++) {
          Annotation a = annotations.get(k);
          double on = a.onset() - zero;
          if (on < 0) {
            throw new IllegalArgumentException(where + ": EDF+ annotation '" + InputFiles.printable(a.label())
                + "' at " + a.onset() + " s is before the first data record, which starts at " + zero
                + " s; annotations before the recording start are not supported");
          }
          annotations.set(k, new Annotation(on, a.duration(), a.label()));
        }
        begin = start.plusNanos(Math.round(zero * 1e9));
      } else {
        data = RecordFile.continuous(file, where, headerBytes, recordBytes, slotArray, records);
      }
      if (discontinuous) {
        infos = withLengths(infos, data);
      }
      String format = kind.name + (plus ? (discontinuous ? "+D" : "+C") : "");
      return new LazyRecording(file.getFileName().toString(), file, format, infos, annotations, begin, data);
    }

    private static List<ChannelInfo> withLengths(List<ChannelInfo> infos, RecordFile data) {
      List<ChannelInfo> out = new ArrayList<>();
      for (int c = 0; c < infos.size(); c++) {
        ChannelInfo i = infos.get(c);
        out.add(new ChannelInfo(i.name(), i.unit(), i.samplingRate(), data.length(c), i.resolution()));
      }
      return out;
    }

    /**
     * Reads the annotation signals of every data record: the annotations, and each record's start from its first
     * (time-keeping) annotation list.
     */
    private Timeline scanAnnotations(FileChannel ch, List<Annotation> out) {
      int[] annotOffset = new int[ns];
      int annotBytes = 0;
      long p = 0;
      for (int i = 0; i < ns; i++) {
        if (annot[i]) {
          annotOffset[i] = (int) p;
          annotBytes += kind.bytes * nsamp[i];
        }
        p += (long) kind.bytes * nsamp[i];
      }
      Timeline t = new Timeline(where);
      long nextCheck = HEAP_CHECK;
      boolean perRecord = (long) annotBytes * 16 < recordBytes || recordBytes > RecordFile.BLOCK;
      int perBlock = perRecord ? 1 : (int) Math.max(1, Math.min(records, RecordFile.BLOCK / recordBytes));
      byte[] block = perRecord ? new byte[(int) Math.min(recordBytes, Integer.MAX_VALUE - 8)] : new byte[(int) (
          perBlock * recordBytes)];
      for (long r0 = 0; r0 < records; r0 += perBlock) {
        int n = (int) Math.min(perBlock, records - r0);
        if (!perRecord) {
          InputFiles.readAt(ch, headerBytes + r0 * recordBytes, block, 0, (int) (n * recordBytes), where);
        }
        for (int q = 0; q < n; q++) {
          long r = r0 + q;
          double first = Double.NaN;
          for (int i = 0; i < ns; i++) {
            if (!annot[i]) {
              continue;
            }
            int len = kind.bytes * nsamp[i];
            int at;
            if (perRecord) {
              InputFiles.readAt(ch, headerBytes + r * recordBytes + annotOffset[i], block, 0, len, where);
              at = 0;
            } else {
              at = (int) (q * recordBytes + annotOffset[i]);
            }
            double onset = parseTal(block, at, len, where + " data record " + r, out);
            if (Double.isNaN(first)) {
              first = onset;
            }
            if (out.size() >= nextCheck) {
              // room for the next batch of annotations, or a clean error instead of running out of memory
              InputFiles.requireHeap(64L << 20, where + " (its " + out.size() + " annotations so far)");
              nextCheck = out.size() + HEAP_CHECK;
            }
          }
          if (discontinuous || r == 0) {
            t.add(r, first, duration);
          }
        }
      }
      return t;
    }
  }

  /** The start of each data record, grouped into continuous pieces. */
  private static final class Timeline {
    final String where;
    double[] onsets;
    long[] firstRecord;
    long[] recordCount;
    int pieces;

    Timeline(String where) {
      this.where = where;
      onsets = new double[] {Double.NaN};
      firstRecord = new long[1];
      recordCount = new long[1];
    }

    /** Record {@code r} starts at {@code onset} (NaN when it has no time-keeping annotation). */
    void add(long r, double onset, double duration) {
      if (Math.abs(onset) > MAX_ONSET) {
        throw new IllegalArgumentException(where + ": data record " + r + " starts at " + onset + " s (its time-keeping"
            + " annotation), more than " + MAX_ONSET + " s from the header's start time");
      }
      if (r == 0) {
        onsets[0] = onset;
        pieces = 1;
        recordCount[0] = 1;
        return;
      }
      if (Double.isNaN(onset) || Double.isNaN(onsets[pieces - 1])) {
        throw new IllegalArgumentException(where + ": data record " + (Double.isNaN(onset) ? r
            : firstRecord[pieces - 1]) + " has no time-keeping annotation (an annotation list with its onset first in"
            + " the annotation signal), which a discontinuous (+D) file needs in every record");
      }
      double expected = onsets[pieces - 1] + recordCount[pieces - 1] * duration;
      if (Math.abs(onset - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) + 1e-12) {
        recordCount[pieces - 1]++;
        return;
      }
      if (pieces == onsets.length) {
        InputFiles.requireHeap(24L * pieces, where + " (discontinuous data records)");
        onsets = Arrays.copyOf(onsets, 2 * pieces);
        firstRecord = Arrays.copyOf(firstRecord, 2 * pieces);
        recordCount = Arrays.copyOf(recordCount, 2 * pieces);
      }
      onsets[pieces] = onset;
      firstRecord[pieces] = r;
      recordCount[pieces] = 1;
      pieces++;
    }

    RecordFile file(Header h, RecordFile.Slot[] slots, double zero) {
      double[] starts = new double[pieces];
      for (int s = 0; s < pieces; s++) {
        if (Double.isNaN(onsets[s])) {
          throw new IllegalArgumentException(h.where + ": data record " + firstRecord[s] + " has no time-keeping "
              + "annotation (an empty annotation list with its onset first in the '" + h.kind.annotations
              + "' signal), which " + h.kind.name + "+D needs for every record");
        }
        starts[s] = onsets[s] - zero;
      }
      return new RecordFile(h.file, h.where, h.headerBytes, h.recordBytes, slots, Arrays.copyOf(firstRecord, pieces),
          Arrays.copyOf(recordCount, pieces), starts);
    }
  }

  /**
   * Parses the annotation lists (TALs) of one annotation signal of one data record into {@code out}; returns the
   * onset of the first list (the record's start in EDF+), or NaN when there is none.
   */
  static double parseTal(byte[] b, int start, int length, String where, List<Annotation> out) {
    int end = start + length;
    int p = start;
    double first = Double.NaN;
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
          throw new IllegalArgumentException(where + ": EDF+ annotation duration '" + InputFiles.printable(durText)
              + "' at byte " + p + " is not an unsigned decimal number of seconds (such as 30 or 1.5)");
        }
        dur = Double.parseDouble(durText);
      }
      if (onsetText.isEmpty() || (onsetText.charAt(0) != '+' && onsetText.charAt(0) != '-')) {
        throw new IllegalArgumentException(where + ": EDF+ annotation onset '" + InputFiles.printable(onsetText)
            + "' at byte " + p + " must start with '+' or '-'");
      }
      if (!TAL_ONSET.matcher(onsetText).matches() || !Double.isFinite(Double.parseDouble(onsetText))) {
        throw new IllegalArgumentException(where + ": EDF+ annotation onset '" + InputFiles.printable(onsetText)
            + "' at byte " + p + " is not a signed decimal number of seconds (such as +12.5)");
      }
      double onset = Double.parseDouble(onsetText);
      if (Double.isNaN(first)) {
        first = onset;
      }
      String[] texts = tal.substring(firstSep + 1).split("\u0014", -1);
      for (String text : texts) {
        if (!text.isEmpty()) {
          if (onset < 0) {
            throw new IllegalArgumentException(where + ": EDF+ annotation '" + InputFiles.printable(text)
                + "' has the negative onset " + onset + " s; annotations before the recording start are not supported");
          }
          out.add(new Annotation(onset, dur, text));
        }
      }
      p = tEnd + 1;
    }
    return first;
  }

  /**
   * The start from the header's {@code dd.mm.yy} date and {@code hh.mm.ss} time (years 1985-2084); in EDF+ the
   * 4-digit year of {@code Startdate dd-MMM-yyyy} in the recording field (required when the date's year is {@code
   * yy}). A malformed field is an error naming it, not a silently missing start time.
   */
  private static LocalDateTime startTime(String date, String time, String recordingId, boolean plus, String where) {
    Matcher t = CLOCK.matcher(time);
    Matcher d = DAY.matcher(date);
    if (!t.matches()) {
      throw new IllegalArgumentException(where + ": header field 'starttime of recording' is '"
          + InputFiles.printable(time) + "', expected hh.mm.ss");
    }
    if (!d.matches()) {
      throw new IllegalArgumentException(where + ": header field 'startdate of recording' is '"
          + InputFiles.printable(date) + "', expected dd.mm.yy");
    }
    Integer year = d.group(3).equals("yy") ? null : Integer.parseInt(d.group(3)) >= 85
        ? 1900 + Integer.parseInt(d.group(3)) : 2000 + Integer.parseInt(d.group(3));
    String[] parts = recordingId.split(" ");
    if (parts.length > 1 && parts[0].equals("Startdate") && !parts[1].equals("X")) {
      Matcher full = FULL_DATE.matcher(parts[1]);
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
    return field + "' of signal " + i + " ('" + InputFiles.printable(label) + "')";
  }

  static String field(byte[] b, int offset, int length) {
    return new String(b, offset, length, StandardCharsets.ISO_8859_1).trim();
  }

  private static int parseInt(String s, String where, String field) {
    long v = parseLong(s, where, field);
    if (v != (int) v) {
      throw new IllegalArgumentException(where + ": header field '" + field + (field.contains("'") ? "" : "'")
          + " is " + v + ", outside the integers this reader accepts");
    }
    return (int) v;
  }

  private static long parseLong(String s, String where, String field) {
    try {
      return Long.parseLong(s);
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
}
