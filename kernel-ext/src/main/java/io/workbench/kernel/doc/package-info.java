/**
 * Javadoc in the notebook: what shift-tab ({@code inspect_request}) shows. {@link
 * io.workbench.kernel.doc.JavadocIndex} is built from the workbench sources when the kernel is built (a compact
 * JSON resource, read on the first inspection, never at start-up); JDK classes are documented from
 * {@code $JAVA_HOME/lib/src.zip} when the JDK ships it; {@link io.workbench.kernel.doc.Inspector} turns either into
 * the first sentence, the parameters, what is returned and an example.
 */
package io.workbench.kernel.doc;
