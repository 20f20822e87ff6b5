/**
 * Charts made with XChart, headless: every chart is a {@link io.workbench.plot.Figure} that renders to
 * PNG and SVG at a chosen size and DPI and that the kernel displays inline.
 */
package io.workbench.plot;
