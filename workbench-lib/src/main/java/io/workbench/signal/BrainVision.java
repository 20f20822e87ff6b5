package io.workbench.signal;

import java.nio.file.Path;

/**
 * Reads and writes BrainVision recordings (Brain Products' exchange format, one of the EEG formats of BIDS): a text
 * header ({@code .vhdr}) naming a binary data file ({@code .eeg}) and a marker file ({@code .vmrk}). Data may be
 * multiplexed (sample after sample) or vectorised (channel after channel), stored as int16, uint16, int32, float32 or
 * float64; each channel's value is the stored number times its resolution, in its unit (µV when the header names
 * none). Markers become annotations labelled {@code "Type/Description"} ({@code "Stimulus/S  1"}, as MNE labels
 * them; a marker without a type is labelled with its description), at {@code (position - 1) / rate} seconds,
 * lasting {@code points / rate} seconds when a marker spans more than one point (0 for a single point). The start
 * time is the date of the first "New Segment" marker. The data and marker files must lie in the header's folder.
 *
 * <pre>{@code
 * LazyRecording r = BrainVision.open(Path.of("sub-01_task-rest_eeg.vhdr"));
 * r.annotations();                            // Stimulus/S  1, ...
 * Recording eeg = BrainVision.read(Path.of("sub-01_task-rest_eeg.vhdr"));
 * BrainVision.write(eeg, Path.of("copy.vhdr"));   // copy.vhdr, copy.vmrk, copy.eeg (float32, multiplexed)
 * }</pre>
 */
public final class BrainVision {

  private BrainVision() {}

  /** Opens a recording by its {@code .vhdr} header: header and markers now, samples on demand. */
  public static LazyRecording open(Path vhdr) {
    return BrainVisionReader.open(vhdr);
  }

  /** Reads a recording by its {@code .vhdr} header into memory. */
  public static Recording read(Path vhdr) {
    return open(vhdr).load();
  }

  /**
   * Writes a recording as BrainVision 1.0 beside {@code vhdr} (which must end in {@code .vhdr}): the data as
   * multiplexed float32 in {@code <name>.eeg} (resolution 1, so values keep float precision), the annotations as
   * markers in {@code <name>.vmrk} (a label {@code "Type/Description"} is split at its first slash; positions and
   * lengths rounded to samples), preceded by a "New Segment" marker with the start time when the recording has one.
   * All channels must share one sampling rate and length. Each file is replaced atomically, the header last.
   */
  public static Path write(Recording recording, Path vhdr) {
    return BrainVisionWriter.write(recording, vhdr);
  }
}
