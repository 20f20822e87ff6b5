package io.workbench.signal;

/**
 * One annotation of a WFDB annotation file (MIT format): its sample position, its code and mnemonic
 * (for beats {@code N} normal, {@code V} premature ventricular contraction, {@code A} atrial premature,
 * ...), and the subtype, channel, number and auxiliary text fields.
 *
 * <pre>{@code
 * List<WfdbAnnotation> beats = WfdbAnnotations.read(Path.of("100.atr"));
 * beats.get(0).sample();   // 18
 * beats.get(0).label();    // "N"
 * }</pre>
 *
 * @param sample sample number (frame index) from the record start
 * @param code annotation code, 1..49 (see {@link WfdbAnnotations#mnemonic(int)})
 * @param subtype subtype field
 * @param channel channel field
 * @param number number field
 * @param aux auxiliary text (empty when none)
 */
public record WfdbAnnotation(long sample, int code, int subtype, int channel, int number, String aux) {

  /** Checks the fields. */
  public WfdbAnnotation {
    if (sample < 0) {
      throw new IllegalArgumentException("Annotation sample must be >= 0, got " + sample);
    }
    if (code < 1 || code > 49) {
      throw new IllegalArgumentException("Annotation code must be in 1..49, got " + code);
    }
    if (subtype < -128 || subtype > 127 || channel < 0 || channel > 255 || number < -128 || number > 127) {
      throw new IllegalArgumentException(
          "Annotation fields out of range: subtype and number must be in -128..127 and channel in 0..255, got "
              + subtype + ", " + number + ", " + channel);
    }
    aux = aux == null ? "" : aux;
  }

  /** An annotation with only a position and a code (subtype, channel and number 0, no text). */
  public static WfdbAnnotation of(long sample, int code) {
    return new WfdbAnnotation(sample, code, 0, 0, 0, "");
  }

  /** The code's mnemonic, for example {@code "N"} or {@code "V"}. */
  public String label() {
    return WfdbAnnotations.mnemonic(code);
  }

  /** Whether the code marks a beat (QRS complex). */
  public boolean isBeat() {
    return WfdbAnnotations.isBeat(code);
  }
}
