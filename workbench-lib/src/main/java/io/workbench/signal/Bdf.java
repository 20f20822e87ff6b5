package io.workbench.signal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes BDF and BDF+ files (BioSemi's 24-bit variant of EDF): the EDF header with the version byte
 * {@code 0xFF} and {@code "BIOSEMI"}, samples stored as 24-bit integers with the same physical/digital scaling, and
 * BDF+ annotations in a {@code "BDF Annotations"} signal. BioSemi's {@code "Status"} channel is read as its trigger
 * code, the low 16 bits of the stored word, unscaled (bits 16-23 carry the amplifier's status: new epoch, CMS in
 * range, battery, speed mode); {@link #triggers} turns it into annotations.
 *
 * <pre>{@code
 * LazyRecording r = Bdf.open(Path.of("s01.bdf"));        // header only
 * Recording eeg = r.select("Fz", "Cz", "Pz", "Status").read(0, 60);
 * List<Annotation> events = Bdf.triggers(eeg.channel("Status"));   // label "12" at each onset of code 12
 * Bdf.write(recording, Path.of("copy.bdf"));             // BDF+C, step (max - min) / (2^24 - 1)
 * }</pre>
 */
public final class Bdf {

  /** Label of BioSemi's status (trigger) channel. */
  public static final String STATUS = EdfReader.STATUS;
  /** Label of the BDF+ annotation signal. */
  public static final String ANNOTATIONS_LABEL = "BDF Annotations";

  private Bdf() {}

  /** Opens a BDF or BDF+ file: header and annotations now, samples on demand (see {@link LazyRecording}). */
  public static LazyRecording open(Path file) {
    return EdfReader.open(file, EdfReader.Kind.BDF, false);
  }

  /** Reads a BDF or BDF+ file into memory (fails before allocating when the heap cannot hold the samples). */
  public static Recording read(Path file) {
    return EdfReader.open(file, EdfReader.Kind.BDF, true).load();
  }

  /**
   * Writes a recording as BDF+C: as {@link Edf#write}, with 24-bit samples (the quantisation step of a channel is
   * {@code (max - min) / 16777215}) and the annotations in a {@code "BDF Annotations"} signal. A channel named
   * {@code "Status"} is written as trigger codes (whole numbers 0..65535, stored as they are).
   */
  public static Path write(Recording recording, Path file) {
    return EdfWriter.write(recording, file, EdfReader.Kind.BDF);
  }

  /**
   * The events of a trigger channel: one annotation wherever the code changes to a non-zero value, labelled with the
   * code ({@code "12"}) and lasting until the code changes again (MNE's {@code find_events(raw, consecutive=True,
   * shortest_event=1)} finds the same onsets).
   */
  public static List<Annotation> triggers(Channel status) {
    double[] v = status.view();
    double fs = status.samplingRate();
    List<Annotation> out = new ArrayList<>();
    int k = 0;
    while (k < v.length) {
      double code = v[k];
      int end = k + 1;
      while (end < v.length && v[end] == code) {
        end++;
      }
      boolean change = k == 0 ? code != 0 : code != v[k - 1];
      if (change && code != 0 && !Double.isNaN(code)) {
        out.add(new Annotation(k / fs, (end - k) / fs, codeLabel(code)));
      }
      k = end;
    }
    return out;
  }

  private static String codeLabel(double code) {
    return code == Math.rint(code) && Math.abs(code) < 1e15 ? Long.toString((long) code) : Double.toString(code);
  }
}
