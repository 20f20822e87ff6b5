import io.workbench.signal.Bdf;
import io.workbench.signal.Edf;
import io.workbench.signal.Gdf;
import io.workbench.signal.LazyRecording;
import io.workbench.signal.Recording;
import io.workbench.signal.Window;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reading EDF, BDF and GDF files: the peer of bench/python/signal_read_bench.py (MNE 1.3). Commands:
 *
 * <pre>
 * write-edf FILE MB   a plain EDF of 32 channels at 256 Hz, 1 s records, seeded pseudo-random int16 samples
 * write-bdf FILE MB   the same as 24-bit BDF
 * write-gdf FILE SEC  a GDF 2 of 32 channels at 256 Hz written by the workbench (Gdf.write)
 * read FILE           the whole file into memory (Edf/Bdf/Gdf.read): "TIME read <s>", "RSS <MiB>"
 * windows FILE SEC    iterate every window of SEC seconds over all channels (LazyRecording.windows), which never
 *                     holds the file: "TIME windows <s>", "WINDOWS <n>", "RSS <MiB>" (run it with a small -Xmx)
 * </pre>
 *
 * RSS is the process's peak resident set (VmHWM). Sums of the samples are printed so that nothing is optimised
 * away and the two readers can be compared.
 */
public class SignalReadBench {

  static final int CHANNELS = 32;
  static final int RATE = 256;

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "write-edf" -> write(file, Long.parseLong(args[2]) << 20, false);
      case "write-bdf" -> write(file, Long.parseLong(args[2]) << 20, true);
      case "write-gdf" -> writeGdf(file, Integer.parseInt(args[2]));
      case "read" -> read(file);
      case "windows" -> windows(file, Double.parseDouble(args[2]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static String field(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.substring(0, width);
  }

  /** Header and data records of a plain EDF (16-bit) or BDF (24-bit) file of about {@code bytes} bytes. */
  static void write(Path file, long bytes, boolean bdf) throws IOException {
    int width = bdf ? 3 : 2;
    long recordBytes = (long) CHANNELS * RATE * width;
    long records = Math.max(1, bytes / recordBytes);
    int digMax = bdf ? 8388607 : 32767;
    StringBuilder h = new StringBuilder();
    h.append(bdf ? "\u00ffBIOSEMI" : "0       ");
    h.append(field("X X X X", 80)).append(field("Startdate 01-JAN-2020 X bench X", 80));
    h.append("01.01.20").append("00.00.00").append(field(Integer.toString(256 * (CHANNELS + 1)), 8));
    h.append(field(bdf ? "24BIT" : "", 44)).append(field(Long.toString(records), 8)).append(field("1", 8));
    h.append(field(Integer.toString(CHANNELS), 4));
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("EEG" + c, 16));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("", 80));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("uV", 8));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("-3200", 8));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("3200", 8));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field(Integer.toString(-digMax - 1), 8));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field(Integer.toString(digMax), 8));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("", 80));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field(Integer.toString(RATE), 8));
    }
    for (int c = 0; c < CHANNELS; c++) {
      h.append(field("", 32));
    }
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    long seed = 42;
    int block = 64;
    ByteBuffer buf = ByteBuffer.allocate((int) (recordBytes * block)).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(header));
      for (long r = 0; r < records; r += block) {
        buf.clear();
        long n = Math.min(block, records - r);
        for (long i = 0; i < n * CHANNELS * RATE; i++) {
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          int v = (int) (seed >>> 40);   // 24 random bits
          if (bdf) {
            buf.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
          } else {
            buf.putShort((short) v);
          }
        }
        buf.flip();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    }
    System.out.printf(Locale.ROOT, "WROTE %s %d records %.1f MiB%n", file.getFileName(), records,
        Files.size(file) / 1048576.0);
  }

  static void writeGdf(Path file, int seconds) {
    java.util.Random rnd = new java.util.Random(42);
    java.util.List<io.workbench.signal.Channel> chans = new java.util.ArrayList<>();
    for (int c = 0; c < CHANNELS; c++) {
      double[] x = new double[seconds * RATE];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.round(rnd.nextGaussian() * 3000) / 10.0;
      }
      chans.add(new io.workbench.signal.Channel("EEG" + c, "uV", RATE, x));
    }
    Gdf.write(new Recording("bench", chans, java.util.List.of(), java.time.LocalDateTime.of(2020, 1, 1, 0, 0)), file);
    System.out.printf(Locale.ROOT, "WROTE %s %.1f MiB%n", file.getFileName(), fileSize(file) / 1048576.0);
  }

  static long fileSize(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    long t0 = System.nanoTime();
    Recording r = name.endsWith(".bdf") ? Bdf.read(file) : name.endsWith(".gdf") ? Gdf.read(file) : Edf.read(file);
    double t = (System.nanoTime() - t0) / 1e9;
    double sum = 0;
    for (io.workbench.signal.Channel c : r.channels()) {
      for (double v : c.samples()) {
        sum += v;
      }
    }
    System.out.printf(Locale.ROOT, "TIME read %.3f%nSUM %.6e%nRSS %.0f%n", t, sum, peakRssMiB());
  }

  static void windows(Path file, double seconds) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    long t0 = System.nanoTime();
    LazyRecording lazy = name.endsWith(".bdf") ? Bdf.open(file) : Edf.open(file);
    long n = 0;
    double sum = 0;
    for (Window w : lazy.windows(seconds, seconds)) {
      for (int c = 0; c < w.numChannels(); c++) {
        for (float v : w.channel(c)) {
          sum += v;
        }
      }
      n++;
    }
    double t = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "TIME windows %.3f%nWINDOWS %d%nSUM %.6e%nRSS %.0f%nHEAP_MAX_MIB %d%n", t, n, sum,
        peakRssMiB(), Runtime.getRuntime().maxMemory() >> 20);
  }

  /** Peak resident set of this process in MiB (Linux VmHWM), or NaN. */
  static double peakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
