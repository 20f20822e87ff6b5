/**
 * Data: tabular, high-dimensional, signal and image datasets with column roles (one target, or several 0/1
 * label columns for multi-label tasks), loading, leakage-free splits, preprocessing fitted on training data
 * only, label-noise injection and seeded generators.
 *
 * <p>Entry points: {@link io.workbench.data.Datasets} (shipped data), {@link io.workbench.data.CsvLoader}
 * (your CSV files), {@link io.workbench.data.Dataset} and its {@link io.workbench.data.DatasetBuilder}
 * (roles; {@code select}/{@code drop} columns, {@code rows} rows), {@link io.workbench.data.Splits}
 * (train/test and k-fold), the preprocessing steps {@link io.workbench.data.Imputer}, {@link
 * io.workbench.data.OneHotEncoder}, {@link io.workbench.data.Standardizer} and {@link
 * io.workbench.data.ColumnSelector} (each a {@link io.workbench.data.Step} that fits into a {@link
 * io.workbench.data.Transform}; chain them with {@code io.workbench.model.pipeline.Pipeline}), {@link
 * io.workbench.data.LabelNoise} and {@link io.workbench.data.Generators}.
 *
 * <p>Inside, a {@code Dataset} is a front over a feature store (Tablesaw columns or a float matrix) and
 * labels (classes, values or 0/1 label columns); this package imports no other workbench package.
 *
 * <pre>{@code
 * Dataset data = Datasets.breastCancer();
 * Split split = data.split(0.8, 42);            // stratified, seeded
 * Standardizer scaler = Standardizer.fit(split.train());
 * float[][] x = scaler.apply(split.test()).x();
 * Dataset fewer = data.select("mean radius", "mean texture");
 * }</pre>
 */
package io.workbench.data;
