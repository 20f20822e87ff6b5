/**
 * Progress of long work (training, cross-validation, attribution) through one listener interface, and
 * cooperative cancellation. The kernel turns events into a live progress bar; JShell prints a {@link
 * io.workbench.progress.TextProgressBar}; tests pass {@link io.workbench.progress.ProgressListener#silent()}.
 */
package io.workbench.progress;
