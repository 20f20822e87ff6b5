/**
 * Small statistics shared by the whole library: means and standard deviations, R<sup>2</sup>, ranks,
 * Pearson and Spearman correlation, orderings, quantiles, the distribution functions of the statistical
 * tests, seeded sampling of row indices, and seeded k-means. One implementation of each, used by {@code eval},
 * {@code analysis}, {@code explain} and {@code plot}; it imports nothing of ours.
 */
package io.workbench.stats;
