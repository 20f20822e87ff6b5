/**
 * Progress of long work (training, cross-validation, attribution) through one listener interface, and
 * cooperative cancellation. Loops report through {@link io.workbench.progress.ProgressTask}, which nests inner
 * work (a trainer inside cross-validation) into the outer task's one bar, names the running step, and always
 * ends a bar at 100 % or with "stopped". The kernel turns events into a live progress bar; JShell prints a
 * {@link io.workbench.progress.TextProgressBar}; tests pass {@link io.workbench.progress.ProgressListener#silent()}.
 */
package io.workbench.progress;
