package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a BrainVision recording: the {@code .vhdr} header (INI sections: common infos, binary infos, channel
 * infos), the {@code .vmrk} marker file and the binary {@code .eeg} data file they name, which must lie in the
 * header's folder. Multiplexed data is a data record of one sample per channel; vectorised data a single record
 * holding each channel in turn.
 */
final class BrainVisionReader {

  /** Largest header or marker file read (64 MiB). */
  private static final long MAX_TEXT = 64L << 20;
  private static final int MAX_CHANNELS = 1 << 16;
  private static final Pattern CH = Pattern.compile("Ch(\\d{1,9})");
  private static final Pattern MK = Pattern.compile("Mk(\\d{1,9})");
  private static final Pattern DATE = Pattern.compile("(\\d{4})(\\d\\d)(\\d\\d)(\\d\\d)(\\d\\d)(\\d\\d)(\\d{6})");

  private BrainVisionReader() {}

  static LazyRecording open(Path vhdr) {
    String where = "BrainVision header " + vhdr;
    Ini h = Ini.parse(InputFiles.readAll(vhdr, "BrainVision header", MAX_TEXT), where, "Data Exchange Header File");
    Path dir = vhdr.toAbsolutePath().getParent();
    String dataName = h.require("Common Infos", "DataFile");
    Path data = InputFiles.resolveInside(dir, dataName, where + ": field 'DataFile'");
    String format = h.require("Common Infos", "DataFormat").toUpperCase(Locale.ROOT);
    if (!format.equals("BINARY")) {
      throw new IllegalArgumentException(where + ": field 'DataFormat' is '" + InputFiles.printable(format)
          + "'; only BINARY data is read (export ASCII data as binary)");
    }
    String domain = h.get("Common Infos", "DataType");
    if (domain != null && !domain.equalsIgnoreCase("TIMEDOMAIN")) {
      throw new IllegalArgumentException(where + ": field 'DataType' is '" + InputFiles.printable(domain)
          + "'; only TIMEDOMAIN data is read");
    }
    String orientation = h.require("Common Infos", "DataOrientation").toUpperCase(Locale.ROOT);
    if (!orientation.equals("MULTIPLEXED") && !orientation.equals("VECTORIZED")) {
      throw new IllegalArgumentException(where + ": field 'DataOrientation' is '" + InputFiles.printable(orientation)
          + "', expected MULTIPLEXED or VECTORIZED");
    }
    int n = h.integer("Common Infos", "NumberOfChannels", 1, MAX_CHANNELS);
    double interval = h.number("Common Infos", "SamplingInterval");
    double rate = 1e6 / interval;
    if (Math.abs(rate - Math.rint(rate)) <= 1e-9 * rate) {
      rate = Math.rint(rate); // an interval written in decimal microseconds, such as 2777.777777777778 for 360 Hz
    }
    if (!(interval > 0) || !Double.isFinite(rate) || !(rate > 0)) {
      throw new IllegalArgumentException(where + ": field 'SamplingInterval' is " + interval
          + " microseconds, expected a positive number giving a finite rate");
    }
    SampleType type = type(h.require("Binary Infos", "BinaryFormat"), where);
    Map<Integer, String> chLines = new HashMap<>();
    for (Map.Entry<String, String> e : h.section("Channel Infos").entrySet()) {
      Matcher m = CH.matcher(e.getKey());
      if (m.matches()) {
        chLines.put(Integer.parseInt(m.group(1)), e.getValue());
      }
    }
    List<ChannelInfo> infos = new ArrayList<>();
    double[] scale = new double[n];
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 1; c <= n; c++) {
      String line = chLines.get(c);
      if (line == null) {
        throw new IllegalArgumentException(where + ": section [Channel Infos] has no line 'Ch" + c + "=' but field "
            + "'NumberOfChannels' is " + n);
      }
      String[] f = line.split(",", -1);
      String name = f[0].replace("\\1", ",").trim();
      String res = f.length > 2 ? f[2].trim() : "";
      String unit = f.length > 3 && !f[3].trim().isEmpty() ? f[3].trim() : "\u00b5V";
      double r = 1;
      if (!res.isEmpty()) {
        try {
          r = Double.parseDouble(res);
        } catch (NumberFormatException e) {
          r = Double.NaN;
        }
        if (!Double.isFinite(r) || r == 0) {
          throw new IllegalArgumentException(where + ": the resolution of channel " + c + " (field 'Ch" + c
              + "') is '" + InputFiles.printable(res) + "', expected a non-zero number");
        }
      }
      scale[c - 1] = r;
      name = name.isEmpty() ? "signal " + (c - 1) : name;
      int count = seen.merge(name, 1, Integer::sum);
      infos.add(new ChannelInfo(count > 1 ? name + " (" + count + ")" : name, unit, rate, 0,
          type.isInteger() ? Math.abs(r) : Double.NaN));
    }
    String dataWhere = "BrainVision data file " + data + " (named in " + vhdr + ")";
    long size = InputFiles.requireRegularFile(data, "BrainVision data file (named in " + vhdr + ")");
    long frame = (long) n * type.bytes;
    if (size % frame != 0) {
      throw new IllegalArgumentException(dataWhere + " has " + size + " bytes, not a whole number of samples of "
          + n + " channels of " + type.bytes + " bytes");
    }
    long samples = size / frame;
    String points = h.get("Common Infos", "DataPoints");
    if (points != null && !points.isBlank()) {
      long declared = h.longValue("Common Infos", "DataPoints");
      if (declared != samples) {
        throw new IllegalArgumentException(where + ": field 'DataPoints' is " + declared + " but " + dataWhere
            + " holds " + samples + " samples per channel");
      }
    }
    boolean vectorized = orientation.equals("VECTORIZED");
    if (vectorized && samples > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(dataWhere + " holds " + samples + " samples per channel in VECTORIZED order;"
          + " at most " + Integer.MAX_VALUE + " are read in that order");
    }
    RecordFile.Slot[] slots = new RecordFile.Slot[n];
    for (int c = 0; c < n; c++) {
      long offset = vectorized ? c * samples * type.bytes : (long) c * type.bytes;
      int spr = vectorized ? (int) samples : 1;
      slots[c] = new RecordFile.Slot(offset, Math.max(1, spr), type, scale[c], 0, rate);
    }
    RecordFile file = RecordFile.continuous(data, dataWhere, 0, vectorized ? Math.max(1, samples) * frame : frame,
        slots, vectorized ? (samples == 0 ? 0 : 1) : samples);
    List<ChannelInfo> sized = new ArrayList<>();
    for (ChannelInfo i : infos) {
      sized.add(new ChannelInfo(i.name(), i.unit(), i.samplingRate(), samples, i.resolution()));
    }
    List<Annotation> annotations = new ArrayList<>();
    LocalDateTime start = null;
    String markerName = h.get("Common Infos", "MarkerFile");
    if (markerName != null && !markerName.isBlank()) {
      Path vmrk = InputFiles.resolveInside(dir, markerName, where + ": field 'MarkerFile'");
      start = markers(vmrk, rate, annotations);
    }
    return new LazyRecording(vhdr.getFileName().toString(), vhdr, "BrainVision " + orientation.toLowerCase(Locale.ROOT)
        + " " + type.name().toLowerCase(Locale.ROOT), sized, annotations, start, file);
  }

  /** The markers of a {@code .vmrk} file as annotations; returns the date of the first "New Segment" marker. */
  private static LocalDateTime markers(Path vmrk, double rate, List<Annotation> out) {
    String where = "BrainVision marker file " + vmrk;
    Ini m = Ini.parse(InputFiles.readAll(vmrk, "BrainVision marker file", MAX_TEXT), where,
        "Data Exchange Marker File");
    LocalDateTime start = null;
    Map<String, String> section = m.section("Marker Infos");
    for (Map.Entry<String, String> e : section.entrySet()) {
      if (!MK.matcher(e.getKey()).matches()) {
        continue;
      }
      String[] f = e.getValue().split(",", -1);
      String field = "field '" + e.getKey() + "'";
      if (f.length < 4) {
        throw new IllegalArgumentException(where + ": " + field + " is '" + InputFiles.printable(e.getValue())
            + "', expected Type,Description,Position,Points[,Channel[,Date]]");
      }
      String mtype = f[0].replace("\\1", ",").trim();
      String desc = f[1].replace("\\1", ",").trim();
      long pos = parseLong(f[2], where, field + " position");
      long points = f[3].isBlank() ? 1 : parseLong(f[3], where, field + " points");
      if (pos < 1 || points < 0) {
        throw new IllegalArgumentException(where + ": " + field + " has position " + pos + " and " + points
            + " points; positions count samples from 1 and points are not negative");
      }
      String label = mtype.isEmpty() ? desc : desc.isEmpty() ? mtype : mtype + "/" + desc;
      out.add(new Annotation((pos - 1) / rate, points <= 1 ? 0 : points / rate, label));
      if (start == null && mtype.equalsIgnoreCase("New Segment") && f.length > 5 && !f[5].isBlank()) {
        start = date(f[5].trim(), where, field);
      }
    }
    return start;
  }

  private static LocalDateTime date(String s, String where, String field) {
    if (s.chars().allMatch(ch -> ch == '0')) {
      return null;
    }
    Matcher d = DATE.matcher(s);
    try {
      if (d.matches()) {
        return LocalDateTime.of(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)),
            Integer.parseInt(d.group(3)), Integer.parseInt(d.group(4)), Integer.parseInt(d.group(5)),
            Integer.parseInt(d.group(6)), Integer.parseInt(d.group(7)) * 1000);
      }
    } catch (DateTimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(where + ": the date of " + field + " is '" + InputFiles.printable(s)
        + "', expected YYYYMMDDhhmmss and 6 digits of microseconds");
  }

  private static SampleType type(String f, String where) {
    return switch (f.toUpperCase(Locale.ROOT)) {
      case "INT_16" -> SampleType.INT16;
      case "UINT_16" -> SampleType.UINT16;
      case "INT_32" -> SampleType.INT32;
      case "IEEE_FLOAT_32" -> SampleType.FLOAT32;
      case "IEEE_FLOAT_64" -> SampleType.FLOAT64;
      default -> throw new IllegalArgumentException(where + ": field 'BinaryFormat' is '" + InputFiles.printable(f)
          + "', expected INT_16, UINT_16, INT_32, IEEE_FLOAT_32 or IEEE_FLOAT_64");
    };
  }

  private static long parseLong(String s, String where, String field) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + field + " is '" + InputFiles.printable(s)
          + "', expected an integer");
    }
  }

  /** The sections of an INI-style BrainVision text file: {@code [Section]} lines, {@code key=value} lines. */
  private static final class Ini {
    private final String where;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    private Ini(String where) {
      this.where = where;
    }

    static Ini parse(byte[] bytes, String where, String kind) {
      String text = decode(bytes);
      Ini ini = new Ini(where);
      String[] lines = text.split("\r?\n|\r");
      if (lines.length == 0 || !lines[0].contains(kind)) {
        throw new IllegalArgumentException(where + ": the first line is '"
            + InputFiles.printable(lines.length == 0 ? "" : lines[0].strip()) + "', expected 'Brain Vision " + kind
            + " Version 1.0' (or 2.0)");
      }
      Map<String, String> current = null;
      for (int i = 1; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.isEmpty() || l.startsWith(";")) {
          continue;
        }
        if (l.startsWith("[") && l.endsWith("]")) {
          String name = l.substring(1, l.length() - 1).strip();
          current = ini.sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
          continue;
        }
        int eq = l.indexOf('=');
        if (current != null && eq > 0) {
          current.putIfAbsent(l.substring(0, eq).strip(), l.substring(eq + 1));
        }
      }
      return ini;
    }

    /** UTF-8 when the bytes are valid UTF-8 (the BrainVision 2.0 default), Windows-1252 otherwise. */
    private static String decode(byte[] bytes) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        Charset ansi = Charset.isSupported("windows-1252") ? Charset.forName("windows-1252")
            : StandardCharsets.ISO_8859_1;
        return new String(bytes, ansi);
      }
    }

    Map<String, String> section(String name) {
      return sections.getOrDefault(name, Map.of());
    }

    String get(String section, String key) {
      return section(section).get(key);
    }

    String require(String section, String key) {
      String v = get(section, key);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(where + ": field '" + key + "' in section [" + section + "] is missing");
      }
      return v.strip();
    }

    double number(String section, String key) {
      String v = require(section, key);
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": field '" + key + "' is '" + InputFiles.printable(v)
            + "', expected a number");
      }
    }

    long longValue(String section, String key) {
      String v = require(section, key);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": field '" + key + "' is '" + InputFiles.printable(v)
            + "', expected an integer");
      }
    }

    int integer(String section, String key, int min, int max) {
      long v = longValue(section, key);
      if (v < min || v > max) {
        throw new IllegalArgumentException(where + ": field '" + key + "' is " + v + ", expected " + min + ".."
            + max);
      }
      return (int) v;
    }
  }
}
