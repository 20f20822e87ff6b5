package io.workbench.signal;

import io.workbench.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes GDF 2.20 files for {@link Gdf#write}: the fixed header, 256 bytes per channel in GDF 2's field-by-field
 * layout, int16 data records scaled per channel, and an event table of mode 3 (positions, types, channels,
 * durations).
 */
final class GdfWriter {

  private static final int DIGITAL_MIN = -32768;
  private static final int DIGITAL_MAX = 32767;
  private static final int INT16 = 3;

  private GdfWriter() {}

  static Path write(Recording recording, Path file) {
    String where = "Writing GDF file " + file;
    List<Channel> chans = recording.channels();
    int ns = chans.size();
    if (ns > 65535) {
      throw new IllegalArgumentException(where + ": " + ns + " channels; GDF 2 holds at most 65535");
    }
    double dur = EdfWriter.recordDuration(chans, where);
    long num = dur >= 1 ? Math.round(dur) : 1;
    long den = dur >= 1 ? 1 : Math.round(1 / dur);
    int[] spr = new int[ns];
    double[] lo = new double[ns];
    double[] hi = new double[ns];
    long records = 1;
    double maxRate = 0;
    for (int i = 0; i < ns; i++) {
      Channel c = chans.get(i);
      EdfWriter.checkText(c.name(), 16, where, "label of channel " + i);
      EdfWriter.checkText(c.unit(), 6, where, "unit of channel '" + c.name() + "'");
      spr[i] = (int) Math.round(c.samplingRate() * dur);
      records = Math.max(records, (c.length() + spr[i] - 1) / spr[i]);
      maxRate = Math.max(maxRate, c.samplingRate());
      lo[i] = Double.POSITIVE_INFINITY;
      hi[i] = Double.NEGATIVE_INFINITY;
      double[] v = c.view();
      for (int k = 0; k < v.length; k++) {
        if (!Double.isFinite(v[k])) {
          throw new IllegalArgumentException(where + ": channel '" + c.name() + "' has the value " + v[k]
              + " at sample " + k + "; only finite numbers are written");
        }
        lo[i] = Math.min(lo[i], v[k]);
        hi[i] = Math.max(hi[i], v[k]);
      }
      if (!(hi[i] > lo[i])) {
        double mid = v.length == 0 ? 0 : lo[i];
        lo[i] = mid - 1;
        hi[i] = mid + 1;
      }
    }
    List<Annotation> ann = recording.annotations();
    if (ann.size() >= 1 << 24) {
      throw new IllegalArgumentException(where + ": " + ann.size() + " annotations; a GDF event table holds at most "
          + ((1 << 24) - 1));
    }
    int[] typ = new int[ann.size()];
    for (int k = 0; k < typ.length; k++) {
      Annotation a = ann.get(k);
      typ[k] = code(a.label(), where);
      if (Math.round(a.onset() * maxRate) + 1 > 0xFFFFFFFFL || Math.round(a.duration() * maxRate) > 0xFFFFFFFFL) {
        throw new IllegalArgumentException(where + ": annotation '" + a.label() + "' at " + a.onset() + " s lasting "
            + a.duration() + " s does not fit the 32-bit positions of a GDF event table at " + maxRate + " Hz");
      }
    }
    int headerBytes = 256 * (ns + 1);
    ByteBuffer h = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
    put(h, 0, "GDF 2.20", 8);
    put(h, 8, "X X", 66);
    put(h, 88, "X", 64);
    if (recording.startTime() != null) {
      h.putLong(168, GdfFields.toDayNumber(recording.startTime()));
    }
    h.putShort(184, (short) (ns + 1));
    h.putLong(236, records);
    h.putInt(244, (int) num);
    h.putInt(248, (int) den);
    h.putShort(252, (short) ns);
    int p = 256;
    for (int i = 0; i < ns; i++) {
      put(h, p + 16 * i, chans.get(i).name(), 16);
    }
    p += 96 * ns;
    for (int i = 0; i < ns; i++) {
      put(h, p + 6 * i, chans.get(i).unit().replace('\u00b5', 'u'), 6);
      h.putShort(p + 6 * ns + 2 * i, (short) GdfFields.unitCode(chans.get(i).unit()));
    }
    p += 8 * ns;
    for (int i = 0; i < ns; i++) {
      h.putDouble(p + 8 * i, lo[i]);
      h.putDouble(p + 8 * ns + 8 * i, hi[i]);
      h.putDouble(p + 16 * ns + 8 * i, DIGITAL_MIN);
      h.putDouble(p + 24 * ns + 8 * i, DIGITAL_MAX);
    }
    p += 32 * ns + 68 * ns;
    for (int i = 0; i < ns; i++) {
      h.putFloat(p + 4 * i, Float.NaN);
      h.putFloat(p + 4 * ns + 4 * i, Float.NaN);
      h.putFloat(p + 8 * ns + 4 * i, Float.NaN);
    }
    p += 12 * ns;
    for (int i = 0; i < ns; i++) {
      h.putInt(p + 4 * i, spr[i]);
      h.putInt(p + 4 * ns + 4 * i, INT16);
    }
    byte[] events = eventTable(ann, typ, maxRate);
    long count = records;
    try {
      AtomicFiles.write(file, out -> {
        out.write(h.array());
        int recordBytes = 0;
        for (int s : spr) {
          recordBytes += 2 * s;
        }
        byte[] rec = new byte[recordBytes];
        for (long r = 0; r < count; r++) {
          int q = 0;
          for (int i = 0; i < ns; i++) {
            double[] v = chans.get(i).view();
            double toDigital = ((double) DIGITAL_MAX - DIGITAL_MIN) / (hi[i] - lo[i]);
            for (int k = 0; k < spr[i]; k++) {
              long idx = r * spr[i] + k;
              double x = v.length == 0 ? 0 : v[(int) Math.min(idx, v.length - 1)];
              long d = Math.max(DIGITAL_MIN, Math.min(DIGITAL_MAX, Math.round((x - lo[i]) * toDigital + DIGITAL_MIN)));
              SampleType.INT16.encode(d, rec, q);
              q += 2;
            }
          }
          out.write(rec);
        }
        out.write(events);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write GDF file " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Mode 3: mode, 3-byte count, float32 rate, then positions (from 1), types, channels (0: all), durations. */
  private static byte[] eventTable(List<Annotation> ann, int[] typ, double rate) {
    int n = ann.size();
    ByteBuffer e = ByteBuffer.allocate(8 + 12 * n).order(ByteOrder.LITTLE_ENDIAN);
    e.put(0, (byte) 3);
    e.put(1, (byte) n);
    e.put(2, (byte) (n >> 8));
    e.put(3, (byte) (n >> 16));
    e.putFloat(4, (float) rate);
    for (int k = 0; k < n; k++) {
      Annotation a = ann.get(k);
      e.putInt(8 + 4 * k, (int) (Math.round(a.onset() * rate) + 1));
      e.putShort(8 + 4 * n + 2 * k, (short) typ[k]);
      e.putShort(8 + 6 * n + 2 * k, (short) 0);
      e.putInt(8 + 8 * n + 4 * k, (int) Math.round(a.duration() * rate));
    }
    return e.array();
  }

  private static int code(String label, String where) {
    try {
      int c = Integer.parseInt(label.trim());
      if (c >= 1 && c <= 65535) {
        return c;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(where + ": annotation label '" + label + "' is not a GDF event code; GDF "
        + "events are numbers 1..65535 (for example 769 for the BCI IV cue 'left hand')");
  }

  private static void put(ByteBuffer b, int offset, String s, int width) {
    byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
    if (t.length > width) {
      throw new IllegalStateException("GDF header field '" + s + "' exceeds " + width + " bytes");
    }
    for (int i = 0; i < t.length; i++) {
      b.put(offset + i, t[i]);
    }
  }
}
