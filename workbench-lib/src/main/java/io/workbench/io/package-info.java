/**
 * Safe file input and output shared by every reader, writer and model saver: {@link
 * io.workbench.io.AtomicFiles} (a file or a whole model directory is replaced atomically, so a crash or a
 * full disk never leaves a half-written file where a valid one stood), {@link io.workbench.io.InputFiles}
 * (a file named by a user or by another file is a regular file of bounded size, inside the folder it must
 * stay in) and {@link io.workbench.io.CheckedJson} (fields of a JSON description read with their types
 * checked, failing with the file and the field).
 *
 * <p>This package depends on no other workbench package, so {@code data}, {@code signal}, {@code model}
 * and {@code plot} may all use it.
 */
package io.workbench.io;
