package io.workbench.labels;

/**
 * One row flagged as a likely label error.
 *
 * <pre>{@code
 * for (LabelIssue i : report.issues()) {
 *   System.out.println(i.row() + ": " + i.givenName() + " -> " + i.suggestedName() + " q=" + i.quality());
 * }
 * }</pre>
 *
 * @param row index of the row in the dataset (or probability matrix)
 * @param given the given class index
 * @param givenName the given class name
 * @param suggested the predicted class index (argmax of the out-of-fold probabilities)
 * @param suggestedName the predicted class name
 * @param quality the label-quality score of the given label (lower is worse)
 */
public record LabelIssue(int row, int given, String givenName, int suggested, String suggestedName, double quality) {}
