/**
 * The workbench as an extension of a stock JJava kernel (renderers and progress bars), found by JJava
 * through {@code META-INF/services/org.dflib.jjava.jupyter.Extension}.
 */
package io.workbench.kernel.jjava;
