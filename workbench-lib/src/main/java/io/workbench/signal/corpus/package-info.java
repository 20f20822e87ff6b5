/**
 * The standard biosignal corpora in the folder layouts researchers download them in, one call each, over the
 * readers of {@link io.workbench.signal}: {@link io.workbench.signal.corpus.PtbXl} (12-lead ECG, WFDB, SCP
 * statements, official folds), {@link io.workbench.signal.corpus.MitBih} (MIT-BIH Arrhythmia beats in the AAMI
 * classes, de Chazal's inter-patient split, RR features), {@link io.workbench.signal.corpus.BciIv2a} (BCI
 * Competition IV 2a motor imagery trials from GDF) and {@link io.workbench.signal.corpus.Tuab} (TUH Abnormal EEG,
 * lazy windows). Each checks the layout when opened and fails naming the missing or malformed file, row or column;
 * nothing is downloaded. Each also writes a miniature of its layout ({@code writeMiniature(dir, seed)}) from the
 * workbench's generators or shipped samples, for tests and tutorials.
 *
 * <pre>{@code
 * PtbXl ptb = PtbXl.open(PtbXl.writeMiniature(Files.createTempDirectory("ptbxl"), 42));
 * Dataset ecg = ptb.dataset(PtbXl.LabelSet.SUPERDIAGNOSTIC, 100);
 * PtbXl.Folds folds = PtbXl.folds(ecg);
 * BciIv2a.Trials t = BciIv2a.open(dir).trials(1, "T", Filter.bandPass(4, 4, 38));
 * }</pre>
 */
package io.workbench.signal.corpus;
