package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Samples stored in fixed-size data records after a header, the layout of EDF, BDF, GDF and BrainVision files:
 * every record holds a fixed number of samples of each channel, each channel in its own contiguous slot of the
 * record (a multiplexed BrainVision file is a record of one sample per channel; a vectorised one is a single
 * record). Records form continuous pieces (segments); a discontinuous file (EDF+D) has several, with gaps between
 * them that read as {@code NaN}.
 *
 * <p>A read touches only the records that hold the requested samples: whole records in blocks of up to 8 MiB
 * when most of each record is wanted, each channel's slot on its own when only a few channels of wide records are
 * (one channel of a 256-channel file costs 1/256 of the bytes). All positions are {@code long}, so files over 2 GiB
 * read like small ones.
 */
final class RecordFile implements SampleSource {

  /** Largest buffer one read allocates. */
  static final int BLOCK = 8 << 20;
  /** A slot span at least this long is worth a read of its own. */
  private static final int SPARSE_SPAN = 4096;

  /**
   * One channel's place in a data record.
   *
   * @param offset byte offset of the slot in the record
   * @param samples samples of the channel per record
   * @param type how each sample is stored
   * @param scale physical units per stored unit
   * @param shift physical value of stored 0
   * @param rate samples per second
   */
  record Slot(long offset, int samples, SampleType type, double scale, double shift, double rate) {}

  private final Path file;
  private final String what;
  private final long dataOffset;
  private final long recordBytes;
  private final Slot[] slots;
  private final long[] segFirstRecord;
  private final long[] segRecords;
  private final double[] segStart;

  /**
   * A file whose records form continuous pieces.
   *
   * @param what the file as messages name it ("EDF file /data/a.edf")
   * @param segFirstRecord first record of each piece
   * @param segRecords records in each piece
   * @param segStart start of each piece in seconds from the start of the recording, increasing
   */
  RecordFile(Path file, String what, long dataOffset, long recordBytes, Slot[] slots, long[] segFirstRecord,
      long[] segRecords, double[] segStart) {
    this.file = file;
    this.what = what;
    this.dataOffset = dataOffset;
    this.recordBytes = recordBytes;
    this.slots = slots.clone();
    this.segFirstRecord = segFirstRecord;
    this.segRecords = segRecords;
    this.segStart = segStart;
    for (int s = 1; s < segStart.length; s++) {
      for (int c = 0; c < slots.length; c++) {
        long end = segmentFirst(c, s - 1) + segmentLength(c, s - 1);
        if (segmentFirst(c, s) < end) {
          throw new IllegalArgumentException(what + ": data record " + segFirstRecord[s] + " starts at "
              + segStart[s] + " s, before the previous data record ends (sample " + end + " of signal " + c
              + " at " + slots[c].rate() + " Hz); the records of a discontinuous file must not overlap");
        }
      }
    }
  }

  /** A continuous file of {@code records} records. */
  static RecordFile continuous(Path file, String what, long dataOffset, long recordBytes, Slot[] slots, long records) {
    return new RecordFile(file, what, dataOffset, recordBytes, slots, new long[] {0}, new long[] {records},
        new double[] {0});
  }

  @Override
  public int channelCount() {
    return slots.length;
  }

  @Override
  public double rate(int channel) {
    return slots[channel].rate();
  }

  @Override
  public long length(int channel) {
    int last = segStart.length - 1;
    return segmentFirst(channel, last) + segmentLength(channel, last);
  }

  @Override
  public int segmentCount() {
    return segStart.length;
  }

  @Override
  public double segmentStart(int segment) {
    return segStart[segment];
  }

  @Override
  public long segmentFirst(int channel, int segment) {
    return segment == 0 && segStart[0] == 0 ? 0 : Math.round(segStart[segment] * slots[channel].rate());
  }

  @Override
  public long segmentLength(int channel, int segment) {
    return segRecords[segment] * slots[channel].samples();
  }

