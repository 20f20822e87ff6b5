package io.workbench.signal;

import io.workbench.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes single-segment WFDB records for {@link Wfdb#write}: one signal file in format 16 (little-endian int16,
 * frames interleaved), and a header whose signal lines carry gain, baseline 0, units, initial value and checksum.
 */
final class WfdbWriter {

  private WfdbWriter() {}

  static Path write(Recording recording, Path header, double gain) {
    String where = "Writing WFDB record " + header;
    String fileName = header.getFileName() == null ? "" : header.getFileName().toString();
    if (!fileName.endsWith(".hea") || fileName.length() == 4 || fileName.contains(" ")) {
      throw new IllegalArgumentException(where + ": the header must be named <record>.hea (no spaces), got '"
          + fileName + "'");
    }
    if (!(gain > 0) || Double.isInfinite(gain)) {
      throw new IllegalArgumentException(where + ": gain must be a positive number of digital units per physical"
          + " unit, got " + gain);
    }
    List<Channel> chans = recording.channels();
    if (chans.isEmpty()) {
      throw new IllegalArgumentException(where + ": the recording '" + recording.name() + "' has no channels");
    }
    double rate = chans.get(0).samplingRate();
    int n = chans.get(0).length();
    for (Channel c : chans) {
      if (c.samplingRate() != rate || c.length() != n) {
        throw new IllegalArgumentException(where + ": every channel needs the same rate and length; '"
            + chans.get(0).name() + "' has " + rate + " Hz x " + n + ", '" + c.name() + "' has " + c.samplingRate()
            + " Hz x " + c.length());
      }
      if (c.name().contains("\n") || c.unit().contains(" ") || c.unit().contains("\n")) {
        throw new IllegalArgumentException(where + ": channel '" + c.name() + "' with unit '" + c.unit()
            + "' cannot be written (no line breaks in names, no spaces in units)");
      }
    }
    String record = fileName.substring(0, fileName.length() - 4);
    int ns = chans.size();
    byte[] data = new byte[2 * ns * n];
    int[] first = new int[ns];
    int[] sum = new int[ns];
    for (int c = 0; c < ns; c++) {
      double[] v = chans.get(c).view();
      for (int k = 0; k < n; k++) {
        long d = Math.round(v[k] * gain);
        if (!Double.isFinite(v[k]) || d <= Short.MIN_VALUE || d > Short.MAX_VALUE) {
          throw new IllegalArgumentException(where + ": channel '" + chans.get(c).name() + "' sample " + k + " is "
              + v[k] + ", which at gain " + gain + " does not fit format 16 (-32767..32767)");
        }
        if (k == 0) {
          first[c] = (int) d;
        }
        sum[c] += (int) d;
        int at = 2 * (k * ns + c);
        data[at] = (byte) d;
        data[at + 1] = (byte) (d >> 8);
      }
    }
    StringBuilder h = new StringBuilder();
    h.append(record).append(' ').append(ns).append(' ').append(number(rate)).append(' ').append(n).append('\n');
    for (int c = 0; c < ns; c++) {
      Channel ch = chans.get(c);
      h.append(record).append(".dat 16 ").append(number(gain)).append("(0)/").append(ch.unit().isEmpty() ? "mV"
          : ch.unit()).append(" 16 0 ").append(first[c]).append(' ').append((short) sum[c]).append(" 0 ")
          .append(ch.name()).append('\n');
    }
    try {
      AtomicFiles.write(header.resolveSibling(record + ".dat"), data);
      AtomicFiles.writeString(header, h.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(where + ": " + e.getMessage(), e);
    }
    return header;
  }

  private static String number(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
  }
}
