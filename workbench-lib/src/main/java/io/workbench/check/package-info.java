/**
 * Argument checks shared by every entry point: each fails fast with an {@link
 * java.lang.IllegalArgumentException} that names the argument (and the row, column or position), says what
 * was expected and what arrived. It imports nothing of ours, so every package may use it.
 */
package io.workbench.check;
