/**
 * How workbench values show themselves: {@link io.workbench.display.Displayable} values render as HTML
 * (with a text fallback) in notebooks, and as text in JShell. The kernel knows this interface, never the
 * other way round. Tables render through {@link io.workbench.display.Tables}, numbers in the one format of
 * {@link io.workbench.display.Numbers}; a result that is one table implements {@link
 * io.workbench.display.Tabular}.
 */
package io.workbench.display;
