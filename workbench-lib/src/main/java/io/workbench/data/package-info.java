/**
 * Data: tabular, high-dimensional, signal and image datasets with column roles (one target, or several 0/1
 * label columns for multi-label tasks), loading, leakage-free
 * splits, preprocessing fitted on training data only, label-noise injection and seeded generators.
 *
 * <p>Entry points: {@link io.workbench.data.Datasets} (shipped data), {@link io.workbench.data.CsvLoader}
 * (your CSV files), {@link io.workbench.data.Splits} (train/test and k-fold), {@link
 * io.workbench.data.Standardizer}, {@link io.workbench.data.OneHotEncoder}, {@link
 * io.workbench.data.Imputer}, {@link io.workbench.data.LabelNoise} and {@link
 * io.workbench.data.Generators}.
 *
 * <pre>{@code
 * Dataset data = Datasets.breastCancer();
 * Split split = data.split(0.8, 42);            // stratified, seeded
 * Standardizer scaler = Standardizer.fit(split.train());
 * float[][] x = scaler.apply(split.test()).x();
 * }</pre>
 */
package io.workbench.data;
