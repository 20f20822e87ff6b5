/**
 * Biosignals: recordings (channels with their own units and sampling rates, plus annotations) read from
 * PhysioNet WFDB records ({@link io.workbench.signal.Wfdb}, {@link io.workbench.signal.WfdbAnnotations})
 * and EDF/EDF+ files ({@link io.workbench.signal.Edf}, which also writes them); zero-phase Butterworth
 * filters ({@link io.workbench.signal.Filter}), resampling ({@link io.workbench.signal.Resampler}), Welch
 * spectra and band power ({@link io.workbench.signal.Welch}, {@link io.workbench.signal.Spectrum}),
 * windows and event-locked epochs that become signal datasets ({@link io.workbench.signal.Epochs}),
 * R-peak detection ({@link io.workbench.signal.RPeaks}, {@link io.workbench.signal.Beats}), and seeded
 * generators with ground truth ({@link io.workbench.signal.EcgGenerator}, {@link
 * io.workbench.signal.MotorImageryGenerator}, {@link io.workbench.signal.SyntheticSignals}).
 *
 * <pre>{@code
 * Recording ecg = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
 * Beats beats = RPeaks.detect(ecg.channel("MLII"));            // Pan-Tompkins
 * Recording clean = ecg.filter(Filter.bandPass(2, 0.5, 40));    // zero phase
 * Edf.write(clean.withAnnotations(beats.toAnnotations("R")), Path.of("208.edf"));
 *
 * SyntheticSignals mi = MotorImageryGenerator.defaults().seed(1).generate();
 * Dataset d = mi.data();    // sampleShape [9, 384], features "C3@t12", ready for a 1D CNN
 * }</pre>
 */
package io.workbench.signal;
