/**
 * Randomisation metrics (Quantus' randomisation family): an explanation of a class must depend on the class and on
 * the learned model. {@link io.workbench.analysis.randomisation.RandomLogit} explains another class;
 * {@link io.workbench.analysis.randomisation.ModelRandomisation} scores the parameter-randomisation sanity check of
 * {@code analysis.faithfulness.ParameterRandomization} per row.
 *
 * <pre>{@code
 * double[] r = new RandomLogit().score(in);   // lower = the attribution depends on the class
 * }</pre>
 */
package io.workbench.analysis.randomisation;
