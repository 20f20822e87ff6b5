/**
 * Charts, headless: every chart is a {@link io.workbench.plot.Figure} that renders to PNG at a chosen size
 * and DPI and to SVG (with titles, labels and legends as searchable {@code <text>}), and that the kernel
 * displays inline. {@link io.workbench.plot.Charts} builds each chart type from plain arrays (and
 * {@link io.workbench.plot.Curve} records), sized and labelled by {@link io.workbench.plot.ChartOptions};
 * {@link io.workbench.plot.Theme} holds the one look (fonts, Okabe-Ito, diverging and sequential
 * palettes). XChart draws the axes charts; {@link io.workbench.plot.StackFigure} lays several panels into
 * one image and {@link io.workbench.plot.CanvasFigure} draws what XChart cannot (images, image grids with
 * captions that never overlap) with Java2D. Charts take arrays, never result types: the one-call
 * conveniences live on the results ({@code attribution.beeswarm()}, {@code Attribution.imageGrid(...)}).
 */
package io.workbench.plot;
