package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses GDF 1.x and 2.x files (Schlögl's General Data Format for biosignals, the format of BCI Competition IV 2a and
 * 2b): the fixed header, the variable header (256 bytes per channel, field by field), GDF 2's tag-length-value
 * header 3 (only tag 1, the descriptions of user-specific event codes, is used), the data records and the event
 * table after them. Every count is checked against the file size before anything is allocated from it.
 */
final class GdfReader {

  /** Largest event table read (events are 10-20 bytes each). */
  private static final long MAX_EVENTS = (1 << 24) - 1;
  /** The event code of a sparse sample (the values of a channel sampled at irregular times), not an event. */
  private static final int SPARSE_SAMPLE = 0x7fff;

  private GdfReader() {}

  /** Everything parsed from one file. */
  record Parsed(LazyRecording recording, List<Gdf.Event> events) {}

  /** Opens the file: header, channels and events now, samples on demand. */
  static Parsed open(Path file) {
    String where = "GDF file " + file;
    long size = InputFiles.requireRegularFile(file, "GDF file");
    if (size < 256) {
      throw new IllegalArgumentException(where + " has " + size + " bytes, fewer than the 256-byte fixed header");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] fixed = new byte[256];
      InputFiles.readAt(ch, 0, fixed, 0, 256, where);
      return new Header(file, where, size, fixed).read(ch);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  /** The version number from the first 8 bytes ({@code "GDF 2.20"}), or an error naming the file. */
  static double version(byte[] b, String where) {
    String v = new String(b, 0, 8, StandardCharsets.ISO_8859_1);
    if (!v.startsWith("GDF ")) {
      throw new IllegalArgumentException(where + ": header field 'version' is '" + InputFiles.printable(v.trim())
          + "', expected 'GDF 1.xx' or 'GDF 2.xx'");
    }
    try {
      double n = Double.parseDouble(v.substring(4).trim());
      if (n >= 1 && n < 3) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(where + ": header field 'version' is '" + InputFiles.printable(v.trim())
        + "'; versions 1.xx and 2.xx are read");
  }

  private static final class Header {
    final Path file;
    final String where;
    final long size;
    final double version;
    final ByteBuffer fixed;

    Header(Path file, String where, long size, byte[] fixed) {
      this.file = file;
      this.where = where;
      this.size = size;
      this.version = version(fixed, where);
      this.fixed = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean v2() {
      return version >= 1.9;
    }

    Parsed read(FileChannel ch) {
      long headerBytes = v2() ? 256L * (fixed.getShort(184) & 0xFFFF) : fixed.getLong(184);
      long records = fixed.getLong(236);
      // the duration of a record: a fraction of two uint32 (numerator, denominator) up to GDF 2.20, a float64 since
      double duration = version >= 2.21 ? fixed.getDouble(244)
          : (double) (fixed.getInt(244) & 0xFFFFFFFFL) / (fixed.getInt(248) & 0xFFFFFFFFL);
      String durationText = version >= 2.21 ? Double.toString(duration)
          : (fixed.getInt(244) & 0xFFFFFFFFL) + "/" + (fixed.getInt(248) & 0xFFFFFFFFL);
      int ns = v2() ? fixed.getShort(252) & 0xFFFF : fixed.getInt(252);
      if (ns < 1 || ns > 65535) {
        throw new IllegalArgumentException(where + ": header field 'number of signals' is " + Integer.toUnsignedString(ns)
            + ", expected 1..65535");
      }
      long minHeader = 256L * (ns + 1);
      if (headerBytes < minHeader || headerBytes > minHeader + (16 << 20)) {
        throw new IllegalArgumentException(where + ": header field 'header length' is " + headerBytes + " bytes but "
            + ns + " signals need " + minHeader + " (plus at most 16 MiB of tagged header 3)");
      }
      if (headerBytes > size) {
        throw new IllegalArgumentException(where + " has " + size + " bytes, fewer than its " + headerBytes
            + "-byte header (header field 'header length')");
      }
      if (!(duration > 0) || !Double.isFinite(duration)) {
        throw new IllegalArgumentException(where + ": header field 'duration of a data record' is " + durationText
            + " s, expected a positive number of seconds");
      }
      if (records < 0) {
        throw new IllegalArgumentException(where + ": header field 'number of data records' is " + records
            + "; a GDF file of unknown length (-1) cannot be told apart from its event table");
      }
      byte[] varBytes = new byte[(int) (headerBytes - 256)];
      InputFiles.readAt(ch, 256, varBytes, 0, varBytes.length, where);
      ByteBuffer v = ByteBuffer.wrap(varBytes).order(ByteOrder.LITTLE_ENDIAN);
      Channels c = v2() ? channels2(v, ns) : channels1(v, ns);
      List<String> codes = eventDescriptions(varBytes, (int) minHeader - 256);

      List<RecordFile.Slot> slots = new ArrayList<>();
      List<ChannelInfo> infos = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      long offset = 0;
      double maxRate = 0;
      for (int i = 0; i < ns; i++) {
        long spr = c.spr[i] & 0xFFFFFFFFL;
        if (spr == 0) {
          continue; // a channel of sparse samples (stored as events), not in the data records
        }
        SampleType type = type(c.gdftyp[i], i, c.label[i]);
        long bytes = spr * type.bytes;
        if (spr > Integer.MAX_VALUE || offset + bytes > Long.MAX_VALUE / 2 || records > Long.MAX_VALUE / bytes) {
          throw new IllegalArgumentException(where + ": header field 'samples per record' of channel " + (i + 1)
              + " ('" + InputFiles.printable(c.label[i]) + "') is " + spr + ", more than this reader accepts");
        }
        double range = c.dmax[i] - c.dmin[i];
        if (!(range != 0) || !Double.isFinite(range) || !Double.isFinite(c.pmax[i] - c.pmin[i])) {
          throw new IllegalArgumentException(where + ": channel " + (i + 1) + " ('" + InputFiles.printable(c.label[i])
              + "') has digital range " + c.dmin[i] + ".." + c.dmax[i] + " and physical range " + c.pmin[i] + ".."
              + c.pmax[i] + "; the scaling needs finite ranges with digital maximum != minimum");
        }
        double scale = (c.pmax[i] - c.pmin[i]) / range;
        double shift = c.pmin[i] - c.dmin[i] * scale;
        double rate = spr / duration;
        if (!Double.isFinite(rate) || !(rate > 0) || !Double.isFinite(scale) || !Double.isFinite(shift)) {
          throw new IllegalArgumentException(where + ": channel " + (i + 1) + " ('"
              + InputFiles.printable(c.label[i]) + "') has " + spr + " samples per " + durationText
              + " s record and scaling " + scale + "; expected a finite rate and scaling");
        }
        maxRate = Math.max(maxRate, rate);
        slots.add(new RecordFile.Slot(offset, (int) spr, type, scale, shift, rate));
        String name = c.label[i].isEmpty() ? "signal " + i : c.label[i];
        int count = seen.merge(name, 1, Integer::sum);
        infos.add(new ChannelInfo(count > 1 ? name + " (" + count + ")" : name, c.unit[i], rate,
            records * spr, type.isInteger() ? Math.abs(scale) : Double.NaN));
        offset += bytes;
      }
      long recordBytes = offset;
      if (infos.isEmpty()) {
        throw new IllegalArgumentException(where + " has no channel with samples in its data records");
      }
      long dataBytes;
      try {
        dataBytes = Math.multiplyExact(records, recordBytes);
        Math.multiplyExact(records, (long) slots.stream().mapToInt(RecordFile.Slot::samples).max().orElse(0));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(where + ": header field 'number of data records' " + records
            + " times the record size " + recordBytes + " bytes overflows");
      }
      if (headerBytes + dataBytes > size) {
        throw new IllegalArgumentException(where + " is truncated: header field 'number of data records' says "
            + records + " records of " + recordBytes + " bytes (" + dataBytes + " bytes after the " + headerBytes
            + "-byte header) but the file holds " + (size - headerBytes));
      }
      List<Gdf.Event> events = events(ch, headerBytes + dataBytes, maxRate, codes);
      List<Annotation> annotations = new ArrayList<>();
      for (Gdf.Event e : events) {
        if (e.type() != SPARSE_SAMPLE) {
          annotations.add(new Annotation(e.onset(), e.durationSeconds(), e.label()));
        }
      }
      RecordFile data = RecordFile.continuous(file, where, headerBytes, recordBytes,
          slots.toArray(new RecordFile.Slot[0]), records);
      String format = "GDF " + new String(fixed.array(), 4, 4, StandardCharsets.ISO_8859_1).trim();
      LazyRecording r = new LazyRecording(file.getFileName().toString(), file, format, infos, annotations,
          startTime(), data);
      return new Parsed(r, events);
    }

    /** The parsed variable header. */
    private static final class Channels {
      String[] label;
      String[] unit;
      double[] pmin;
      double[] pmax;
      double[] dmin;
      double[] dmax;
      int[] spr;
      int[] gdftyp;

      Channels(int ns) {
        label = new String[ns];
        unit = new String[ns];
        pmin = new double[ns];
        pmax = new double[ns];
        dmin = new double[ns];
        dmax = new double[ns];
        spr = new int[ns];
        gdftyp = new int[ns];
      }
    }

    /** GDF 1.x: label 16, transducer 80, unit 8, physical min/max f64, digital min/max i64, filter 80, spr, type. */
    private Channels channels1(ByteBuffer v, int ns) {
      Channels c = new Channels(ns);
      int p = 0;
      for (int i = 0; i < ns; i++) {
        c.label[i] = text(v, p + 16 * i, 16);
      }
      p += 96 * ns;
      for (int i = 0; i < ns; i++) {
        c.unit[i] = text(v, p + 8 * i, 8);
      }
      p += 8 * ns;
      for (int i = 0; i < ns; i++) {
        c.pmin[i] = v.getDouble(p + 8 * i);
        c.pmax[i] = v.getDouble(p + 8 * ns + 8 * i);
        c.dmin[i] = v.getLong(p + 16 * ns + 8 * i);
        c.dmax[i] = v.getLong(p + 24 * ns + 8 * i);
      }
      p += 32 * ns + 80 * ns;
      for (int i = 0; i < ns; i++) {
        c.spr[i] = v.getInt(p + 4 * i);
        c.gdftyp[i] = v.getInt(p + 4 * ns + 4 * i);
      }
      return c;
    }

    /**
     * GDF 2.x: label 16, transducer 80, unit 6 (text) and 2 (code), physical and digital min/max f64, filter 68,
     * low/high pass and notch f32, spr, type, position 12, impedance and reserved 20.
     */
    private Channels channels2(ByteBuffer v, int ns) {
      Channels c = new Channels(ns);
      int p = 0;
      for (int i = 0; i < ns; i++) {
        c.label[i] = text(v, p + 16 * i, 16);
      }
      p += 96 * ns;
      for (int i = 0; i < ns; i++) {
        String text = text(v, p + 6 * i, 6);
        int code = v.getShort(p + 6 * ns + 2 * i) & 0xFFFF;
        c.unit[i] = text.isEmpty() ? GdfFields.unitName(code) : text;
      }
      p += 8 * ns;
      for (int i = 0; i < ns; i++) {
        c.pmin[i] = v.getDouble(p + 8 * i);
        c.pmax[i] = v.getDouble(p + 8 * ns + 8 * i);
        c.dmin[i] = v.getDouble(p + 16 * ns + 8 * i);
        c.dmax[i] = v.getDouble(p + 24 * ns + 8 * i);
      }
      p += 32 * ns + 68 * ns + 12 * ns;
      for (int i = 0; i < ns; i++) {
        c.spr[i] = v.getInt(p + 4 * i);
        c.gdftyp[i] = v.getInt(p + 4 * ns + 4 * i);
      }
      return c;
    }

    private SampleType type(int gdftyp, int i, String label) {
      return switch (gdftyp) {
        case 1 -> SampleType.INT8;
        case 2 -> SampleType.UINT8;
        case 3 -> SampleType.INT16;
        case 4 -> SampleType.UINT16;
        case 5 -> SampleType.INT32;
        case 6 -> SampleType.UINT32;
        case 7 -> SampleType.INT64;
        case 8 -> SampleType.UINT64;
        case 16 -> SampleType.FLOAT32;
        case 17 -> SampleType.FLOAT64;
        case 279 -> SampleType.INT24;
        case 535 -> SampleType.UINT24;
        default -> throw new IllegalArgumentException(where + ": header field 'data type' of channel " + (i + 1)
            + " ('" + InputFiles.printable(label) + "') is " + gdftyp + "; supported are 1-8 (integers of 8-64 bits),"
            + " 16 and 17 (float32, float64), 279 and 535 (24-bit integers)");
      };
    }

    /**
     * The descriptions of user-specific event codes (TYP 1..255) from tag 1 of the tagged header 3, a list of
     * zero-terminated strings (the first for code 0); other tags are skipped.
     */
    private List<String> eventDescriptions(byte[] var, int from) {
      List<String> out = new ArrayList<>();
      int p = from;
      while (p + 4 <= var.length) {
        int tag = var[p] & 0xFF;
        int len = (var[p + 1] & 0xFF) | (var[p + 2] & 0xFF) << 8 | (var[p + 3] & 0xFF) << 16;
        if (tag == 0) {
          break;
        }
        if (len > var.length - p - 4) {
          throw new IllegalArgumentException(where + ": header 3 tag " + tag + " at byte " + (256 + p) + " says "
              + len + " bytes but the header ends " + (var.length - p - 4) + " bytes later");
        }
        if (tag == 1 && out.isEmpty()) {
          int q = p + 4;
          int end = p + 4 + len;
          while (q < end && out.size() < 256) {
            int z = q;
            while (z < end && var[z] != 0) {
              z++;
            }
            out.add(new String(var, q, z - q, StandardCharsets.UTF_8));
            q = z + 1;
          }
        }
        p += 4 + len;
      }
      return out;
    }

    /** The event table after the data records: mode, count and rate, then positions, types, channels, durations. */
    private List<Gdf.Event> events(FileChannel ch, long at, double maxRate, List<String> codes) {
      long left = size - at;
      if (left == 0) {
        return List.of();
      }
      if (left < 8) {
        throw new IllegalArgumentException(where + " has " + left + " bytes after its data records, too few for an"
            + " event table (8 bytes before the events)");
      }
      byte[] head = new byte[8];
      InputFiles.readAt(ch, at, head, 0, 8, where);
      ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
      int mode = head[0] & 0xFF;
      if (mode != 1 && mode != 3 && mode != 5 && mode != 7) {
        throw new IllegalArgumentException(where + ": event table field 'mode' at byte " + at + " is " + mode
            + ", expected 1, 3, 5 or 7");
      }
      long n;
      double rate;
      int u24 = (head[1] & 0xFF) | (head[2] & 0xFF) << 8 | (head[3] & 0xFF) << 16;
      if (version < 1.94) {
        rate = u24;
        n = h.getInt(4) & 0xFFFFFFFFL;
      } else {
        n = u24;
        rate = h.getFloat(4);
      }
      if (!(rate > 0) || !Double.isFinite(rate)) {
        rate = maxRate;
      }
      int per = 4 + 2 + ((mode & 2) != 0 ? 6 : 0) + ((mode & 4) != 0 ? 8 : 0);
      if (n > MAX_EVENTS || n * per > left - 8) {
        throw new IllegalArgumentException(where + ": event table field 'number of events' is " + n + " but "
            + (left - 8) + " bytes follow, room for " + (left - 8) / per + " events of " + per + " bytes");
      }
      InputFiles.requireHeap(n * (per + 120), where + " (event table)");
      byte[] body = new byte[(int) (n * per)];
      InputFiles.readAt(ch, at + 8, body, 0, body.length, where);
      ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
      List<Gdf.Event> out = new ArrayList<>();
      int nn = (int) n;
      for (int k = 0; k < nn; k++) {
        long pos = b.getInt(4 * k) & 0xFFFFFFFFL;
        int typ = b.getShort(4 * nn + 2 * k) & 0xFFFF;
        int chn = (mode & 2) != 0 ? b.getShort(6 * nn + 2 * k) & 0xFFFF : 0;
        long dur = (mode & 2) != 0 ? b.getInt(8 * nn + 4 * k) & 0xFFFFFFFFL : 0;
        if (pos < 1) {
          throw new IllegalArgumentException(where + ": event " + k + " (type " + typ + ") has position 0; GDF event "
              + "positions count samples from 1");
        }
        String label = typ > 0 && typ < codes.size() && !codes.get(typ).isEmpty() ? codes.get(typ)
            : Integer.toString(typ);
        out.add(new Gdf.Event(typ, pos - 1, chn, dur, (pos - 1) / rate, dur / rate, label));
      }
      return out;
    }

    /** The start of the recording, or null when the header leaves it empty. */
    private LocalDateTime startTime() {
      if (!v2()) {
        String s = text(fixed, 168, 16);
        if (s.isEmpty() || s.chars().allMatch(ch -> ch == '0')) {
          return null;
        }
        try {
          if (!s.matches("\\d{14}[\\d ]{0,2}")) {
            throw new NumberFormatException(s);
          }
          int cs = s.length() >= 16 && !s.substring(14, 16).isBlank() ? Integer.parseInt(s.substring(14, 16).trim())
              : 0;
          return LocalDateTime.of(LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
              Integer.parseInt(s.substring(6, 8))), LocalTime.of(Integer.parseInt(s.substring(8, 10)),
              Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)), cs * 10_000_000));
        } catch (NumberFormatException | DateTimeException e) {
          throw new IllegalArgumentException(where + ": header field 'start date and time' is '"
              + InputFiles.printable(s) + "', expected YYYYMMDDhhmmsscc");
        }
      }
      long t = fixed.getLong(168);
      if (t == 0) {
        return null;
      }
      return GdfFields.toDateTime(t, where, "start date and time");
    }
  }

  /** Text of a fixed-width field: up to the first NUL, trimmed. */
  private static String text(ByteBuffer b, int offset, int length) {
    byte[] a = b.array();
    int end = offset;
    while (end < offset + length && a[end] != 0) {
      end++;
    }
    return new String(a, offset, end - offset, StandardCharsets.ISO_8859_1).trim();
  }
}
