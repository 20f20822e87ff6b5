package io.workbench.signal;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes GDF files (the General Data Format for biosignals, versions 1.x and 2.x: BCI Competition IV 2a and
 * 2b, biosig's native format). A GDF file holds channels of any integer or floating-point type with a linear scaling
 * per channel, in data records, then an event table: per event a type code, a position, a channel (0 for all) and
 * a duration. Events become annotations labelled with their type code ({@code "769"}, the BCI IV cue "left hand"),
 * or with the description GDF 2 gives a user-specific code in its header 3; channels of sparse samples (no samples
 * in the data records) are left out, and so are their sample events (type 0x7fff).
 *
 * <pre>{@code
 * LazyRecording a01 = Gdf.open(Path.of("A01T.gdf"));     // header and events only
 * a01.annotations();                                       // 769..772 cues, 1023 rejected trials, 32766 new run
 * List<Gdf.Event> ev = Gdf.events(Path.of("A01T.gdf"));   // with channel and duration in samples
 * Recording all = Gdf.read(Path.of("A01T.gdf"));
 * Gdf.write(recording, Path.of("mini.gdf"));              // GDF 2.20, int16, annotations with numeric labels
 * }</pre>
 */
public final class Gdf {

  private Gdf() {}

  /**
   * One entry of a GDF event table.
   *
   * @param type the event code (for example 768 trial start, 769-772 cues, 1023 rejected trial, 32766 new run)
   * @param position the first sample at the event table's rate, counted from 0
   * @param channel the channel it concerns, counted from 1, or 0 for all channels
   * @param duration samples at the event table's rate (0 when the table stores none)
   * @param onset seconds from the start of the recording
   * @param durationSeconds seconds
   * @param label the annotation label: the code's description from the file, or the code
   */
  public record Event(int type, long position, int channel, long duration, double onset, double durationSeconds,
      String label) {}

  /** Opens a GDF file: header and events now, samples on demand (see {@link LazyRecording}). */
  public static LazyRecording open(Path file) {
    return GdfReader.open(file).recording();
  }

  /** Reads a GDF file into memory (fails before allocating when the heap cannot hold the samples). */
  public static Recording read(Path file) {
    return open(file).load();
  }

  /** The event table of a GDF file, in file order. */
  public static List<Event> events(Path file) {
    return GdfReader.open(file).events();
  }

  /**
   * Writes a recording as GDF 2.20: 16-bit samples scaled from each channel's minimum and maximum (stored exactly as
   * 64-bit numbers, so the quantisation step is {@code (max - min) / 65535}), units as GDF codes where they have one
   * ({@code uV}, {@code mV}, {@code V}, ...), and the annotations as an event table (mode 3, rate the fastest
   * channel's): every label must be an event code, a whole number 1..65535; onsets and durations are rounded to
   * that rate's samples. Channel rates must share a record duration as for {@link Edf#write}. The
   * file is replaced atomically.
   */
  public static Path write(Recording recording, Path file) {
    return GdfWriter.write(recording, file);
  }
}
