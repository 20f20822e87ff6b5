/**
 * Run options shared by every long operation (trainers, explainers, permutation importance,
 * cross-validation, bootstrap, analysis, label issues): the seed, worker threads, native (PyTorch/XGBoost/OpenMP)
 * threads, rows per model call, where progress goes and how to cancel. One value type, {@link
 * io.workbench.run.RunOptions}, and one builder idiom, {@link io.workbench.run.RunSettings}, so that every
 * operation has the same setters with the same defaults; one worker pool, {@link io.workbench.run.Workers},
 * whose threads tell the engines their share of native threads through {@link io.workbench.run.NativeThreads}.
 */
package io.workbench.run;
