package io.workbench.signal.corpus;

/**
 * One training window of the TUH Abnormal EEG corpus ({@link Tuab#windows}): the common channels, cropped and
 * resampled, with the recording's label and patient.
 *
 * @param file the EDF file it comes from
 * @param patient the TUH subject id (the file name's first part)
 * @param label 0 normal, 1 abnormal ({@link Tuab#CLASSES})
 * @param onset seconds from the start of the recording
 * @param data {@code [channel][sample]} in the order of {@link Tuab#CHANNELS}, microvolts
 */
public record TuabWindow(String file, String patient, int label, double onset, float[][] data) {}