  @Override
  public void read(int[] channels, long[] from, long[] to, double[][] out) {
    int n = channels.length;
    if (segStart.length > 1 || segStart[0] != 0) {
      for (int i = 0; i < n; i++) {
        Arrays.fill(out[i], 0, (int) (to[i] - from[i]), Double.NaN);
      }
    }
    double tFrom = Double.POSITIVE_INFINITY;
    double tTo = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (to[i] > from[i]) {
        tFrom = Math.min(tFrom, from[i] / rate(channels[i]));
        tTo = Math.max(tTo, to[i] / rate(channels[i]));
      }
    }
    if (!(tTo > tFrom)) {
      return;
    }
    // the last segment starting at or before tFrom, and one before it (sample positions are rounded)
    int s0 = Arrays.binarySearch(segStart, tFrom);
    s0 = Math.max(0, (s0 >= 0 ? s0 : -s0 - 2) - 1);
    try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
      long[] a = new long[n];
      long[] b = new long[n];
      for (int s = s0; s < segStart.length && segStart[s] < tTo; s++) {
        long r0 = Long.MAX_VALUE;
        long r1 = Long.MIN_VALUE;
        long wanted = 0;
        long minSpan = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
          int c = channels[i];
          long first = segmentFirst(c, s);
          long lo = Math.max(from[i], first);
          long hi = Math.min(to[i], first + segmentLength(c, s));
          if (lo >= hi) {
            a[i] = b[i] = 0;
            continue;
          }
          a[i] = lo - first;
          b[i] = hi - first;
          int spr = slots[c].samples();
          r0 = Math.min(r0, a[i] / spr);
          r1 = Math.max(r1, (b[i] + spr - 1) / spr);
          wanted += (long) spr * slots[c].type().bytes;
          minSpan = Math.min(minSpan, (long) Math.min(spr, b[i] - a[i]) * slots[c].type().bytes);
        }
        if (r0 >= r1) {
          continue;
        }
        boolean sparse = recordBytes > BLOCK || (wanted * 4 < recordBytes && minSpan >= SPARSE_SPAN);
        if (sparse) {
          readSlots(fc, s, channels, from, a, b, out);
        } else {
          readBlocks(fc, s, r0, r1, channels, from, a, b, out);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** Whole records {@code [r0, r1)} of segment {@code s}, in blocks, each channel decoded from its slots. */
  private void readBlocks(FileChannel fc, int s, long r0, long r1, int[] channels, long[] from, long[] a, long[] b,
      double[][] out) {
    int perBlock = (int) Math.max(1, Math.min(r1 - r0, BLOCK / recordBytes));
    byte[] buf = new byte[(int) (perBlock * recordBytes)];
    for (long q0 = r0; q0 < r1; q0 += perBlock) {
      long q1 = Math.min(r1, q0 + perBlock);
      InputFiles.readAt(fc, dataOffset + (segFirstRecord[s] + q0) * recordBytes, buf, 0,
          (int) ((q1 - q0) * recordBytes), what);
      for (int i = 0; i < channels.length; i++) {
        if (a[i] >= b[i]) {
          continue;
        }
        Slot slot = slots[channels[i]];
        int spr = slot.samples();
        long first = segmentFirst(channels[i], s);
        long k0 = Math.max(a[i], q0 * spr);
        long k1 = Math.min(b[i], q1 * spr);
        if (k0 >= k1) {
          continue;
        }
        int size = slot.type().bytes;
        if (spr == 1) {
          int pos = (int) ((k0 - q0) * recordBytes + slot.offset());
          slot.type().decode(buf, pos, (int) recordBytes, (int) (k1 - k0), out[i], (int) (first + k0 - from[i]),
              slot.scale(), slot.shift());
          continue;
        }
        for (long k = k0; k < k1; ) {
          long q = k / spr;
          long end = Math.min(k1, (q + 1) * spr);
          int pos = (int) ((q - q0) * recordBytes + slot.offset() + (k - q * spr) * size);
          slot.type().decode(buf, pos, size, (int) (end - k), out[i], (int) (first + k - from[i]), slot.scale(),
              slot.shift());
          k = end;
        }
      }
    }
  }

  /** Each channel's slots on their own: for a few channels of wide records. */
  private void readSlots(FileChannel fc, int s, int[] channels, long[] from, long[] a, long[] b, double[][] out) {
    byte[] buf = new byte[0];
    for (int i = 0; i < channels.length; i++) {
      Slot slot = slots[channels[i]];
      int spr = slot.samples();
      int size = slot.type().bytes;
      long first = segmentFirst(channels[i], s);
      for (long k = a[i]; k < b[i]; ) {
        long q = k / spr;
        long end = Math.min(b[i], Math.min((q + 1) * spr, k + BLOCK / size));
        int len = (int) ((end - k) * size);
        if (buf.length < len) {
          buf = new byte[len];
        }
        InputFiles.readAt(fc, dataOffset + (segFirstRecord[s] + q) * recordBytes + slot.offset() + (k - q * spr) * size,
            buf, 0, len, what);
        slot.type().decode(buf, 0, size, (int) (end - k), out[i], (int) (first + k - from[i]), slot.scale(),
            slot.shift());
        k = end;
      }
    }
  }
}
