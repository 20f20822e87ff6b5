/**
 * A seeded mutation fuzzer for every reader and loader of the project, run briefly in {@code mvn verify}
 * ({@link io.workbench.fuzz.FuzzSmokeTest}) and at length by {@code bench/fuzz} ({@link
 * io.workbench.fuzz.FuzzMain}).
 *
 * <p>Each format is a {@link io.workbench.fuzz.FuzzTarget}: valid seed inputs written by the project's own
 * writers, and a method that reads one input laid out in a folder. The {@link io.workbench.fuzz.Mutator} changes
 * seed files (bit flips, byte changes, insertions, deletions, truncations, swapped chunks, numbers replaced by
 * boundary values), deterministically from the run's seed and the execution's index, so any execution can be
 * replayed alone. Every execution ends in one {@link io.workbench.fuzz.Outcome}: a valid result, the documented
 * {@link IllegalArgumentException} whose message names the input's folder, or a bug (anything else, a hang
 * over 5 s, or a JVM death), whose input is saved as a reproducer. Targets that call native code run in child
 * JVMs ({@link io.workbench.fuzz.IsolatedFuzzer}) so that a crash is observed, not suffered.
 *
 * <p><b>Adding a format</b> (GDF, BDF, BrainVision, ...): write a class implementing {@link
 * io.workbench.fuzz.FuzzTarget} (seeds from the new writer, or hand-made files; {@code read} calls the reader
 * and touches the result), name it in {@code src/test/resources/META-INF/services/io.workbench.fuzz.FuzzTarget},
 * and the smoke test and {@code bench/fuzz} pick it up. A bug found becomes a regression test by copying its
 * reproducer folder to {@code src/test/resources/fuzz/<format>/<name>/} ({@link
 * io.workbench.fuzz.FuzzRegressionTest} replays every one).
 */
package io.workbench.fuzz;
