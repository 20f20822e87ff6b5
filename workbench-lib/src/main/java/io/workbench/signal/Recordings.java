package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a recording file of any supported format, chosen by the file's first bytes (EDF {@code "0       "}, BDF
 * {@code 0xFF "BIOSEMI"}, GDF {@code "GDF "}, BrainVision {@code "Brain Vision Data Exchange Header"}) or, for WFDB
 * headers, by the extension {@code .hea}: EDF/EDF+ (continuous and discontinuous), BDF/BDF+, GDF 1.x and 2.x,
 * BrainVision ({@code .vhdr}) and WFDB records (single and multi-segment).
 *
 * <pre>{@code
 * LazyRecording r = Recordings.open(Path.of("A01T.gdf"));   // GDF, header and events only
 * r.format();                                             // "GDF 1.25"
 * Recording eeg = Recordings.read(Path.of("s01.bdf"));     // everything in memory
 * }</pre>
 */
public final class Recordings {

  private Recordings() {}

  /** Opens a recording: header and annotations now, samples on demand (see {@link LazyRecording}). */
  public static LazyRecording open(Path file) {
    long size = InputFiles.requireRegularFile(file, "Recording file");
    byte[] head = new byte[(int) Math.min(34, size)];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, head.length);
      if (n < head.length) {
        head = java.util.Arrays.copyOf(head, n);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read recording file " + file + ": " + e.getMessage(), e);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (head.length >= 8 && (head[0] & 0xFF) == 0xFF && text.startsWith("BIOSEMI", 1)) {
      return Bdf.open(file);
    }
    if (text.startsWith("0       ")) {
      return Edf.open(file);
    }
    if (text.startsWith("GDF ")) {
      return Gdf.open(file);
    }
    if (text.replace("\uFEFF", "").replace("\u00ef\u00bb\u00bf", "").startsWith("Brain")
        && text.contains("Data Exchange")) {
      return BrainVision.open(file);
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".hea")) {
      return Wfdb.open(file);
    }
    if (name.endsWith(".vhdr")) {
      return BrainVision.open(file);
    }
    throw new IllegalArgumentException("Recording file " + file + " is not a recognised format: its first bytes are '"
        + InputFiles.printable(text.length() > 16 ? text.substring(0, 16) : text) + "'. Supported are EDF/EDF+ and BDF"
        + " (.edf, .bdf), GDF (.gdf), BrainVision (open the .vhdr header) and WFDB (open the .hea header)");
  }

  /** Reads a recording of any supported format into memory. */
  public static Recording read(Path file) {
    return open(file).load();
  }
}
