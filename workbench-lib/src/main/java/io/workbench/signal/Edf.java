package io.workbench.signal;

import java.nio.file.Path;

/**
 * Reads and writes EDF and EDF+ files (European Data Format, the standard for EEG and sleep recordings): several
 * signals, each with its own number of samples per data record (so its own sampling rate), stored as 16-bit
 * integers with a linear physical/digital scaling, and EDF+ annotations as time-stamped annotation lists (TAL) in
 * the {@code "EDF Annotations"} signal.
 *
 * <p>Reading accepts EDF and EDF+, continuous (EDF+C) and discontinuous (EDF+D). {@link #open} parses the header and
 * the annotations and reads samples on demand ({@link LazyRecording}); {@link #read} loads everything. In EDF+D each
 * data record's time-keeping annotation gives its start: adjacent records form a continuous piece ({@link
 * LazyRecording#segments()}) and the gaps between pieces are gaps, read as {@code NaN}, never concatenated. Time
 * zero is the start of the first data record (as MNE counts it).
 *
 * <p>Writing produces EDF+C: the physical range of each channel is its minimum and maximum (written in the 8
 * characters EDF allows, rounded outwards), digital values span -32768..32767, so the quantisation step is {@code
 * (max - min) / 65535}; annotations go into an annotation signal.
 *
 * <pre>{@code
 * Recording eeg = Edf.read(Path.of("sleep.edf"));
 * eeg.annotations();                               // EDF+ annotations, onsets in seconds
 * LazyRecording big = Edf.open(Path.of("night.edf"));  // header and annotations only
 * big.segments();                                  // continuous pieces of an EDF+D file
 * Recording hour = big.read(3600, 7200);           // one hour, read from the file
 * Edf.write(recording, Path.of("copy.edf"));       // EDF+C with the recording's annotations
 * }</pre>
 */
public final class Edf {

  /** Label of the EDF+ annotation signal. */
  public static final String ANNOTATIONS_LABEL = "EDF Annotations";

  private Edf() {}

  /**
   * Opens an EDF or EDF+ file: the header and the annotations are read now, the samples when asked for. Fails naming
   * the file and header field when something is malformed (a BDF file is an error that names {@link Bdf#open}).
   */
  public static LazyRecording open(Path file) {
    return EdfReader.open(file, EdfReader.Kind.EDF, false);
  }

  /**
   * Reads an EDF or EDF+ file into memory; fails naming the file and header field when something is malformed. The
   * file must be a regular file; its data records are read in blocks (files over 2 GiB too), and the heap must hold
   * the samples as doubles, or the read fails before allocating them. The gaps of an EDF+D file are {@code NaN}.
   */
  public static Recording read(Path file) {
    return EdfReader.open(file, EdfReader.Kind.EDF, true).load();
  }

  /**
   * Writes a recording as EDF+C. Every channel's sampling rate times the data-record duration (the first of 1, 0.5,
   * 0.25, 0.2, 0.1, 0.05, 0.04, 0.02, 0.01, 2, 5 and 10 s that fits every channel) must be a whole number; channels
   * shorter than the longest are padded with their last value. Labels are at most 16 ASCII characters, units at
   * most 8. A recording without a start time is written with the EDF placeholder 01.01.85 00.00.00; patient and
   * recording fields are EDF+ anonymous ({@code X}). The file is replaced atomically: a failed write (a full disk)
   * leaves a previous file of that name as it was.
   */
  public static Path write(Recording recording, Path file) {
    return EdfWriter.write(recording, file, EdfReader.Kind.EDF);
  }
}
