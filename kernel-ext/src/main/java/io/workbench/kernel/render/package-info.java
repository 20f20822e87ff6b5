/**
 * MIME rendering of cell values and {@code display(...)} arguments: tables as HTML, charts and figures as
 * PNG/SVG, workbench {@link io.workbench.display.Displayable} values as HTML with a text fallback.
 */
package io.workbench.kernel.render;
