package io.workbench.signal;

import io.workbench.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/** Writes the three files of a BrainVision recording for {@link BrainVision#write}. */
final class BrainVisionWriter {

  private BrainVisionWriter() {}

  static Path write(Recording recording, Path vhdr) {
    String where = "Writing BrainVision header " + vhdr;
    String fileName = vhdr.getFileName() == null ? "" : vhdr.getFileName().toString();
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".vhdr") || fileName.length() == 5) {
      throw new IllegalArgumentException(where + ": the header's name must end in .vhdr, such as rec.vhdr");
    }
    String base = fileName.substring(0, fileName.length() - 5);
    List<Channel> chans = recording.channels();
    double rate = chans.get(0).samplingRate();
    int length = chans.get(0).length();
    for (Channel c : chans) {
      if (c.samplingRate() != rate || c.length() != length) {
        throw new IllegalArgumentException(where + ": every channel needs one sampling rate and length, got "
            + chans.stream().map(x -> x.name() + "=" + x.samplingRate() + " Hz x " + x.length()).toList()
            + "; resample (Recording.resample) first");
      }
      text(c.name(), where, "channel name");
      text(c.unit(), where, "unit of channel '" + c.name() + "'");
      for (int k = 0; k < c.length(); k++) {
        double v = c.view()[k];
        if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
          throw new IllegalArgumentException(where + ": channel '" + c.name() + "' has the value " + v + " at sample "
              + k + "; float32 data holds finite numbers up to " + Float.MAX_VALUE);
        }
      }
    }
    StringBuilder m = new StringBuilder("Brain Vision Data Exchange Marker File, Version 1.0\r\n\r\n[Common Infos]\r\n")
        .append("Codepage=UTF-8\r\nDataFile=").append(base).append(".eeg\r\n\r\n[Marker Infos]\r\n")
        .append("; Each entry: Mk<Marker number>=<Type>,<Description>,<Position in data points>,\r\n")
        .append("; <Size in data points>, <Channel number (0 = marker is related to all channels)>\r\n");
    int k = 1;
    LocalDateTime start = recording.startTime();
    if (start != null) {
      m.append("Mk1=New Segment,,1,1,0,").append(String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d%06d",
          start.getYear(), start.getMonthValue(), start.getDayOfMonth(), start.getHour(), start.getMinute(),
          start.getSecond(), start.getNano() / 1000)).append("\r\n");
      k++;
    }
    for (Annotation a : recording.annotations()) {
      String label = text(a.label(), where, "annotation label");
      int slash = label.indexOf('/');
      String type = slash < 0 ? "" : label.substring(0, slash);
      String desc = slash < 0 ? label : label.substring(slash + 1);
      long pos = Math.round(a.onset() * rate) + 1;
      long points = Math.max(1, Math.round(a.duration() * rate));
      m.append("Mk").append(k++).append('=').append(type.replace(",", "\\1")).append(',')
          .append(desc.replace(",", "\\1")).append(',').append(pos).append(',').append(points).append(",0\r\n");
    }
    StringBuilder h = new StringBuilder("Brain Vision Data Exchange Header File Version 1.0\r\n\r\n[Common Infos]\r\n")
        .append("Codepage=UTF-8\r\nDataFile=").append(base).append(".eeg\r\nMarkerFile=").append(base)
        .append(".vmrk\r\nDataFormat=BINARY\r\nDataOrientation=MULTIPLEXED\r\nDataType=TIMEDOMAIN\r\n")
        .append("NumberOfChannels=").append(chans.size()).append("\r\nDataPoints=").append(length)
        .append("\r\n; Sampling interval in microseconds\r\nSamplingInterval=").append(1e6 / rate)
        .append("\r\n\r\n[Binary Infos]\r\nBinaryFormat=IEEE_FLOAT_32\r\n\r\n[Channel Infos]\r\n")
        .append("; Each entry: Ch<Channel number>=<Name>,<Reference channel name>,<Resolution in \"Unit\">,<Unit>\r\n");
    for (int c = 0; c < chans.size(); c++) {
      h.append("Ch").append(c + 1).append('=').append(chans.get(c).name().replace(",", "\\1")).append(",,1,")
          .append(chans.get(c).unit()).append("\r\n");
    }
    Path dir = vhdr.toAbsolutePath().getParent();
    try {
      AtomicFiles.write(dir.resolve(base + ".eeg"), out -> {
        int n = chans.size();
        ByteBuffer buf = ByteBuffer.allocate(4 * n * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
          for (Channel c : chans) {
            buf.putFloat((float) c.view()[i]);
          }
          if (!buf.hasRemaining()) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
          }
        }
        out.write(buf.array(), 0, buf.position());
      });
      AtomicFiles.write(dir.resolve(base + ".vmrk"), out -> out.write(m.toString().getBytes(StandardCharsets.UTF_8)));
      AtomicFiles.write(vhdr, out -> out.write(h.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write BrainVision recording " + vhdr + ": " + e.getMessage(), e);
    }
    return vhdr;
  }

  /** A name or label as it may appear in a header line (no line breaks). */
  private static String text(String s, String where, String what) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(where + ": the " + what + " '" + s.replace("\n", "\\n").replace("\r", "\\r")
          + "' has a line break or NUL, which a BrainVision header line cannot hold");
    }
    return s;
  }
}
