/**
 * How workbench values show themselves: {@link io.workbench.display.Displayable} values render as HTML
 * (with a text fallback) in notebooks, and as text in JShell. The kernel knows this interface, never the
 * other way round.
 */
package io.workbench.display;
