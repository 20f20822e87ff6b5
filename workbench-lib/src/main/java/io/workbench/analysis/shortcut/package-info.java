/**
 * Shortcut learning: does a model predict for the right reasons? {@link
 * io.workbench.analysis.shortcut.Shortcut} injects a spurious feature that carries the label (a hospital's
 * marker) and breaks it again; {@link io.workbench.analysis.shortcut.ShortcutCheck} measures a model's
 * reliance on a feature (the drop in performance when it is broken at test time, and its share of the
 * attribution mass); {@link io.workbench.analysis.shortcut.MaskOfTruth} scores a model on inputs where only a
 * region of interest is kept, and where only it is removed.
 *
 * <p>These tools train nothing and read attributions that {@code explain} computed, so they live in {@code
 * analysis} rather than {@code eval} ({@code explain} already depends on {@code eval}).
 *
 * <pre>{@code
 * Dataset trainS = Shortcut.inject(train, "marker", 0.95, 1);   // marker = label 95 % of the time
 * Dataset testS = Shortcut.inject(test, "marker", 0.95, 2);
 * ShortcutResult r = ShortcutCheck.create().run(model, testS, "marker", shap);
 * r.drop(); r.attributionShare();
 * MaskResult m = MaskOfTruth.create().run(model, test, roi);
 * }</pre>
 */
package io.workbench.analysis.shortcut;
